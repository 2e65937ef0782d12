/**
 * A volunteer answers an urgent request through a signed, expiring link without logging in. The first
 * fitting "Ich kann" becomes a proposal the coordinator confirms, or with auto-accept an accepted match.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
  categories,
  coordinatorNeighbourhoods,
  needs,
  needTranslations,
  neighbourhoods,
  urgentReach,
  urgentRequests,
  users,
  volunteerProfiles,
} from "@db/schema";
import { type UiLocale, type UrgentAnswer, type UrgentOutcome } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { insertAcceptedMatch } from "~/modules/matches/proposals.server";
import { explainCandidate } from "~/modules/matches/matching.server";
import { notify } from "~/modules/notifications/notify.server";
import { verifyAnswerToken } from "./answer-token.server";
import { bringWaveForward } from "./start.server";
import { endReach, loadNeedState, reasonToStop, type NeedState } from "./wave-jobs.server";

// ---- answering through the signed link ---------------------------------------------------------------

export type AnswerCheck =
  | { status: "invalid" }
  | { status: "expired"; need: AnswerNeedView }
  | { status: "answered"; answer: UrgentAnswer; outcome: UrgentOutcome | null; need: AnswerNeedView }
  | { status: "open"; need: AnswerNeedView };

/** What the answer page shows about the need: its plain-language text and facts, nothing about people. */
export interface AnswerNeedView {
  needId: number;
  title: string;
  description: string;
  categorySlug: string;
  categoryName: string;
  neighbourhoodName: string;
  schedule: "one_off" | "recurring";
  startsAt: number;
  endsAt: number;
  expiresAt: number;
  /** The need is over, finished or covered: a "yes" would not be used. */
  stillNeeded: boolean;
}

export interface RequestRow {
  id: number;
  needId: number;
  volunteerId: string;
  offerId: number | null;
  wave: number;
  expiresAt: number;
  answer: UrgentAnswer | null;
  outcome: UrgentOutcome | null;
}

export function loadRequest(db: DbOrTx, requestId: number): RequestRow | null {
  const row = db.select().from(urgentRequests).where(eq(urgentRequests.id, requestId)).get();
  if (!row) return null;
  return {
    id: row.id,
    needId: row.needId,
    volunteerId: row.volunteerId,
    offerId: row.offerId,
    wave: row.wave,
    expiresAt: row.expiresAt.getTime(),
    answer: row.answer,
    outcome: row.outcome,
  };
}

/** The request a token stands for, if the token is genuine and belongs to an existing request. */
function requestOfToken(db: DbOrTx, token: string): RequestRow | null {
  const verified = verifyAnswerToken(token);
  if (!verified) return null;
  const request = loadRequest(db, verified.requestId);
  // The expiry is signed into the link: a link for another expiry of the same id is not this request's.
  if (!request || request.expiresAt !== verified.expiresAt) return null;
  return request;
}

function answerNeedView(
  db: DbOrTx,
  request: RequestRow,
  locale: UiLocale,
  now: number,
): AnswerNeedView | null {
  const row = db
    .select({
      title: needs.title,
      description: needs.description,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
      translatedTitle: needTranslations.title,
      translatedDescription: needTranslations.description,
    })
    .from(needs)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .innerJoin(categories, eq(categories.id, needs.categoryId))
    .leftJoin(
      needTranslations,
      and(eq(needTranslations.needId, needs.id), eq(needTranslations.locale, locale)),
    )
    .where(eq(needs.id, request.needId))
    .get();
  const state = loadNeedState(db, request.needId);
  if (!row || !state) return null;
  return {
    needId: request.needId,
    title: row.translatedTitle ?? row.title,
    description: row.translatedDescription ?? row.description,
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    neighbourhoodName: row.neighbourhoodName,
    schedule: row.schedule,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    expiresAt: request.expiresAt,
    stillNeeded: reasonToStop(state, now) === null,
  };
}

/** What the answer page shows for a token (GET: nothing changes). */
export function checkAnswerToken(db: Db, token: string, locale: UiLocale, now = Date.now()): AnswerCheck {
  const request = requestOfToken(db, token);
  if (!request) return { status: "invalid" };
  const need = answerNeedView(db, request, locale, now);
  if (!need) return { status: "invalid" };
  if (request.answer) return { status: "answered", answer: request.answer, outcome: request.outcome, need };
  if (now >= request.expiresAt) return { status: "expired", need };
  return { status: "open", need };
}

export type AnswerResult =
  | { status: "invalid" | "expired" }
  | { status: "answered"; answer: UrgentAnswer; outcome: UrgentOutcome | null }
  | { status: "recorded"; answer: UrgentAnswer; outcome: UrgentOutcome | null };

/** The coordinators told about a need's answers: who started asking, else who recorded it, else the neighbourhood's. */
function coordinatorsOf(tx: DbOrTx, need: Pick<NeedState, "id" | "neighbourhoodId" | "createdBy">): string[] {
  const reach = tx
    .select({ startedBy: urgentReach.startedBy })
    .from(urgentReach)
    .where(eq(urgentReach.needId, need.id))
    .get();
  const responsible = tx
    .select({ id: coordinatorNeighbourhoods.userId })
    .from(coordinatorNeighbourhoods)
    .innerJoin(users, eq(users.id, coordinatorNeighbourhoods.userId))
    .where(
      and(eq(coordinatorNeighbourhoods.neighbourhoodId, need.neighbourhoodId), eq(users.role, "coordinator")),
    )
    .orderBy(asc(coordinatorNeighbourhoods.createdAt))
    .all()
    .map((r) => r.id);
  for (const id of [reach?.startedBy, need.createdBy]) if (id && responsible.includes(id)) return [id];
  return responsible;
}

function helperName(tx: DbOrTx, userId: string): string {
  return tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? "";
}

/**
 * Records the answer of a signed link. Refuses a tampered or unknown token, an expired one and a second
 * answer (the first one stands). An "Ich kann" is checked against the need as it is now: still ahead,
 * a place free (matches and earlier "yes" answers hold theirs), the engine still finds the offer a
 * candidate. Then it becomes a proposal for the coordinator, or — with auto-accept — an accepted match.
 * Everyone concerned is told in the same transaction. An "Ich kann nicht" from the last person of a
 * wave who had not answered brings the next wave forward when nobody said yes.
 */
export function answerUrgentRequest(
  db: Db,
  token: string,
  answer: UrgentAnswer,
  now = Date.now(),
): AnswerResult {
  const request = requestOfToken(db, token);
  if (!request) return { status: "invalid" };
  if (request.answer) return { status: "answered", answer: request.answer, outcome: request.outcome };
  if (now >= request.expiresAt) return { status: "expired" };

  // The engine's verdict is read before the write transaction (it may load many offers); the
  // transaction then re-checks places and the answer, which is what two simultaneous answers race on.
  const verdict =
    answer === "yes" && request.offerId !== null
      ? explainCandidate(db, request.needId, request.offerId, { now })
      : null;

  return db.transaction(
    (tx): AnswerResult => {
      const current = loadRequest(tx, request.id);
      if (!current) return { status: "invalid" };
      if (current.answer) return { status: "answered", answer: current.answer, outcome: current.outcome };
      const need = loadNeedState(tx, request.needId);
      if (!need) return { status: "invalid" };
      let outcome: UrgentOutcome | null = null;
      let matchId: number | null = null;
      if (answer === "yes") {
        const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, need.id)).get();
        if (reasonToStop(need, now) !== null) outcome = "not_needed";
        else if (!verdict || verdict.status !== "candidate") outcome = "no_longer_fits";
        else if (reach?.autoAccept) {
          const coordinators = coordinatorsOf(tx, need);
          const match = insertAcceptedMatch(tx, {
            needId: need.id,
            neighbourhoodId: need.neighbourhoodId,
            candidate: verdict.candidate,
            proposedBy: coordinators[0] ?? null,
            actorId: request.volunteerId,
            now,
          });
          outcome = match ? "matched" : "no_longer_fits";
          matchId = match?.id ?? null;
        } else outcome = "proposed";
      }
      tx.update(urgentRequests)
        .set({ answer, answeredAt: new Date(now), outcome, matchId })
        .where(and(eq(urgentRequests.id, request.id), sql`${urgentRequests.answer} is null`))
        .run();
      recordAudit(tx, {
        actorId: request.volunteerId,
        action: "need.urgent_answered",
        entityType: "need",
        entityId: need.id,
        neighbourhoodId: need.neighbourhoodId,
        details: { requestId: request.id, wave: request.wave, answer, outcome },
      });
      if (outcome === "proposed" || outcome === "matched") {
        const name = helperName(tx, request.volunteerId);
        for (const userId of coordinatorsOf(tx, need)) {
          notify(tx, {
            userId,
            kind: "urgent_answered",
            params: {
              needId: need.id,
              needTitle: need.title,
              helperName: name,
              matched: outcome === "matched" ? 1 : 0,
            },
            link: `/coordination/needs/${need.id}#urgent`,
          });
        }
        if (outcome === "matched") {
          notify(tx, {
            userId: request.volunteerId,
            kind: "urgent_confirmed",
            params: { needId: need.id, needTitle: need.title },
            link: matchId ? `/matches/${matchId}` : null,
          });
        }
        // Enough yes answers end the asking at once: no wave goes out for a covered need.
        const after = loadNeedState(tx, need.id);
        if (after && reasonToStop(after, now) === "covered") endReach(tx, need.id, "covered", now);
      }
      if (answer === "no") bringNextWaveForwardIfAllDeclined(tx, need.id, now);
      return { status: "recorded", answer, outcome };
    },
    { behavior: "immediate" },
  );
}

/** Everyone asked so far said no: the next wave need not wait its two hours. */
function bringNextWaveForwardIfAllDeclined(tx: DbOrTx, needId: number, now: number): void {
  const open = tx
    .select({ n: sql<number>`count(*)` })
    .from(urgentRequests)
    .where(
      and(
        eq(urgentRequests.needId, needId),
        sql`((${urgentRequests.answer} is null and ${urgentRequests.expiresAt} > ${now}) or ${urgentRequests.answer} = 'yes')`,
      ),
    )
    .get()?.n;
  if (open) return;
  const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
  if (!reach?.startedAt || reach.endedAt) return;
  if (bringWaveForward(tx, needId, reach.wavesSent + 1, now)) {
    tx.update(urgentReach)
      .set({ nextWaveAt: new Date(now) })
      .where(eq(urgentReach.needId, needId))
      .run();
  }
}

/** Lets a volunteer switch urgent requests off from a request's page, without logging in. */
export function optOutWithToken(db: Db, token: string): boolean {
  const request = requestOfToken(db, token);
  if (!request) return false;
  db.update(volunteerProfiles)
    .set({ acceptsUrgentRequests: false })
    .where(eq(volunteerProfiles.userId, request.volunteerId))
    .run();
  return true;
}
