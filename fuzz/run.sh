#!/usr/bin/env bash
# Builds the fuzz targets in build-fuzz (clang-14, ASan+UBSan+libFuzzer) and
# runs each for SECONDS (default 30: the five runs take 2.5 minutes, within
# the 5 minutes CI gives them on 2 cores) over a writable copy of its seeds, deterministically
# (-seed=1). A crash, hang or leak fails with the input printed in base64 and
# kept in build-fuzz/artifacts/. Called by `./build.sh fuzz [SECONDS]`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DRADEAU_FUZZ=ON >/dev/null
targets=(script talk recording recording-act wire)
cmake --build build-fuzz --parallel "$(nproc)" --target "${targets[@]/#/fuzz-}"

# The seeds: real files of the repository, never copied into it.
seeds() {
  shopt -s nullglob globstar
  case "$1" in
    script) printf '%s\n' recordings/scenarios/*.radeau-script tests/data/**/*.radeau-script ;;
    talk) printf '%s\n' recordings/*.radeau-talk tests/data/**/*.radeau-talk ;;
    recording | recording-act) printf '%s\n' recordings/*.radeau tests/data/**/*.radeau ;;
    wire) ;;  # fuzz-wire writes its own seeds with the real encoder (RADEAU_FUZZ_WIRE_SEEDS)
  esac
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer-14 || true)"
export QT_QPA_PLATFORM=offscreen
artifacts="$PWD/build-fuzz/artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for t in "${targets[@]}"; do
  corpus="$work/$t"
  mkdir -p "$corpus"
  while IFS= read -r f; do [ -n "$f" ] && cp "$f" "$corpus/"; done < <(seeds "$t")
  [ "$t" = wire ] && RADEAU_FUZZ_WIRE_SEEDS="$corpus" build-fuzz/bin/fuzz-wire -runs=0 >/dev/null 2>&1
  echo "== fuzz-$t: ${seconds}s from $(ls "$corpus" | wc -l) seeds"
  log="$work/$t.log"
  if build-fuzz/bin/fuzz-"$t" -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$corpus" >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|^#[0-9]+.*DONE' "$log" | tr '\n' ' '
    echo "corpus $(ls "$corpus" | wc -l) files"
  else
    failed=1
    echo "fuzz-$t FAILED:"
    grep -v '^#[0-9]' "$log" | tail -60
    for a in $(grep -oE "$artifacts/$t-[a-z-]+[0-9a-f]+" "$log" | sort -u); do
      echo "input $a (base64):"
      base64 "$a"
    done
  fi
done
exit "$failed"
