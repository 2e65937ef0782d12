/** The personal data map (personal-data-map.ts), accounts: people, their sessions and tokens, coordinators' scopes, login counters. */
import { C, P, W, type TablePrivacy } from "./classes";

export const ACCOUNT_TABLES = {
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
} as const satisfies Record<string, TablePrivacy>;
