/**
 * The matching engine's own input and output types. The engine is pure: it knows nothing of the
 * database, so these mirror the domain with plain values (ids, ISO dates, epoch milliseconds).
 * `app/modules/matches/matching-instance.server.ts` builds them from the DB.
 */

/** Weekday 0 = Monday … 6 = Sunday (as in the DB), minutes since local midnight in Europe/Berlin. */
export interface WeeklySlot {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export type NeedSchedule =
  /** One appointment; the instants are converted to Berlin wall-clock time by the engine. */
  | { kind: "one_off"; startsAt: number; endsAt: number }
  /** Weekly slots that apply within [startsAt, endsAt]. */
  | { kind: "recurring"; startsAt: number; endsAt: number; slots: WeeklySlot[] };

export type GenderPreference = "none" | "female" | "male";
export type PersonGender = "female" | "male" | "diverse" | "unspecified";

export interface MatchNeed {
  id: number;
  categoryId: number;
  neighbourhoodId: number;
  /** Centroid of the need's neighbourhood. */
  lat: number;
  lon: number;
  /** ISO 639 codes of the languages the newcomer speaks. */
  languages: string[];
  /** When true (the default in the domain), a helper must share at least one of `languages`. */
  requireSharedLanguage: boolean;
  schedule: NeedSchedule;
  /**
   * Helper slots still free: helpers_needed minus matches that hold one (proposed, accepted, active,
   * completed). May be 0: suggestions still work, bulk assignment skips the need.
   */
  helpersNeeded: number;
  requiresCertificate: boolean;
  genderPreference: GenderPreference;
}

export interface AcceptanceHistory {
  accepted: number;
  declined: number;
  noResponse: number;
}

export interface MatchOffer {
  id: number;
  kind: "volunteer" | "organisation";
  /** User id of the volunteer or `org:<id>` of the organisation. */
  ownerId: string;
  categoryId: number;
  languages: string[];
  /** Neighbourhoods the offer serves explicitly. */
  neighbourhoodIds: number[];
  /** Where the radius is measured from: the owner's geocoded address, else its neighbourhood's centroid. */
  home: { lat: number; lon: number } | null;
  radiusKm: number;
  availability: WeeklySlot[];
  /** False for paused or ended offers: never candidates, loaded only to explain "why not". */
  active: boolean;
  /** How many needs the offer serves at once. */
  capacity: number;
  /** Matches of this offer that are proposed, accepted or active. */
  activeMatches: number;
  /**
   * The owner's live matches and the summed capacity of their active offers, across all their offers:
   * the load score is the person's, not one offer's. Absent = this offer's own figures (one offer).
   */
  ownerLoad?: { activeMatches: number; capacity: number };
  /** Last day (ISO date) the offer stands, or null for open-ended. */
  validUntil: string | null;
  /** Verified extended certificate of conduct valid until (ISO date); null when none. */
  certificateValidUntil: string | null;
  gender: PersonGender | null;
  /** Null for organisations: they have no personal weekly cap. */
  hoursCapPerWeek: number | null;
  experienceInCategory: { completedMatches: number; hours: number };
  acceptanceHistory: AcceptanceHistory;
}

export interface MatchNeighbourhood {
  id: number;
  lat: number;
  lon: number;
}

export const WEIGHT_KEYS = [
  "language",
  "distance",
  "availability",
  "load",
  "experience",
  "responsiveness",
] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

/** Relative weights, integers 0–100 with a positive sum; the score normalises them. */
export type Weights = Record<WeightKey, number>;

/** Everything the engine needs for one run. Plain data: it crosses a worker boundary unchanged. */
export interface MatchingInstance {
  needs: MatchNeed[];
  offers: MatchOffer[];
  neighbourhoods: MatchNeighbourhood[];
  weights: Weights;
  /** (needId, offerId) pairs the offerer declined: never suggested again for that need. */
  declinedPairs: Array<[number, number]>;
  /** Pairs that already have a live match (proposed/accepted/active…): not suggested twice. */
  matchedPairs: Array<[number, number]>;
  /** "Now" in epoch ms: the date from which validity and certificates are judged. */
  referenceTime: number;
}

/** A hard constraint an offer failed, with what the coordinator needs to read why. */
export type ExclusionCode =
  | "inactive"
  | "category"
  | "language"
  | "neighbourhood"
  | "availability"
  | "capacity"
  | "certificate"
  | "offer_expired"
  | "gender"
  | "hours_cap"
  | "declined"
  | "already_matched"
  | "same_owner";

export interface Exclusion {
  code: ExclusionCode;
  /** i18n key in the `matching` namespace. */
  key: string;
  params: Record<string, string | number | string[]>;
}

/** A structured, translatable reason: `key` in the `matching` namespace, `params` for interpolation. */
export interface Reason {
  key: string;
  params: Record<string, string | number | string[]>;
}

export interface ScoreComponent {
  key: WeightKey;
  /** In [0, 1]. */
  value: number;
  /** Normalised weight in [0, 1]; the weights of one score sum to 1. */
  weight: number;
  /** value × weight × 100: the points this component adds to the score. */
  contribution: number;
  reason: Reason;
}

export interface ScoredCandidate {
  offerId: number;
  /** Integer 0–100. */
  score: number;
  components: ScoreComponent[];
  /** The components' reasons in display order. */
  reasons: Reason[];
  distanceKm: number | null;
}
