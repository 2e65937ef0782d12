/**
 * Where a change of a match reaches its need and a change of a need reaches its matches, inside the
 * caller's transaction: the need's status follows its matches (and finishes when its helpers are done),
 * and a finished need leaves no match waiting. The rules are in needs/need-status.ts;
 * docs/decisions/085-need-and-match-states.md explains them.
 */
import type { DbOrTx } from "@db/client";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { matches, memberships, needs, offers, organisations, users } from "@db/schema";
import type { MatchStatus, NeedStatus } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { countMatches, needStatusFor } from "~/modules/needs/need-status";
import { notify } from "~/modules/notifications/notify.server";

/** Who answers for an offer: the volunteer, or the organisation's owners (all members if it has none). */
export function offerRecipients(tx: DbOrTx, offerId: number): { userIds: string[]; helperName: string } {
  const offer = tx
    .select({
      volunteerId: offers.volunteerId,
      organisationId: offers.organisationId,
      volunteerName: users.displayName,
      organisationName: organisations.name,
    })
    .from(offers)
    .leftJoin(users, eq(users.id, offers.volunteerId))
    .leftJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(eq(offers.id, offerId))
    .get();
  if (!offer) return { userIds: [], helperName: "" };
  if (offer.volunteerId) return { userIds: [offer.volunteerId], helperName: offer.volunteerName ?? "" };
  const members = offer.organisationId
    ? tx
        .select({ userId: memberships.userId, role: memberships.role })
        .from(memberships)
        .where(eq(memberships.organisationId, offer.organisationId))
        .orderBy(asc(memberships.createdAt))
        .all()
    : [];
  const owners = members.filter((m) => m.role === "owner");
  return {
    userIds: (owners.length ? owners : members).map((m) => m.userId),
    helperName: offer.organisationName ?? "",
  };
}

export interface EndedMatch {
  id: number;
  needId: number;
  offerId: number | null;
  needTitle: string;
  proposedBy: string | null;
}

/**
 * Tells the other side that a match ended: the helper (the volunteer, or the organisation's owners) when
 * the coordination ended it, withdrew the proposal or finished the need; the coordinator who proposed it
 * when the helper stepped back. The reason stays in the audit trail, not in the message. Nobody is told
 * about their own step.
 */
export function notifyMatchEnded(
  tx: DbOrTx,
  match: EndedMatch,
  by: "coordination" | "helper",
  actorId: string | null,
): void {
  if (match.offerId === null) return;
  const { userIds, helperName } = offerRecipients(tx, match.offerId);
  if (by === "coordination") {
    for (const userId of userIds.filter((id) => id !== actorId)) {
      notify(tx, {
        userId,
        kind: "match_ended_by_coordination",
        params: { needId: match.needId, needTitle: match.needTitle },
        link: `/matches/${match.id}`,
      });
    }
  } else if (match.proposedBy && match.proposedBy !== actorId) {
    notify(tx, {
      userId: match.proposedBy,
      kind: "match_ended_by_helper",
      params: { needId: match.needId, needTitle: match.needTitle, helperName },
      link: `/coordination/needs/${match.needId}`,
    });
  }
}

/**
 * Ends the need's matches in the given states (a finished need leaves nothing waiting), audits each
 * and tells their helpers. Returns the ids.
 */
export function endMatchesOfNeed(
  tx: DbOrTx,
  input: {
    needId: number;
    statuses: readonly MatchStatus[];
    actorId: string | null;
    neighbourhoodId: number;
    reason: string;
    now?: Date;
  },
): number[] {
  const need = tx.select({ title: needs.title }).from(needs).where(eq(needs.id, input.needId)).get();
  const ended = tx
    .update(matches)
    .set({ status: "ended", endedAt: input.now ?? new Date() })
    .where(and(eq(matches.needId, input.needId), inArray(matches.status, [...input.statuses])))
    .returning({
      id: matches.id,
      needId: matches.needId,
      offerId: matches.offerId,
      proposedBy: matches.proposedBy,
    })
    .all();
  for (const m of ended) {
    recordAudit(tx, {
      actorId: input.actorId,
      action: "match.ended",
      entityType: "match",
      entityId: m.id,
      neighbourhoodId: input.neighbourhoodId,
      details: { reason: input.reason, needId: input.needId },
    });
    notifyMatchEnded(tx, { ...m, needTitle: need?.title ?? "" }, "coordination", input.actorId);
  }
  return ended.map((m) => m.id);
}

/**
 * Sets a live need's status from its matches (open / partly matched / matched, or closed once every
 * helper place is filled by a completed match and none is running) and audits a change. Closing this way
 * withdraws proposals still waiting, as closing by hand does. Call it inside the transaction that changed
 * a match of the need. Returns the status now stored.
 */
export function recomputeNeedStatus(tx: DbOrTx, needId: number, actorId: string | null): NeedStatus | null {
  const row = tx
    .select({
      status: needs.status,
      helpersNeeded: needs.helpersNeeded,
      neighbourhoodId: needs.neighbourhoodId,
      matchStatuses: sql<string>`(select json_group_array(m.status) from ${matches} m where m.need_id = needs.id)`,
    })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!row) return null;
  const counts = countMatches(JSON.parse(row.matchStatuses) as MatchStatus[]);
  const next = needStatusFor(row.status, row.helpersNeeded, counts);
  if (next === row.status) return next;
  const details = { from: row.status, to: next, filled: counts.filling, helpersNeeded: row.helpersNeeded };
  if (next === "closed") {
    const now = new Date();
    const ended = endMatchesOfNeed(tx, {
      needId,
      statuses: ["proposed"],
      actorId,
      neighbourhoodId: row.neighbourhoodId,
      reason: "need_completed",
      now,
    });
    tx.update(needs).set({ status: next, closedAt: now }).where(eq(needs.id, needId)).run();
    recordAudit(tx, {
      actorId,
      action: "need.closed",
      entityType: "need",
      entityId: needId,
      neighbourhoodId: row.neighbourhoodId,
      details: { ...details, reason: "all_completed", endedMatches: ended },
    });
    return next;
  }
  tx.update(needs).set({ status: next }).where(eq(needs.id, needId)).run();
  recordAudit(tx, {
    actorId,
    action: "need.status_changed",
    entityType: "need",
    entityId: needId,
    neighbourhoodId: row.neighbourhoodId,
    details,
  });
  return next;
}
