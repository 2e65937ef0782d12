import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf, timestamps } from "./columns";
import { PERSON_GENDER, TOKEN_PURPOSE, UI_LOCALE, USER_ROLE } from "./enums";
import { neighbourhoods } from "./places";

/** Every person with an account. The role decides the home page and the base permissions. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: USER_ROLE }).notNull().default("volunteer"),
    locale: text("locale", { enum: UI_LOCALE }).notNull().default("de"),
    phone: text("phone"),
    gender: text("gender", { enum: PERSON_GENDER }).notNull().default("unspecified"),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_role_idx").on(t.role),
    check("users_role_check", oneOf("role", USER_ROLE)),
    check("users_locale_check", oneOf("locale", UI_LOCALE)),
    check("users_gender_check", oneOf("gender", PERSON_GENDER)),
    check("users_email_lowercase", sql`email = lower(email) and email like '%_@_%'`),
    check("users_display_name_nonempty", sql`length(trim(display_name)) > 0`),
  ],
);

/**
 * Login sessions (lucia's table). `expires_at` is in seconds, as lucia's adapter writes it;
 * `created_at` bounds the absolute lifetime.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Single-use tokens (password reset, e-mail change, invites). Only a hash of the token is stored. */
export const authTokens = sqliteTable(
  "auth_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: TOKEN_PURPOSE }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: USER_ROLE }),
    organisationId: integer("organisation_id"),
    /** A coordinator invite's neighbourhoods (JSON array of ids): the scope the account starts with. */
    neighbourhoodIds: text("neighbourhood_ids", { mode: "json" }).$type<number[]>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    index("auth_tokens_user_idx").on(t.userId),
    index("auth_tokens_email_idx").on(t.email),
    check("auth_tokens_purpose_check", oneOf("purpose", TOKEN_PURPOSE)),
    check("auth_tokens_expiry_after_creation", sql`expires_at > created_at`),
    check(
      "auth_tokens_neighbourhood_ids_json",
      sql`neighbourhood_ids is null or (json_valid(neighbourhood_ids) and json_type(neighbourhood_ids) = 'array')`,
    ),
  ],
);

/** Neighbourhoods a coordinator is responsible for (the coordinator's scope). */
export const coordinatorNeighbourhoods = sqliteTable(
  "coordinator_neighbourhoods",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.neighbourhoodId] }),
    index("coordinator_neighbourhoods_nb_idx").on(t.neighbourhoodId),
  ],
);

/** Failed login / reset attempts per key ("ip:…" or "account:…"), persisted so throttling survives a restart. */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  },
  () => [check("login_throttle_failures_nonneg", sql`failures >= 0`)],
);
