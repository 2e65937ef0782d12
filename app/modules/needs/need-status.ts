import {
  RUNNING_MATCH_STATUSES,
  AGREED_MATCH_STATUSES,
  FINAL_NEED_STATUSES,
  LIVE_MATCH_STATUSES,
  type MatchStatus,
  type NeedStatus,
} from "@db/schema/enums";

/**
 * A need and its matches move together: the rules below are the only place their states are related.
 * docs/decisions/085-need-and-match-states.md
 */

export function isFinalNeedStatus(status: NeedStatus): boolean {
  return (FINAL_NEED_STATUSES as readonly NeedStatus[]).includes(status);
}

/** How a need's matches stand, counted. */
export interface NeedMatchCounts {
  /** accepted, active or completed */
  filling: number;
  /** accepted or active */
  running: number;
  completed: number;
}

export function countMatches(statuses: readonly MatchStatus[]): NeedMatchCounts {
  const count = (set: readonly MatchStatus[]) => statuses.filter((s) => set.includes(s)).length;
  return {
    filling: count(AGREED_MATCH_STATUSES),
    running: count(RUNNING_MATCH_STATUSES),
    completed: count(["completed"]),
  };
}

/**
 * A live need's status from its matches: no helper place filled → open, some → partly matched, all →
 * matched; and once every place is filled by a completed match and none is still running, the need is
 * done (closed) — completing the last match finishes the need. Closed and cancelled needs keep theirs.
 */
export function needStatusFor(
  current: NeedStatus,
  helpersNeeded: number,
  counts: NeedMatchCounts,
): NeedStatus {
  if (isFinalNeedStatus(current)) return current;
  if (counts.completed >= helpersNeeded && counts.running === 0) return "closed";
  if (counts.filling <= 0) return "open";
  return counts.filling >= helpersNeeded ? "matched" : "partly_matched";
}

/**
 * Whether a need's status and its matches' statuses fit together — every combination a person can
 * reach satisfies this (tests check it after every step and on the demo data):
 * - a finished need (closed, cancelled) has no live match (no proposal waiting, nothing to start or complete);
 * - a live need's status is what its matches say (`needStatusFor`), so it never stays "matched" after
 *   its helpers are done, nor "open" while a helper is on the way.
 */
export function needAndMatchesAgree(
  status: NeedStatus,
  helpersNeeded: number,
  matchStatuses: readonly MatchStatus[],
): boolean {
  if (isFinalNeedStatus(status)) {
    return !matchStatuses.some((s) => (LIVE_MATCH_STATUSES as readonly MatchStatus[]).includes(s));
  }
  return needStatusFor(status, helpersNeeded, countMatches(matchStatuses)) === status;
}

/** What a person may do next on a match, given the match's and the need's state. */
export type MatchStep = "respond" | "start" | "complete" | "withdraw" | "end" | "stepBack" | "logHours";

/**
 * The next steps on a match page, from both states and what the person may do. A step that would
 * contradict the need (starting a match of a finished need) is never offered; the server refuses it too.
 */
export function matchSteps(
  matchStatus: MatchStatus,
  needStatus: NeedStatus,
  may: { respond: boolean; manage: boolean; end: boolean; isHelper: boolean },
): MatchStep[] {
  const needLive = !isFinalNeedStatus(needStatus);
  const running = (RUNNING_MATCH_STATUSES as readonly MatchStatus[]).includes(matchStatus);
  const steps: MatchStep[] = [];
  if (may.respond && matchStatus === "proposed" && needLive) steps.push("respond");
  if (may.manage && matchStatus === "accepted" && needLive) steps.push("start");
  if (may.manage && running) steps.push("complete");
  if (may.manage && matchStatus === "proposed") steps.push("withdraw");
  if (may.manage && running) steps.push("end");
  if (!may.manage && may.end && running) steps.push("stepBack");
  if (may.isHelper && running) steps.push("logHours");
  return steps;
}

/** The sentence that says where a match stands and what comes next, for the coordinator or the helper. */
export function nextStepKey(matchStatus: MatchStatus, needStatus: NeedStatus, coordinator: boolean) {
  switch (matchStatus) {
    case "proposed":
      return coordinator ? "proposedCoordinator" : "proposedHelper";
    case "accepted":
      return coordinator ? "acceptedCoordinator" : "acceptedHelper";
    case "active":
      return coordinator ? "activeCoordinator" : "activeHelper";
    case "completed":
      return "completed";
    case "declined":
      return "declined";
    case "ended":
      return needStatus === "cancelled"
        ? "endedNeedCancelled"
        : needStatus === "closed"
          ? "endedNeedClosed"
          : "ended";
  }
}
