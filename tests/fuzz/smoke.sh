#!/usr/bin/env bash
# One fuzz smoke run, as CTest runs it (tests/fuzz/CMakeLists.txt):
#   smoke.sh FUZZER SEED_DIR WORK_DIR RUNS MAX_LEN
# Starts from an empty WORK_DIR/new (where libFuzzer writes what it finds)
# and the seeds, read only; crash, leak and timeout files land in
# WORK_DIR/artifacts. tests/fuzz/corpus is never written. FUZZ_SEED=N
# repeats a run exactly (libFuzzer's -seed; 0, the default, picks one and
# prints it).
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 runs=$4 max_len=$5
rm -rf "$work"
mkdir -p "$work/new" "$work/artifacts"
start=$(date +%s%N)
status=0
"$fuzzer" -seed="${FUZZ_SEED:-0}" -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/new" "$seeds" >"$work/log" 2>&1 || status=$?
end=$(date +%s%N)
grep -E '^(INFO: Seed:|#[0-9]+ *(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
ms=$(((end - start) / 1000000))
printf 'fuzz smoke: %s: %s runs in %d.%01d s, %s new inputs, exit %s\n' "$(basename "$fuzzer")" "$runs" \
  $((ms / 1000)) $((ms % 1000 / 100)) "$(find "$work/new" -type f | wc -l)" "$status"
if [ "$status" -ne 0 ]; then
  tail -n 80 "$work/log"
  echo "reproducer(s):"
  ls -l "$work/artifacts"
  echo "re-run one with: $fuzzer <file>"
fi
exit "$status"
