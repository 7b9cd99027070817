#!/usr/bin/env bash
# Launch of natsguard serve to its first ready answer (GET /q/health/ready = 200 over HTTPS), for
# JDK 17 and JDK 25, each plain and with the start-up cache bin/natsguard makes (AppCDS on 17, AOT
# cache on 25), interleaved round by round so that all four see the same machine; medians at the end.
# The server runs as in the manifests (-XX:MaxRAM=256m). Needs a built webhook
# (mvn -B package -DskipTests), curl, and both JDKs.
# usage: bench/webhook-start.sh [ROUNDS] [JDK17_HOME] [JDK25_HOME]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-10}"
jdk17="${2:-/usr/lib/jvm/java-17-openjdk-amd64}"
jdk25="${3:-$(ls -d /usr/lib/jvm/temurin-25* | head -1)}"
tls=webhook/src/test/resources/tls
port=18951
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
export NATSGUARD_CACHE_DIR="$cache" NATSGUARD_JAVA_OPTS="-XX:MaxRAM=256m"

# Prints the milliseconds from launch to the first ready answer, then stops the server by its PID.
ready_ms() {
  local start end pid
  start=$(date +%s%N)
  bin/natsguard serve --port "$port" --tls-cert "$tls/tls.crt" --tls-key "$tls/tls.key" > /dev/null 2>&1 &
  pid=$!
  until [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/q/health/ready" 2>/dev/null)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "natsguard serve exited before it was ready" >&2; exit 1; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

variants=("jdk17-plain $jdk17 1" "jdk17-appcds $jdk17 0" "jdk25-plain $jdk25 1" "jdk25-aot $jdk25 0")
# The caches are made once, before the timed rounds (their training is not a start).
for v in "${variants[@]}"; do
  read -r name home nocache <<< "$v"
  [ "$nocache" = 0 ] && NATSGUARD_JAVA_HOME="$home" NATSGUARD_NO_CACHE=0 ready_ms > /dev/null
done
declare -A times
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for v in "${variants[@]}"; do
    read -r name home nocache <<< "$v"
    ms="$(NATSGUARD_JAVA_HOME="$home" NATSGUARD_NO_CACHE="$nocache" ready_ms)"
    times[$name]+="$ms "
    line+=" $name $ms"
  done
  echo "$line"
done
echo "== median ms from launch to ready, $rounds rounds"
for v in "${variants[@]}"; do
  read -r name _ _ <<< "$v"
  echo "$name $(tr ' ' '\n' <<< "${times[$name]}" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
done
