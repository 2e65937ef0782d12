/** Reading urgent reach: whether a volunteer accepts urgent requests, and the coordinator's panel on a need's page. */
import { asc, desc, eq } from "drizzle-orm";
import { type DbOrTx } from "@db/client";
import { urgentReach, urgentRequests, users, volunteerProfiles } from "@db/schema";
import { type UrgentAnswer, type UrgentEnd, type UrgentOutcome } from "@db/schema/enums";
import { urgentMaxPerWeek } from "~/utils/env.server";
import { MAX_WAVES } from "./waves";

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
