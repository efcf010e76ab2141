#!/usr/bin/env bash
# Runs every benchmark program and keeps its JSON: bench/run_all.sh BIN_DIR OUT_DIR
# The figures in docs/BENCHMARKS.md come from these files. Run on a quiet machine.
# bench/runtime's programs (bench_round_overhead, bench_many_agents, bench_real_fleet) start the
# cleave-cloud and cleave-agent built in BIN_DIR, so build those too; each takes up to ~3 min.
set -euo pipefail
bin=${1:?usage: run_all.sh BIN_DIR OUT_DIR}
out=${2:?usage: run_all.sh BIN_DIR OUT_DIR}
mkdir -p "$out"
for b in "$bin"/bench_*; do
  [[ -x "$b" ]] || continue
  name=$(basename "$b")
  echo "== $name" >&2
  "$b" > "$out/$name.json"
done
echo "results in $out" >&2
