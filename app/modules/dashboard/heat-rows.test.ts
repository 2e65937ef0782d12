import { describe, expect, it } from "vitest";
import type { HeatCell } from "./dashboard.server";
import { HEAT_ROWS_PER_PAGE, heatPage } from "./heat-rows";

const cell = (
  neighbourhoodId: number,
  categoryId: number,
  missingHelpers: number,
  freeCapacity: number,
): HeatCell => ({
  neighbourhoodId,
  categoryId,
  openNeeds: missingHelpers,
  missingHelpers,
  offers: freeCapacity,
  freeCapacity,
});

describe("heatPage", () => {
  const categories = [{ id: 7 }, { id: 3 }];

  it("puts the neighbourhoods with the largest gap first, cells in category order, blanks as null", () => {
    const neighbourhoods = [
      { id: 1, name: "Altstadt" },
      { id: 2, name: "Buer" },
      { id: 3, name: "Erle" },
    ];
    const page = heatPage(
      [cell(1, 7, 2, 2), cell(2, 3, 5, 1), cell(2, 7, 1, 0), cell(3, 3, 0, 0), cell(9, 3, 50, 0)],
      neighbourhoods,
      categories,
      1,
    );
    expect(page.rows.map((r) => r.name)).toEqual(["Buer", "Altstadt", "Erle"]);
    expect(page.rows[0]!.cells).toEqual([
      [1, 1, 0, 0],
      [5, 5, 1, 1],
    ]);
    // Neither need nor offer: a blank; cells outside the scope's neighbourhoods are left out.
    expect(page.rows[2]!.cells).toEqual([null, null]);
    expect(page).toMatchObject({ page: 1, pageCount: 1, total: 3, maxShortage: 4 });
  });

  it("pages by HEAT_ROWS_PER_PAGE and keeps the colour scale of the whole scope", () => {
    const neighbourhoods = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, name: `Viertel ${i + 1}` }));
    const heat = neighbourhoods.map((nb) => cell(nb.id, 3, nb.id, 0));
    const second = heatPage(heat, neighbourhoods, categories, 2);
    expect(second.rows).toHaveLength(HEAT_ROWS_PER_PAGE);
    expect(second.rows[0]!.id).toBe(45 - HEAT_ROWS_PER_PAGE);
    expect(second).toMatchObject({
      page: 2,
      pageCount: Math.ceil(45 / HEAT_ROWS_PER_PAGE),
      total: 45,
      maxShortage: 45,
    });
    // Out-of-range and nonsense pages fall back to the nearest real one.
    expect(heatPage(heat, neighbourhoods, categories, 99).page).toBe(Math.ceil(45 / HEAT_ROWS_PER_PAGE));
    expect(heatPage(heat, neighbourhoods, categories, Number.NaN).page).toBe(1);
  });
});
