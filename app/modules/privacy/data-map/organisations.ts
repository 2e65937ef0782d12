/** The personal data map (personal-data-map.ts), places and organisations: neighbourhoods, categories, organisations, their places and members. */
import { N, P, type TablePrivacy } from "./classes";

export const ORGANISATION_TABLES = {
  neighbourhoods: {
    columns: {
      id: N,
      slug: N,
      name: N,
      municipality: N,
      district: N,
      lat: N,
      lon: N,
      radius_km: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  categories: {
    columns: { id: N, slug: N, name: N, sort_order: N, active: N, created_at: N, updated_at: N },
    subjects: [],
  },
  organisations: {
    // An organisation's own contact details are the organisation's (published with its activities) —
    // except an e-mail address that is a person's own: registration copies the owner's address, and while
    // it is still theirs it is exported and erased with their account.
    columns: {
      id: N,
      slug: N,
      name: N,
      kind: N,
      description: N,
      original_language: N,
      website: N,
      email: P,
      phone: N,
      verified_at: P,
      verified_by: P,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "verified_by",
        key: "organisationsYouVerified",
        columns: ["id", "name", "verified_by", "verified_at"],
      },
      {
        kind: "email",
        column: "email",
        key: "organisationsWithYourAddress",
        columns: ["id", "name", "email"],
      },
    ],
  },
  organisation_neighbourhoods: {
    columns: { organisation_id: N, neighbourhood_id: N },
    subjects: [],
  },
  organisation_translations: {
    columns: {
      organisation_id: N,
      locale: N,
      description: N,
      machine_translated: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  // An organisation's places are its public addresses (club house, hall), not a person's.
  organisation_places: {
    columns: {
      id: N,
      organisation_id: N,
      name: N,
      street: N,
      postcode: N,
      neighbourhood_id: N,
      geocode_key: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  memberships: {
    columns: { organisation_id: P, user_id: P, role: P, created_at: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourMemberships", owner: true }],
  },
} as const satisfies Record<string, TablePrivacy>;
