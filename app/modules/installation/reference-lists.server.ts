/**
 * The lists a hub cannot work without, and which are no one's data: the categories of help
 * (DESIGN.md) and the city's neighbourhoods, Gelsenkirchen's 18 Stadtteile with their centroids (its
 * official division). A production database gets them on its first start (server/main.ts), so the first
 * administrator can invite coordinators for neighbourhoods and import the city's lists of clubs
 * (docs/deploy.md). A list that already has entries is left as it is. The demo seed adds the same lists.
 */
import { count } from "drizzle-orm";
import type { Db } from "@db/client";
import { categories, neighbourhoods } from "@db/schema";
import { CATEGORY_SEEDS } from "@db/seed/reference/categories";
import { MUNICIPALITY, STADTTEILE } from "@db/seed/reference/gelsenkirchen";

export interface ReferenceLists {
  categories: number;
  neighbourhoods: number;
}

/** How many categories and neighbourhoods the database has. */
export function countReferenceLists(db: Pick<Db, "select">): ReferenceLists {
  return {
    categories: db.select({ n: count() }).from(categories).get()!.n,
    neighbourhoods: db.select({ n: count() }).from(neighbourhoods).get()!.n,
  };
}

/** Adds each list that is empty, in one transaction; returns how many entries were added. */
export function addReferenceLists(db: Db): ReferenceLists {
  return db.transaction(
    (tx) => {
      const existing = countReferenceLists(tx);
      const added: ReferenceLists = { categories: 0, neighbourhoods: 0 };
      if (existing.categories === 0) {
        tx.insert(categories)
          .values(
            CATEGORY_SEEDS.map((category, i) => ({
              slug: category.slug,
              name: category.name,
              sortOrder: (i + 1) * 10,
            })),
          )
          .run();
        added.categories = CATEGORY_SEEDS.length;
      }
      if (existing.neighbourhoods === 0) {
        tx.insert(neighbourhoods)
          .values(
            STADTTEILE.map((nb) => ({
              slug: nb.slug,
              name: nb.name,
              municipality: MUNICIPALITY,
              district: nb.district,
              lat: nb.lat,
              lon: nb.lon,
            })),
          )
          .run();
        added.neighbourhoods = STADTTEILE.length;
      }
      return added;
    },
    { behavior: "immediate" },
  );
}
