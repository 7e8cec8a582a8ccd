#!/bin/sh
# test-package (issue 17): what a teacher installing Radeau gets. Installs the
# build into a temporary prefix and runs the installed programs from a folder
# without the sources, validates the desktop entry, the AppStream metainfo and
# the file types, then builds the .deb with CPack, lists it and runs the
# programs unpacked from it. Usage: check_package.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-package: $*" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp/run"
mkdir -m 700 "$tmp/run"

# 1. cmake --install: the programs find their data beside them.
p=$tmp/prefix
cmake --install "$build" --prefix "$p" >/dev/null || fail "cmake --install failed"
cd "$tmp"
for prog in radeau-cli radeau-node radeau; do
  out=$("$p/bin/$prog" --version) || fail "$prog --version failed"
  echo "$out" | grep -Eq "^(radeau-cli|radeau-node|Radeau) [0-9]+\.[0-9]+\.[0-9]+$" || fail "$prog --version printed '$out'"
done
data=$p/share/radeau/recordings
[ -f "$data/talk.radeau-talk" ] || fail "the talk is not installed"
ls "$data"/*.radeau >/dev/null || fail "no prepared recording installed"
"$p/bin/radeau-cli" run "$data/scenarios/03a-write-on-leader-replicated.radeau-script" --check >/dev/null ||
  fail "radeau-cli run on an installed scenario failed"
"$p/bin/radeau-cli" verify "$data/01a-one-node-write.radeau" >/dev/null || fail "an installed recording does not verify"
"$p/bin/radeau-cli" chapters | grep -q "$data/scenarios/01a-one-node-write.radeau-script" ||
  fail "radeau-cli chapters does not point at the installed scenarios"
for page in radeau radeau-cli radeau-node; do
  [ -f "$p/share/man/man1/$page.1" ] || fail "no manual page for $page"
  if grep -q "@" "$p/share/man/man1/$page.1"; then fail "$page.1 has an unconfigured @VARIABLE@"; fi
done

# 2. The desktop: entry, metainfo, icon, file types.
desktop=$p/share/applications/org.radeau.Radeau.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate refused $desktop"
grep -q "^Exec=radeau --talk $p/share/radeau/recordings/talk.radeau-talk$" "$desktop" ||
  grep -q "^Exec=radeau --talk .*/share/radeau/recordings/talk.radeau-talk$" "$desktop" || fail "the talk action names no talk"
appstreamcli validate --no-net "$p/share/metainfo/org.radeau.Radeau.metainfo.xml" >/dev/null ||
  fail "appstreamcli refused the metainfo: $(appstreamcli validate --no-net "$p/share/metainfo/org.radeau.Radeau.metainfo.xml" 2>&1)"
[ -f "$p/share/icons/hicolor/scalable/apps/org.radeau.Radeau.svg" ] || fail "no scalable icon"
[ -f "$p/share/icons/hicolor/48x48/apps/org.radeau.Radeau.png" ] || fail "no 48x48 icon"
update-mime-database "$p/share/mime" >/dev/null 2>&1 || fail "update-mime-database refused the file types"
for glob in '*.radeau' '*.radeau-script' '*.radeau-talk'; do
  grep -q ":$glob\$" "$p/share/mime/globs" || fail "no MIME glob for $glob"
done

# 3. The .deb: content, dependencies, and the programs run from it.
cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >/dev/null || fail "cpack failed"
deb=$(ls "$tmp"/pkg/radeau_*.deb) || fail "cpack made no .deb"
dpkg-deb -c "$deb" > "$tmp/content"
for f in bin/radeau bin/radeau-cli bin/radeau-node share/radeau/recordings/talk.radeau-talk \
         share/applications/org.radeau.Radeau.desktop share/mime/packages/org.radeau.Radeau.xml; do
  grep -q "/$f\$" "$tmp/content" || fail "the .deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends" | grep -q "libqt6widgets6" || fail "the .deb does not depend on Qt Widgets: $depends"
dpkg-deb -x "$deb" "$tmp/root"
bin=$(dirname "$(find "$tmp/root" -path '*/bin/radeau-cli')")
"$bin/radeau-cli" --version >/dev/null || fail "radeau-cli from the .deb does not run"
"$bin/radeau-cli" run "$bin/../share/radeau/recordings/scenarios/01a-one-node-write.radeau-script" >/dev/null ||
  fail "radeau-cli from the .deb cannot run its scenario"
echo "test-package: $(basename "$deb"), $(wc -l < "$tmp/content") entries, Depends: $depends"
