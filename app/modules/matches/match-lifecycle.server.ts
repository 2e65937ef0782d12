/**
 * The life of a match: proposed by a coordinator (score and components stored as seen then; the
 * offerer is told) → accepted or declined by the offerer (the proposing coordinator is told) → active
 * (the coordinator starts it) → completed with hours, or ended. Every transition is audited and moves
 * the need's status in the same transaction. A declined pair stays in the table: the unique
 * (need, offer) index keeps it from being proposed again, and the engine leaves it out of suggestions.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { hoursLog, matches, needs, needSlots, offerNeighbourhoods, offers } from "@db/schema";
import type { MatchStatus, NeedStatus } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import type { ScoredCandidate, WeightKey } from "~/modules/matching";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { notifyMatchEnded, offerRecipients, recomputeNeedStatus } from "./need-match-state.server";
import { notify } from "~/modules/notifications/notify.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { MatchResource, NeedResource, OfferResource } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import { defaultHoursDate, isInWindow, matchWindow } from "./match-window";

export type LifecycleResult<T = { id: number }> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const fail = (errors: FieldErrors) => ({ ok: false as const, errors });

export interface MatchRecord extends MatchResource {
  id: number;
  status: MatchStatus;
  needId: number;
  offerId: number | null;
  needTitle: string;
  needStatus: NeedStatus;
  proposedBy: string | null;
  offerTitle: string | null;
}

/** The match as a permission resource, with what the commands need; null when there is none. */
export function loadMatchRecord(db: DbOrTx, matchId: number): MatchRecord | null {
  const row = db
    .select({
      id: matches.id,
      status: matches.status,
      needId: matches.needId,
      offerId: matches.offerId,
      proposedBy: matches.proposedBy,
      needTitle: needs.title,
      needStatus: needs.status,
      needNeighbourhoodId: needs.neighbourhoodId,
      needOrganisationId: needs.organisationId,
      offerTitle: offers.title,
      offerVolunteerId: offers.volunteerId,
      offerOrganisationId: offers.organisationId,
      offerNeighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from ${offerNeighbourhoods} where offer_id = matches.offer_id)`,
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .leftJoin(offers, eq(offers.id, matches.offerId))
    .where(eq(matches.id, matchId))
    .get();
  if (!row) return null;
  const need: NeedResource = {
    neighbourhoodId: row.needNeighbourhoodId,
    organisationId: row.needOrganisationId,
  };
  const offer: OfferResource = {
    volunteerId: row.offerVolunteerId,
    organisationId: row.offerOrganisationId,
    neighbourhoodIds: JSON.parse(row.offerNeighbourhoodIds) as number[],
  };
  return {
    id: row.id,
    status: row.status,
    needId: row.needId,
    offerId: row.offerId,
    proposedBy: row.proposedBy,
    needTitle: row.needTitle,
    needStatus: row.needStatus,
    offerTitle: row.offerTitle,
    need,
    offer,
  };
}

type MatchAction = "match:read" | "match:respond" | "match:manage" | "match:end";

/** The match if `user` may do `action` on it; 404 when they may not know it exists, 403 otherwise. */
export function requireMatch(db: DbOrTx, user: AuthUser, matchId: number, action: MatchAction): MatchRecord {
  const match = loadMatchRecord(db, matchId);
  if (!match) throw notFound();
  assertCan(user, action, match);
  return match;
}

const COMPONENT_COLUMN: Record<WeightKey, keyof typeof matches.$inferInsert> = {
  language: "scoreLanguage",
  distance: "scoreDistance",
  availability: "scoreAvailability",
  load: "scoreLoad",
  experience: "scoreExperience",
  responsiveness: "scoreResponsiveness",
};

/** Score columns of a match row from an engine candidate: each component's value in [0, 1]. */
function scoreColumns(candidate: ScoredCandidate): Partial<typeof matches.$inferInsert> {
  const columns: Partial<Record<string, number | null>> = {
    score: candidate.score,
    distanceKm: candidate.distanceKm,
  };
  for (const component of candidate.components) columns[COMPONENT_COLUMN[component.key]] = component.value;
  return columns as Partial<typeof matches.$inferInsert>;
}

function errorForExistingPair(tx: DbOrTx, needId: number, offerId: number): FieldErrors | null {
  const existing = tx
    .select({ status: matches.status })
    .from(matches)
    .where(and(eq(matches.needId, needId), eq(matches.offerId, offerId)))
    .get();
  if (!existing) return null;
  return {
    offerId:
      existing.status === "declined" ? "matches:errors.declinedBefore" : "matches:errors.alreadyProposed",
  };
}

/**
 * Writes proposed matches for candidates the engine has just scored (the caller checked `match:propose`
 * for each need and that each candidate passed the hard constraints). Inside the caller's transaction:
 * one audit row and one notification per match. Pairs that exist already are skipped and returned.
 */
export function insertProposals(
  tx: DbOrTx,
  user: AuthUser,
  proposals: { needId: number; candidate: ScoredCandidate }[],
  source: "suggestion" | "bulk" | "organisation",
): {
  created: { id: number; needId: number; offerId: number }[];
  skipped: { needId: number; offerId: number; errors: FieldErrors }[];
} {
  const created: { id: number; needId: number; offerId: number }[] = [];
  const skipped: { needId: number; offerId: number; errors: FieldErrors }[] = [];
  const needRows = tx
    .select({
      id: needs.id,
      title: needs.title,
      neighbourhoodId: needs.neighbourhoodId,
      status: needs.status,
    })
    .from(needs)
    .where(inArray(needs.id, [...new Set(proposals.map((p) => p.needId))]))
    .all();
  const needById = new Map(needRows.map((n) => [n.id, n]));
  const now = new Date();
  for (const { needId, candidate } of proposals) {
    const need = needById.get(needId);
    const offerId = candidate.offerId;
    if (!need || isFinalNeedStatus(need.status)) {
      skipped.push({ needId, offerId, errors: { form: "needs:errors.finished" } });
      continue;
    }
    const existing = errorForExistingPair(tx, needId, offerId);
    if (existing) {
      skipped.push({ needId, offerId, errors: existing });
      continue;
    }
    const row = tx
      .insert(matches)
      .values({
        needId,
        offerId,
        status: "proposed",
        proposedBy: user.id,
        proposedAt: now,
        score: 0,
        ...scoreColumns(candidate),
      })
      .returning({ id: matches.id })
      .get();
    recordAudit(tx, {
      actorId: user.id,
      action: "match.proposed",
      entityType: "match",
      entityId: row.id,
      neighbourhoodId: need.neighbourhoodId,
      details: {
        needId,
        offerId,
        score: candidate.score,
        components: Object.fromEntries(candidate.components.map((c) => [c.key, c.value])),
        source,
      },
    });
    for (const userId of offerRecipients(tx, offerId).userIds) {
      notify(tx, {
        userId,
        kind: "match_proposed",
        params: { needId, needTitle: need.title },
        link: `/matches/${row.id}`,
      });
    }
    created.push({ id: row.id, needId, offerId });
  }
  for (const needId of new Set(created.map((c) => c.needId))) recomputeNeedStatus(tx, needId, user.id);
  return { created, skipped };
}

/**
 * Writes a match that is accepted at once: the helper already said yes (an urgent request's "Ich kann",
 * app/modules/reach). Audited as proposed and accepted, the need's status follows; the caller tells
 * the people concerned. Null when the pair exists already (the unique index keeps one row per pair).
 */
export function insertAcceptedMatch(
  tx: DbOrTx,
  input: {
    needId: number;
    neighbourhoodId: number;
    candidate: ScoredCandidate;
    /** The coordinator the match is proposed in the name of (told when the helper steps back later). */
    proposedBy: string | null;
    /** Who made it happen: the coordinator confirming, or the helper (auto-accept). */
    actorId: string | null;
    now: number;
  },
): { id: number } | null {
  if (errorForExistingPair(tx, input.needId, input.candidate.offerId)) return null;
  const stamp = new Date(input.now);
  const row = tx
    .insert(matches)
    .values({
      needId: input.needId,
      offerId: input.candidate.offerId,
      status: "accepted",
      proposedBy: input.proposedBy,
      proposedAt: stamp,
      respondedAt: stamp,
      score: 0,
      ...scoreColumns(input.candidate),
    })
    .returning({ id: matches.id })
    .get();
  const details = { needId: input.needId, offerId: input.candidate.offerId, source: "urgent_request" };
  recordAudit(tx, {
    actorId: input.actorId,
    action: "match.proposed",
    entityType: "match",
    entityId: row.id,
    neighbourhoodId: input.neighbourhoodId,
    details: {
      ...details,
      score: input.candidate.score,
      components: Object.fromEntries(input.candidate.components.map((c) => [c.key, c.value])),
    },
  });
  recordAudit(tx, {
    actorId: input.actorId,
    action: "match.accepted",
    entityType: "match",
    entityId: row.id,
    neighbourhoodId: input.neighbourhoodId,
    details,
  });
  recomputeNeedStatus(tx, input.needId, input.actorId);
  return row;
}

/** Proposes one scored candidate for a need (the need page's "propose" button). */
export function proposeMatch(
  db: Db,
  user: AuthUser,
  needId: number,
  candidate: ScoredCandidate,
): LifecycleResult {
  const need = db
    .select({ neighbourhoodId: needs.neighbourhoodId, organisationId: needs.organisationId })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!need) throw notFound();
  assertCan(user, "need:read", need);
  assertCan(user, "match:propose", need);
  const result = db.transaction((tx) => insertProposals(tx, user, [{ needId, candidate }], "suggestion"), {
    behavior: "immediate",
  });
  const made = result.created[0];
  if (made) return { ok: true, value: { id: made.id } };
  return fail(result.skipped[0]?.errors ?? { form: "matches:errors.unknown" });
}

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
