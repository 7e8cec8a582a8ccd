#!/usr/bin/env bash
# The build names its sources one by one (no glob, issue 17): this fails when a
# file was added to the tree but not to its CMakeLists.txt, so it would be
# neither built nor tested. Every .cpp under core/ replay/ app/ tests/ bench/
# must be compiled (compile_commands.json), and every scenario script must be
# recorded by the `recordings` target (build.ninja).
#   check_sources_listed.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$(cd "$1" && pwd -P)"
build="$(cd "$2" && pwd -P)"
db="$build/compile_commands.json"
[ -f "$db" ] || { echo "check_sources_listed: no $db (CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 1; }
[ -f "$build/build.ninja" ] || { echo "check_sources_listed: $build has no build.ninja (Ninja generator needed)"; exit 1; }
bad=0
checked=0
while IFS= read -r f; do
  checked=$((checked + 1))
  if ! grep -qF "\"file\": \"$f\"" "$db"; then
    echo "FAIL: ${f#"$src"/} is not built: add it to the list in $(dirname "${f#"$src"/}" | cut -d/ -f1)/CMakeLists.txt"
    bad=1
  fi
done < <(cd "$src" && find core replay app tests bench -name '*.cpp' | LC_ALL=C sort | sed "s|^|$src/|")
while IFS= read -r f; do
  checked=$((checked + 1))
  if ! grep -qF "$f" "$build/build.ninja"; then
    echo "FAIL: ${f#"$src"/} is not recorded: add its name to RADEAU_SCENARIOS in CMakeLists.txt"
    bad=1
  fi
done < <(cd "$src" && find recordings/scenarios -name '*.radeau-script' | LC_ALL=C sort | sed "s|^|$src/|")
echo "files checked: $checked"
exit $bad
