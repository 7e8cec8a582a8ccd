#!/usr/bin/env bash
# "A build leaves git status clean": no rule that the default build (`all`)
# runs may write into the source tree. Reads the build's own graph (ninja
# -t targets / inputs), so it holds on any checkout, edited or not. The
# explicit `recordings` target (which updates the committed recordings) and
# the translations' lupdate are allowed to: they are not part of `all`.
#   check_build_outputs.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$(cd "$1" && pwd -P)"
build="$(cd "$2" && pwd -P)"
cd "$build"
[ -f build.ninja ] || { echo "check_build_outputs: $build has no build.ninja (Ninja generator needed)"; exit 1; }
# Every output of a real rule, as an absolute path.
mapfile -t outputs < <(ninja -t targets all | awk -F': ' '$2 != "phony" { print $1 }' |
                       while read -r p; do case "$p" in /*) echo "$p" ;; *) echo "$build/$p" ;; esac; done)
in_source=()
for p in "${outputs[@]}"; do
  case "$p" in "$build"/*) ;; "$src"/*) in_source+=("$p") ;; esac
done
echo "outputs of build rules: ${#outputs[@]}; in the source tree: ${#in_source[@]} (explicit targets only)"
# Every command `all` runs, transitively; a rule names its output in its command.
commands="$(ninja -t commands all)"
bad=0
for p in "${in_source[@]}"; do
  if grep -qF "$p" <<<"$commands"; then
    echo "FAIL: the default build writes $p into the source tree"
    bad=1
  fi
done
# The update commands that do write there must exist and stay out of `all`.
targets="$(ninja -t targets all)"
grep -q '^recordings: phony' <<<"$targets" || { echo "FAIL: no 'recordings' target to update the committed recordings"; bad=1; }
exit $bad
