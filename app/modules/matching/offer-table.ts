import { haversineKm } from "./geo";
import type { MatchContext, PreparedNeed, PreparedOffer } from "./prepare";
import {
  availabilityValueOf,
  distanceValueOfKm,
  experienceValueOf,
  GERMAN,
  languageValue,
  languageValueOf,
  loadValueOf,
  responsivenessValueOf,
  scoreFromValues,
} from "./score";

/**
 * The offers again, as a handful of flat typed arrays: what the hot path of the index reads for each
 * (need, offer) pair. A city has ~30k offers; as objects (offer, sets, slot arrays) they are spread
 * over tens of megabytes and every pair costs several cache misses, as typed arrays the fields a pair
 * needs fit in the CPU cache. Measured on the city seed: ~6× faster candidate generation for the bulk graph.
 *
 * This is an optimisation, not a second rulebook: constraints.ts and score.ts stay authoritative
 * (explanations use them) and the property tests check that the index returns exactly what they
 * accept, with the same scores. Only checks the buckets don't already guarantee are repeated here:
 * bucket membership implies category, a shared language, the neighbourhood, an active offer and
 * capacity left.
 */
export interface OfferTable {
  offerId: Int32Array;
  /** 0 none (organisation), 1 female, 2 male, 3 diverse, 4 unspecified. */
  gender: Int8Array;
  /** Days since 1970-01-01; MAX for open-ended. */
  validUntilDay: Int32Array;
  /** Days since 1970-01-01; -1 without a certificate. */
  certificateDay: Int32Array;
  /** Infinity without a cap. */
  hoursCap: Float64Array;
  /** Merged availability as week minutes (weekday × 1440 + minute), [slotFrom, slotTo) per entry. */
  slotOffset: Int32Array;
  slotFrom: Int32Array;
  slotTo: Int32Array;
  /** Bit per language slot of the index; null when there are more than 31 languages. */
  languageMask: Int32Array | null;
  hasHome: Uint8Array;
  homeLat: Float64Array;
  homeLon: Float64Array;
  /** Score components that depend on the offer only. */
  load: Float64Array;
  experience: Float64Array;
  responsiveness: Float64Array;
}

const DAY_MS = 86_400_000;
const OPEN_ENDED = 0x7fffffff;
const GENDER_CODE: Record<string, number> = { female: 1, male: 2, diverse: 3, unspecified: 4 };

/** Days since the epoch of an ISO date; the engine's dates are YYYY-MM-DD (the DB CHECKs them). */
export function isoDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

export function buildOfferTable(
  offers: readonly PreparedOffer[],
  languageSlot: ReadonlyMap<string, number>,
): OfferTable {
  const n = offers.length;
  const masks = languageSlot.size <= 30 ? new Int32Array(n) : null;
  const slotOffset = new Int32Array(n + 1);
  const from: number[] = [];
  const to: number[] = [];
  const table: OfferTable = {
    offerId: new Int32Array(n),
    gender: new Int8Array(n),
    validUntilDay: new Int32Array(n),
    certificateDay: new Int32Array(n),
    hoursCap: new Float64Array(n),
    slotOffset,
    slotFrom: new Int32Array(0),
    slotTo: new Int32Array(0),
    languageMask: masks,
    hasHome: new Uint8Array(n),
    homeLat: new Float64Array(n),
    homeLon: new Float64Array(n),
    load: new Float64Array(n),
    experience: new Float64Array(n),
    responsiveness: new Float64Array(n),
  };
  offers.forEach((prepared, p) => {
    const offer = prepared.offer;
    table.offerId[p] = offer.id;
    table.gender[p] = offer.gender === null ? 0 : (GENDER_CODE[offer.gender] ?? 0);
    table.validUntilDay[p] = offer.validUntil === null ? OPEN_ENDED : isoDay(offer.validUntil);
    table.certificateDay[p] = offer.certificateValidUntil === null ? -1 : isoDay(offer.certificateValidUntil);
    table.hoursCap[p] = offer.hoursCapPerWeek === null ? Infinity : offer.hoursCapPerWeek;
    slotOffset[p] = from.length;
    prepared.availability.forEach((day, weekday) => {
      for (const [start, end] of day) {
        from.push(weekday * 1440 + start);
        to.push(weekday * 1440 + end);
      }
    });
    if (masks) {
      let mask = 0;
      for (const language of prepared.languages) mask |= 1 << (languageSlot.get(language) as number);
      masks[p] = mask;
    }
    if (offer.home) {
      table.hasHome[p] = 1;
      table.homeLat[p] = offer.home.lat;
      table.homeLon[p] = offer.home.lon;
    }
    table.load[p] = loadValueOf(offer);
    table.experience[p] = experienceValueOf(offer);
    table.responsiveness[p] = responsivenessValueOf(offer);
  });
  slotOffset[n] = from.length;
  table.slotFrom = Int32Array.from(from);
  table.slotTo = Int32Array.from(to);
  return table;
}

/** A need as the hot path reads it, computed once per lookup. */
export interface NeedProbe {
  prepared: PreparedNeed;
  gender: number;
  day: number;
  requiresCertificate: boolean;
  weeklyHours: number;
  /** One-off: the week minute the appointment starts; -1 for recurring needs. */
  start: number;
  from: Int32Array;
  to: Int32Array;
  minutes: number;
  hasLanguages: boolean;
  asksOwn: boolean;
  ownMask: number;
  germanMask: number;
  lat: number;
  lon: number;
  declined: ReadonlySet<number> | undefined;
  matched: ReadonlySet<number> | undefined;
}

export function probeNeed(
  prepared: PreparedNeed,
  context: MatchContext,
  languageSlot: ReadonlyMap<string, number>,
): NeedProbe {
  const need = prepared.need;
  const window = prepared.window;
  const from: number[] = [];
  const to: number[] = [];
  window.intervals.forEach((day, weekday) => {
    for (const [start, end] of day) {
      from.push(weekday * 1440 + start);
      to.push(weekday * 1440 + end);
    }
  });
  let ownMask = 0;
  let germanMask = 0;
  let asksOwn = false;
  for (const language of need.languages) {
    const slot = languageSlot.get(language);
    if (language === GERMAN) germanMask = slot === undefined ? 0 : 1 << slot;
    else {
      asksOwn = true;
      if (slot !== undefined) ownMask |= 1 << slot;
    }
  }
  return {
    prepared,
    gender: need.genderPreference === "none" ? 0 : (GENDER_CODE[need.genderPreference] as number),
    day: isoDay(window.date),
    requiresCertificate: need.requiresCertificate,
    weeklyHours: window.weeklyHours,
    start: window.start ? window.start.weekday * 1440 + window.start.minute : -1,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    minutes: window.minutes,
    hasLanguages: need.languages.length > 0,
    asksOwn,
    ownMask,
    germanMask,
    lat: need.lat,
    lon: need.lon,
    declined: context.declined.get(need.id),
    matched: context.matched.get(need.id),
  };
}

/** The checks bucket membership doesn't already guarantee (see OfferTable). */
export function passesRemaining(t: OfferTable, p: number, n: NeedProbe): boolean {
  if (n.gender !== 0 && t.gender[p] !== n.gender) return false;
  if ((t.validUntilDay[p] as number) < n.day) return false;
  if (n.requiresCertificate && (t.certificateDay[p] as number) < n.day) return false;
  if (n.weeklyHours > (t.hoursCap[p] as number)) return false;
  if (n.declined !== undefined && n.declined.has(t.offerId[p] as number)) return false;
  if (n.matched !== undefined && n.matched.has(t.offerId[p] as number)) return false;
  const first = t.slotOffset[p] as number;
  const last = t.slotOffset[p + 1] as number;
  if (n.start >= 0) {
    for (let k = first; k < last; k++) {
      if ((t.slotFrom[k] as number) <= n.start && n.start < (t.slotTo[k] as number)) return true;
    }
    return false;
  }
  return overlap(t, first, last, n) > 0;
}

function overlap(t: OfferTable, first: number, last: number, n: NeedProbe): number {
  let minutes = 0;
  let i = 0;
  let k = first;
  const needFrom = n.from;
  const needTo = n.to;
  while (i < needFrom.length && k < last) {
    const a0 = needFrom[i] as number;
    const a1 = needTo[i] as number;
    const b0 = t.slotFrom[k] as number;
    const b1 = t.slotTo[k] as number;
    const start = a0 > b0 ? a0 : b0;
    const end = a1 < b1 ? a1 : b1;
    if (end > start) minutes += end - start;
    if (a1 < b1) i++;
    else k++;
  }
  return minutes;
}

/** scoreValue from the table: the same component functions and the same sum. */
export function tableScore(
  t: OfferTable,
  p: number,
  n: NeedProbe,
  offers: readonly PreparedOffer[],
  context: MatchContext,
): number {
  let language: number;
  if (!n.hasLanguages) language = 1;
  else if (t.languageMask) {
    const mask = t.languageMask[p] as number;
    language = languageValueOf(
      n.asksOwn,
      (mask & n.ownMask) !== 0,
      n.germanMask !== 0 && (mask & n.germanMask) !== 0,
    );
  } else language = languageValue(n.prepared, offers[p] as PreparedOffer);
  const distance = distanceValueOfKm(
    t.hasHome[p] ? haversineKm(t.homeLat[p] as number, t.homeLon[p] as number, n.lat, n.lon) : null,
  );
  const availability = availabilityValueOf(
    overlap(t, t.slotOffset[p] as number, t.slotOffset[p + 1] as number, n),
    n.minutes,
  );
  return scoreFromValues(
    context.normalisedWeights,
    language,
    distance,
    availability,
    t.load[p] as number,
    t.experience[p] as number,
    t.responsiveness[p] as number,
  );
}
