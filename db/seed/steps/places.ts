import type { SeedContext, SeededNeighbourhood } from "../context";
import { distanceKm } from "../geo";
import { CATEGORY_SEEDS } from "../reference/categories";
import { MUNICIPALITY, QUARTIERE, STADTTEILE } from "../reference/gelsenkirchen";
import { DAY_MS } from "../time";
import { createWriter, flushAll } from "../writers";

/** Neighbourhoods of Gelsenkirchen and the categories of help; sets up the distance lookup. */
export function seedPlaces(ctx: SeedContext): number {
  const createdAt = ctx.anchorMs - 730 * DAY_MS;
  const neighbourhoods = createWriter(ctx.sqlite, "neighbourhoods");
  const categories = createWriter(ctx.sqlite, "categories");

  const list = ctx.config.includeQuartiere ? [...STADTTEILE, ...QUARTIERE] : STADTTEILE;
  ctx.neighbourhoods = list.map((nb, i): SeededNeighbourhood => ({ id: i + 1, ...nb }));
  for (const nb of ctx.neighbourhoods) {
    neighbourhoods.add(
      nb.id,
      nb.slug,
      nb.name,
      MUNICIPALITY,
      nb.district,
      nb.lat,
      nb.lon,
      createdAt,
      createdAt,
    );
  }

  const count = ctx.neighbourhoods.length;
  const matrix = new Float64Array((count + 1) * (count + 1));
  for (const a of ctx.neighbourhoods) {
    for (const b of ctx.neighbourhoods) matrix[a.id * (count + 1) + b.id] = distanceKm(a, b);
  }
  ctx.distanceKm = (a, b) => matrix[a * (count + 1) + b] ?? Infinity;

  CATEGORY_SEEDS.forEach((category, i) => {
    const id = i + 1;
    categories.add(id, category.slug, category.name, (i + 1) * 10, 1, createdAt, createdAt);
    ctx.categoryIds.set(category.slug, id);
    ctx.categorySlugs.set(id, category.slug);
  });

  return flushAll(neighbourhoods, categories);
}
