import { STATE_MUNICIPALITIES, type Municipality } from "./tile";

/**
 * How much data each scale produces. `demo` for a lively local app; `city` (a city of 260,000) for
 * load tests; `state` ten cities in ten municipalities (a state-wide or Kreis-wide installation), to
 * see how cost grows (scripts/bench/growth.ts).
 */
export const SEED_SCALES = ["demo", "city", "state"] as const;
export type SeedScale = (typeof SEED_SCALES)[number];
/** The scales the generator itself produces; `state` copies `city` (db/seed/tile.ts). */
export type GeneratedScale = Exclude<SeedScale, "state">;

/** A scale made of copies of a generated one, one per further municipality. */
export interface TiledScale {
  base: GeneratedScale;
  municipalities: readonly Municipality[];
}

export interface ScaleConfig {
  /** Adds the Quartiere to the 18 Stadtteile (the city scale needs at least 50 neighbourhoods). */
  includeQuartiere: boolean;
  volunteers: number;
  organisations: number;
  /** New org_member accounts per organisation besides the owner (average). */
  extraOrgAccountsPerOrganisation: number;
  volunteerOffers: number;
  organisationOffers: number;
  /** Needs meant to stay open; matching may leave a few more open. */
  openNeeds: number;
  /** Partly matched, matched, closed and cancelled needs. */
  otherNeeds: number;
  events: number;
  /** How full upcoming shifts get on average (0–1); tuned so sign-ups land near the targets. */
  shiftFill: number;
  /** Multiplies the volunteers a shift needs: city-scale activities are bigger. */
  shiftSize: number;
  /** Share of open needs that already have proposals waiting. */
  proposedShare: number;
  /** Households announced to the city, from a year ago to three weeks ahead. */
  arrivals: number;
}

export const TILED_SCALES: Partial<Record<SeedScale, TiledScale>> = {
  state: { base: "city", municipalities: STATE_MUNICIPALITIES },
};

export const SCALE_CONFIGS: Record<GeneratedScale, ScaleConfig> = {
  demo: {
    includeQuartiere: false,
    volunteers: 120,
    organisations: 30,
    extraOrgAccountsPerOrganisation: 0.5,
    volunteerOffers: 105,
    organisationOffers: 45,
    openNeeds: 46,
    otherNeeds: 34,
    events: 120,
    shiftFill: 0.55,
    shiftSize: 1,
    proposedShare: 0.4,
    arrivals: 16,
  },
  city: {
    includeQuartiere: true,
    volunteers: 20_000,
    organisations: 2_000,
    extraOrgAccountsPerOrganisation: 0.5,
    volunteerOffers: 22_000,
    organisationOffers: 9_000,
    openNeeds: 10_400,
    otherNeeds: 4_000,
    events: 20_500,
    shiftFill: 0.9,
    shiftSize: 1.6,
    proposedShare: 0.3,
    arrivals: 600,
  },
};
