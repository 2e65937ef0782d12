/**
 * Where a first step stands, as the checklist, the overview, the home page and the Lagebild read it.
 * The definition lives in one SQL expression (STEP_STATE_SQL in progress.server.ts); this module holds
 * the names and their order. Pure.
 *
 * - cancelled: its need was cancelled (the step was not needed)
 * - done: its need was closed, or every helper place was completed
 * - overdue: not done and its due day is over
 * - matched: every helper place is taken (an accepted, active or completed match)
 * - proposed: a helper has been asked, no yes yet
 * - open: nobody asked yet
 */
export const STEP_STATES = ["overdue", "open", "proposed", "matched", "done", "cancelled"] as const;
export type StepState = (typeof STEP_STATES)[number];

/** States in which a step still needs the coordinator. */
export const LIVE_STEP_STATES = [
  "overdue",
  "open",
  "proposed",
  "matched",
] as const satisfies readonly StepState[];

export function isLiveStep(state: StepState): boolean {
  return (LIVE_STEP_STATES as readonly StepState[]).includes(state);
}

/** The overview's sort: what needs the coordinator first. */
export const ARRIVAL_URGENCY = ["overdue", "unstaffed", "staffed", "finished"] as const;
export type ArrivalUrgency = (typeof ARRIVAL_URGENCY)[number];
