#!/usr/bin/env bash
# One-file lint (the pre-commit case, dominated by the start) of several builds, interleaved round
# by round so that all see the same machine (bench/lint-interleaved.sh on
# examples/bad/single-service-route.yaml). The JDK is the launcher's choice; NATSGUARD_JAVA_HOME
# picks another for all.
# usage: bench/lint-start.sh RUNS LAUNCHER...   e.g. bench/lint-start.sh 40 ../other/bin/natsguard bin/natsguard
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:?usage: bench/lint-start.sh RUNS LAUNCHER...}"
shift
exec bench/lint-interleaved.sh "$runs" examples/bad/single-service-route.yaml "$@"
