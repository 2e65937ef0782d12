import type { HeatCell } from "./dashboard.server";

/** Neighbourhoods per page of the heat map: a glance, and a page that stays small for any scope. */
export const HEAT_ROWS_PER_PAGE = 12;

/** openNeeds, missingHelpers, offers, freeCapacity — compact, as it travels to the browser. */
export type HeatNumbers = [openNeeds: number, missingHelpers: number, offers: number, freeCapacity: number];

export interface HeatRowData {
  id: number;
  name: string;
  /** One per category (in the order of the categories given), null where there is neither need nor offer. */
  cells: Array<HeatNumbers | null>;
}

export interface HeatPage {
  rows: HeatRowData[];
  page: number;
  pageCount: number;
  /** Neighbourhoods in the scope. */
  total: number;
  /** The largest gap of any cell in the scope (not only this page): colours mean the same on every page. */
  maxShortage: number;
}

/** Helpers missing beyond the free places: what the heat map colours. */
export const shortageOf = (missingHelpers: number, freeCapacity: number) =>
  Math.max(0, missingHelpers - freeCapacity);

/**
 * One page of the heat map: neighbourhoods with the largest gap first (the sum of their cells' gaps,
 * then the most missing helpers, then by name), each with its cells in category order.
 */
export function heatPage(
  heat: readonly HeatCell[],
  neighbourhoods: ReadonlyArray<{ id: number; name: string }>,
  categories: ReadonlyArray<{ id: number }>,
  requestedPage: number,
): HeatPage {
  const column = new Map(categories.map((c, i) => [c.id, i]));
  const byRow = new Map<number, { shortage: number; missing: number; cells: Array<HeatNumbers | null> }>();
  for (const nb of neighbourhoods)
    byRow.set(nb.id, { shortage: 0, missing: 0, cells: categories.map(() => null) });
  let maxShortage = 0;
  for (const c of heat) {
    const row = byRow.get(c.neighbourhoodId);
    const i = column.get(c.categoryId);
    if (!row || i === undefined) continue;
    if (c.missingHelpers === 0 && c.freeCapacity === 0) continue;
    const shortage = shortageOf(c.missingHelpers, c.freeCapacity);
    maxShortage = Math.max(maxShortage, shortage);
    row.shortage += shortage;
    row.missing += c.missingHelpers;
    row.cells[i] = [c.openNeeds, c.missingHelpers, c.offers, c.freeCapacity];
  }
  const ordered = neighbourhoods
    .map((nb) => ({ nb, row: byRow.get(nb.id)! }))
    .sort(
      (a, b) =>
        b.row.shortage - a.row.shortage ||
        b.row.missing - a.row.missing ||
        a.nb.name.localeCompare(b.nb.name, "de") ||
        a.nb.id - b.nb.id,
    );
  const pageCount = Math.max(1, Math.ceil(ordered.length / HEAT_ROWS_PER_PAGE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(requestedPage) || 1));
  return {
    rows: ordered
      .slice((page - 1) * HEAT_ROWS_PER_PAGE, page * HEAT_ROWS_PER_PAGE)
      .map(({ nb, row }) => ({ id: nb.id, name: nb.name, cells: row.cells })),
    page,
    pageCount,
    total: ordered.length,
    maxShortage,
  };
}
