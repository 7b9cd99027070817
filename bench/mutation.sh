#!/usr/bin/env bash
# Mutation testing (PIT) of the plain-Java core: conf, model, rule, policy, report. Too slow for
# every CI run; run by hand, then record the scores in docs/quality.md. Prints the score per
# package from PIT's CSV (core/target/pit-reports/mutations.csv; the HTML report is beside it).
# usage: bench/mutation.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
start=$(date +%s)
mvn -B -q -pl core test-compile org.pitest:pitest-maven:mutationCoverage -DskipFuzz
echo "== PIT took $(( $(date +%s) - start )) s"
# CSV columns: file, class, mutator, method, line, status, killing test
awk -F, '{
  split($2, parts, "."); pkg = parts[1]; for (i = 2; i < length(parts); i++) pkg = pkg "." parts[i]
  total[pkg]++; if ($6 == "KILLED" || $6 == "TIMED_OUT" || $6 == "MEMORY_ERROR") killed[pkg]++
  if ($6 == "NO_COVERAGE") uncovered[pkg]++
} END {
  printf "%-28s %8s %8s %8s %7s\n", "package", "mutants", "killed", "no-cov", "score"
  for (p in total) printf "%-28s %8d %8d %8d %6.1f%%\n", p, total[p], killed[p], uncovered[p], 100 * killed[p] / total[p]
}' core/target/pit-reports/mutations.csv | sort
