#include "demonstrations.h"

namespace radeau {

std::string_view outcomeMark(Outcome o) {
  switch (o) {
    case Outcome::Fails: return "❌";
    case Outcome::Works: return "✅";
    case Outcome::Costs: return "⚠️";
    case Outcome::Leaves: return "✅❌";
  }
  return "?";
}

std::string_view outcomeName(Outcome o) {
  switch (o) {
    case Outcome::Fails: return "fails";
    case Outcome::Works: return "works";
    case Outcome::Costs: return "costs";
    case Outcome::Leaves: return "leaves";
  }
  return "?";
}

std::optional<Outcome> outcomeFromName(std::string_view name) {
  for (Outcome o : {Outcome::Fails, Outcome::Works, Outcome::Costs, Outcome::Leaves})
    if (outcomeName(o) == name) return o;
  return std::nullopt;
}

const std::vector<Demonstration>& demonstrations() {
  using O = Outcome;
  static const std::vector<Demonstration> list = {
      {1, "01a-one-node-write.radeau-script", O::Works,
       "one node, leader by decree: a write is appended and acknowledged"},
      {1, "01b-one-node-no-persistence-log-lost.radeau-script", O::Fails,
       "without persistence: crash and restart, the log is empty, the write is lost"},
      {1, "01c-one-node-persistence-log-back.radeau-script", O::Works,
       "with persistence: crash and restart, the log is back"},
      {1, "01d-one-node-down-write-fails.radeau-script", O::Fails,
       "the only node is down: a write fails"},
      {2, "02a-everyone-leader-no-synchronisation.radeau-script", O::Fails,
       "three leaders; A on Michel, B on Jean-Pierre: the logs differ at index 1"},
      {3, "03a-write-on-leader-replicated.radeau-script", O::Works,
       "a write on the leader: after a heartbeat the three logs are equal"},
      {3, "03b-write-on-follower-lost.radeau-script", O::Fails,
       "without forwarding, a write on a follower: absent from the leader, then overwritten and lost"},
      {3, "03c-forwarding-write-on-follower-replicated.radeau-script", O::Works,
       "with forwarding, a write on a follower is replicated everywhere"},
      {3, "03d-forwarding-follower-down-still-works.radeau-script", O::Works,
       "a follower down: writes still work"},
      {3, "03e-forwarding-leader-down-nothing-works.radeau-script", O::Fails,
       "the leader down: no write succeeds any more"},
      {4, "04a-leader-timeout-leader-down-takeover.radeau-script", O::Works,
       "the leader down: a follower's timer ends, it takes over, writes work again"},
      {4, "04b-leader-timeout-cut-two-leaders.radeau-script", O::Fails,
       "cut the leader off: a second leader; reconnected, two leaders at once"},
      {4, "04c-leader-timeout-two-leaders-diverge.radeau-script", O::Fails,
       "write on leader 1, then on leader 2: the logs diverge"},
      {4, "04d-leader-timeout-cut-follower-leads-alone.radeau-script", O::Fails,
       "cut a follower off: it makes itself leader alone, takes a write and diverges"},
      {5, "05a-candidate-cut-one-new-leader.radeau-script", O::Works,
       "cut the leader off: exactly one new leader on the majority side; writes replicate there"},
      {5, "05b-candidate-lagging-node-elected.radeau-script", O::Fails,
       "the lagging node, forced to stand, is elected: the earlier write is lost"},
      {5, "05c-candidate-cut-follower-stays-candidate.radeau-script", O::Works,
       "04d's cut follower: alone it only stands, never gets a majority; the write on it fails safely"},
      {5, "05d-candidate-equal-timers-split-vote.radeau-script", O::Fails,
       "equal, fixed election timers: the votes split again and again, nobody is elected"},
      {6, "06a-log-length-vote-lagging-node-refused.radeau-script", O::Works,
       "same scenario: the vote is refused to the shorter log; the write survives"},
      {6, "06b-log-length-vote-reconnect-two-leaders.radeau-script", O::Fails,
       "reconnect the isolated old leader: two leaders, both sending logRequests"},
      {6, "06c-log-length-vote-reconnect-two-leaders-diverge.radeau-script", O::Fails,
       "the isolated old leader takes a write; reconnected: two leaders and divergent logs"},
      {7, "07a-terms-reconnect-old-leader-steps-down.radeau-script", O::Works,
       "same scenario with terms: the old leader sees the higher term and steps down"},
      {7, "07b-terms-stale-logrequest-spreads-false-log.radeau-script", O::Fails,
       "the old leader's stale logRequest is accepted: its log spreads, the new leader's write is lost"},
      {8, "08a-stale-term-rejection-new-log-stands.radeau-script", O::Works,
       "same scenario: the stale logRequest is ignored, the new leader's log stands"},
      {9, "09a-entry-terms-before-longer-old-log-wins.radeau-script", O::Fails,
       "the old leader's longer, unshared log wins the vote on length and spreads"},
      {9, "09b-entry-terms-before-equal-lengths-cannot-tell.radeau-script", O::Fails,
       "equal lengths, divergent logs: nothing tells the better log, the wrong one wins"},
      {9, "09c-entry-terms-unshared-entries-deleted.radeau-script", O::Leaves,
       "with entry terms the old leader loses and its unshared entries are deleted; they were acknowledged (commit, rung 11)"},
      {9, "09d-entry-terms-equal-lengths-last-term-decides.radeau-script", O::Works,
       "equal lengths: the last entry's term decides"},
      {10, "10a-whole-log-every-heartbeat.radeau-script", O::Costs,
       "every heartbeat carries the whole log (8 entries each)"},
      {10, "10b-incremental-only-missing-entries.radeau-script", O::Works,
       "only the missing entries: at most 1 per logRequest, then empty heartbeats"},
      {11, "11a-commit-figure8-committed-entry-overwritten.radeau-script", O::Fails,
       "Figure 8 without current-term-commit (and without leader-noop): a committed entry is overwritten"},
      {11, "11b-current-term-commit-figure8-safe.radeau-script", O::Works,
       "Figure 8 with current-term-commit: the old-term entry is never committed, nothing committed is lost"},
      {11, "11c-leader-noop-figure8-committed.radeau-script", O::Works,
       "Figure 8 with the full rung: the leader's no-op commits, the stale candidate is refused"},
      {12, "12a-without-snapshots-whole-log-replayed.radeau-script", O::Costs,
       "a follower down for long catches up by receiving every entry it missed"},
      {12, "12b-snapshot-lagging-follower-catches-up.radeau-script", O::Works,
       "with snapshots it receives one snapshot of the state (3 keys) instead of the entries"},
      {13, "13a-without-pre-vote-returning-node-deposes-leader.radeau-script", O::Fails,
       "without pre-vote: a node cut off comes back in term 9 and deposes the healthy leader; a write fails"},
      {13, "13b-pre-vote-returning-node-cannot-win-leader-stays.radeau-script", O::Works,
       "with pre-vote its term stays 1: nobody grants it, the leader stays, the write is acknowledged"},
      {13, "13c-without-check-quorum-cut-leader-writes-hang.radeau-script", O::Fails,
       "without check-quorum: the cut-off leader keeps its crown and a write to it is never answered"},
      {13, "13d-check-quorum-cut-leader-steps-down.radeau-script", O::Works,
       "with check-quorum it steps down after an election timeout; the client is told to go elsewhere"},
      {14, "14a-without-sessions-retried-write-applied-twice.radeau-script", O::Fails,
       "without client sessions: the client resends \"x+=1\" whose answer was late, both copies are applied"},
      {14, "14b-sessions-retried-write-applied-once.radeau-script", O::Works,
       "with client sessions the copy is recognised by its client and serial number, answered from the table"},
      {14, "14c-without-sessions-network-duplicate-applied-twice.radeau-script", O::Fails,
       "without client sessions: the network delivers a forwarded write twice, the leader appends it twice"},
      {14, "14d-sessions-kept-in-snapshot.radeau-script", O::Works,
       "the session table travels in the snapshot: the follower that catches up recognises the copy too"},
      {15, "15a-without-read-index-deposed-leader-stale-read.radeau-script", O::Fails,
       "without read-index: the cut-off leader answers a read with \"x=1\" after \"x=2\" was acknowledged"},
      {15, "15b-read-index-deposed-leader-cannot-confirm.radeau-script", O::Works,
       "with read-index it cannot confirm its leadership and refuses; the new leader answers \"x=2\""},
      {15, "15c-lease-within-bound-safe.radeau-script", O::Works,
       "with a lease it answers alone only while no one else can lead; after, the read is refused"},
      {15, "15d-lease-clock-drift-stale-read.radeau-script", O::Fails,
       "with the followers' clocks 3 times fast they elect a leader within its lease: a stale read"},
      {16, "16a-without-membership-three-to-five-two-leaders.radeau-script", O::Fails,
       "without membership: three nodes to five at once, two leaders in term 2 by majorities of two configurations"},
      {16, "16b-membership-one-at-a-time-one-leader.radeau-script", O::Works,
       "one node at a time: the old and the new majorities meet, one leader; the second change waits"},
      {16, "16c-membership-without-noop-committed-entry-lost.radeau-script", O::Fails,
       "single-server changes without the no-op (Ongaro, 2015): a committed entry and an acknowledged write lost"},
      {16, "16d-membership-noop-first-safe.radeau-script", O::Works,
       "with the new leader's no-op committed first, the old leader cannot be elected again: nothing lost"},
  };
  return list;
}

std::string_view flagRoleName(FlagRole r) {
  switch (r) {
    case FlagRole::Safety: return "safety";
    case FlagRole::Liveness: return "liveness";
    case FlagRole::Cost: return "cost";
    case FlagRole::None: return "none";
  }
  return "?";
}

const std::vector<FlagMutation>& flagMutations() {
  using C = Concept;
  using R = FlagRole;
  static const std::vector<FlagMutation> list = {
      {C::Persistence, "full -persistence", R::Safety,
       "a restarted node forgot its vote and its log: two leaders in one term, committed entries lost"},
      {C::Replication,
       "full -replication -forwarding -incremental-replication -commit -current-term-commit -snapshots -check-quorum "
       "-client-sessions -read-index -lease",
       R::Safety, "nothing is replicated: every node keeps its own log and they diverge"},
      {C::Forwarding, "full -forwarding", R::Safety,
       "a follower takes a client write itself, in the leader's term: same index and term, different "
       "entries, and a follower commits the wrong one"},
      {C::LeaderTimeout, "full -leader-timeout", R::None,
       "no effect: with election a silent leader's followers stand as candidates anyway"},
      {C::Election, "full -election -log-length-vote -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote -check-quorum -lease",
       R::Safety, "followers take over without a vote: two leaders, logs overwritten"},
      {C::LogLengthVote, "full -log-length-vote", R::Safety,
       "a node missing committed entries can be elected and overwrite them"},
      {C::Terms, "full -terms -stale-term-rejection -entry-terms -current-term-commit -pre-vote", R::Safety,
       "nothing orders leaders: a stale leader goes on, committed entries are overwritten"},
      {C::StaleTermRejection, "full -stale-term-rejection -pre-vote -check-quorum", R::Safety,
       "a stale leader's logRequest is accepted and overwrites committed entries"},
      {C::EntryTerms, "full -entry-terms -current-term-commit", R::Safety,
       "conflicting entries look the same: the wrong log is kept or elected"},
      {C::IncrementalReplication, "full -incremental-replication -snapshots", R::Cost,
       "every logRequest carries the whole log: entries per logRequest grow with the log"},
      {C::Commit, "full -commit -current-term-commit -snapshots -client-sessions -read-index -lease", R::Safety,
       "writes are answered on append: an answered write on a minority is lost"},
      {C::CurrentTermCommit, "full -current-term-commit -leader-noop -pre-vote -check-quorum", R::Safety,
       "Figure 8: an entry of an older term, counted on a majority, is committed then overwritten "
       "(leader-noop alone hides it: 'full -current-term-commit' finds nothing)"},
      {C::LeaderNoop, "full -leader-noop", R::Liveness,
       "a new leader cannot commit the entries of earlier terms until a client writes: those writes "
       "wait, unanswered"},
      {C::Snapshots, "full -snapshots", R::Cost,
       "a follower that was down for long catches up by receiving every entry it missed, not one "
       "snapshot of the state"},
      {C::PreVote, "full -pre-vote", R::Liveness,
       "a node cut off raises its term at every timeout and, back, deposes a healthy leader: writes "
       "fail during the new election"},
      {C::CheckQuorum, "full -check-quorum", R::Liveness,
       "a leader cut off from the majority keeps its role: the writes it takes are never answered"},
      {C::ClientSessions, "full -client-sessions", R::Safety,
       "a client's resend, or the network's duplicate of a forwarded write, is appended again and the "
       "state machine applies the same write twice"},
      // Searched without check-quorum too: it steps a cut-off leader down after
      // one election timeout, which leaves stale reads too rare for the soak.
      {C::ReadIndex, "full -read-index -lease -check-quorum", R::Safety,
       "a leader answers reads from its own state: deposed without knowing it, it serves a stale read", "--reads"},
      {C::Lease, "full -lease -read-index -check-quorum", R::Safety,
       "the same: without a lease nor read-index nothing confirms the leader before it reads", "--reads"},
      // Searched with the soak's membership changes (--membership).
      {C::Membership, "full -membership", R::Safety,
       "a leader switches several nodes at once, or before the previous change is committed: an old and a new "
       "configuration elect two leaders in one term", "--membership"},
  };
  return list;
}

}  // namespace radeau
