import { describe, expect, it } from "vitest";
import { isoWeekOf, rotateBackups, type BackupFile } from "./rotation";

const DAY = 86_400_000;
/** Noon UTC on 2026-11-30 (a Monday), and one backup a day at 02:00 Berlin before it. */
const START = Date.UTC(2026, 10, 30, 1, 0);

function daily(days: number): BackupFile[] {
  return Array.from({ length: days }, (_, i) => ({ name: `b${i}`, takenAt: START - i * DAY }));
}

describe("backup rotation", () => {
  it("names ISO weeks, across a year's end", () => {
    expect(isoWeekOf("2026-11-30")).toBe("2026-W49");
    expect(isoWeekOf("2026-11-29")).toBe("2026-W48");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
  });

  it("keeps the newest of each of the last 7 days and of each of the last 4 weeks", () => {
    const files = daily(60);
    const { keep, remove } = rotateBackups(files, { daily: 7, weekly: 4 });
    // 7 days (Mon 30 Nov back to Tue 24 Nov); weeks: W49 (Mon 30), W48 (Sun 29), W47 (Sun 22), W46 (Sun 15).
    const kept = keep.map((f) => f.name);
    expect(kept).toEqual(["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b8", "b15"]);
    expect(keep.length + remove.length).toBe(60);
  });

  it("keeps one per day when a day has several, and the newest of them", () => {
    const files = [
      { name: "late", takenAt: START + 3_600_000 },
      { name: "early", takenAt: START },
      ...daily(10).slice(1),
    ];
    const { keep, remove } = rotateBackups(files, { daily: 2, weekly: 0 });
    expect(keep.map((f) => f.name)).toEqual(["late", "b1"]);
    expect(remove.map((f) => f.name)).toContain("early");
  });

  it("never deletes when there are fewer backups than the policy keeps", () => {
    const { keep, remove } = rotateBackups(daily(3), { daily: 7, weekly: 4 });
    expect(keep).toHaveLength(3);
    expect(remove).toEqual([]);
  });
});
