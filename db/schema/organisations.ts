import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf, timestamps } from "./columns";
import { MEMBERSHIP_ROLE, ORGANISATION_KIND, UI_LOCALE } from "./enums";
import { neighbourhoods } from "./places";
import { users } from "./users";

/** A sports club, cultural group, welfare or migrant organisation… Activities are public once verified. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORGANISATION_KIND }).notNull(),
    description: text("description").notNull().default(""),
    /** The language the description is written in; translations cover the others. */
    originalLanguage: text("original_language", { enum: UI_LOCALE }).notNull().default("de"),
    website: text("website"),
    email: text("email"),
    phone: text("phone"),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
    verifiedBy: text("verified_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisations_slug_unique").on(t.slug),
    index("organisations_name_idx").on(t.name),
    index("organisations_verified_idx").on(t.verifiedAt),
    check("organisations_kind_check", oneOf("kind", ORGANISATION_KIND)),
    check("organisations_language_check", oneOf("original_language", UI_LOCALE)),
    check("organisations_name_nonempty", sql`length(trim(name)) > 0`),
  ],
);

/** The neighbourhoods an organisation works in. */
export const organisationNeighbourhoods = sqliteTable(
  "organisation_neighbourhoods",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.neighbourhoodId] }),
    index("organisation_neighbourhoods_nb_idx").on(t.neighbourhoodId),
  ],
);

/** Who belongs to an organisation; the owner manages members. */
export const memberships = sqliteTable(
  "memberships",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLE }).notNull().default("member"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", oneOf("role", MEMBERSHIP_ROLE)),
  ],
);

/**
 * The organisation's description in another UI language. `machine_translated`: a draft from the
 * translation service that no person has edited or confirmed yet; readers see it marked as such.
 */
export const organisationTranslations = sqliteTable(
  "organisation_translations",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    locale: text("locale", { enum: UI_LOCALE }).notNull(),
    description: text("description").notNull(),
    machineTranslated: integer("machine_translated", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.locale] }),
    check("organisation_translations_locale_check", oneOf("locale", UI_LOCALE)),
    check("organisation_translations_nonempty", sql`length(trim(description)) > 0`),
  ],
);

/**
 * A place where the organisation works (club house, sports hall): an address that the geocoder turns
 * into a point once (`geocode_key` → geocode_cache). Activities can name one as their place; an
 * organisation's offers are measured from its first place. Organisations' data, not personal.
 */
export const organisationPlaces = sqliteTable(
  "organisation_places",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    street: text("street").notNull(),
    postcode: text("postcode").notNull(),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "restrict" }),
    /** SHA-256 of the normalised address (see geocode_cache). */
    geocodeKey: text("geocode_key").notNull(),
    ...timestamps,
  },
  (t) => [
    index("organisation_places_organisation_idx").on(t.organisationId, t.id),
    index("organisation_places_geocode_idx").on(t.geocodeKey),
    check("organisation_places_name_nonempty", sql`length(trim(name)) between 1 and 120`),
    check("organisation_places_street_nonempty", sql`length(trim(street)) between 1 and 120`),
    check("organisation_places_postcode_format", sql`postcode glob '[0-9][0-9][0-9][0-9][0-9]'`),
  ],
);
