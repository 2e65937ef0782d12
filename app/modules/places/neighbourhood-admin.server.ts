import { asc, eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { neighbourhoods } from "@db/schema";
import { slugify } from "@db/seed/text";
import { recordAudit } from "~/modules/audit/audit.server";
import { freeSlugFrom, nameTakenIn, referenceCounts } from "./references.server";
import type { NeighbourhoodInput } from "./neighbourhoods.schema";

/*
 * The neighbourhoods as an admin keeps them (/admin/neighbourhoods): add, change (rename), and remove one
 * that nothing refers to (docs/decisions/093-neighbourhoods-by-admins.md; the count of uses is the
 * database's own foreign keys, and the audit log counts too: a neighbourhood that ever had a record keeps
 * its name in the history). Every change is one transaction with its audit entry.
 */

export function listNeighbourhoodsForAdmin(db: Db) {
  const counts = referenceCounts(db, "neighbourhoods");
  return db
    .select({
      id: neighbourhoods.id,
      slug: neighbourhoods.slug,
      name: neighbourhoods.name,
      district: neighbourhoods.district,
      municipality: neighbourhoods.municipality,
    })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name))
    .all()
    .map((n) => ({ ...n, uses: counts.get(n.id) ?? 0 }));
}

export function getNeighbourhoodForAdmin(db: Db, id: number) {
  const row = db.select().from(neighbourhoods).where(eq(neighbourhoods.id, id)).get();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    district: row.district,
    municipality: row.municipality,
    lat: row.lat,
    lon: row.lon,
    radiusKm: row.radiusKm,
    uses: referenceCounts(db, "neighbourhoods").get(row.id) ?? 0,
  };
}

/** The municipality most neighbourhoods name, to prefill the form of a new one. */
export function usualMunicipality(db: Db): string | null {
  const row = db.$client
    .prepare("select municipality from neighbourhoods group by municipality order by count(*) desc limit 1")
    .get() as { municipality: string } | undefined;
  return row?.municipality ?? null;
}

type Outcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

function nameTaken(db: Db, name: string, exceptId?: number): boolean {
  return nameTakenIn(
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).all(),
    name,
    exceptId,
  );
}

/** A slug from the name, unique: `altstadt`, else `altstadt-2`, … */
function freeSlug(db: Db, name: string): string {
  const taken = db
    .select({ slug: neighbourhoods.slug })
    .from(neighbourhoods)
    .all()
    .map((r) => r.slug);
  return freeSlugFrom(taken, slugify(name).slice(0, 60) || "quartier", "-");
}

export function addNeighbourhood(db: Db, actorId: string, input: NeighbourhoodInput): Outcome {
  return db.transaction((tx): Outcome => {
    if (nameTaken(db, input.name))
      return { ok: false, errors: { name: "admin:neighbourhoods.errors.nameTaken" } };
    const row = tx
      .insert(neighbourhoods)
      .values({ ...input, slug: freeSlug(db, input.name) })
      .returning({ id: neighbourhoods.id })
      .get();
    recordAudit(tx, {
      actorId,
      action: "neighbourhood.created",
      entityType: "neighbourhood",
      entityId: row.id,
      neighbourhoodId: null,
      details: { name: input.name },
    });
    return { ok: true, id: row.id };
  });
}

export function updateNeighbourhood(db: Db, actorId: string, id: number, input: NeighbourhoodInput): Outcome {
  return db.transaction((tx): Outcome => {
    const before = tx.select().from(neighbourhoods).where(eq(neighbourhoods.id, id)).get();
    if (!before) return { ok: false, errors: { form: "admin:neighbourhoods.errors.gone" } };
    if (nameTaken(db, input.name, id))
      return { ok: false, errors: { name: "admin:neighbourhoods.errors.nameTaken" } };
    const fields = (Object.keys(input) as (keyof NeighbourhoodInput)[]).filter((k) => before[k] !== input[k]);
    if (fields.length === 0) return { ok: true, id };
    tx.update(neighbourhoods)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(neighbourhoods.id, id))
      .run();
    recordAudit(tx, {
      actorId,
      action: input.name === before.name ? "neighbourhood.updated" : "neighbourhood.renamed",
      entityType: "neighbourhood",
      entityId: id,
      // Not the neighbourhood itself: the admin's own entries must not count as records that use it.
      neighbourhoodId: null,
      details: { fields, ...(input.name === before.name ? {} : { from: before.name, to: input.name }) },
    });
    return { ok: true, id };
  });
}

/** Removes a neighbourhood nothing refers to; one in use stays (rename it instead). */
export function removeNeighbourhood(db: Db, actorId: string, id: number): Outcome {
  return db.transaction((tx): Outcome => {
    const before = tx.select().from(neighbourhoods).where(eq(neighbourhoods.id, id)).get();
    if (!before) return { ok: false, errors: { form: "admin:neighbourhoods.errors.gone" } };
    if ((referenceCounts(db, "neighbourhoods").get(id) ?? 0) > 0)
      return { ok: false, errors: { form: "admin:neighbourhoods.errors.inUse" } };
    tx.delete(neighbourhoods).where(eq(neighbourhoods.id, id)).run();
    recordAudit(tx, {
      actorId,
      action: "neighbourhood.removed",
      entityType: "neighbourhood",
      entityId: id,
      neighbourhoodId: null,
      details: { name: before.name },
    });
    return { ok: true, id };
  });
}
