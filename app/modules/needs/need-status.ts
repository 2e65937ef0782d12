import type { MatchStatus, NeedStatus } from "@db/schema/enums";

/** Matches that fill a helper place: the offerer said yes (and may have finished already). */
export const FILLING_MATCH_STATUSES = [
  "accepted",
  "active",
  "completed",
] as const satisfies readonly MatchStatus[];
/** Matches still in play: they hold a place in the offer's capacity and in the need. */
export const LIVE_MATCH_STATUSES = [
  "proposed",
  "accepted",
  "active",
] as const satisfies readonly MatchStatus[];
/** A need in one of these states is finished; its status no longer follows its matches. */
export const FINAL_NEED_STATUSES = ["closed", "cancelled"] as const satisfies readonly NeedStatus[];

export function isFinalNeedStatus(status: NeedStatus): boolean {
  return (FINAL_NEED_STATUSES as readonly NeedStatus[]).includes(status);
}

/**
 * A live need's status from how many helper places its matches fill: none → open, some → partly
 * matched, all → matched. Closed and cancelled needs keep their status.
 */
export function needStatusFor(current: NeedStatus, helpersNeeded: number, filled: number): NeedStatus {
  if (isFinalNeedStatus(current)) return current;
  if (filled <= 0) return "open";
  return filled >= helpersNeeded ? "matched" : "partly_matched";
}
