/**
 * Retention of arrivals (GDPR art. 5(1)(e)): `app_settings.retention_months_arrivals` months after its
 * last step, an arrival becomes statistics. Counts per neighbourhood and month go to arrival_statistics,
 * each step's kind, lead time and outcome (without the household) to arrival_step_statistics; steps still
 * open are cancelled (their matches end), the texts of all its needs are erased like those of long-closed
 * needs, the audit trail of the arrival loses its details (the code), and the arrival with its languages
 * and steps is deleted. The needs stay, anonymous, for the needs' own statistics.
 */
import type { DbOrTx } from "@db/client";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  appSettings,
  arrivals,
  arrivalStatistics,
  arrivalStepStatistics,
  auditEvents,
  matches,
  needs,
} from "@db/schema";
import { LIVE_MATCH_STATUSES, type StepOutcome } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { eraseNeedTexts } from "~/modules/needs/need-text-erasure.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import { daysToStep, doneWithinLead } from "./lagebild.server";
import { stepFactsOfArrivals } from "./progress.server";

/** The ISO date `months` calendar months before `iso`, on the last day of a shorter month if needed. */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Arrivals whose last step lies more than `months` before `now`: every step either finished (need
 * closed or cancelled) before the cut-off, or still open with its due day before it.
 */
export function expiredArrivalIds(tx: DbOrTx, now: number, months: number): number[] {
  const cutoffDate = monthsBefore(zonedIsoDate(now), months);
  const cutoffMs = startOfZonedDay(cutoffDate);
  return tx
    .all<{ id: number }>(
      sql`select a.id from arrivals a
        where a.arrival_date < ${cutoffDate}
          and not exists (
            select 1 from arrival_steps s join needs n on n.id = s.need_id
            where s.arrival_id = a.id and (
              (n.status in ('closed', 'cancelled') and n.closed_at >= ${cutoffMs})
              or (n.status not in ('closed', 'cancelled') and s.due_on >= ${cutoffDate})))
        order by a.id`,
    )
    .map((r) => r.id);
}

/** Anonymises every expired arrival (see the module comment); returns how many. Idempotent. */
export function anonymiseArrivals(tx: DbOrTx, now: number): number {
  const months =
    tx
      .select({ months: appSettings.retentionMonthsArrivals })
      .from(appSettings)
      .where(eq(appSettings.id, 1))
      .get()?.months ?? 12;
  const ids = expiredArrivalIds(tx, now, months);
  if (ids.length === 0) return 0;
  const today = zonedIsoDate(now);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const households = tx.select().from(arrivals).where(inArray(arrivals.id, chunk)).all();
    const steps = stepFactsOfArrivals(tx, chunk, today);
    const byId = new Map(households.map((h) => [h.id, h]));

    for (const h of households) {
      const month = h.arrivalDate.slice(0, 7);
      tx.insert(arrivalStatistics)
        .values({
          neighbourhoodId: h.neighbourhoodId,
          month,
          arrivals: 1,
          persons: h.householdSize,
          age0to2: h.age0to2,
          age3to5: h.age3to5,
          age6to17: h.age6to17,
          age18to64: h.age18to64,
          age65plus: h.age65plus,
        })
        .onConflictDoUpdate({
          target: [arrivalStatistics.neighbourhoodId, arrivalStatistics.month],
          set: {
            arrivals: sql`${arrivalStatistics.arrivals} + 1`,
            persons: sql`${arrivalStatistics.persons} + excluded.persons`,
            age0to2: sql`${arrivalStatistics.age0to2} + excluded.age_0_2`,
            age3to5: sql`${arrivalStatistics.age3to5} + excluded.age_3_5`,
            age6to17: sql`${arrivalStatistics.age6to17} + excluded.age_6_17`,
            age18to64: sql`${arrivalStatistics.age18to64} + excluded.age_18_64`,
            age65plus: sql`${arrivalStatistics.age65plus} + excluded.age_65_plus`,
          },
        })
        .run();
    }
    if (steps.length > 0) {
      tx.insert(arrivalStepStatistics)
        .values(
          steps.map((s) => {
            const outcome: StepOutcome =
              s.state === "done" ? "done" : s.state === "cancelled" ? "cancelled" : "open";
            return {
              neighbourhoodId: s.neighbourhoodId,
              month: s.arrivalDate.slice(0, 7),
              templateId: s.templateId,
              categoryId: s.categoryId,
              leadDays: s.leadDays,
              outcome,
              daysToDone: outcome === "done" ? (daysToStep(s) ?? 0) : null,
              doneWithinLead: outcome === "done" ? doneWithinLead(s) : null,
            };
          }),
        )
        .run();
    }

    // Steps still open are no longer wanted: their live matches end, their needs are cancelled.
    const live = steps.filter((s) => s.needStatus !== "closed" && s.needStatus !== "cancelled");
    const liveNeedIds = live.map((s) => s.needId);
    if (liveNeedIds.length > 0) {
      tx.update(matches)
        .set({ status: "ended", endedAt: new Date(now) })
        .where(and(inArray(matches.needId, liveNeedIds), inArray(matches.status, [...LIVE_MATCH_STATUSES])))
        .run();
      tx.update(needs)
        .set({ status: "cancelled", closedAt: new Date(now) })
        .where(inArray(needs.id, liveNeedIds))
        .run();
      for (const s of live) {
        recordAudit(tx, {
          actorId: null,
          action: "need.cancelled",
          entityType: "need",
          entityId: s.needId,
          neighbourhoodId: s.neighbourhoodId,
          details: { from: s.needStatus, reason: "arrival_anonymised" },
        });
      }
    }
    eraseNeedTexts(
      tx,
      steps.map((s) => s.needId),
      now,
    );
    // The arrival's own trail named its code: it keeps what happened and when, not to which household.
    tx.update(auditEvents)
      .set({ details: {} })
      .where(and(eq(auditEvents.entityType, "arrival"), inArray(auditEvents.entityId, chunk.map(String))))
      .run();
    tx.delete(arrivals).where(inArray(arrivals.id, chunk)).run();
    for (const id of chunk) {
      const h = byId.get(id);
      recordAudit(tx, {
        actorId: null,
        action: "arrival.anonymised",
        entityType: "arrival",
        entityId: id,
        neighbourhoodId: h?.neighbourhoodId ?? null,
        details: { months },
      });
    }
  }
  return ids.length;
}
