import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { isoDateOrNull, oneOf, timestamps } from "./columns";
import { LANGUAGE, OFFER_STATUS } from "./enums";
import { organisations } from "./organisations";
import { categories, neighbourhoods } from "./places";
import { users } from "./users";

/** What a volunteer or an organisation can give. Exactly one of the two owns it. */
export const offers = sqliteTable(
  "offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    volunteerId: text("volunteer_id").references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** How many needs the offer can serve at once. */
    capacity: integer("capacity").notNull().default(1),
    /** Extra reach beyond the listed neighbourhoods, from the owner's home neighbourhood. */
    radiusKm: real("radius_km").notNull().default(0),
    validUntil: text("valid_until"),
    status: text("status", { enum: OFFER_STATUS }).notNull().default("active"),
    ...timestamps,
  },
  (t) => [
    index("offers_volunteer_idx").on(t.volunteerId),
    index("offers_organisation_idx").on(t.organisationId),
    index("offers_category_status_idx").on(t.categoryId, t.status),
    check("offers_one_owner", sql`(volunteer_id is null) <> (organisation_id is null)`),
    check("offers_capacity_range", sql`capacity between 1 and 100`),
    check("offers_radius_range", sql`radius_km >= 0 and radius_km <= 100`),
    check("offers_status_check", oneOf("status", OFFER_STATUS)),
    check("offers_valid_until_date", isoDateOrNull("valid_until")),
    check("offers_title_nonempty", sql`length(trim(title)) > 0`),
  ],
);

export const offerLanguages = sqliteTable(
  "offer_languages",
  {
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    language: text("language", { enum: LANGUAGE }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.language] }),
    index("offer_languages_language_idx").on(t.language, t.offerId),
    check("offer_languages_language_check", oneOf("language", LANGUAGE)),
  ],
);

export const offerNeighbourhoods = sqliteTable(
  "offer_neighbourhoods",
  {
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    neighbourhoodId: integer("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.neighbourhoodId] }),
    index("offer_neighbourhoods_nb_idx").on(t.neighbourhoodId, t.offerId),
  ],
);

/** When the offer can be used: weekday 0 = Monday … 6 = Sunday, minutes since midnight. */
export const offerAvailability = sqliteTable(
  "offer_availability",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("offer_availability_offer_idx").on(t.offerId),
    check("offer_availability_weekday", sql`weekday between 0 and 6`),
    check(
      "offer_availability_window",
      sql`start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute`,
    ),
  ],
);
