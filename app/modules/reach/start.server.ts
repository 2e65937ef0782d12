/**
 * Starting to ask volunteers for a need, and (re)scheduling its waves. Small on purpose:
 * needs/commands.server.ts calls it when a need is saved, without pulling in the matching engine
 * (wave-jobs.server.ts).
 */
import type { DbOrTx } from "@db/client";
import { and, eq, like } from "drizzle-orm";
import { needs, scheduledJobs, urgentReach } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { schedule } from "~/modules/scheduler/schedule.server";
import { reachTrigger } from "./waves";

export const URGENT_WAVE_JOB = "urgent_wave";

/**
 * A wave's job. The key names the need, the wave and when it was planned: planning the same wave
 * again for another time is a second job, and whichever runs first sends the wave — the other finds
 * it sent (urgent_reach.waves_sent) and does nothing. So a wave goes out once, whatever runs twice.
 */
export function scheduleWave(tx: DbOrTx, needId: number, wave: number, runAt: number): void {
  schedule(tx, {
    kind: URGENT_WAVE_JOB,
    dedupeKey: `${URGENT_WAVE_JOB}:${needId}:${wave}:${runAt}`,
    runAt,
    payload: { needId, wave },
  });
}

/** Brings a planned wave forward to `now` (everyone asked said no, or a coordinator asks for it). */
export function bringWaveForward(tx: DbOrTx, needId: number, wave: number, now: number): boolean {
  const moved = tx
    .update(scheduledJobs)
    .set({ runAt: new Date(now) })
    .where(
      and(
        eq(scheduledJobs.kind, URGENT_WAVE_JOB),
        eq(scheduledJobs.status, "pending"),
        like(scheduledJobs.dedupeKey, `${URGENT_WAVE_JOB}:${needId}:${wave}:%`),
      ),
    )
    .run().changes;
  return moved > 0;
}

/**
 * Starts asking for a need (idempotent): the first wave runs at once. `startedBy` is the coordinator
 * who asked for it, or null when the hub starts by itself (the need is urgent or begins soon).
 * Returns false when asking had started before (or was stopped: only a coordinator resumes it).
 */
export function startUrgentReach(
  tx: DbOrTx,
  needId: number,
  input: { startedBy: string | null; now: number },
): boolean {
  const existing = tx
    .select({ startedAt: urgentReach.startedAt })
    .from(urgentReach)
    .where(eq(urgentReach.needId, needId))
    .get();
  if (existing?.startedAt) return false;
  const startedAt = new Date(input.now);
  tx.insert(urgentReach)
    .values({ needId, startedAt, startedBy: input.startedBy, nextWaveAt: startedAt })
    .onConflictDoUpdate({
      target: urgentReach.needId,
      set: { startedAt, startedBy: input.startedBy, nextWaveAt: startedAt },
    })
    .run();
  const need = tx
    .select({ neighbourhoodId: needs.neighbourhoodId })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  recordAudit(tx, {
    actorId: input.startedBy,
    action: "need.urgent_started",
    entityType: "need",
    entityId: needId,
    neighbourhoodId: need?.neighbourhoodId ?? null,
    details: { by: input.startedBy ? "coordinator" : "hub" },
  });
  scheduleWave(tx, needId, 1, input.now);
  return true;
}

/**
 * Called in the transaction that saved a need: starts asking when the need is urgent or begins within
 * 72 h. The saving coordinator is named as the one who started it (they hear about the answers).
 */
export function startUrgentReachIfDue(tx: DbOrTx, needId: number, actorId: string, now: number): boolean {
  const need = tx
    .select({
      status: needs.status,
      urgency: needs.urgency,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
    })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!need) return false;
  const trigger = reachTrigger(
    { ...need, startsAt: need.startsAt.getTime(), endsAt: need.endsAt.getTime() },
    now,
  );
  return trigger ? startUrgentReach(tx, needId, { startedBy: actorId, now }) : false;
}
