import { describe, expect, it } from "vitest";
import { zoneOffsetMs, zonedWallClock } from "./time";
import { TUESDAY_15H_SUMMER, TUESDAY_15H_WINTER } from "~/modules/matching/test-fixtures";

describe("zonedWallClock", () => {
  it("reads 15:00 on a Tuesday in winter (UTC+1) and in summer (UTC+2)", () => {
    expect(zonedWallClock(TUESDAY_15H_WINTER)).toEqual({ date: "2025-03-11", weekday: 1, minute: 15 * 60 });
    expect(zonedWallClock(TUESDAY_15H_SUMMER)).toEqual({ date: "2025-07-08", weekday: 1, minute: 15 * 60 });
    expect(zoneOffsetMs(TUESDAY_15H_WINTER)).toBe(3_600_000);
    expect(zoneOffsetMs(TUESDAY_15H_SUMMER)).toBe(7_200_000);
  });

  it("moves to the next Berlin day before UTC does", () => {
    // 23:30 UTC on Tuesday is 00:30 on Wednesday in Berlin.
    expect(zonedWallClock(Date.UTC(2025, 2, 11, 23, 30))).toEqual({
      date: "2025-03-12",
      weekday: 2,
      minute: 30,
    });
  });

  it("follows the spring-forward switch on 30 March 2025 (02:00 → 03:00)", () => {
    expect(zonedWallClock(Date.UTC(2025, 2, 30, 0, 59))).toMatchObject({ weekday: 6, minute: 1 * 60 + 59 });
    expect(zonedWallClock(Date.UTC(2025, 2, 30, 1, 0))).toMatchObject({ weekday: 6, minute: 3 * 60 });
  });

  it("follows the fall-back switch on 26 October 2025 (03:00 → 02:00)", () => {
    expect(zonedWallClock(Date.UTC(2025, 9, 26, 0, 30))).toMatchObject({ minute: 2 * 60 + 30 });
    expect(zonedWallClock(Date.UTC(2025, 9, 26, 1, 30))).toMatchObject({ minute: 2 * 60 + 30 });
    expect(zonedWallClock(Date.UTC(2025, 9, 26, 2, 30))).toMatchObject({ minute: 3 * 60 + 30 });
  });

  it("numbers the weekdays from Monday = 0 to Sunday = 6", () => {
    const monday = Date.UTC(2025, 2, 10, 11, 0);
    for (let d = 0; d < 7; d++) expect(zonedWallClock(monday + d * 86_400_000).weekday).toBe(d);
  });
});
