#!/usr/bin/env bash
# JMH: in-process parse throughput over the nats-conf corpus and over a generated ~4 MB config.
# usage: bench/parse-throughput.sh [more JMH options]
# Prints JMH's table; the "bytes" rows are bytes parsed per second (divide by 10^6 for MB/s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q package -DskipTests -pl bench/jmh -am   # core, then the benchmarks
bench/generate-big-config.sh target/big.conf
java -jar bench/jmh/target/benchmarks.jar ParseBenchmark \
  -p corpus=../shared/corpus/nats-conf -p bigConfig=target/big.conf \
  -f 1 -wi 3 -w 3s -i 5 -r 3s -rf json -rff target/jmh-parse.json "$@"
