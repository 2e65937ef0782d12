import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf, timestamps } from "./columns";
import { MEMBERSHIP_ROLE, ORGANISATION_KIND } from "./enums";
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
