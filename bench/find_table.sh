#!/bin/sh
# For each safety flag of the ladder removed from full Raft (the specs of the
# mutation soak, `radeau-cli chapters`), runs `radeau-cli find` (the default
# strategy, both searches) and prints a Markdown row: which search found the
# failure, the time to the first failure and to shrink it, the shrunk script's
# size (actions, nodes, simulated duration), what the systematic search alone
# finds within the same budget, and the hand-written demonstration(s) of the same rung
# (`read-index` and `lease` are searched together, as in the mutation table;
# 15d is the lease's own failure, with drifting clocks, which find does not try).
# Usage: bench/find_table.sh [path/to/radeau-cli] [budget]   (default build/bin/radeau-cli, 30s)
set -eu
cli=${1:-build/bin/radeau-cli}
budget=${2:-30s}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
size() {  # actions nodes until, of a script
  a=$(grep -c '^at ' "$1" || true)
  n=$(grep '^nodes ' "$1" | head -1 | awk '{print NF-1}')
  u=$(grep '^until ' "$1" | head -1 | awk '{print $2}')
  echo "$a | $n | $u"
}
echo "| without | found | by | search time | shrink time | shrunk: actions | nodes | until | systematic alone | hand-written demonstration | actions | nodes | until |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
while IFS=';' read -r flag spec demo; do
  out=$("$cli" find --concepts "$spec" --budget "$budget" --quiet -o "$dir/$flag.radeau-script" || true)
  if echo "$out" | grep -q '^failure found'; then
    kind=$(echo "$out" | sed -n 's/^failure found: \([^ ]*\) with seed \([0-9]*\) after \([0-9]*\) schedule(s), .*/\1/p')
    by=$(echo "$out" | sed -n 's/^failure found: .* by the \([a-z]*\) search\( (\([0-9]*\) choices*)\)*;.*/\1 \3/p')
    case $by in "random "*) by="random, seed $(echo "$out" | sed -n 's/^failure found: [^ ]* with seed \([0-9]*\) .*/\1/p')" ;;
      systematic*) by="systematic, ${by#systematic } choice(s)" ;; esac
    secs=$(echo "$out" | sed -n 's/^failure found: .* schedule(s), \([0-9.e-]*\) s, by.*/\1/p')
    shrink=$(echo "$out" | sed -n 's/^failure found: .* nodes in \([0-9.e-]*\) s$/\1/p')
    if "$cli" run "$dir/$flag.radeau-script" --quiet >/dev/null 2>&1; then kind="$kind, run reproduces"; else kind="$kind, run DOES NOT reproduce"; fi
    shrunk=$(size "$dir/$flag.radeau-script")
  else
    kind="none"; by="-"; secs="> $budget"; shrink="-"; shrunk="- | - | -"
  fi
  alone=$("$cli" find --concepts "$spec" --strategy systematic --budget "$budget" --quiet -o "$dir/$flag.s.radeau-script" || true)
  if echo "$alone" | grep -q '^failure found'; then
    t=$(echo "$alone" | sed -n 's/^failure found: .* schedule(s), \([0-9.e-]*\) s, by.*/\1/p')
    d=$(echo "$alone" | sed -n 's/^failure found: .* (\([0-9]*\) choices*);.*/\1/p')
    alone="$(printf '%.2f' "$t") s, $d choice(s), $(size "$dir/$flag.s.radeau-script" | awk -F' [|] ' '{print $1 " actions, " $2 " nodes"}')"
  else
    alone="none, $(echo "$alone" | sed -n 's/.*every small schedule of up to \([0-9]*\) choices* explored.*/all of up to \1 choices explored/p; s/.*up to the bound of \([0-9]*\) choices.*/all of up to \1 choices explored/p')"
  fi
  # Several demonstrations (separated by commas): each one's sizes, in the same order.
  if [ -n "$demo" ]; then
    hand=""
    for d in $(echo "$demo" | tr ',' ' '); do hand="$hand$(size "recordings/scenarios/$d")
"; done
    hand=$(printf '%s' "$hand" | awk -F' [|] ' '{a = a sep $1; n = n sep $2; u = u sep $3; sep = ", "} END {print a " | " n " | " u}')
    demo=$(echo "$demo" | sed 's/,/, /g')
  else hand="- | - | -"; fi
  case $secs in [0-9]*) secs="$(printf '%.2f' "$secs") s" ;; esac
  case $shrink in [0-9]*) shrink="$(printf '%.2f' "$shrink") s" ;; esac
  printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$flag" "$kind" "$by" "$secs" "$shrink" "$shrunk" "$alone" "${demo:-none}" "$hand"
done <<'LIST'
persistence;full -persistence;01b-one-node-no-persistence-log-lost.radeau-script
replication;full -replication -forwarding -incremental-replication -commit -current-term-commit -snapshots -check-quorum -client-sessions -read-index -lease;02a-everyone-leader-no-synchronisation.radeau-script
forwarding;full -forwarding;03b-write-on-follower-lost.radeau-script
election;full -election -log-length-vote -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote -check-quorum -lease;04b-leader-timeout-cut-two-leaders.radeau-script
log-length-vote;full -log-length-vote;05b-candidate-lagging-node-elected.radeau-script
terms;full -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote;06c-log-length-vote-reconnect-two-leaders-diverge.radeau-script
stale-term-rejection;full -stale-term-rejection -pre-vote -check-quorum;07b-terms-stale-logrequest-spreads-false-log.radeau-script
entry-terms;full -entry-terms -current-term-commit;09b-entry-terms-before-equal-lengths-cannot-tell.radeau-script
commit;full -commit -current-term-commit -snapshots -client-sessions -read-index -lease;
current-term-commit;full -current-term-commit -leader-noop -pre-vote -check-quorum;11a-commit-figure8-committed-entry-overwritten.radeau-script
client-sessions;full -client-sessions;14a-without-sessions-retried-write-applied-twice.radeau-script,14c-without-sessions-network-duplicate-applied-twice.radeau-script
read-index;full -read-index -lease -check-quorum;15a-without-read-index-deposed-leader-stale-read.radeau-script
lease;full -lease -read-index -check-quorum;15d-lease-clock-drift-stale-read.radeau-script
membership;full -membership;16a-without-membership-three-to-five-two-leaders.radeau-script
full Raft;full;
LIST
