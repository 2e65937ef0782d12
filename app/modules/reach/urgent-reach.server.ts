/**
 * Urgent needs reach suitable volunteers in waves (issue 16; docs/decisions/089-urgent-waves-and-signed-answers.md).
 *
 *  - A wave is a job of the persisted scheduler (ADR 011). Its handler ranks the need's candidates with
 *    the matching engine (hard constraints hold for everyone it returns), picks the next volunteers,
 *    records one request per person and need, tells each of them (inbox and e-mail, through the outbox)
 *    and plans the next wave — all in the job's transaction, so a wave happens exactly once.
 *  - A volunteer answers through a signed, expiring link without logging in. The first fitting
 *    "Ich kann" becomes a proposal the coordinator confirms, or with auto-accept an accepted match.
 *  - The coordinator's panel on the need page shows who was asked when and who answered.
 */
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
  categories,
  coordinatorNeighbourhoods,
  matches,
  needs,
  needTranslations,
  neighbourhoods,
  offers,
  urgentReach,
  urgentRequests,
  users,
  volunteerProfiles,
} from "@db/schema";
import {
  OPEN_NEED_STATUSES,
  PLACE_TAKING_MATCH_STATUSES,
  type UiLocale,
  type UrgentAnswer,
  type UrgentEnd,
  type UrgentOutcome,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import type { AuditDetails } from "~/modules/audit/audit-details";
import { recordAudit } from "~/modules/audit/audit.server";
import { insertAcceptedMatch } from "~/modules/matches/match-lifecycle.server";
import { explainCandidate, rankCandidates } from "~/modules/matches/matching.server";
import { absoluteUrl } from "~/modules/notifications/config.server";
import { notify } from "~/modules/notifications/notify.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { JobContext } from "~/modules/scheduler/scheduler.server";
import { urgentMaxPerWeek } from "~/utils/env.server";
import type { FieldErrors } from "~/utils/form-validation";
import { answerPath, createAnswerToken, verifyAnswerToken } from "./answer-token.server";
import { bringWaveForward, scheduleWave, startUrgentReach } from "./start.server";
import {
  answerExpiry,
  freePlaces,
  LIMIT_WINDOW_MS,
  MAX_WAVES,
  needStillAhead,
  pickWave,
  WAVE_INTERVAL_MS,
  waveSize,
  type RankedVolunteer,
} from "./waves";

/** Matches that hold one of the need's helper places (the engine's count: a proposal holds one too). */

// ---- choosing a wave (read only: the bench measures it on a read-only connection) ---------------------

/**
 * The volunteers the next wave asks, best first: the engine's candidates for the need (volunteers'
 * offers only, each person once with their best offer), minus those asked for this need before or
 * holding a match of it, those who switched urgent requests off, and those asked `maxPerWeek` times in
 * the last seven days. Four queries besides the engine's load.
 */
export function chooseWave(
  db: Db,
  needId: number,
  size: number,
  options: { now: number; maxPerWeek?: number },
): RankedVolunteer[] {
  if (size <= 0) return [];
  const ranking = rankCandidates(db, needId, { now: options.now });
  if (!ranking) return [];
  const ranked = ranking.ranked
    .filter((c) => c.kind === "volunteer")
    .map((c) => ({ offerId: c.offerId, volunteerId: c.ownerId, score: c.score }));
  const ids = [...new Set(ranked.map((c) => c.volunteerId))];
  if (ids.length === 0) return [];

  const involved = new Set(
    db
      .select({ id: urgentRequests.volunteerId })
      .from(urgentRequests)
      .where(eq(urgentRequests.needId, needId))
      .all()
      .map((r) => r.id),
  );
  for (const row of db
    .select({ id: offers.volunteerId })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(and(eq(matches.needId, needId), inArray(offers.volunteerId, ids)))
    .all()) {
    if (row.id) involved.add(row.id);
  }
  const optedOut = new Set(
    db
      .select({ id: volunteerProfiles.userId })
      .from(volunteerProfiles)
      .where(and(inArray(volunteerProfiles.userId, ids), eq(volunteerProfiles.acceptsUrgentRequests, false)))
      .all()
      .map((r) => r.id),
  );
  const askedThisWeek = new Map(
    db
      .select({ id: urgentRequests.volunteerId, count: sql<number>`count(*)` })
      .from(urgentRequests)
      .where(
        and(
          inArray(urgentRequests.volunteerId, ids),
          gte(urgentRequests.askedAt, new Date(options.now - LIMIT_WINDOW_MS)),
        ),
      )
      .groupBy(urgentRequests.volunteerId)
      .all()
      .map((r) => [r.id, r.count]),
  );
  return pickWave(
    ranked,
    {
      alreadyInvolved: involved,
      optedOut,
      askedThisWeek,
      maxPerWeek: options.maxPerWeek ?? urgentMaxPerWeek(),
    },
    size,
  );
}

// ---- the wave job -----------------------------------------------------------------------------------

interface NeedState {
  id: number;
  title: string;
  description: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  createdBy: string | null;
  status: (typeof needs.$inferSelect)["status"];
  urgency: (typeof needs.$inferSelect)["urgency"];
  schedule: (typeof needs.$inferSelect)["schedule"];
  startsAt: number;
  endsAt: number;
  helpersNeeded: number;
  filled: number;
  pendingYes: number;
}

function loadNeedState(tx: DbOrTx, needId: number): NeedState | null {
  const row = tx
    .select({
      id: needs.id,
      title: needs.title,
      description: needs.description,
      neighbourhoodId: needs.neighbourhoodId,
      neighbourhoodName: neighbourhoods.name,
      createdBy: needs.createdBy,
      status: needs.status,
      urgency: needs.urgency,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
      helpersNeeded: needs.helpersNeeded,
      filled: sql<number>`(select count(*) from ${matches} m where m.need_id = needs.id and m.status in (${sql.join(
        PLACE_TAKING_MATCH_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )}))`,
      pendingYes: sql<number>`(select count(*) from ${urgentRequests} r where r.need_id = needs.id and r.outcome = 'proposed')`,
    })
    .from(needs)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .where(eq(needs.id, needId))
    .get();
  return row ? { ...row, startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() } : null;
}

function endReach(tx: DbOrTx, needId: number, reason: UrgentEnd, now: number): void {
  tx.update(urgentReach)
    .set({ endedAt: new Date(now), endReason: reason, nextWaveAt: null })
    .where(and(eq(urgentReach.needId, needId), sql`${urgentReach.endedAt} is null`))
    .run();
}

/** Why asking must stop now, or null while it may go on. */
function reasonToStop(need: NeedState | null, now: number): UrgentEnd | null {
  if (!need) return "need_finished";
  if (need.status === "closed" || need.status === "cancelled") return "need_finished";
  if (freePlaces(need.helpersNeeded, need.filled, need.pendingYes) === 0) return "covered";
  if (!needStillAhead(need, now)) return "need_started";
  return null;
}

/** The need's title in the reader's language where someone translated it. */
function titlesByLocale(tx: DbOrTx, needId: number): Map<UiLocale, { title: string; description: string }> {
  return new Map(
    tx
      .select({
        locale: needTranslations.locale,
        title: needTranslations.title,
        description: needTranslations.description,
      })
      .from(needTranslations)
      .where(eq(needTranslations.needId, needId))
      .all()
      .map((r) => [r.locale, { title: r.title, description: r.description }]),
  );
}

/**
 * The wave job's handler. Runs inside the job's transaction (ADR 011): everything it records commits
 * with the job, or nothing does. A job for a wave that was sent already (or for asking that ended) does
 * nothing, so two jobs for one wave — or one run twice after a crash — send it once.
 */
export function runUrgentWave({ tx, db, job, now }: JobContext): void {
  const needId = Number(job.payload.needId);
  const wave = Number(job.payload.wave);
  const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
  if (!reach?.startedAt || reach.endedAt || wave !== reach.wavesSent + 1) return;
  const need = loadNeedState(tx, needId);
  const stop = reasonToStop(need, now) ?? (wave > MAX_WAVES ? "all_waves" : null);
  if (stop || !need) return endReach(tx, needId, stop ?? "need_finished", now);

  const picked = chooseWave(db, needId, waveSize(wave), { now });
  if (picked.length === 0) return endReach(tx, needId, "no_candidates", now);

  const expiresAt = answerExpiry(now, need);
  const inserted = tx
    .insert(urgentRequests)
    .values(
      picked.map((p) => ({
        needId,
        volunteerId: p.volunteerId,
        offerId: p.offerId,
        wave,
        score: p.score,
        askedAt: new Date(now),
        expiresAt: new Date(expiresAt),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: urgentRequests.id, volunteerId: urgentRequests.volunteerId })
    .all();

  const translations = titlesByLocale(tx, needId);
  const locales = new Map(
    tx
      .select({ id: users.id, locale: users.locale })
      .from(users)
      .where(
        inArray(
          users.id,
          inserted.map((r) => r.volunteerId),
        ),
      )
      .all()
      .map((u) => [u.id, u.locale]),
  );
  for (const request of inserted) {
    const locale = locales.get(request.volunteerId) ?? "de";
    const text = translations.get(locale) ?? { title: need.title, description: need.description };
    const token = createAnswerToken(request.id, expiresAt);
    notify(tx, {
      userId: request.volunteerId,
      kind: "urgent_request",
      params: {
        needId,
        needTitle: text.title,
        startsAt: need.startsAt,
        neighbourhood: need.neighbourhoodName,
      },
      link: answerPath(token, "yes", locale),
      emailOnlyParams: {
        description: text.description,
        expiresAt,
        secondaryUrl: absoluteUrl(answerPath(token, "no", locale)),
      },
    });
  }
  recordAudit(tx, {
    actorId: null,
    action: "need.urgent_wave_sent",
    entityType: "need",
    entityId: needId,
    neighbourhoodId: need.neighbourhoodId,
    details: { wave, asked: inserted.length },
  });
  const last = wave >= MAX_WAVES;
  tx.update(urgentReach)
    .set({ wavesSent: wave, nextWaveAt: last ? null : new Date(now + WAVE_INTERVAL_MS) })
    .where(eq(urgentReach.needId, needId))
    .run();
  if (last) endReach(tx, needId, "all_waves", now);
  else scheduleWave(tx, needId, wave + 1, now + WAVE_INTERVAL_MS);
}

// ---- planning: needs that became urgent by any writer -------------------------------------------------

export const PLAN_URGENT_REACH_JOB = "plan_urgent_reach";
/** At most this many needs start asking per planning run (the soonest first): a burst stays small. */
const PLAN_BATCH = 20;

/**
 * The periodic planner: starts asking for live needs that are marked urgent (by any writer: a
 * coordinator, the arrivals plan, an import) or begin within 72 h, and for which asking was never set
 * up. Needs saved through the app start at once (needs.server.ts); this catches the rest.
 */
export function planUrgentReach(tx: DbOrTx, now: number): number {
  const soonLimit = new Date(now + 72 * 3_600_000);
  const nowDate = new Date(now);
  const due = tx
    .select({ id: needs.id })
    .from(needs)
    .leftJoin(urgentReach, eq(urgentReach.needId, needs.id))
    .where(
      and(
        inArray(needs.status, [...OPEN_NEED_STATUSES]),
        sql`${urgentReach.startedAt} is null`,
        sql`${urgentReach.endedAt} is null`,
        sql`(
          (${needs.schedule} = 'one_off' and ${needs.startsAt} > ${nowDate.getTime()}
            and (${needs.urgency} = 'urgent' or ${needs.startsAt} <= ${soonLimit.getTime()}))
          or (${needs.schedule} = 'recurring' and ${needs.urgency} = 'urgent' and ${needs.endsAt} > ${nowDate.getTime()})
        )`,
      ),
    )
    .orderBy(asc(needs.startsAt), asc(needs.id))
    .limit(PLAN_BATCH)
    .all();
  let started = 0;
  for (const need of due) if (startUrgentReach(tx, need.id, { startedBy: null, now })) started++;
  return started;
}

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

interface RequestRow {
  id: number;
  needId: number;
  volunteerId: string;
  offerId: number | null;
  wave: number;
  expiresAt: number;
  answer: UrgentAnswer | null;
  outcome: UrgentOutcome | null;
}

function loadRequest(db: DbOrTx, requestId: number): RequestRow | null {
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

// ---- the volunteer's setting -------------------------------------------------------------------------

/** Whether the hub may ask this person for urgent help; null when they have no volunteer profile. */
export function acceptsUrgentRequests(db: DbOrTx, userId: string): boolean | null {
  const row = db
    .select({ accepts: volunteerProfiles.acceptsUrgentRequests })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  return row ? row.accepts : null;
}

export function setAcceptsUrgentRequests(db: DbOrTx, userId: string, accepts: boolean): void {
  db.update(volunteerProfiles)
    .set({ acceptsUrgentRequests: accepts })
    .where(eq(volunteerProfiles.userId, userId))
    .run();
}

// ---- the coordinator's panel and commands ------------------------------------------------------------

export interface UrgentRequestView {
  id: number;
  volunteerName: string;
  wave: number;
  score: number;
  askedAt: number;
  expiresAt: number;
  answer: UrgentAnswer | null;
  answeredAt: number | null;
  outcome: UrgentOutcome | null;
  matchId: number | null;
}

export interface UrgentPanel {
  autoAccept: boolean;
  startedAt: number | null;
  startedByHub: boolean;
  wavesSent: number;
  maxWaves: number;
  nextWaveAt: number | null;
  endedAt: number | null;
  endReason: UrgentEnd | null;
  maxPerWeek: number;
  requests: UrgentRequestView[];
}

/** The need page's panel: the asking's state and every request (two queries); the caller checked need:read. */
export function getUrgentPanel(db: DbOrTx, needId: number): UrgentPanel {
  const reach = db.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
  const requests = db
    .select({
      id: urgentRequests.id,
      volunteerName: users.displayName,
      wave: urgentRequests.wave,
      score: urgentRequests.score,
      askedAt: urgentRequests.askedAt,
      expiresAt: urgentRequests.expiresAt,
      answer: urgentRequests.answer,
      answeredAt: urgentRequests.answeredAt,
      outcome: urgentRequests.outcome,
      matchId: urgentRequests.matchId,
    })
    .from(urgentRequests)
    .innerJoin(users, eq(users.id, urgentRequests.volunteerId))
    .where(eq(urgentRequests.needId, needId))
    .orderBy(asc(urgentRequests.wave), desc(urgentRequests.score), asc(urgentRequests.id))
    .all();
  return {
    autoAccept: reach?.autoAccept ?? false,
    startedAt: reach?.startedAt?.getTime() ?? null,
    startedByHub: !!reach?.startedAt && reach.startedBy === null,
    wavesSent: reach?.wavesSent ?? 0,
    maxWaves: MAX_WAVES,
    nextWaveAt: reach?.nextWaveAt?.getTime() ?? null,
    endedAt: reach?.endedAt?.getTime() ?? null,
    endReason: reach?.endReason ?? null,
    maxPerWeek: urgentMaxPerWeek(),
    requests: requests.map((r) => ({
      ...r,
      askedAt: r.askedAt.getTime(),
      expiresAt: r.expiresAt.getTime(),
      answeredAt: r.answeredAt?.getTime() ?? null,
    })),
  };
}

export type ReachCommandResult = { ok: true } | { ok: false; errors: FieldErrors };

interface NeedForCommand {
  id: number;
  neighbourhoodId: number;
  organisationId: number | null;
}

function requireNeedToCoordinate(db: DbOrTx, user: AuthUser, needId: number): NeedForCommand {
  const need = db
    .select({ id: needs.id, neighbourhoodId: needs.neighbourhoodId, organisationId: needs.organisationId })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!need) throw notFound();
  assertCan(user, "need:read", need);
  assertCan(user, "match:propose", need);
  return need;
}

function audit(tx: DbOrTx, user: AuthUser, need: NeedForCommand, action: string, details: AuditDetails) {
  recordAudit(tx, {
    actorId: user.id,
    action: `need.${action}`,
    entityType: "need",
    entityId: need.id,
    neighbourhoodId: need.neighbourhoodId,
    details,
  });
}

/** Auto-accept on or off for a need (before or while asking). */
export function setAutoAccept(
  db: Db,
  user: AuthUser,
  needId: number,
  autoAccept: boolean,
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  db.transaction((tx) => {
    tx.insert(urgentReach)
      .values({ needId, autoAccept })
      .onConflictDoUpdate({ target: urgentReach.needId, set: { autoAccept } })
      .run();
    audit(tx, user, need, "urgent_auto_accept", { autoAccept });
  });
  return { ok: true };
}

/**
 * "Ask now": starts asking for a need that is not urgent by itself, or sends the next wave at once
 * (also after asking ended or was stopped, as long as the need is ahead and has a free place).
 */
export function askNow(db: Db, user: AuthUser, needId: number, now = Date.now()): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  return db.transaction(
    (tx): ReachCommandResult => {
      const state = loadNeedState(tx, needId);
      const stop = reasonToStop(state, now);
      if (stop) return { ok: false, errors: { form: `needs:urgent.errors.${stop}` } };
      const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
      if (!reach?.startedAt) {
        startUrgentReach(tx, needId, { startedBy: user.id, now });
        return { ok: true };
      }
      if (reach.wavesSent >= MAX_WAVES)
        return { ok: false, errors: { form: "needs:urgent.errors.all_waves" } };
      tx.update(urgentReach)
        .set({ endedAt: null, endReason: null, nextWaveAt: new Date(now) })
        .where(eq(urgentReach.needId, needId))
        .run();
      const next = reach.wavesSent + 1;
      if (!bringWaveForward(tx, needId, next, now)) scheduleWave(tx, needId, next, now);
      audit(tx, user, need, "urgent_asked_now", { wave: next });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Stops asking: no further wave goes out. Links sent already still take answers. */
export function stopAsking(db: Db, user: AuthUser, needId: number, now = Date.now()): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  db.transaction((tx) => {
    endReach(tx, needId, "stopped", now);
    audit(tx, user, need, "urgent_stopped", {});
  });
  return { ok: true };
}

function requireYes(tx: DbOrTx, needId: number, requestId: number): RequestRow {
  const request = loadRequest(tx, requestId);
  if (!request || request.needId !== needId) throw notFound();
  return request;
}

/** The coordinator confirms a volunteer's "Ich kann": an accepted match, the volunteer is told. */
export function confirmYes(
  db: Db,
  user: AuthUser,
  needId: number,
  requestId: number,
  now = Date.now(),
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  const request = requireYes(db, needId, requestId);
  if (request.answer !== "yes" || !(request.outcome === "proposed" || request.outcome === "not_needed"))
    return { ok: false, errors: { form: "needs:urgent.errors.notConfirmable" } };
  const verdict = request.offerId !== null ? explainCandidate(db, needId, request.offerId, { now }) : null;
  if (!verdict || verdict.status !== "candidate") {
    db.update(urgentRequests)
      .set({ outcome: "no_longer_fits" })
      .where(eq(urgentRequests.id, requestId))
      .run();
    return { ok: false, errors: { form: "needs:urgent.errors.noLongerFits" } };
  }
  return db.transaction(
    (tx): ReachCommandResult => {
      const state = loadNeedState(tx, needId);
      if (!state || state.status === "closed" || state.status === "cancelled")
        return { ok: false, errors: { form: "needs:errors.finished" } };
      const match = insertAcceptedMatch(tx, {
        needId,
        neighbourhoodId: need.neighbourhoodId,
        candidate: verdict.candidate,
        proposedBy: user.id,
        actorId: user.id,
        now,
      });
      if (!match) return { ok: false, errors: { form: "matches:errors.alreadyProposed" } };
      tx.update(urgentRequests)
        .set({ outcome: "matched", matchId: match.id })
        .where(eq(urgentRequests.id, requestId))
        .run();
      audit(tx, user, need, "urgent_confirmed", { requestId, matchId: match.id });
      notify(tx, {
        userId: request.volunteerId,
        kind: "urgent_confirmed",
        params: { needId, needTitle: state.title },
        link: `/matches/${match.id}`,
      });
      const after = loadNeedState(tx, needId);
      if (after && reasonToStop(after, now) === "covered") endReach(tx, needId, "covered", now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * The coordinator thanks a volunteer whose "Ich kann" is not taken: their place is free again, and if
 * asking had ended because the need was covered, it goes on with the next wave.
 */
export function releaseYes(
  db: Db,
  user: AuthUser,
  needId: number,
  requestId: number,
  now = Date.now(),
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  return db.transaction(
    (tx): ReachCommandResult => {
      const request = requireYes(tx, needId, requestId);
      if (request.answer !== "yes" || request.outcome !== "proposed")
        return { ok: false, errors: { form: "needs:urgent.errors.notConfirmable" } };
      tx.update(urgentRequests).set({ outcome: "released" }).where(eq(urgentRequests.id, requestId)).run();
      audit(tx, user, need, "urgent_released", { requestId });
      const state = loadNeedState(tx, needId);
      notify(tx, {
        userId: request.volunteerId,
        kind: "urgent_released",
        params: { needId, needTitle: state?.title ?? "" },
      });
      const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
      if (
        reach?.endReason === "covered" &&
        state &&
        reasonToStop(state, now) === null &&
        reach.wavesSent < MAX_WAVES
      ) {
        tx.update(urgentReach)
          .set({ endedAt: null, endReason: null, nextWaveAt: new Date(now) })
          .where(eq(urgentReach.needId, needId))
          .run();
        scheduleWave(tx, needId, reach.wavesSent + 1, now);
      }
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
