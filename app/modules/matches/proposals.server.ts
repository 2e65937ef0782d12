/**
 * A match begins: proposed by a coordinator (score and components stored as seen then; the offerer is
 * told), or accepted at once (an urgent yes with auto-accept). A declined pair stays in the table: the
 * unique (need, offer) index keeps it from being proposed again, and the engine leaves it out of
 * suggestions. Every insert is audited and moves the need's status in the same transaction.
 */
import { and, eq, inArray } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { matches, needs } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import type { ScoredCandidate, WeightKey } from "~/modules/matching";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { offerRecipients, recomputeNeedStatus } from "./need-match-state.server";
import { notify } from "~/modules/notifications/notify.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { FieldErrors } from "~/utils/form-validation";
import { fail, type LifecycleResult } from "./match-record.server";

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
