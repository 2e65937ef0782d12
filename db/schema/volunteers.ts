import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { isoDateOrNull, oneOf, timestamps } from "./columns";
import { HOME_PRECISION, LANGUAGE, LANGUAGE_LEVEL } from "./enums";
import { neighbourhoods } from "./places";
import { users } from "./users";

/** What a volunteer brings: where, how much, and whether they may work with children. */
export const volunteerProfiles = sqliteTable(
  "volunteer_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    homeNeighbourhoodId: integer("home_neighbourhood_id").references(() => neighbourhoods.id, {
      onDelete: "set null",
    }),
    /**
     * How exactly the home is known for distances (the volunteer chooses): the neighbourhood only, the
     * postcode, or street and postcode. The address goes to the geocoder once (docs/decisions/086-outside-services.md).
     */
    homePrecision: text("home_precision", { enum: HOME_PRECISION }).notNull().default("neighbourhood"),
    homeStreet: text("home_street"),
    homePostcode: text("home_postcode"),
    /** SHA-256 of the normalised address (see geocode_cache); null when only the neighbourhood is used. */
    homeGeocodeKey: text("home_geocode_key"),
    radiusKm: real("radius_km").notNull().default(3),
    hoursCapPerWeek: real("hours_cap_per_week").notNull().default(4),
    bio: text("bio").notNull().default(""),
    /** Extended certificate of conduct (erweitertes Führungszeugnis): valid until, and who checked it. */
    certificateValidUntil: text("certificate_valid_until"),
    certificateVerifiedAt: integer("certificate_verified_at", { mode: "timestamp_ms" }),
    certificateVerifiedBy: text("certificate_verified_by").references(() => users.id, {
      onDelete: "set null",
    }),
    /** Whether the hub may ask them when help is needed at short notice (urgent needs, in waves). */
    acceptsUrgentRequests: integer("accepts_urgent_requests", { mode: "boolean" }).notNull().default(true),
    /** Secret for the personal iCal feed; null when revoked. */
    calendarToken: text("calendar_token"),
    ...timestamps,
  },
  (t) => [
    index("volunteer_profiles_home_idx").on(t.homeNeighbourhoodId),
    index("volunteer_profiles_geocode_idx").on(t.homeGeocodeKey),
    index("volunteer_profiles_certificate_idx").on(t.certificateValidUntil),
    uniqueIndex("volunteer_profiles_calendar_token_unique").on(t.calendarToken),
    check("volunteer_profiles_radius_range", sql`radius_km >= 0 and radius_km <= 100`),
    check("volunteer_profiles_home_precision_check", oneOf("home_precision", HOME_PRECISION)),
    check(
      "volunteer_profiles_home_address",
      sql`case home_precision
        when 'neighbourhood' then home_street is null and home_postcode is null and home_geocode_key is null
        when 'postcode' then home_street is null and home_postcode is not null and home_geocode_key is not null
        else home_street is not null and home_postcode is not null and home_geocode_key is not null end`,
    ),
    check("volunteer_profiles_hours_cap_range", sql`hours_cap_per_week > 0 and hours_cap_per_week <= 80`),
    check("volunteer_profiles_certificate_date", isoDateOrNull("certificate_valid_until")),
    check(
      "volunteer_profiles_certificate_verified",
      sql`certificate_valid_until is null or certificate_verified_at is not null`,
    ),
  ],
);

export const volunteerLanguages = sqliteTable(
  "volunteer_languages",
  {
    userId: text("user_id")
      .notNull()
      .references(() => volunteerProfiles.userId, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
    level: text("level", { enum: LANGUAGE_LEVEL }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.language] }),
    index("volunteer_languages_language_idx").on(t.language),
    check("volunteer_languages_language_check", oneOf("language", LANGUAGE)),
    check("volunteer_languages_level_check", oneOf("level", LANGUAGE_LEVEL)),
  ],
);

export const volunteerSkills = sqliteTable(
  "volunteer_skills",
  {
    userId: text("user_id")
      .notNull()
      .references(() => volunteerProfiles.userId, { onDelete: "cascade" }),
    skill: text("skill").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skill] }),
    check("volunteer_skills_nonempty", sql`length(trim(skill)) between 1 and 80`),
  ],
);

/** Neighbourhoods a volunteer chose to serve, besides the home neighbourhood and radius. */
export const volunteerNeighbourhoods = sqliteTable(
  "volunteer_neighbourhoods",
  {
    userId: text("user_id")
      .notNull()
      .references(() => volunteerProfiles.userId, { onDelete: "cascade" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.neighbourhoodId] }),
    index("volunteer_neighbourhoods_nb_idx").on(t.neighbourhoodId),
  ],
);

/** Weekly availability: weekday 0 = Monday … 6 = Sunday, minutes since midnight. */
export const volunteerAvailability = sqliteTable(
  "volunteer_availability",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => volunteerProfiles.userId, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("volunteer_availability_user_idx").on(t.userId),
    check("volunteer_availability_weekday", sql`weekday between 0 and 6`),
    check(
      "volunteer_availability_window",
      sql`start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute`,
    ),
  ],
);
