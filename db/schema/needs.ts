import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { oneOf, timestamps } from "./columns";
import { GENDER_PREFERENCE, LANGUAGE, NEED_SCHEDULE, NEED_STATUS, NEED_URGENCY, UI_LOCALE } from "./enums";
import { organisations } from "./organisations";
import { categories, neighbourhoods } from "./places";
import { users } from "./users";

/**
 * A concrete need of a newcomer in a neighbourhood. It holds NO name, address, phone or birth date of
 * the newcomer: contact goes through the coordinator who recorded it.
 */
export const needs = sqliteTable(
  "needs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "restrict" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    originalLanguage: text("original_language", { enum: UI_LOCALE }).notNull().default("de"),
    helpersNeeded: integer("helpers_needed").notNull().default(1),
    urgency: text("urgency", { enum: NEED_URGENCY }).notNull().default("normal"),
    schedule: text("schedule", { enum: NEED_SCHEDULE }).notNull().default("one_off"),
    /** One-off: the appointment. Recurring: the period in which the weekly slots apply. */
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    requiresCertificate: integer("requires_certificate", { mode: "boolean" }).notNull().default(false),
    genderPreference: text("gender_preference", { enum: GENDER_PREFERENCE }).notNull().default("none"),
    status: text("status", { enum: NEED_STATUS }).notNull().default("open"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /** Set when the retention job removed the free text of a long-closed need. */
    textErasedAt: integer("text_erased_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    index("needs_status_nb_cat_idx").on(t.status, t.neighbourhoodId, t.categoryId),
    // Covers the needs list's page query (status, scope, then the urgency/start order): no table reads.
    index("needs_queue_idx").on(t.status, t.neighbourhoodId, t.urgency, t.startsAt),
    index("needs_nb_created_idx").on(t.neighbourhoodId, t.createdAt),
    index("needs_category_idx").on(t.categoryId),
    index("needs_organisation_idx").on(t.organisationId),
    index("needs_created_by_idx").on(t.createdBy),
    index("needs_closed_idx").on(t.closedAt),
    check("needs_helpers_range", sql`helpers_needed between 1 and 50`),
    check("needs_window", sql`ends_at > starts_at`),
    check("needs_status_check", oneOf("status", NEED_STATUS)),
    check("needs_urgency_check", oneOf("urgency", NEED_URGENCY)),
    check("needs_schedule_check", oneOf("schedule", NEED_SCHEDULE)),
    check("needs_gender_check", oneOf("gender_preference", GENDER_PREFERENCE)),
    check("needs_language_check", oneOf("original_language", UI_LOCALE)),
    check("needs_closed_consistent", sql`(status in ('closed', 'cancelled')) = (closed_at is not null)`),
  ],
);

/** Languages the newcomer speaks; a helper must share at least one. */
export const needLanguages = sqliteTable(
  "need_languages",
  {
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.language] }),
    index("need_languages_language_idx").on(t.language),
    check("need_languages_language_check", oneOf("language", LANGUAGE)),
  ],
);

/** For recurring needs: the weekly slots (weekday 0 = Monday, minutes since midnight). */
export const needSlots = sqliteTable(
  "need_slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("need_slots_need_idx").on(t.needId),
    check("need_slots_weekday", sql`weekday between 0 and 6`),
    check("need_slots_window", sql`start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute`),
  ],
);

/** Translations of a need's title and description, entered by people. */
export const needTranslations = sqliteTable(
  "need_translations",
  {
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    locale: text("locale", { enum: UI_LOCALE }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.locale] }),
    check("need_translations_locale_check", oneOf("locale", UI_LOCALE)),
  ],
);
