import { describe, expect, it } from "vitest";
import { gridShowsExactly, gridToWindows, mergeWindows, windowsToGrid } from "./availability";

describe("availability grid", () => {
  it("turns ticked cells into windows, merging neighbouring parts of a day", () => {
    expect(gridToWindows(["0-morning", "0-afternoon", "2-evening", "4-morning", "4-evening"])).toEqual([
      { weekday: 0, startMinute: 480, endMinute: 1020 },
      { weekday: 2, startMinute: 1020, endMinute: 1260 },
      { weekday: 4, startMinute: 480, endMinute: 720 },
      { weekday: 4, startMinute: 1020, endMinute: 1260 },
    ]);
  });

  it("ticks every cell a saved window overlaps, and round-trips what the grid produced", () => {
    // The demo volunteer's Tuesday 15–19 h touches the afternoon and the evening.
    expect(windowsToGrid([{ weekday: 1, startMinute: 900, endMinute: 1140 }])).toEqual([
      "1-afternoon",
      "1-evening",
    ]);
    const cells = ["3-morning", "5-afternoon", "5-evening", "6-morning"];
    expect(windowsToGrid(gridToWindows(cells))).toEqual(cells);
    expect(gridShowsExactly(gridToWindows(cells))).toBe(true);
    expect(gridShowsExactly([{ weekday: 1, startMinute: 900, endMinute: 1140 }])).toBe(false);
  });

  it("merges overlapping and touching windows per weekday", () => {
    expect(
      mergeWindows([
        { weekday: 1, startMinute: 600, endMinute: 700 },
        { weekday: 1, startMinute: 700, endMinute: 800 },
        { weekday: 0, startMinute: 100, endMinute: 200 },
        { weekday: 1, startMinute: 650, endMinute: 660 },
      ]),
    ).toEqual([
      { weekday: 0, startMinute: 100, endMinute: 200 },
      { weekday: 1, startMinute: 600, endMinute: 800 },
    ]);
  });
});
