/** The personal data map (personal-data-map.ts), settings, outside services, urgent reach, shift messages, digests, backups and imports. */
import { N, P, type TablePrivacy } from "./classes";

export const SYSTEM_TABLES = {
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
