/** How much data each scale produces. `city` is sized for load tests; `demo` for a lively local app. */
export const SEED_SCALES = ["demo", "city"] as const;
export type SeedScale = (typeof SEED_SCALES)[number];

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
}

export const SCALE_CONFIGS: Record<SeedScale, ScaleConfig> = {
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
  },
};
