/**
 * The week view of shifts: Monday to Sunday in Berlin time (also across a daylight-saving switch),
 * only public activities' shifts, the list's filters, at most SHIFTS_PER_DAY a day with a link to the
 * rest, the reader's sign-ups, and a broken URL that still shows a week.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventLanguages, eventTranslations, signups } from "@db/schema";
import { loadShiftWeek, mondayOf, SHIFTS_PER_DAY } from "~/modules/events/shift-week.server";
import { parseShiftWeekFilter, weekHref } from "~/modules/events/shift-week.schema";
import { zonedTimeToInstant } from "~/utils/time";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createVolunteer,
} from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

/** Wednesday 9 December 2026, 08:00 in Berlin. */
const NOW = zonedTimeToInstant(2026, 12, 9, 8, 0);
const at = (day: number, hour: number, minute = 0) =>
  new Date(zonedTimeToInstant(2026, 12, day, hour, minute));

describe("the week of shifts", () => {
  it("lays the week out Monday to Sunday in Berlin time, with times, places left and past shifts", () => {
    const { db } = temp;
    const event = createEvent(db, { startsAt: at(7, 9), title: "Sprachcafé" });
    createShift(db, { eventId: event.id, title: "Aufbau", startsAt: at(7, 0, 30), neededCount: 3 });
    createShift(db, {
      eventId: event.id,
      title: "Küche",
      startsAt: at(10, 17),
      neededCount: 2,
      confirmedCount: 2,
    });
    // Sunday 23:30 belongs to this week, Monday 00:00 of the next week does not; nor does Sunday before.
    createShift(db, { eventId: event.id, title: "Spät", startsAt: at(13, 23, 30) });
    createShift(db, { eventId: event.id, title: "Nächste Woche", startsAt: at(14, 0) });
    createShift(db, { eventId: event.id, title: "Letzte Woche", startsAt: at(6, 23, 59) });

    const week = loadShiftWeek(db, {}, { locale: "de", now: NOW });
    expect(week).toMatchObject({
      monday: "2026-12-07",
      sunday: "2026-12-13",
      previous: "2026-11-30",
      next: "2026-12-14",
    });
    expect(week.days.map((d) => [d.date, d.shifts.map((s) => s.title)])).toEqual([
      ["2026-12-07", ["Aufbau"]],
      ["2026-12-08", []],
      ["2026-12-09", []],
      ["2026-12-10", ["Küche"]],
      ["2026-12-11", []],
      ["2026-12-12", []],
      ["2026-12-13", ["Spät"]],
    ]);
    const [monday, , , thursday] = week.days;
    expect(monday!.shifts[0]).toMatchObject({ eventTitle: "Sprachcafé", placesLeft: 3, past: true });
    expect(thursday!.shifts[0]).toMatchObject({ placesLeft: 0, past: false, mySignup: null });
  });

  it("keeps days whole across the switch to winter time", () => {
    const { db } = temp;
    const event = createEvent(db, { startsAt: new Date(zonedTimeToInstant(2026, 10, 25, 1)) });
    // Sunday 25 October 2026 has 25 hours: 23:30 is still Sunday.
    createShift(db, {
      eventId: event.id,
      title: "Sonntagabend",
      startsAt: new Date(zonedTimeToInstant(2026, 10, 25, 23, 30)),
    });
    const week = loadShiftWeek(db, { week: "2026-10-21" }, { locale: "de", now: NOW });
    expect(week.monday).toBe("2026-10-19");
    expect(week.days[6]).toMatchObject({
      date: "2026-10-25",
      shifts: [expect.objectContaining({ title: "Sonntagabend" })],
    });
  });

  it("shows only public activities and filters by neighbourhood, category and language", () => {
    const { db } = temp;
    const nb = createNeighbourhood(db, { slug: "ueckendorf" });
    const sports = createCategory(db, { slug: "sport" });
    const shown = createEvent(db, { startsAt: at(8, 10), neighbourhoodId: nb.id, categoryId: sports.id });
    db.insert(eventLanguages).values({ eventId: shown.id, language: "ar" }).run();
    db.insert(eventTranslations)
      .values({ eventId: shown.id, locale: "ar", title: "مقهى اللغة", description: "…" })
      .run();
    createShift(db, { eventId: shown.id, title: "Treffpunkt", startsAt: at(8, 10) });
    const other = createEvent(db, { startsAt: at(8, 11) });
    createShift(db, { eventId: other.id, title: "Anderswo", startsAt: at(8, 11) });
    const draft = createEvent(db, { startsAt: at(8, 12), status: "draft", publishedAt: null });
    createShift(db, { eventId: draft.id, title: "Entwurf", startsAt: at(8, 12) });
    const unverified = createEvent(db, {
      startsAt: at(8, 13),
      organisationId: createOrganisation(db, { verifiedAt: null }).id,
    });
    createShift(db, { eventId: unverified.id, title: "Ungeprüft", startsAt: at(8, 13) });

    const titles = (filter: Parameters<typeof loadShiftWeek>[1], locale: "de" | "ar" = "de") =>
      loadShiftWeek(db, filter, { locale, now: NOW }).days.flatMap((d) =>
        d.shifts.map((s) => `${s.title}/${s.eventTitle}`),
      );
    expect(titles({})).toEqual([`Treffpunkt/${shown.title}`, `Anderswo/${other.title}`]);
    expect(titles({ neighbourhood: "ueckendorf" })).toEqual([`Treffpunkt/${shown.title}`]);
    expect(titles({ category: "sport" })).toEqual([`Treffpunkt/${shown.title}`]);
    expect(titles({ language: "ar" }, "ar")).toEqual(["Treffpunkt/مقهى اللغة"]);
    expect(titles({ language: "uk" })).toEqual([]);
  });

  it("shows at most SHIFTS_PER_DAY a day, in time order, and says when there are more", () => {
    const { db } = temp;
    const event = createEvent(db, { startsAt: at(11, 8) });
    for (let i = 0; i < SHIFTS_PER_DAY + 3; i++) {
      createShift(db, { eventId: event.id, title: `Schicht ${i}`, startsAt: at(11, 8, i * 2) });
    }
    const friday = loadShiftWeek(db, {}, { locale: "de", now: NOW }).days[4]!;
    expect(friday.more).toBe(true);
    expect(friday.shifts).toHaveLength(SHIFTS_PER_DAY);
    expect(friday.shifts[0]!.title).toBe("Schicht 0");
    expect(loadShiftWeek(db, {}, { locale: "de", now: NOW }).days[3]!.more).toBe(false);
  });

  it("marks the reader's own sign-ups", () => {
    const { db } = temp;
    const volunteer = createVolunteer(db).user;
    const event = createEvent(db, { startsAt: at(12, 10) });
    const confirmed = createShift(db, { eventId: event.id, startsAt: at(12, 10), confirmedCount: 1 });
    const waiting = createShift(db, { eventId: event.id, startsAt: at(12, 12) });
    const cancelled = createShift(db, { eventId: event.id, startsAt: at(12, 14) });
    db.insert(signups)
      .values([
        { shiftId: confirmed.id, volunteerId: volunteer.id, status: "confirmed" },
        { shiftId: waiting.id, volunteerId: volunteer.id, status: "waitlisted" },
        { shiftId: cancelled.id, volunteerId: volunteer.id, status: "cancelled", cancelledAt: new Date() },
      ])
      .run();
    const saturday = loadShiftWeek(db, {}, { locale: "de", now: NOW, userId: volunteer.id }).days[5]!;
    expect(saturday.shifts.map((s) => s.mySignup)).toEqual(["confirmed", "waitlisted", null]);
    const anonymous = loadShiftWeek(db, {}, { locale: "de", now: NOW }).days[5]!;
    expect(anonymous.shifts.map((s) => s.mySignup)).toEqual([null, null, null]);
  });

  it("reads the week from the URL leniently, and links weeks with the same filters", () => {
    expect(parseShiftWeekFilter(new URLSearchParams("week=2026-02-30&language=xx&category=sport"))).toEqual({
      filter: { category: "sport" },
      errors: { week: "activities:week.errors.week", language: "activities:filter.errors.unknown" },
    });
    expect(parseShiftWeekFilter(new URLSearchParams(`week=${"9".repeat(5000)}`)).errors.week).toBeDefined();
    expect(mondayOf("2026-12-13", NOW)).toBe("2026-12-07");
    expect(mondayOf(undefined, NOW)).toBe("2026-12-07");
    expect(weekHref({ week: "2026-12-09", category: "sport", language: "ar" }, "2026-12-14")).toBe(
      "?week=2026-12-14&category=sport&language=ar",
    );
  });
});
