/** The personal data map (personal-data-map.ts), volunteers and offers: a volunteer's profile, skills, places and times; offers with theirs. */
import { C, P, type TablePrivacy } from "./classes";

export const VOLUNTEER_TABLES = {
  volunteer_profiles: {
    columns: {
      user_id: P,
      home_neighbourhood_id: P,
      home_precision: P,
      home_street: P,
      home_postcode: P,
      home_geocode_key: P,
      radius_km: P,
      hours_cap_per_week: P,
      bio: P,
      certificate_valid_until: P,
      certificate_verified_at: P,
      certificate_verified_by: P,
      accepts_urgent_requests: P,
      calendar_token: C,
      created_at: P,
      updated_at: P,
    },
    subjects: [
      { kind: "user_id", column: "user_id", key: "yourProfile", owner: true },
      // Whose certificate they checked is the volunteer's data; that they checked one, and when, is theirs.
      {
        kind: "user_id",
        column: "certificate_verified_by",
        key: "certificatesYouVerified",
        columns: ["certificate_verified_by", "certificate_verified_at"],
      },
    ],
  },
  volunteer_languages: {
    columns: { user_id: P, language: P, level: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourLanguages", owner: true }],
  },
  volunteer_skills: {
    columns: { user_id: P, skill: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourSkills", owner: true }],
  },
  volunteer_neighbourhoods: {
    columns: { user_id: P, neighbourhood_id: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourNeighbourhoods", owner: true }],
  },
  volunteer_availability: {
    columns: { id: P, user_id: P, weekday: P, start_minute: P, end_minute: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourAvailability", owner: true }],
  },
  offers: {
    columns: {
      id: P,
      volunteer_id: P,
      organisation_id: P,
      category_id: P,
      title: P,
      description: P,
      capacity: P,
      radius_km: P,
      valid_until: P,
      status: P,
      created_at: P,
      updated_at: P,
    },
    subjects: [{ kind: "user_id", column: "volunteer_id", key: "yourOffers", owner: true }],
  },
  offer_languages: {
    columns: { offer_id: P, language: P },
    subjects: [{ kind: "parent", column: "offer_id", parent: "offers", key: "ofYourOffers" }],
  },
  offer_neighbourhoods: {
    columns: { offer_id: P, neighbourhood_id: P },
    subjects: [{ kind: "parent", column: "offer_id", parent: "offers", key: "ofYourOffers" }],
  },
  offer_availability: {
    columns: { id: P, offer_id: P, weekday: P, start_minute: P, end_minute: P },
    subjects: [{ kind: "parent", column: "offer_id", parent: "offers", key: "ofYourOffers" }],
  },
} as const satisfies Record<string, TablePrivacy>;
