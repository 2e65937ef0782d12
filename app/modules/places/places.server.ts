import { asc, eq } from "drizzle-orm";
import { categories, neighbourhoods } from "@db/schema";
import { getDb } from "~/utils/db.server";

export function listNeighbourhoods() {
  return getDb()
    .select({ id: neighbourhoods.id, slug: neighbourhoods.slug, name: neighbourhoods.name })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name))
    .all();
}

export function listActiveCategories() {
  return getDb()
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sortOrder), asc(categories.name))
    .all();
}
