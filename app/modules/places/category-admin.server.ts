import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { categories } from "@db/schema";
import { slugify } from "@db/seed/text";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CategoryInput } from "./categories.schema";
import { freeSlugFrom, nameTakenIn, referenceCounts } from "./references.server";

/*
 * The categories of help as an admin keeps them (/admin/categories), the way neighbourhoods are kept
 * (docs/decisions/093-neighbourhoods-by-admins.md): add, rename, offer or stop offering in the choices
 * (the `active` flag), and remove one that nothing refers to. Every change is one transaction with its
 * audit entry.
 */

export function listCategoriesForAdmin(db: Db) {
  const counts = referenceCounts(db, "categories");
  return db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, active: categories.active })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.name))
    .all()
    .map((c) => ({ ...c, uses: counts.get(c.id) ?? 0 }));
}

export function getCategoryForAdmin(db: Db, id: number) {
  const row = db.select().from(categories).where(eq(categories.id, id)).get();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    active: row.active,
    uses: referenceCounts(db, "categories").get(row.id) ?? 0,
  };
}

type Outcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  return nameTakenIn(
    db.select({ id: categories.id, name: categories.name }).from(categories).all(),
    name,
    exceptId,
  );
}

/**
 * A slug from the name in the form the categories' slugs have (`[a-z][a-z0-9_]*`, the key of the
 * translations and the feed address), unique: `nachbarschaftshilfe`, else `nachbarschaftshilfe_2`, …
 */
function freeSlug(db: Db, name: string): string {
  const base = slugify(name).replace(/-/g, "_").slice(0, 60).replace(/_+$/, "");
  const taken = db
    .select({ slug: categories.slug })
    .from(categories)
    .all()
    .map((r) => r.slug);
  return freeSlugFrom(taken, /^[a-z]/.test(base) ? base : `kategorie${base ? `_${base}` : ""}`, "_");
}

export function addCategory(db: Db, actorId: string, input: CategoryInput): Outcome {
  return db.transaction((tx): Outcome => {
    if (nameTaken(db, input.name))
      return { ok: false, errors: { name: "admin:categories.errors.nameTaken" } };
    // A new category comes after the others in every list.
    const last = tx
      .select({ max: sql<number | null>`max(${categories.sortOrder})` })
      .from(categories)
      .get();
    const row = tx
      .insert(categories)
      .values({ ...input, slug: freeSlug(db, input.name), sortOrder: (last?.max ?? 0) + 1 })
      .returning({ id: categories.id })
      .get();
    recordAudit(tx, {
      actorId,
      action: "category.created",
      entityType: "category",
      entityId: row.id,
      neighbourhoodId: null,
      details: { name: input.name, active: input.active },
    });
    return { ok: true, id: row.id };
  });
}

export function updateCategory(db: Db, actorId: string, id: number, input: CategoryInput): Outcome {
  return db.transaction((tx): Outcome => {
    const before = tx.select().from(categories).where(eq(categories.id, id)).get();
    if (!before) return { ok: false, errors: { form: "admin:categories.errors.gone" } };
    if (nameTaken(db, input.name, id))
      return { ok: false, errors: { name: "admin:categories.errors.nameTaken" } };
    const fields = (Object.keys(input) as (keyof CategoryInput)[]).filter((k) => before[k] !== input[k]);
    if (fields.length === 0) return { ok: true, id };
    tx.update(categories)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(categories.id, id))
      .run();
    recordAudit(tx, {
      actorId,
      action: input.name === before.name ? "category.updated" : "category.renamed",
      entityType: "category",
      entityId: id,
      neighbourhoodId: null,
      details: {
        fields,
        ...(input.name === before.name ? {} : { from: before.name, to: input.name }),
        ...(input.active === before.active ? {} : { active: input.active }),
      },
    });
    return { ok: true, id };
  });
}

/** Removes a category nothing refers to; one in use stays (rename it, or stop offering it). */
export function removeCategory(db: Db, actorId: string, id: number): Outcome {
  return db.transaction((tx): Outcome => {
    const before = tx.select().from(categories).where(eq(categories.id, id)).get();
    if (!before) return { ok: false, errors: { form: "admin:categories.errors.gone" } };
    if ((referenceCounts(db, "categories").get(id) ?? 0) > 0)
      return { ok: false, errors: { form: "admin:categories.errors.inUse" } };
    tx.delete(categories).where(eq(categories.id, id)).run();
    recordAudit(tx, {
      actorId,
      action: "category.removed",
      entityType: "category",
      entityId: id,
      neighbourhoodId: null,
      details: { name: before.name },
    });
    return { ok: true, id };
  });
}
