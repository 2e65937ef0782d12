/**
 * Which data in the database is about a person, and how a row is tied to the person it is about.
 * EVERY column of EVERY table is classified here; `tests/integration/privacy-export.test.ts` walks the
 * Drizzle schema and fails on a column that is missing (or listed but gone), and proves the export holds
 * every personal value of a person's rows. Pure data: the export (`export.server.ts`) interprets it.
 *
 * Classes:
 * - personal      data about the person (or linking a row to them): exported as stored.
 * - credential    a secret of theirs (session id hash, token hash, calendar token): exported as a short
 *                 fingerprint, so an export file that leaks is never a way into the account.
 * - withheld      the password hash: never leaves the server (the export says that it exists).
 * - not_personal  reference data, organisations' data, counts, system state.
 *
 * A column is classified by what it is in the rows a subject link finds; in a table whose rows are the
 * person's own (their profile, their offers) every column is personal, ids and timestamps included.
 */
export const COLUMN_CLASSES = ["personal", "credential", "withheld", "not_personal"] as const;
export type ColumnClass = (typeof COLUMN_CLASSES)[number];

/**
 * How rows of a table are tied to a person. `key` names the group in the export. `columns` limits what is
 * exported for rows found through this link (default: every column that is not `not_personal`): a
 * coordinator's export lists the needs they recorded, not the needs' descriptions of other people.
 * `owner` marks the person's own rows, whose child rows (`parent` links) are theirs too.
 */
export type SubjectLink =
  | { kind: "user_id"; column: string; key: string; owner?: true; columns?: readonly string[] }
  | { kind: "email"; column: string; key: string; columns?: readonly string[] }
  /**
   * login_throttle keys "<purpose>:account:<email>" and "<purpose>:user:<user id>" (what a signed-in
   * person sent); keys by IP cannot be tied to a person.
   */
  | { kind: "account_key"; column: string; key: string }
  /** A JSON object column with the person's id or e-mail among its top-level values. */
  | { kind: "json_value"; column: string; key: string; columns?: readonly string[] }
  /** Audit events about the person's account or volunteer profile. */
  | { kind: "audit_subject"; key: string }
  | { kind: "parent"; column: string; parent: string; key: string }
  /**
   * Rows whose `column` holds a value of the person's own row elsewhere without a foreign key: the
   * geocoder's answer for the address on their profile (`owner` names the owning table's user column).
   */
  | { kind: "value_of"; column: string; table: string; tableColumn: string; owner: string; key: string };

export interface TablePrivacy {
  columns: Readonly<Record<string, ColumnClass>>;
  subjects: readonly SubjectLink[];
}

const P = "personal";
const C = "credential";
const W = "withheld";
const N = "not_personal";

export const PERSONAL_DATA_MAP = {
  users: {
    columns: {
      id: P,
      email: P,
      email_verified_at: P,
      password_hash: W,
      display_name: P,
      role: P,
      locale: P,
      phone: P,
      gender: P,
      password_changed_at: P,
      last_login_at: P,
      created_at: P,
      updated_at: P,
    },
    subjects: [{ kind: "user_id", column: "id", key: "account", owner: true }],
  },
  sessions: {
    columns: { id: C, user_id: P, expires_at: P, created_at: P, last_seen_at: P, user_agent: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourSessions", owner: true }],
  },
  auth_tokens: {
    columns: {
      token_hash: C,
      purpose: P,
      user_id: P,
      email: P,
      role: P,
      organisation_id: P,
      neighbourhood_ids: P,
      created_by: P,
      expires_at: P,
      used_at: P,
      created_at: P,
    },
    subjects: [
      { kind: "user_id", column: "user_id", key: "forYourAccount", owner: true },
      { kind: "email", column: "email", key: "sentToYourAddress" },
      // Invitations they sent: when and what for, but not the invitee's address (someone else's data).
      {
        kind: "user_id",
        column: "created_by",
        key: "invitationsYouSent",
        columns: ["purpose", "role", "organisation_id", "created_by", "expires_at", "used_at", "created_at"],
      },
    ],
  },
  coordinator_neighbourhoods: {
    columns: { user_id: P, neighbourhood_id: P, created_at: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourNeighbourhoods", owner: true }],
  },
  login_throttle: {
    columns: { key: P, failures: P, window_started_at: P, locked_until: P },
    subjects: [{ kind: "account_key", column: "key", key: "failedAttemptsOnYourAccount" }],
  },
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
  needs: {
    // A need holds no personal data of the newcomer by design (see needs/personal-data.ts); who recorded
    // it is the recording person's.
    columns: {
      id: N,
      category_id: N,
      neighbourhood_id: N,
      organisation_id: N,
      created_by: P,
      title: N,
      description: N,
      original_language: N,
      helpers_needed: N,
      urgency: N,
      schedule: N,
      starts_at: N,
      ends_at: N,
      requires_certificate: N,
      gender_preference: N,
      status: N,
      closed_at: N,
      text_erased_at: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "created_by",
        key: "needsYouRecorded",
        columns: ["id", "title", "status", "created_by", "created_at"],
      },
    ],
  },
  need_languages: { columns: { need_id: N, language: N }, subjects: [] },
  need_slots: { columns: { id: N, need_id: N, weekday: N, start_minute: N, end_minute: N }, subjects: [] },
  need_translations: {
    columns: { need_id: N, locale: N, title: N, description: N, created_at: N, updated_at: N },
    subjects: [],
  },
  first_step_templates: {
    columns: {
      id: N,
      category_id: N,
      lead_days: N,
      start_minute: N,
      duration_minutes: N,
      per_person: N,
      requires_certificate: N,
      uses_household_languages: N,
      default_selected: N,
      active: N,
      sort_order: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  first_step_template_texts: {
    columns: { template_id: N, locale: N, title: N, description: N },
    subjects: [],
  },
  first_step_template_age_groups: { columns: { template_id: N, age_group: N }, subjects: [] },
  first_step_template_languages: { columns: { template_id: N, language: N }, subjects: [] },
  arrivals: {
    // A household known only by its code (no name, nationality, birth date or health data, see
    // arrivals/arrival.schema.ts); who recorded it is the recording person's.
    columns: {
      id: N,
      code: N,
      neighbourhood_id: N,
      arrival_date: N,
      household_size: N,
      age_0_2: N,
      age_3_5: N,
      age_6_17: N,
      age_18_64: N,
      age_65_plus: N,
      note: N,
      created_by: P,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "created_by",
        key: "arrivalsYouRecorded",
        columns: ["id", "code", "created_by", "created_at"],
      },
    ],
  },
  arrival_languages: { columns: { arrival_id: N, language: N, level: N }, subjects: [] },
  arrival_steps: {
    columns: {
      id: N,
      arrival_id: N,
      template_id: N,
      need_id: N,
      person_number: N,
      due_on: N,
      lead_days: N,
      created_at: N,
    },
    subjects: [],
  },
  arrival_statistics: {
    columns: {
      neighbourhood_id: N,
      month: N,
      arrivals: N,
      persons: N,
      age_0_2: N,
      age_3_5: N,
      age_6_17: N,
      age_18_64: N,
      age_65_plus: N,
    },
    subjects: [],
  },
  arrival_step_statistics: {
    columns: {
      id: N,
      neighbourhood_id: N,
      month: N,
      template_id: N,
      category_id: N,
      lead_days: N,
      outcome: N,
      days_to_done: N,
      done_within_lead: N,
    },
    subjects: [],
  },
  events: {
    columns: {
      id: N,
      organisation_id: N,
      created_by: P,
      category_id: N,
      neighbourhood_id: N,
      title: N,
      description: N,
      original_language: N,
      place: N,
      place_id: N,
      starts_at: N,
      ends_at: N,
      recurrence: N,
      recurrence_until: N,
      accessibility: N,
      target_group: N,
      cost_cents: N,
      participant_places: N,
      participants_registered: N,
      status: N,
      published_at: N,
      cancelled_at: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "created_by",
        key: "activitiesYouPosted",
        columns: ["id", "title", "starts_at", "status", "created_by", "created_at"],
      },
    ],
  },
  event_languages: { columns: { event_id: N, language: N }, subjects: [] },
  event_translations: {
    columns: {
      event_id: N,
      locale: N,
      title: N,
      description: N,
      machine_translated: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  shifts: {
    columns: {
      id: N,
      event_id: N,
      title: N,
      starts_at: N,
      ends_at: N,
      needed_count: N,
      confirmed_count: N,
      requires_certificate: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  signups: {
    columns: {
      id: P,
      shift_id: P,
      volunteer_id: P,
      status: P,
      attendance: P,
      cancelled_at: P,
      promoted_at: P,
      checked_in_at: P,
      created_at: P,
      updated_at: P,
    },
    subjects: [{ kind: "user_id", column: "volunteer_id", key: "yourSignups", owner: true }],
  },
  matches: {
    columns: {
      id: P,
      need_id: P,
      offer_id: P,
      status: P,
      score: P,
      score_language: P,
      score_distance: P,
      score_availability: P,
      score_load: P,
      score_experience: P,
      score_responsiveness: P,
      distance_km: P,
      proposed_by: P,
      proposed_at: P,
      responded_at: P,
      decline_reason: P,
      completed_at: P,
      ended_at: P,
      created_at: P,
      updated_at: P,
    },
    subjects: [
      { kind: "parent", column: "offer_id", parent: "offers", key: "matchesOfYourOffers" },
      {
        kind: "user_id",
        column: "proposed_by",
        key: "matchesYouProposed",
        columns: ["id", "need_id", "status", "proposed_by", "proposed_at"],
      },
    ],
  },
  hours_log: {
    columns: {
      id: P,
      volunteer_id: P,
      date: P,
      hours: P,
      source: P,
      signup_id: P,
      match_id: P,
      organisation_id: P,
      category_id: P,
      activity: P,
      note: P,
      confirmed_by: P,
      confirmed_at: P,
      created_at: P,
      updated_at: P,
    },
    subjects: [
      { kind: "user_id", column: "volunteer_id", key: "yourHours", owner: true },
      {
        kind: "user_id",
        column: "confirmed_by",
        key: "hoursYouConfirmed",
        columns: ["id", "date", "hours", "confirmed_by", "confirmed_at"],
      },
    ],
  },
  notifications: {
    columns: { id: P, user_id: P, kind: P, params: P, link: P, read_at: P, created_at: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourInbox", owner: true }],
  },
  notification_preferences: {
    columns: { user_id: P, kind: P, channel: P },
    subjects: [{ kind: "user_id", column: "user_id", key: "yourPreferences", owner: true }],
  },
  email_outbox: {
    columns: {
      id: P,
      message_id: P,
      user_id: P,
      to_address: P,
      locale: P,
      kind: P,
      subject: P,
      body_text: P,
      body_html: P,
      status: P,
      attempts: P,
      next_attempt_at: P,
      last_attempt_at: P,
      last_error: P,
      sent_at: P,
      created_at: P,
    },
    subjects: [
      { kind: "user_id", column: "user_id", key: "emailsToYou", owner: true },
      { kind: "email", column: "to_address", key: "emailsToYourAddress" },
    ],
  },
  scheduled_jobs: {
    // Jobs are system state; one that names the person (a reminder for their shift) is about them.
    columns: {
      id: N,
      kind: P,
      dedupe_key: N,
      run_at: P,
      payload: P,
      status: P,
      attempts: N,
      locked_by: N,
      locked_until: N,
      last_error: P,
      done_at: P,
      created_at: P,
    },
    subjects: [{ kind: "json_value", column: "payload", key: "jobsAboutYou" }],
  },
  audit_events: {
    columns: {
      id: P,
      actor_id: P,
      action: P,
      entity_type: P,
      entity_id: P,
      neighbourhood_id: P,
      details: P,
      created_at: P,
    },
    subjects: [
      { kind: "user_id", column: "actor_id", key: "actionsYouTook" },
      { kind: "audit_subject", key: "actionsAboutYou" },
    ],
  },
  app_settings: {
    columns: {
      id: N,
      retention_days_closed_needs: N,
      retention_months_arrivals: N,
      reminder_hours_before: N,
      weight_language: N,
      weight_distance: N,
      weight_availability: N,
      weight_load: N,
      weight_experience: N,
      weight_responsiveness: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  cache_versions: { columns: { scope: N, version: N }, subjects: [] },
  // The point of a volunteer's home address is theirs; the same row serves everyone at that address.
  geocode_cache: {
    columns: {
      key: P,
      status: P,
      lat: P,
      lon: P,
      attempts: P,
      next_attempt_at: P,
      looked_up_at: P,
      last_error: P,
    },
    subjects: [
      {
        kind: "value_of",
        column: "key",
        table: "volunteer_profiles",
        tableColumn: "home_geocode_key",
        owner: "user_id",
        key: "yourHomePoint",
      },
    ],
  },
  outside_services: {
    columns: {
      name: N,
      consecutive_failures: N,
      open_until: N,
      next_request_at: N,
      last_success_at: N,
      last_failure_at: N,
      last_error: N,
      calls: N,
      failures: N,
    },
    subjects: [],
  },
  installation: {
    columns: { id: N, demo: N, setup_token_hash: N, setup_token_expires_at: N, created_at: N },
    subjects: [],
  },
  // How a need is asked for: about the need; who started it is the coordinator's own action.
  urgent_reach: {
    columns: {
      need_id: N,
      auto_accept: N,
      started_at: N,
      started_by: P,
      waves_sent: N,
      next_wave_at: N,
      ended_at: N,
      end_reason: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "started_by",
        key: "urgentAskingYouStarted",
        columns: ["need_id", "started_by", "started_at"],
      },
    ],
  },
  // Each row is one volunteer asked for one need, with their answer: theirs.
  urgent_requests: {
    columns: {
      id: P,
      need_id: P,
      volunteer_id: P,
      offer_id: P,
      wave: P,
      score: P,
      asked_at: P,
      expires_at: P,
      answer: P,
      answered_at: P,
      outcome: P,
      match_id: P,
    },
    subjects: [{ kind: "user_id", column: "volunteer_id", key: "urgentRequestsToYou", owner: true }],
  },
  // A message someone wrote to the helpers of a shift: the sender's own words and action. (Each
  // recipient's copy is their notification row, exported with their notifications.)
  shift_messages: {
    columns: {
      id: P,
      event_id: P,
      shift_id: P,
      sender_id: P,
      body: P,
      includes_waitlist: P,
      recipient_count: P,
      created_at: P,
    },
    subjects: [{ kind: "user_id", column: "sender_id", key: "messagesYouSentToHelpers" }],
  },
  // A volunteer's opt-in to the digest of new fitting shifts and needs: theirs, gone with the account.
  alert_digests: {
    columns: {
      user_id: P,
      frequency: P,
      covered_until: P,
      last_run_at: P,
      last_sent_at: P,
      created_at: P,
    },
    subjects: [{ kind: "user_id", column: "user_id", key: "alertDigest", owner: true }],
  },
  // Offer ids only, deleted after a day (db/schema/cache.ts).
  matching_changes: { columns: { id: N, offer_id: N, created_at: N }, subjects: [] },
  backups: {
    // System state: which copy of the database was written when.
    columns: {
      id: N,
      kind: N,
      status: N,
      file_name: N,
      bytes: N,
      total_rows: N,
      problem: N,
      after_status: N,
      after_problem: N,
      started_at: N,
      finished_at: N,
      removed_at: N,
    },
    subjects: [],
  },
  spreadsheet_imports: {
    // The uploaded file holds organisations' data (a city's list), kept only until the import is confirmed
    // or discarded (24 h at most); the rest records who imported what.
    columns: {
      id: P,
      created_by: P,
      file_name: P,
      content: N,
      status: P,
      row_count: P,
      organisations_created: P,
      activities_created: P,
      created_at: P,
      finished_at: P,
    },
    subjects: [{ kind: "user_id", column: "created_by", key: "importsYouMade", owner: true }],
  },
} as const satisfies Record<string, TablePrivacy>;

export type TableName = keyof typeof PERSONAL_DATA_MAP;

/** The columns exported for rows found through `link` (see SubjectLink.columns). */
export function exportedColumns(table: TablePrivacy, link: SubjectLink): string[] {
  if ("columns" in link && link.columns) return [...link.columns];
  return Object.entries(table.columns)
    .filter(([, cls]) => cls !== "not_personal")
    .map(([name]) => name);
}
