#!/usr/bin/env bash
# Parse of the generated 4.5 MB config (bench/generate-big-config.sh) by natsguard and by two
# nats-server releases, interleaved round by round so that all see the same machine (a shared
# one's load moves under a run of one command after the other):
#   bin/natsguard parse FILE            (the built CLI, as users run it; prints the typed tree)
#   nats-server v2.14.10 -t -c FILE     (the release the parser follows, built by .ci/peers)
#   nats-server 2.9.10 -t -c FILE       (Debian's /usr/sbin/nats-server)
# Each runs once untimed first (natsguard makes its start-up cache). Prints each one's median wall
# time, its ratio to natsguard's, and the median CPU time (user + system), which a busy machine
# disturbs less than the wall clock; and each command's exit status (a check must pass).
# Needs: a built natsguard (mvn -B package -pl cli -am -DskipTests), .ci/peers, apt-get install nats-server.
# usage: bench/parse-big-interleaved.sh [RUNS]   (default 20)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-20}"
peers="${NATSGUARD_PEERS:-$HOME/.cache/natsguard/peers}"
newest="$peers/nats-server-v2.14.10/nats-server"
debian=/usr/sbin/nats-server
[ -f cli/target/quarkus-app/quarkus-run.jar ] || { echo "build first: mvn -B package -pl cli -am -DskipTests" >&2; exit 2; }
[ -x "$newest" ] || { echo "$newest is missing: run .ci/peers" >&2; exit 2; }
[ -x "$debian" ] || { echo "$debian is missing: apt-get install nats-server" >&2; exit 2; }
bench/generate-big-config.sh target/big.conf
echo "file: target/big.conf, $(wc -c < target/big.conf) bytes; $runs rounds; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$runs" "bin/natsguard parse target/big.conf" "$newest -t -c target/big.conf" "$debian -t -c target/big.conf" <<'PY'
import os, statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:]
status = {}
for command in commands:  # untimed: start-up caches, page cache
    status[command] = subprocess.run(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
times = {command: [] for command in commands}
cpu = {command: [] for command in commands}
for _ in range(runs):
    for command in commands:
        before = os.times()
        start = time.monotonic()
        subprocess.run(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[command].append((time.monotonic() - start) * 1000)
        after = os.times()
        cpu[command].append((after.children_user - before.children_user + after.children_system - before.children_system) * 1000)
first = statistics.median(times[commands[0]])
first_cpu = statistics.median(cpu[commands[0]])
for command in commands:
    median, median_cpu = statistics.median(times[command]), statistics.median(cpu[command])
    print(f"{command}: exit {status[command]}; median {median:.0f} ms (min {min(times[command]):.0f}, "
          f"max {max(times[command]):.0f}), natsguard / this {first / median:.2f}; "
          f"CPU {median_cpu:.0f} ms, natsguard / this {first_cpu / median_cpu:.2f}")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
