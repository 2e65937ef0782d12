/**
 * Urgent needs reach suitable volunteers in waves (issue 16; docs/decisions/089-urgent-waves-and-signed-answers.md).
 * A wave is a job of the persisted scheduler (ADR 011). Its handler ranks the need's candidates with the
 * matching engine (hard constraints hold for everyone it returns), picks the next volunteers, records one
 * request per person and need, tells each of them (inbox and e-mail, through the outbox) and plans the next
 * wave — all in the job's transaction, so a wave happens exactly once. Answers: answers.server.ts; the
 * coordinator's commands: commands.server.ts; the panel: queries.server.ts.
 */
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
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
  type UrgentEnd,
} from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { rankCandidates } from "~/modules/matches/matching.server";
import { absoluteUrl } from "~/modules/notifications/config.server";
import { notify } from "~/modules/notifications/notify.server";
import type { JobContext } from "~/modules/scheduler/scheduler.server";
import { urgentMaxPerWeek } from "~/utils/env.server";
import { answerPath, createAnswerToken } from "./answer-token.server";
import { scheduleWave, startUrgentReach } from "./start.server";
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

export interface NeedState {
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

export function loadNeedState(tx: DbOrTx, needId: number): NeedState | null {
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

export function endReach(tx: DbOrTx, needId: number, reason: UrgentEnd, now: number): void {
  tx.update(urgentReach)
    .set({ endedAt: new Date(now), endReason: reason, nextWaveAt: null })
    .where(and(eq(urgentReach.needId, needId), sql`${urgentReach.endedAt} is null`))
    .run();
}

/** Why asking must stop now, or null while it may go on. */
export function reasonToStop(need: NeedState | null, now: number): UrgentEnd | null {
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
 * up. Needs saved through the app start at once (needs/commands.server.ts); this catches the rest.
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
