#!/usr/bin/env bash
# Walks the author's talk headless and makes resources/screenshots/talk-contact-sheet.png:
# every step at its key pause (the last one before "end"), four wide, labelled by step.
# Needs ImageMagick (apt-get install imagemagick) and a built build/bin/radeau.
#   resources/screenshots/make-contact-sheet.sh [TALK] [en|fr]
set -euo pipefail
cd "$(dirname "$0")/../.."
talk="${1:-recordings/talk.radeau-talk}"
lang="${2:-en}"
walk="$(mktemp -d)"
trap 'rm -rf "$walk"' EXIT
QT_QPA_PLATFORM=offscreen build/bin/radeau --talk "$talk" --walkthrough "$walk" --lang "$lang"
tiles=()
for step in $(ls "$walk" | sed -n 's/^\([0-9][0-9]-.*\)-p[0-9]*\.png$/\1/p' | sort -u); do
  shots=($(ls "$walk"/"$step"-p*.png | sort -V))
  n=${#shots[@]}
  pick=${shots[$(( n > 1 ? n - 2 : 0 ))]}   # the last pause before "end"
  id="${step#*-}"
  # The step's title in the chosen language ("English | Français").
  title=$(awk -v id="$id" -v fr="$([ "$lang" = fr ] && echo 1)" '
    $1 == "step" { on = ($2 == id) }
    on && $1 == "title" { sub(/^title[ \t]+/, ""); n = split($0, t, / \| /); print (fr && n > 1) ? t[2] : t[1]; exit }' "$talk")
  tiles+=(-label "${step%%-*} · ${title}" "$pick")
done
montage "${tiles[@]}" -tile 4x -geometry 464x261+8+8 -pointsize 18 -background '#F4F3EF' "$walk/sheet.png"
convert "$walk/sheet.png" -alpha off -depth 8 -colors 256 PNG8:resources/screenshots/talk-contact-sheet.png
echo "resources/screenshots/talk-contact-sheet.png"
