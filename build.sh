#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   ./build.sh test   install what is missing, build, run every test headless
#   ./build.sh run    install what is missing, build, start Radeau
#   ./build.sh bench  build and run the benchmarks (not part of the tests)
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools libqt6svg6-dev
          qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl1-mesa-dev
          xvfb xauth fonts-dejavu-core)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

configure_and_build() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build build --parallel "$(nproc)"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  test)
    install_missing
    configure_and_build
    export QT_QPA_PLATFORM=offscreen
    ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)" "$@"
    ;;
  run)
    install_missing
    configure_and_build
    if [ -x build/bin/radeau ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
      # The author's talk at its first step unless told otherwise.
      [ $# -eq 0 ] && [ -f recordings/talk.radeau-talk ] && exec build/bin/radeau --talk recordings/talk.radeau-talk
      exec build/bin/radeau "$@"
    fi
    exec build/bin/radeau-cli run --default --transcript "$@"
    ;;
  bench)
    install_missing
    configure_and_build
    for b in build/bin/bench-*; do echo "== $b"; "$b"; done
    ;;
  *)
    echo "usage: ./build.sh test | run [ARGS...] | bench" >&2
    exit 2
    ;;
esac
