import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

/** A neighbourhood (Quartier). Distances between neighbourhoods come from the centroids. */
export const neighbourhoods = sqliteTable(
  "neighbourhoods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    municipality: text("municipality").notNull(),
    district: text("district"),
    lat: real("lat").notNull(),
    lon: real("lon").notNull(),
    /**
     * How far (km) the neighbourhood reaches from its centroid. A geocoded address of the neighbourhood
     * is believed only within it, so a distance from an address is never off the centroid estimate by
     * more than this (docs/decisions/086-outside-services.md).
     */
    radiusKm: real("radius_km").notNull().default(2),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("neighbourhoods_slug_unique").on(t.slug),
    index("neighbourhoods_name_idx").on(t.name),
    check("neighbourhoods_lat_range", sql`lat between -90 and 90`),
    check("neighbourhoods_lon_range", sql`lon between -180 and 180`),
    check("neighbourhoods_radius_range", sql`radius_km > 0 and radius_km <= 20`),
  ],
);

/** A kind of help (language support, accompaniment, …). Seeded; admins can add more. */
export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    /** German name; translations of seeded categories live in the UI locales under their slug. */
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("categories_slug_unique").on(t.slug),
    check("categories_slug_format", sql`slug glob '[a-z]*' and slug not glob '*[^a-z0-9_]*'`),
  ],
);
