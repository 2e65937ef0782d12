import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { isoDateOrNull, oneOf, timestamps } from "./columns";
import { EVENT_RECURRENCE, EVENT_STATUS, LANGUAGE, UI_LOCALE } from "./enums";
import { organisationPlaces, organisations } from "./organisations";
import { categories, neighbourhoods } from "./places";
import { users } from "./users";

/** A public activity, posted by an organisation or a coordinator. */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    originalLanguage: text("original_language", { enum: UI_LOCALE }).notNull().default("de"),
    place: text("place").notNull().default(""),
    /** One of the organisation's places (its address gives the distance); `place` stays the label. */
    placeId: integer("place_id").references(() => organisationPlaces.id, { onDelete: "set null" }),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    recurrence: text("recurrence", { enum: EVENT_RECURRENCE }).notNull().default("none"),
    recurrenceUntil: text("recurrence_until"),
    accessibility: text("accessibility").notNull().default(""),
    targetGroup: text("target_group").notNull().default(""),
    /** Cost for participants in euro cents; 0 = free. */
    costCents: integer("cost_cents").notNull().default(0),
    /** Participant places (counts only: the hub stores no participant names). */
    participantPlaces: integer("participant_places").notNull().default(0),
    participantsRegistered: integer("participants_registered").notNull().default(0),
    status: text("status", { enum: EVENT_STATUS }).notNull().default("draft"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    index("events_status_starts_idx").on(t.status, t.startsAt),
    index("events_nb_starts_idx").on(t.neighbourhoodId, t.startsAt),
    index("events_category_starts_idx").on(t.categoryId, t.startsAt),
    index("events_organisation_idx").on(t.organisationId, t.startsAt),
    // The public list's count and order read only these columns (public-activities.server.ts): without
    // it, each of a state's 148,000 upcoming activities is a wide row read from the table (ADR 082).
    index("events_public_list_idx").on(
      t.status,
      t.endsAt,
      t.recurrence,
      t.recurrenceUntil,
      t.organisationId,
      t.startsAt,
      t.categoryId,
      t.neighbourhoodId,
    ),
    check("events_window", sql`ends_at > starts_at`),
    check("events_status_check", oneOf("status", EVENT_STATUS)),
    check("events_recurrence_check", oneOf("recurrence", EVENT_RECURRENCE)),
    check("events_language_check", oneOf("original_language", UI_LOCALE)),
    check("events_recurrence_until_date", isoDateOrNull("recurrence_until")),
    check("events_cost_nonneg", sql`cost_cents >= 0`),
    check(
      "events_places",
      sql`participant_places >= 0 and participants_registered >= 0 and participants_registered <= participant_places`,
    ),
    // No owner CHECK: a coordinator's activity outlives the coordinator's erased account.
    check("events_title_nonempty", sql`length(trim(title)) > 0`),
  ],
);

export const eventLanguages = sqliteTable(
  "event_languages",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.language] }),
    index("event_languages_language_idx").on(t.language, t.eventId),
    check("event_languages_language_check", oneOf("language", LANGUAGE)),
  ],
);

export const eventTranslations = sqliteTable(
  "event_translations",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    locale: text("locale", { enum: UI_LOCALE }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** A draft from the translation service that no person has edited or confirmed yet. */
    machineTranslated: integer("machine_translated", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.locale] }),
    check("event_translations_locale_check", oneOf("locale", UI_LOCALE)),
  ],
);

/** A volunteer slot in an activity. `confirmed_count` mirrors the confirmed sign-ups, so capacity is a CHECK. */
export const shifts = sqliteTable(
  "shifts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    neededCount: integer("needed_count").notNull(),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    requiresCertificate: integer("requires_certificate", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("shifts_event_idx").on(t.eventId),
    index("shifts_starts_idx").on(t.startsAt),
    check("shifts_window", sql`ends_at > starts_at`),
    check("shifts_needed_range", sql`needed_count between 1 and 500`),
    check("shifts_confirmed_capacity", sql`confirmed_count >= 0 and confirmed_count <= needed_count`),
    check("shifts_title_nonempty", sql`length(trim(title)) > 0`),
  ],
);
