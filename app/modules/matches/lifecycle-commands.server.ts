/**
 * The life of a match after its proposal: accepted or declined by the offerer (the proposing coordinator
 * is told) → active (the coordinator starts it) → completed with hours, or ended. Every transition is
 * audited and moves the need's status in the same transaction. Proposing: proposals.server.ts.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { hoursLog, matches, needs, needSlots } from "@db/schema";
import type { MatchStatus } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { notifyMatchEnded, offerRecipients, recomputeNeedStatus } from "./need-match-state.server";
import { notify } from "~/modules/notifications/notify.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { zonedIsoDate } from "~/utils/time";
import { defaultHoursDate, isInWindow, matchWindow } from "./match-window";
import { fail, requireMatch, type LifecycleResult } from "./match-record.server";

/** Moves a match from one of `from` to `to`, or reports that someone got there first. */
function transition(
  tx: DbOrTx,
  matchId: number,
  from: readonly MatchStatus[],
  to: MatchStatus,
  extra: Partial<typeof matches.$inferInsert> = {},
): boolean {
  const updated = tx
    .update(matches)
    .set({ status: to, ...extra })
    .where(and(eq(matches.id, matchId), inArray(matches.status, [...from])))
    .returning({ id: matches.id })
    .get();
  return !!updated;
}

/** The offerer accepts or declines a proposal; the coordinator who proposed it is told. */
export function respondToMatch(
  db: Db,
  user: AuthUser,
  matchId: number,
  input: { answer: "accept" | "decline"; reason: string },
): LifecycleResult<{ id: number; status: MatchStatus }> {
  const match = requireMatch(db, user, matchId, "match:respond");
  if (match.status !== "proposed") return fail({ form: "matches:errors.notProposed" });
  if (isFinalNeedStatus(match.needStatus)) return fail({ form: "needs:errors.finished" });
  const status: MatchStatus = input.answer === "accept" ? "accepted" : "declined";
  const done = db.transaction(
    (tx) => {
      const now = new Date();
      const moved = transition(tx, matchId, ["proposed"], status, {
        respondedAt: now,
        declineReason: status === "declined" && input.reason ? input.reason : null,
      });
      if (!moved) return false;
      recordAudit(tx, {
        actorId: user.id,
        action: `match.${status}`,
        entityType: "match",
        entityId: matchId,
        neighbourhoodId: match.need.neighbourhoodId,
        // The reason is the offerer's own words about themselves, kept with the match, not in the trail.
        details: {
          needId: match.needId,
          offerId: match.offerId,
          withReason: status === "declined" && !!input.reason,
        },
      });
      if (match.proposedBy && match.offerId !== null) {
        const { helperName } = offerRecipients(tx, match.offerId);
        notify(tx, {
          userId: match.proposedBy,
          kind: status === "accepted" ? "match_accepted" : "match_declined",
          params: { needId: match.needId, needTitle: match.needTitle, helperName },
          link: `/coordination/needs/${match.needId}`,
        });
      }
      recomputeNeedStatus(tx, match.needId, user.id);
      return true;
    },
    { behavior: "immediate" },
  );
  return done ? { ok: true, value: { id: matchId, status } } : fail({ form: "matches:errors.notProposed" });
}

/** The coordinator starts an accepted match (the helper and the newcomer have been put in touch). */
export function startMatch(db: Db, user: AuthUser, matchId: number): LifecycleResult {
  const match = requireMatch(db, user, matchId, "match:manage");
  if (isFinalNeedStatus(match.needStatus)) return fail({ form: "needs:errors.finished" });
  const done = db.transaction((tx) => {
    if (!transition(tx, matchId, ["accepted"], "active")) return false;
    recordAudit(tx, {
      actorId: user.id,
      action: "match.started",
      entityType: "match",
      entityId: matchId,
      neighbourhoodId: match.need.neighbourhoodId,
      details: { needId: match.needId },
    });
    recomputeNeedStatus(tx, match.needId, user.id);
    return true;
  });
  return done ? { ok: true, value: { id: matchId } } : fail({ form: "matches:errors.notAccepted" });
}

/**
 * The coordinator completes a match. It needs hours: those the volunteer logged, or the ones entered
 * here (recorded as confirmed, for the volunteer or the organisation of the offer). Pending hours of
 * the match are confirmed with it.
 */
export function completeMatch(
  db: Db,
  user: AuthUser,
  matchId: number,
  input: { hours: number | null; date: string | null },
  now = Date.now(),
): LifecycleResult {
  const match = requireMatch(db, user, matchId, "match:manage");
  if (!["accepted", "active"].includes(match.status)) return fail({ form: "matches:errors.notActive" });
  const today = zonedIsoDate(now);
  if (input.date && input.date > today) return fail({ date: "matches:errors.dateFuture" });
  const need = db
    .select({ categoryId: needs.categoryId, startsAt: needs.startsAt, endsAt: needs.endsAt })
    .from(needs)
    .where(eq(needs.id, match.needId))
    .get();
  if (!need) throw notFound();
  // Hours are for the appointment's day (or a day of the recurring need's period), as the form suggests.
  const slots = db
    .select({ weekday: needSlots.weekday })
    .from(needSlots)
    .where(eq(needSlots.needId, match.needId))
    .all();
  const window = matchWindow(
    { startsAt: need.startsAt.getTime(), endsAt: need.endsAt.getTime(), slots },
    today,
  );
  const date = input.date ?? defaultHoursDate(window);
  if (input.hours && !isInWindow(date, window)) return fail({ date: "matches:errors.dateOutsideMatch" });
  const result = db.transaction(
    (tx) => {
      const logged =
        tx
          .select({ n: sql<number>`count(*)` })
          .from(hoursLog)
          .where(eq(hoursLog.matchId, matchId))
          .get()?.n ?? 0;
      if (logged === 0 && !input.hours) return fail({ hours: "matches:errors.hoursRequired" });
      const stamp = new Date(now);
      // The transition comes before any write: if someone got there first, nothing is left half done.
      if (!transition(tx, matchId, ["accepted", "active"], "completed", { completedAt: stamp })) {
        return fail({ form: "matches:errors.notActive" });
      }
      if (input.hours) {
        tx.insert(hoursLog)
          .values({
            volunteerId: match.offer.volunteerId,
            organisationId: match.offer.volunteerId ? null : match.offer.organisationId,
            date,
            hours: input.hours,
            source: "match",
            matchId,
            categoryId: need.categoryId,
            // What was done: the need's title, not the offer's.
            activity: match.needTitle,
            confirmedBy: user.id,
            confirmedAt: stamp,
          })
          .run();
      }
      const confirmed = tx
        .update(hoursLog)
        .set({ confirmedBy: user.id, confirmedAt: stamp })
        .where(and(eq(hoursLog.matchId, matchId), isNull(hoursLog.confirmedAt)))
        .returning({ id: hoursLog.id })
        .all();
      recordAudit(tx, {
        actorId: user.id,
        action: "match.completed",
        entityType: "match",
        entityId: matchId,
        neighbourhoodId: match.need.neighbourhoodId,
        details: {
          needId: match.needId,
          hoursAdded: input.hours,
          hoursConfirmed: confirmed.map((h) => h.id),
        },
      });
      recomputeNeedStatus(tx, match.needId, user.id);
      return { ok: true as const, value: { id: matchId } };
    },
    { behavior: "immediate" },
  );
  return result;
}

/**
 * Ends a match before completion: a coordinator withdraws a proposal or stops a match; the offerer
 * steps back from one they accepted (a proposal they decline instead).
 */
export function endMatch(db: Db, user: AuthUser, matchId: number, reason: string): LifecycleResult {
  const match = requireMatch(db, user, matchId, "match:end");
  const coordinator =
    user.role === "admin" || user.coordinatorNeighbourhoodIds.includes(match.need.neighbourhoodId);
  const from: MatchStatus[] = coordinator ? ["proposed", "accepted", "active"] : ["accepted", "active"];
  if (!from.includes(match.status)) return fail({ form: "matches:errors.cannotEnd" });
  const done = db.transaction((tx) => {
    if (!transition(tx, matchId, from, "ended", { endedAt: new Date() })) return false;
    recordAudit(tx, {
      actorId: user.id,
      action: "match.ended",
      entityType: "match",
      entityId: matchId,
      neighbourhoodId: match.need.neighbourhoodId,
      details: {
        needId: match.needId,
        from: match.status,
        by: coordinator ? "coordinator" : "offerer",
        ...(reason ? { reason } : {}),
      },
    });
    notifyMatchEnded(tx, match, coordinator ? "coordination" : "helper", user.id);
    recomputeNeedStatus(tx, match.needId, user.id);
    return true;
  });
  return done ? { ok: true, value: { id: matchId } } : fail({ form: "matches:errors.cannotEnd" });
}

/** The coordinator confirms hours a volunteer logged for a match of their neighbourhood; the volunteer is told. */
export function confirmMatchHours(db: Db, user: AuthUser, hoursId: number): LifecycleResult {
  const entry = db
    .select({
      id: hoursLog.id,
      matchId: hoursLog.matchId,
      volunteerId: hoursLog.volunteerId,
      hours: hoursLog.hours,
      date: hoursLog.date,
      confirmedAt: hoursLog.confirmedAt,
    })
    .from(hoursLog)
    .where(eq(hoursLog.id, hoursId))
    .get();
  if (!entry || entry.matchId === null) throw notFound();
  const match = requireMatch(db, user, entry.matchId, "match:manage");
  assertCan(user, "hours:confirm", {
    volunteerId: entry.volunteerId,
    organisationId: null,
    neighbourhoodId: match.need.neighbourhoodId,
  });
  if (entry.confirmedAt) return fail({ form: "matches:errors.hoursConfirmedAlready" });
  db.transaction((tx) => {
    tx.update(hoursLog)
      .set({ confirmedBy: user.id, confirmedAt: new Date() })
      .where(and(eq(hoursLog.id, hoursId), isNull(hoursLog.confirmedAt)))
      .run();
    recordAudit(tx, {
      actorId: user.id,
      action: "hours.confirmed",
      entityType: "hours",
      entityId: hoursId,
      neighbourhoodId: match.need.neighbourhoodId,
      details: { matchId: match.id, hours: entry.hours, date: entry.date },
    });
    if (entry.volunteerId) {
      notify(tx, {
        userId: entry.volunteerId,
        kind: "hours_confirmed",
        params: { hours: entry.hours, date: entry.date },
        link: `/matches/${match.id}`,
      });
    }
  });
  return { ok: true, value: { id: hoursId } };
}
