/** The personal data map (personal-data-map.ts), messages and the record: notifications, e-mails, jobs, the audit trail. */
import { N, P, type TablePrivacy } from "./classes";

export const MESSAGE_TABLES = {
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
} as const satisfies Record<string, TablePrivacy>;
