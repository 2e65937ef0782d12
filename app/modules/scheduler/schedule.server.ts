/**
 * Putting jobs on the persisted schedule (docs/decisions/011-persisted-scheduler.md): `schedule()` is
 * INSERT … ON CONFLICT(dedupe_key) DO NOTHING — scheduling twice is scheduling once; periodic jobs are
 * planned the same way. Running them: scheduler.server.ts.
 */
import { type DbOrTx } from "@db/client";
import { scheduledJobs } from "@db/schema";

export type JobPayload = Record<string, string | number>;

export interface ScheduleInput {
  kind: string;
  /** Unique per job: a second schedule() with the same key does nothing. */
  dedupeKey: string;
  runAt: Date | number;
  payload?: JobPayload;
}

/** Schedules a job unless one with the same dedupe key exists. Returns whether it was new. */
export function schedule(tx: DbOrTx, input: ScheduleInput): boolean {
  const result = tx
    .insert(scheduledJobs)
    .values({
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      runAt: new Date(input.runAt),
      payload: input.payload ?? {},
    })
    .onConflictDoNothing({ target: scheduledJobs.dedupeKey })
    .run();
  return result.changes > 0;
}

/** Schedules many jobs in one statement (same semantics as schedule()). Returns how many were new. */
export function scheduleMany(tx: DbOrTx, inputs: readonly ScheduleInput[]): number {
  if (inputs.length === 0) return 0;
  const result = tx
    .insert(scheduledJobs)
    .values(
      inputs.map((input) => ({
        kind: input.kind,
        dedupeKey: input.dedupeKey,
        runAt: new Date(input.runAt),
        payload: input.payload ?? {},
      })),
    )
    .onConflictDoNothing({ target: scheduledJobs.dedupeKey })
    .run();
  return result.changes;
}

export interface PeriodicJob {
  kind: string;
  everyMs: number;
}

/**
 * Makes sure the current period's run of each periodic job exists. The dedupe key names the period
 * (`<kind>@<ISO start>`), so every process may call this as often as it likes: one job per period.
 * A period missed while no process ran is not made up; the next period's run catches up by design
 * (the periodic handlers scan ahead, they don't work on "their" period only).
 */
export function ensurePeriodicJobs(tx: DbOrTx, periodic: readonly PeriodicJob[], now: number): number {
  return scheduleMany(
    tx,
    periodic.map(({ kind, everyMs }) => {
      const start = Math.floor(now / everyMs) * everyMs;
      return { kind, dedupeKey: `${kind}@${new Date(start).toISOString()}`, runAt: start };
    }),
  );
}
