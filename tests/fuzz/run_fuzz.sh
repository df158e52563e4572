#!/usr/bin/env bash
# The longer fuzz run (issue 7); ./tracker.sh test only runs the short smoke
# run (ctest -L fuzz). Usage, from anywhere:
#
#   tests/fuzz/run_fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 300; TARGETs default to every target in
# tests/fuzz/CMakeLists.txt (its list is the one source of names and
# -max_len values). Builds build-fuzz first if needed (clang, ASan + UBSan,
# only the fuzz targets, -j1 unless JOBS is set), then runs one target at a
# time in one process (no -jobs/-workers: the machine has 2 cores). New
# inputs and any crash go to a scratch directory (FUZZ_WORK, default
# /tmp/tracker-fuzz-YYYYmmdd-HHMMSS/<target>/{corpus,artifacts}), never into
# tests/fuzz/corpus. Prints, per target, executions, execs/s, coverage
# (cov: edges, ft: features), corpus size and the verdict, and whether each
# known finding (corpus/<target>/crash-*, replayed first and kept out of
# the seeds) still fails; exits 1 when any target found something new.
#
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1"
# to keep going after a finding (one worker process; every crash is saved).
#
# After a run: reproduce a finding with `build-fuzz/tests/fuzz/<target> FILE`;
# once understood, keep it as tests/fuzz/corpus/<target>/crash-<what> (the
# smoke run fails until the fix), then rename it regression-<what>. To fold
# new coverage into the seeds (keeping them small):
#   build-fuzz/tests/fuzz/<target> -merge=1 tests/fuzz/corpus/<target> SCRATCH/<target>/corpus
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-300}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}
work=${FUZZ_WORK:-/tmp/tracker-fuzz-$(date +%Y%m%d-%H%M%S)}

# "name|runs|max_len|library" entries from the CMake list.
mapfile -t entries < <(grep -oE '"fuzz_[a-z0-9_]+\|[0-9]+\|[0-9]+\|[a-z_]+"' tests/fuzz/CMakeLists.txt | tr -d '"')
declare -A max_len
all=()
for e in "${entries[@]}"; do
  IFS='|' read -r name _ len _ <<<"$e"
  max_len[$name]=$len
  all+=("$name")
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "unknown target $t (known: ${all[*]})" >&2; exit 2; }
done

if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBUILD_TESTING=ON -DTRACKER_FUZZ=ON -DTRACKER_SANITIZE=ON >/dev/null
fi
cmake --build "$build" --target fuzz_targets -j"${JOBS:-1}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}

echo "fuzzing ${#targets[@]} target(s) for ${seconds} s each; scratch: $work"
summary=()
found=0
for t in "${targets[@]}"; do
  dir="$work/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/seeds"
  # Known findings (corpus/<target>/crash-*) are replayed on their own and
  # left out of the seeds, so that the run does not stop at the first one.
  known=""
  for f in "tests/fuzz/corpus/$t"/*; do
    case "$(basename "$f")" in
      crash-*)
        if "$build/tests/fuzz/$t" "$f" >"$dir/$(basename "$f").log" 2>&1; then
          known+=" $(basename "$f"):fixed"
        else
          known+=" $(basename "$f"):still-fails"
        fi
        ;;
      *) cp "$f" "$dir/seeds/" ;;
    esac
  done
  status=0
  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" ${FUZZ_FLAGS:-} \
    "$dir/corpus" "$dir/seeds" >"$dir/log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$dir/log" | tail -n 1 || true)
  # The final stats, or (with -fork) the last status line "#N: cov: … exec/s N".
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#')
  [ -n "$rate" ] || rate=$(grep -oE 'exec/s:? [0-9]+' <<<"$last" | grep -oE '[0-9]+$')
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | tail -n 1 | cut -d' ' -f2)
  corp=$(grep -oE 'corp: [0-9]+(/[0-9]+[a-zA-Z]*)?' <<<"$last" | tail -n 1 | cut -d' ' -f2)
  new=$(find "$dir/corpus" -type f | wc -l)
  verdict=ok
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$dir/artifacts")" ]; then
    verdict="FOUND (exit $status): $(ls "$dir/artifacts" | tr '\n' ' ')"
    found=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|==fuzz==)|runtime error' "$dir/log" | head -n 5 || true
  fi
  line=$(printf '%-20s %10s execs %7s/s  cov %5s  ft %6s  corpus %-10s new %5s  %s' \
    "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$new" "$verdict")
  [ -n "$known" ] && line+="  known:$known"
  echo "$line"
  summary+=("$line")
done

echo
echo "== fuzz run: ${seconds} s per target, logs and findings in $work"
printf '%s\n' "${summary[@]}"
exit "$found"
