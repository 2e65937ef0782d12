import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { isoDate, oneOf, timestamps } from "./columns";
import { AGE_GROUP, LANGUAGE, LANGUAGE_LEVEL, STEP_OUTCOME, UI_LOCALE } from "./enums";
import { needs } from "./needs";
import { categories, neighbourhoods } from "./places";
import { users } from "./users";

/**
 * A first step the city plans for every arriving household (Bürgerbüro, school enrolment per child, …),
 * configured by admins. Recording an arrival turns the chosen templates into dated needs.
 * docs/decisions/088-arrivals-and-first-steps.md
 */
export const firstStepTemplates = sqliteTable(
  "first_step_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    /** Days after the arrival date by which the step should be done (0 = on the day of arrival). */
    leadDays: integer("lead_days").notNull(),
    /** Usual time of day of the appointment, minutes after midnight (Berlin). */
    startMinute: integer("start_minute").notNull().default(540),
    durationMinutes: integer("duration_minutes").notNull().default(120),
    /** One need per person of the template's age groups (e.g. school enrolment per child 6–17). */
    perPerson: integer("per_person", { mode: "boolean" }).notNull().default(false),
    requiresCertificate: integer("requires_certificate", { mode: "boolean" }).notNull().default(false),
    /** The household's languages go into the need (usually; a step done in German may add `de`). */
    usesHouseholdLanguages: integer("uses_household_languages", { mode: "boolean" }).notNull().default(true),
    /** Ticked on the arrival form unless the coordinator unticks it. */
    defaultSelected: integer("default_selected", { mode: "boolean" }).notNull().default(true),
    /** Inactive templates are kept for the steps made from them, but not offered any more. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index("first_step_templates_active_idx").on(t.active, t.sortOrder),
    index("first_step_templates_category_idx").on(t.categoryId),
    check("first_step_templates_lead_range", sql`lead_days between 0 and 180`),
    check("first_step_templates_start_range", sql`start_minute between 0 and 1439`),
    check("first_step_templates_duration_range", sql`duration_minutes between 15 and 600`),
    check("first_step_templates_ends_same_day", sql`start_minute + duration_minutes <= 1440`),
  ],
);

/** A template's plain-language title and description per UI language (German is required). */
export const firstStepTemplateTexts = sqliteTable(
  "first_step_template_texts",
  {
    templateId: integer("template_id")
      .notNull()
      .references(() => firstStepTemplates.id, { onDelete: "cascade" }),
    locale: text("locale", { enum: UI_LOCALE }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.locale] }),
    check("first_step_template_texts_locale_check", oneOf("locale", UI_LOCALE)),
    check("first_step_template_texts_title_nonempty", sql`length(trim(title)) > 0`),
  ],
);

/** The age groups a template applies to; none = the whole household. */
export const firstStepTemplateAgeGroups = sqliteTable(
  "first_step_template_age_groups",
  {
    templateId: integer("template_id")
      .notNull()
      .references(() => firstStepTemplates.id, { onDelete: "cascade" }),
    ageGroup: text("age_group", { enum: AGE_GROUP }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.ageGroup] }),
    check("first_step_template_age_groups_check", oneOf("age_group", AGE_GROUP)),
  ],
);

/** Languages a template's needs carry besides (or instead of) the household's, e.g. German. */
export const firstStepTemplateLanguages = sqliteTable(
  "first_step_template_languages",
  {
    templateId: integer("template_id")
      .notNull()
      .references(() => firstStepTemplates.id, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.language] }),
    check("first_step_template_languages_check", oneOf("language", LANGUAGE)),
  ],
);

/**
 * A household announced to a neighbourhood (Zuweisung), known only by the code the hub generates. No
 * name, nationality, birth date or health data: the code's link to the people stays in the city's case
 * management. Anonymised into arrival_statistics N months after its last step.
 */
export const arrivals = sqliteTable(
  "arrivals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** A-<year>-<number>, e.g. A-2026-031. */
    code: text("code").notNull(),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "restrict" }),
    /** The day the household arrives, in Berlin (YYYY-MM-DD). */
    arrivalDate: text("arrival_date").notNull(),
    householdSize: integer("household_size").notNull(),
    age0to2: integer("age_0_2").notNull().default(0),
    age3to5: integer("age_3_5").notNull().default(0),
    age6to17: integer("age_6_17").notNull().default(0),
    age18to64: integer("age_18_64").notNull().default(0),
    age65plus: integer("age_65_plus").notNull().default(0),
    /** What the coordination should know, checked by the personal-data finder. */
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("arrivals_code_unique").on(t.code),
    index("arrivals_nb_date_idx").on(t.neighbourhoodId, t.arrivalDate),
    index("arrivals_date_idx").on(t.arrivalDate),
    index("arrivals_created_by_idx").on(t.createdBy),
    check("arrivals_code_format", sql`code glob 'A-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]*'`),
    check("arrivals_date_format", isoDate("arrival_date")),
    check("arrivals_household_range", sql`household_size between 1 and 30`),
    check(
      "arrivals_age_groups",
      sql`age_0_2 >= 0 and age_3_5 >= 0 and age_6_17 >= 0 and age_18_64 >= 0 and age_65_plus >= 0
        and age_0_2 + age_3_5 + age_6_17 + age_18_64 + age_65_plus = household_size`,
    ),
  ],
);

/** Languages the household speaks, with a level. */
export const arrivalLanguages = sqliteTable(
  "arrival_languages",
  {
    arrivalId: integer("arrival_id")
      .notNull()
      .references(() => arrivals.id, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
    level: text("level", { enum: LANGUAGE_LEVEL }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.arrivalId, t.language] }),
    check("arrival_languages_language_check", oneOf("language", LANGUAGE)),
    check("arrival_languages_level_check", oneOf("level", LANGUAGE_LEVEL)),
  ],
);

/**
 * One planned first step of an arrival: the need it created, and the deadline it was planned against.
 * Its progress (open, proposed, matched, done, overdue, not needed) is read from the need and its matches.
 */
export const arrivalSteps = sqliteTable(
  "arrival_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    arrivalId: integer("arrival_id")
      .notNull()
      .references(() => arrivals.id, { onDelete: "cascade" }),
    templateId: integer("template_id")
      .notNull()
      .references(() => firstStepTemplates.id, { onDelete: "restrict" }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    /** For per-person steps: which person of the template's age groups (1…n); null for household steps. */
    personNumber: integer("person_number"),
    /** The last day (Berlin) by which the step should be done: arrival date + the template's lead time. */
    dueOn: text("due_on").notNull(),
    /** The template's lead time when the plan was made (templates may change later). */
    leadDays: integer("lead_days").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("arrival_steps_need_unique").on(t.needId),
    index("arrival_steps_arrival_idx").on(t.arrivalId),
    index("arrival_steps_template_idx").on(t.templateId),
    check("arrival_steps_due_format", isoDate("due_on")),
    check("arrival_steps_person_range", sql`person_number is null or person_number between 1 and 30`),
    check("arrival_steps_lead_range", sql`lead_days between 0 and 180`),
  ],
);

/** Anonymised arrivals, counted per neighbourhood and month of arrival: nothing about one household. */
export const arrivalStatistics = sqliteTable(
  "arrival_statistics",
  {
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
    /** YYYY-MM of the arrival date. */
    month: text("month").notNull(),
    arrivals: integer("arrivals").notNull().default(0),
    persons: integer("persons").notNull().default(0),
    age0to2: integer("age_0_2").notNull().default(0),
    age3to5: integer("age_3_5").notNull().default(0),
    age6to17: integer("age_6_17").notNull().default(0),
    age18to64: integer("age_18_64").notNull().default(0),
    age65plus: integer("age_65_plus").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.neighbourhoodId, t.month] }),
    check("arrival_statistics_month_format", sql`month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
  ],
);

/**
 * One anonymised first step: where, in which month, what kind, and how long it took. No household
 * attributes, so steps of one household cannot be put together again beyond neighbourhood and month.
 */
export const arrivalStepStatistics = sqliteTable(
  "arrival_step_statistics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    templateId: integer("template_id").references(() => firstStepTemplates.id, { onDelete: "set null" }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "set null" }),
    leadDays: integer("lead_days").notNull(),
    outcome: text("outcome", { enum: STEP_OUTCOME }).notNull(),
    /** Calendar days from the arrival date to the day the step was done; null unless done. */
    daysToDone: integer("days_to_done"),
    /** Done on or before its due day; null unless done. */
    doneWithinLead: integer("done_within_lead", { mode: "boolean" }),
  },
  (t) => [
    index("arrival_step_statistics_nb_month_idx").on(t.neighbourhoodId, t.month),
    check("arrival_step_statistics_month_format", sql`month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
    check("arrival_step_statistics_outcome_check", oneOf("outcome", STEP_OUTCOME)),
    check(
      "arrival_step_statistics_done_facts",
      sql`(outcome = 'done') = (days_to_done is not null and done_within_lead is not null)`,
    ),
  ],
);
