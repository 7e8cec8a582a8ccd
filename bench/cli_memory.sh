#!/bin/sh
# Time and peak memory of radeau-cli on a long recording (issue 19): a 5-node
# full-Raft script with 20,000 writes over 2,400 s (~1.6 M events). Prints each
# command's figure beside its target (peak <= 1.5x run's; record <= 1.3x run's
# time, the best of five runs of each).
# Usage: bench/cli_memory.sh [BUILD_DIR]
set -eu
bin=${1:-build}/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "title 20,000 writes over 2,400 s"
  echo "nodes Michel Jean-Pierre Sophie Paul Luc"
  echo "seed 1"
  i=0
  for name in $(seq 0 19999); do
    set -- Michel Jean-Pierre Sophie Paul Luc
    shift $((i % 5))
    echo "at $((1000 + i * 119))ms write $1 \"w$i\""
    i=$((i + 1))
  done
  echo "until 2400s"
} > "$tmp/long.radeau-script"
measure() {  # NAME COMMAND...: prints "NAME seconds KB" (the wall time to the millisecond: time's %e has 10 ms)
  name=$1; shift
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$tmp/time" "$@" > /dev/null
  end=$(date +%s%N)
  echo "$name $((end - start)) $(cat "$tmp/time")" | awk '{ printf "%s %.3f %s\n", $1, $2 / 1e9, $3 }'
}
# run and record: five times each, alternating, the best time and the largest
# peak of each (this machine's timings vary by a third from one run to the next).
: > "$tmp/pairs"
for k in 1 2 3 4 5; do
  measure run "$bin/radeau-cli" run "$tmp/long.radeau-script" >> "$tmp/pairs"
  measure record "$bin/radeau-cli" record "$tmp/long.radeau-script" -o "$tmp/long.radeau" >> "$tmp/pairs"
done
awk '{ if (!($1 in s) || $2 < s[$1]) s[$1] = $2; if ($3 > m[$1]) m[$1] = $3 }
     END { print "run", s["run"], m["run"]; print "record", s["record"], m["record"] }' "$tmp/pairs" > "$tmp/all"
for c in info check; do measure $c "$bin/radeau-cli" $c "$tmp/long.radeau" >> "$tmp/all"; done
measure state "$bin/radeau-cli" state "$tmp/long.radeau" --at 2000s >> "$tmp/all"
measure export "$bin/radeau-cli" export "$tmp/long.radeau" >> "$tmp/all"
XDG_RUNTIME_DIR="$tmp" QT_QPA_PLATFORM=offscreen measure render "$bin/radeau-cli" render "$tmp/long.radeau" --at 2000s -o "$tmp/slide.png" >> "$tmp/all"
events=$("$bin/radeau-cli" info "$tmp/long.radeau" | sed -n 's/^  0 .*: \([0-9][0-9]*\) events.*/\1/p')
awk -v events="$events" '
  $1 == "run" { run_s = $2; run_kb = $3 }
  { printf "%-7s %6.3f s %8.0f MB peak  %6.1f B/event", $1, $2, $3 / 1024, $3 * 1024 / events
    if ($1 != "run") printf "   (peak %.2fx run'"'"'s, target <= 1.5x%s)", $3 / run_kb, ($1 == "record" ? sprintf("; time %.2fx, target <= 1.3x", $2 / run_s) : "")
    printf "\n" }' "$tmp/all"
