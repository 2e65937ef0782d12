import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "~/utils/time";
import {
  arrivalCode,
  codeNumber,
  planArrival,
  usableLanguages,
  type AgeCounts,
  type PlanHousehold,
  type PlanTemplate,
} from "./plan";
import { easterSunday, isWorkingDay, nrwHolidays } from "./working-days";

const NOBODY: AgeCounts = { "0_2": 0, "3_5": 0, "6_17": 0, "18_64": 0, "65_plus": 0 };

function template(overrides: Partial<PlanTemplate> = {}): PlanTemplate {
  return {
    id: 1,
    categoryId: 2,
    leadDays: 7,
    startMinute: 9 * 60,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: [],
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    ...overrides,
  };
}

function household(overrides: Partial<PlanHousehold> = {}): PlanHousehold {
  return {
    arrivalDate: "2026-05-11",
    ageCounts: { ...NOBODY, "18_64": 2, "6_17": 2, "0_2": 1 },
    languages: [
      { language: "prs", level: "native" },
      { language: "en", level: "basic" },
    ],
    ...overrides,
  };
}

/** Long before any of the arrivals below: nothing is in the past, nothing urgent. */
const EARLY = Date.UTC(2025, 0, 1);

const berlin = (iso: string, hour: number, minute = 0) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, hour, minute);
};

describe("working days in NRW", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2030, "2030-04-21"],
  ])("Easter Sunday %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("knows the public holidays of NRW in 2026", () => {
    expect([...nrwHolidays(2026)].sort()).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-06-04",
      "2026-10-03",
      "2026-11-01",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("counts weekdays that are not holidays", () => {
    expect(isWorkingDay("2026-05-12")).toBe(true); // Tuesday
    expect(isWorkingDay("2026-05-16")).toBe(false); // Saturday
    expect(isWorkingDay("2026-06-04")).toBe(false); // Corpus Christi, a Thursday
    expect(isWorkingDay("2026-12-24")).toBe(true); // Christmas Eve is a working day
  });
});

describe("planArrival", () => {
  it("makes one need per child 6–17 for a per-child step, one for a household step, none where nobody fits", () => {
    const steps = planArrival(
      household(),
      [
        template({ id: 1, leadDays: 7 }), // Bürgerbüro: the household
        template({ id: 2, leadDays: 14, perPerson: true, ageGroups: ["6_17"], requiresCertificate: true }),
        template({ id: 3, leadDays: 30, perPerson: true, ageGroups: ["3_5"] }), // Kita 3–5: nobody
        template({ id: 4, leadDays: 30, ageGroups: ["0_2", "3_5"] }), // one step for the small children
      ],
      EARLY,
    );
    expect(steps.map((s) => [s.templateId, s.personNumber, s.personCount])).toEqual([
      [1, null, 1],
      [2, 1, 2],
      [2, 2, 2],
      [4, null, 1],
    ]);
    expect(steps.filter((s) => s.templateId === 2).every((s) => s.requiresCertificate)).toBe(true);
  });

  it("dates each step by its lead time: the due day, and the last working day up to it", () => {
    // Arrival Monday 11 May 2026; 7 days → Monday 18 May; 14 days → Monday 25 May, Whit Monday → Friday 22.
    const [bb, school] = planArrival(
      household(),
      [template({ id: 1, leadDays: 7 }), template({ id: 2, leadDays: 14 })],
      EARLY,
    );
    expect(bb).toMatchObject({ dueOn: "2026-05-18", plannedOn: "2026-05-18", leadDays: 7 });
    expect(school).toMatchObject({ dueOn: "2026-05-25", plannedOn: "2026-05-22" });
  });

  it.each([
    ["2026-01-29", 14, "2026-02-12", "2026-02-12"], // across the end of January
    ["2026-02-24", 7, "2026-03-03", "2026-03-03"], // February has 28 days in 2026
    ["2028-02-25", 4, "2028-02-29", "2028-02-29"], // … and 29 in 2028
    ["2026-04-27", 7, "2026-05-04", "2026-05-04"], // across the end of April
    ["2026-12-20", 7, "2026-12-27", "2026-12-24"], // Sunday; 25th and 26th are holidays
    ["2026-12-28", 4, "2027-01-01", "2026-12-31"], // New Year, across the end of the year
    ["2026-03-27", 7, "2026-04-03", "2026-04-02"], // Good Friday
    ["2026-05-16", 0, "2026-05-16", "2026-05-18"], // Saturday arrival, same-day step: next Monday
  ])("arrival %s + %i days: due %s, planned %s", (arrivalDate, leadDays, dueOn, plannedOn) => {
    const [step] = planArrival(household({ arrivalDate }), [template({ leadDays })], EARLY);
    expect(step).toMatchObject({ dueOn, plannedOn });
  });

  it("keeps the wall-clock time across the daylight-saving switches", () => {
    const at9 = template({ startMinute: 9 * 60, durationMinutes: 90 });
    // Spring: 29 March 2026. Friday before (CET, UTC+1) and Monday after (CEST, UTC+2).
    const [before] = planArrival(household({ arrivalDate: "2026-03-20" }), [at9], EARLY);
    const [after] = planArrival(household({ arrivalDate: "2026-03-23" }), [at9], EARLY);
    expect(before).toMatchObject({ plannedOn: "2026-03-27", startsAt: Date.UTC(2026, 2, 27, 8, 0) });
    expect(after).toMatchObject({ plannedOn: "2026-03-30", startsAt: Date.UTC(2026, 2, 30, 7, 0) });
    expect(after!.endsAt - after!.startsAt).toBe(90 * 60_000);
    // Autumn: 25 October 2026. Monday after is back on CET.
    const [autumn] = planArrival(household({ arrivalDate: "2026-10-19" }), [at9], EARLY);
    expect(autumn).toMatchObject({ plannedOn: "2026-10-26", startsAt: Date.UTC(2026, 9, 26, 8, 0) });
    // The lead time is counted in calendar days, not in 24-hour blocks: a week after 23:00 is still 7 days.
    const [late] = planArrival(
      household({ arrivalDate: "2026-03-24" }),
      [template({ startMinute: 23 * 60, durationMinutes: 60 })],
      EARLY,
    );
    expect(late).toMatchObject({ dueOn: "2026-03-31", plannedOn: "2026-03-31" });
    expect(late!.endsAt).toBe(berlin("2026-04-01", 0));
  });

  it("marks steps within 72 hours urgent, within a week high, later normal", () => {
    const now = berlin("2026-05-11", 8); // Monday 08:00, the day of arrival
    const steps = planArrival(
      household(),
      [
        template({ id: 1, leadDays: 1 }), // Tuesday 09:00: 25 h ahead
        // Thursday 14 May is Ascension Day: the 3-day step is on Wednesday, 49 h ahead (urgent); the
        // 4-day step on Friday 09:00, 97 h ahead (high).
        template({ id: 5, leadDays: 3 }),
        template({ id: 2, leadDays: 4 }),
        template({ id: 3, leadDays: 14 }),
      ],
      now,
    );
    expect(steps.map((s) => [s.templateId, s.urgency])).toEqual([
      [1, "urgent"],
      [5, "urgent"],
      [2, "high"],
      [3, "normal"],
    ]);
  });

  it("never plans an appointment in the past: a late recording moves it to the next working day", () => {
    // Recorded on Thursday 21 May 2026, 10:00, for an arrival ten days earlier: the 7-day step is overdue.
    const now = berlin("2026-05-21", 10);
    const [step] = planArrival(household({ arrivalDate: "2026-05-11" }), [template({ leadDays: 7 })], now);
    expect(step).toMatchObject({ dueOn: "2026-05-18", plannedOn: "2026-05-22", urgency: "urgent" });
    // Recorded at 08:00, the same day's 09:00 is still ahead.
    const [early] = planArrival(
      household({ arrivalDate: "2026-05-11" }),
      [template({ leadDays: 7 })],
      berlin("2026-05-21", 8),
    );
    expect(early).toMatchObject({ plannedOn: "2026-05-21" });
  });

  it("uses the household's languages spoken well, plus the template's own", () => {
    const [step] = planArrival(household(), [template({ languages: ["de"] })], EARLY);
    expect(step!.languages).toEqual(["prs", "de"]);
    const [german] = planArrival(household(), [template({ usesHouseholdLanguages: false })], EARLY);
    expect(german!.languages).toEqual(["de"]);
    expect(
      usableLanguages([
        { language: "ar", level: "basic" },
        { language: "ku", level: "basic" },
      ]),
    ).toEqual(["ar", "ku"]);
  });

  it("sorts the plan by appointment, then template order, then person", () => {
    const steps = planArrival(
      household(),
      [
        template({ id: 9, leadDays: 14, perPerson: true, ageGroups: ["6_17"] }),
        template({ id: 8, leadDays: 3 }),
      ],
      EARLY,
    );
    expect(steps.map((s) => `${s.templateId}:${s.personNumber ?? "-"}`)).toEqual(["8:-", "9:1", "9:2"]);
  });
});

describe("household codes", () => {
  it("are A-<year>-<number> with at least three digits", () => {
    expect(arrivalCode(2026, 31)).toBe("A-2026-031");
    expect(arrivalCode(2026, 1234)).toBe("A-2026-1234");
    expect(codeNumber("A-2026-031", 2026)).toBe(31);
    expect(codeNumber("A-2025-031", 2026)).toBeNull();
    expect(codeNumber("A-2026-x", 2026)).toBeNull();
  });
});
