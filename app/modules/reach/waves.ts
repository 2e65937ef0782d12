/**
 * Asking volunteers for an urgent need, in waves: the rules, without a database or a clock of their own
 * (docs/decisions/089-urgent-waves-and-signed-answers.md). The server side is wave-jobs.server.ts.
 */
import { OPEN_NEED_STATUSES, type NeedSchedule, type NeedStatus, type NeedUrgency } from "@db/schema/enums";

const HOUR_MS = 3_600_000;

/** How many volunteers each wave asks: the best five first, then ten more at a time. */
export const WAVE_SIZES = [5, 10, 10, 10] as const;
export const MAX_WAVES = WAVE_SIZES.length;
/** The next wave goes out this long after the last one, unless enough people said yes meanwhile. */
export const WAVE_INTERVAL_MS = 2 * HOUR_MS;
/** A signed answer link works this long (or until the need begins, if that is sooner). */
export const ANSWER_WINDOW_MS = 48 * HOUR_MS;
/** A one-off need that begins this soon is asked for like an urgent one (issue 16). */
export const SOON_WITHIN_MS = 72 * HOUR_MS;
/** The weekly limit counts the requests of the last seven days. */
export const LIMIT_WINDOW_MS = 7 * 24 * HOUR_MS;

/** The number of volunteers wave `wave` (1-based) asks; 0 beyond the last wave. */
export function waveSize(wave: number): number {
  return WAVE_SIZES[wave - 1] ?? 0;
}

export interface NeedTiming {
  status: NeedStatus;
  urgency: NeedUrgency;
  schedule: NeedSchedule;
  startsAt: number;
  endsAt: number;
}

/** Whether the need can still use a helper who says yes now: live, and not begun (one-off) or over (recurring). */
export function needStillAhead(need: NeedTiming, now: number): boolean {
  if (!(OPEN_NEED_STATUSES as readonly NeedStatus[]).includes(need.status)) return false;
  return need.schedule === "one_off" ? need.startsAt > now : need.endsAt > now;
}

/**
 * Why the hub asks for this need by itself: it is marked urgent (by a coordinator, or by the arrivals
 * plan for a first step within 72 h), or it is a one-off that begins within 72 h. Null: it does not.
 */
export function reachTrigger(need: NeedTiming, now: number): "urgent" | "soon" | null {
  if (!needStillAhead(need, now)) return null;
  if (need.urgency === "urgent") return "urgent";
  if (need.schedule === "one_off" && need.startsAt - now <= SOON_WITHIN_MS) return "soon";
  return null;
}

/** When the links of a request sent at `askedAt` stop working: 48 h later, or when the need begins. */
export function answerExpiry(
  askedAt: number,
  need: Pick<NeedTiming, "schedule" | "startsAt" | "endsAt">,
): number {
  const end = need.schedule === "one_off" ? need.startsAt : need.endsAt;
  return Math.min(askedAt + ANSWER_WINDOW_MS, end);
}

/** Helper places nobody holds yet: matches that fill one, and "yes" answers waiting for the coordinator. */
export function freePlaces(helpersNeeded: number, filled: number, pendingYes: number): number {
  return Math.max(0, helpersNeeded - filled - pendingYes);
}

export interface RankedVolunteer {
  offerId: number;
  volunteerId: string;
  score: number;
}

export interface WaveExclusions {
  /** Volunteers asked for this need already, or holding a match of it through any offer. */
  alreadyInvolved: ReadonlySet<string>;
  /** Volunteers who switched urgent requests off. */
  optedOut: ReadonlySet<string>;
  /** Requests each volunteer got in the last seven days. */
  askedThisWeek: ReadonlyMap<string, number>;
  maxPerWeek: number;
}

/**
 * The next wave: from candidates in the engine's order (best first), each volunteer once (with their
 * best offer), leaving out who was involved already, who opted out and who reached the weekly limit.
 */
export function pickWave(
  ranked: readonly RankedVolunteer[],
  exclusions: WaveExclusions,
  size: number,
): RankedVolunteer[] {
  const picked: RankedVolunteer[] = [];
  const seen = new Set<string>();
  for (const candidate of ranked) {
    if (picked.length >= size) break;
    if (seen.has(candidate.volunteerId)) continue;
    seen.add(candidate.volunteerId);
    if (exclusions.alreadyInvolved.has(candidate.volunteerId)) continue;
    if (exclusions.optedOut.has(candidate.volunteerId)) continue;
    if ((exclusions.askedThisWeek.get(candidate.volunteerId) ?? 0) >= exclusions.maxPerWeek) continue;
    picked.push(candidate);
  }
  return picked;
}
