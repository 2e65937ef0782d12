import { asc, eq, inArray, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@db/client";
import { categories, neighbourhoods } from "@db/schema";

export function listNeighbourhoods(db: Db) {
  return db
    .select({ id: neighbourhoods.id, slug: neighbourhoods.slug, name: neighbourhoods.name })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name))
    .all();
}

/**
 * The categories the choices offer (those an admin has not taken out of them, /admin/categories), and
 * `keepId`, the one a record being edited already has: an old record keeps a category no longer offered,
 * and its form shows it, so saving does not quietly move the record.
 */
export function categoryChoices(db: DbOrTx, keepId: number | null = null) {
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(
      keepId === null
        ? eq(categories.active, true)
        : or(eq(categories.active, true), eq(categories.id, keepId)),
    )
    .orderBy(asc(categories.sortOrder), asc(categories.name))
    .all();
}

export function listActiveCategories(db: Db, keepId: number | null = null) {
  return categoryChoices(db, keepId);
}

/**
 * Whether a record may be saved with this category: one the choices offer, or the one the record
 * already has (`currentId`).
 */
export function categoryAllowed(db: DbOrTx, categoryId: number, currentId: number | null = null) {
  const row = db
    .select({ id: categories.id, active: categories.active })
    .from(categories)
    .where(eq(categories.id, categoryId))
    .get();
  return row !== undefined && (row.active || row.id === currentId);
}

/**
 * Whether each id names a neighbourhood: a form's choice checked on the server. A repeated id counts as
 * unknown (a form offers each neighbourhood once), so the ids can be saved one row each.
 */
export function neighbourhoodsExist(db: DbOrTx, ids: readonly number[]): boolean {
  if (ids.length === 0) return true;
  const found = db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(inArray(neighbourhoods.id, [...ids]))
    .all();
  return found.length === ids.length;
}
