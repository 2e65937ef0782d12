import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { neighbourhoods, volunteerAvailability, volunteerProfiles } from "@db/schema";
import type { Db } from "@db/client";
import {
  berlinLocalSql,
  berlinOffsetFromPeriods,
  berlinSummerPeriods,
  minuteOfDaySql,
  weekdaySql,
} from "~/modules/finding/berlin-clock-sql.server";
import { parseFindWorkFilter } from "~/modules/finding/find-work.schema";
import { findWork } from "~/modules/finding/find-work.server";
import { type ResolvedFindFilter } from "~/modules/finding/work-items";
import { zonedWallClock } from "~/utils/time";
import { zonedIsoDate, zonedTimeToInstant, zoneOffsetMs } from "~/utils/time";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createVolunteer,
} from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";
import { createMatch, createNeed, createRawOffer } from "./volunteers-fixture";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("Berlin wall-clock time in SQL", () => {
  it("has the same offset as Intl for every six hours of five years, and at the switches", () => {
    const periods = berlinSummerPeriods(2025, 2029);
    const start = Date.UTC(2025, 0, 1);
    for (let t = start; t < Date.UTC(2030, 0, 1); t += 6 * HOUR)
      expect(berlinOffsetFromPeriods(t, periods)).toBe(zoneOffsetMs(t));
    for (const [summer, winter] of periods) {
      for (const t of [summer - 1000, summer, winter - 1000, winter])
        expect(berlinOffsetFromPeriods(t, periods)).toBe(zoneOffsetMs(t));
    }
  });

  it("computes weekday and minute of day like the matching engine, in winter and in summer", () => {
    const temp = createTempDb();
    try {
      const now = Date.UTC(2026, 5, 1);
      for (const t of [
        Date.UTC(2026, 0, 5, 23, 30),
        Date.UTC(2026, 2, 29, 0, 59),
        Date.UTC(2026, 2, 29, 1, 0),
        Date.UTC(2026, 6, 12, 22, 15),
        Date.UTC(2026, 9, 25, 0, 30),
      ]) {
        const local = berlinLocalSql(sql`${t}`, now);
        const row = temp.db.get<{ weekday: number; minute: number }>(
          sql`select ${weekdaySql(local)} as weekday, ${minuteOfDaySql(local)} as minute`,
        );
        const expected = zonedWallClock(t);
        expect(row, new Date(t).toISOString()).toEqual({
          weekday: expected.weekday,
          minute: expected.minute,
        });
      }
    } finally {
      temp.cleanup();
    }
  });
});

describe("the find filter in the URL", () => {
  it("keeps valid fields and reports invalid ones instead of failing", () => {
    const { filter, errors } = parseFindWorkFilter(
      new URLSearchParams("what=needs&km=2,5&from=gestern&fits=1&language=xx&page=2"),
    );
    expect(filter).toEqual({ what: "needs", km: 2.5, fits: "1", page: 2 });
    expect(errors).toEqual({ from: "volunteer:find.errors.date", language: "volunteer:find.errors.unknown" });
  });
});

describe("findWork", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.cleanup());

  /** A day three days ahead, and an instant on it at a Berlin wall-clock time. */
  const day = zonedIsoDate(Date.now() + 3 * DAY);
  const at = (hour: number, plusDays = 0) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(zonedTimeToInstant(y, m, d + plusDays, hour));
  };

  function world(db: Db) {
    const home = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
    const near = createNeighbourhood(db, { lat: 51.518, lon: 7.1 }); // 2 km north
    const far = createNeighbourhood(db, { lat: 51.6, lon: 7.1 }); // 11 km north
    const [catA, catB] = [createCategory(db), createCategory(db)];
    const { user } = createVolunteer(db, { profile: { homeNeighbourhoodId: home.id } });
    const weekday = zonedWallClock(at(10).getTime()).weekday;
    db.insert(volunteerAvailability)
      .values({ userId: user.id, weekday, startMinute: 480, endMinute: 720 })
      .run();

    const eventNear = createEvent(db, { neighbourhoodId: near.id, categoryId: catA.id, startsAt: at(10) });
    db.run(sql`insert into event_languages (event_id, language) values (${eventNear.id}, 'ar')`);
    const shiftNear = createShift(db, {
      eventId: eventNear.id,
      startsAt: at(10),
      endsAt: at(12),
      title: "Ausgabe",
    });
    const eventFar = createEvent(db, { neighbourhoodId: far.id, categoryId: catB.id, startsAt: at(9) });
    const shiftFar = createShift(db, {
      eventId: eventFar.id,
      startsAt: at(9),
      endsAt: at(11),
      title: "Aufbau",
    });
    const shiftLater = createShift(db, {
      eventId: eventFar.id,
      startsAt: at(10, 2),
      endsAt: at(12, 2),
      title: "Später",
    });
    // Not open: a draft, an unverified organisation, a shift that has started.
    const draft = createEvent(db, {
      neighbourhoodId: near.id,
      categoryId: catA.id,
      status: "draft",
      startsAt: at(10),
    });
    createShift(db, { eventId: draft.id, startsAt: at(10) });
    const unverified = createEvent(db, {
      neighbourhoodId: near.id,
      categoryId: catA.id,
      organisationId: createOrganisation(db, { verifiedAt: null }).id,
      startsAt: at(10),
    });
    createShift(db, { eventId: unverified.id, startsAt: at(10) });
    createShift(db, {
      eventId: eventNear.id,
      startsAt: new Date(Date.now() - HOUR),
      endsAt: new Date(Date.now() + HOUR),
    });

    const needHome = createNeed(db, {
      categoryId: catA.id,
      neighbourhoodId: home.id,
      languages: ["uk"],
      startsAt: at(15),
      endsAt: at(16),
      title: "Frau K. zum Arzt",
    });
    createNeed(db, {
      categoryId: catA.id,
      neighbourhoodId: home.id,
      status: "closed",
      closedAt: new Date(),
      startsAt: at(15),
      endsAt: at(16),
    });
    const needWeekly = createNeed(db, {
      categoryId: catB.id,
      neighbourhoodId: far.id,
      schedule: "recurring",
      startsAt: new Date(Date.now() - 30 * DAY),
      endsAt: new Date(Date.now() + 90 * DAY),
      slots: [[weekday, 540, 600]],
      helpersNeeded: 2,
    });
    return { user, home, near, far, catA, catB, shiftNear, shiftFar, shiftLater, needHome, needWeekly };
  }

  // Without an address the home is its neighbourhood's centroid.
  const centroid = (db: Db, id: number | null) => {
    if (id === null) return null;
    const n = db.select().from(neighbourhoods).where(eq(neighbourhoods.id, id)).get()!;
    return { lat: n.lat, lon: n.lon, approximate: true };
  };
  const run = (db: Db, userId: string, homeId: number | null, filter: Partial<ResolvedFindFilter> = {}) =>
    findWork(
      db,
      { what: "all", fits: false, page: 1, ...filter },
      { userId, home: centroid(db, homeId), locale: "de" },
    );
  const keys = (items: { kind: string; id: number }[]) => items.map((i) => `${i.kind}:${i.id}`);

  it("lists open shifts of public activities and open needs, by day, then distance, then time", () => {
    const w = world(temp.db);
    const result = run(temp.db, w.user.id, w.home.id);
    // Today's weekly need first (it runs now), then the day: home (0 km), near (2 km), far (11 km), then later days.
    expect(keys(result.items)).toEqual([
      `need:${w.needWeekly.id}`,
      `need:${w.needHome.id}`,
      `shift:${w.shiftNear.id}`,
      `shift:${w.shiftFar.id}`,
      `shift:${w.shiftLater.id}`,
    ]);
    expect(result.total).toBe(5);
    expect(result.items.map((i) => i.distanceKm)).toEqual([11.1, 0, 2, 11.1, 11.1]);
  });

  it("counts a helper place as still wanted while a proposal for it waits for an answer", () => {
    // Issue 13, seam 12: a need that had asked someone read "0 Helfende gesucht".
    const w = world(temp.db);
    const offer = createRawOffer(temp.db, {
      categoryId: w.catA.id,
      volunteerId: createVolunteer(temp.db).user.id,
    });
    createMatch(temp.db, { needId: w.needHome.id, offerId: offer.id, status: "proposed" });
    const item = run(temp.db, w.user.id, w.home.id).items.find(
      (i) => i.kind === "need" && i.id === w.needHome.id,
    );
    expect(item).toMatchObject({ helpersStillNeeded: 1 });
  });

  it("filters by neighbourhood, distance from home, category, language, kind and dates", () => {
    const w = world(temp.db);
    const ids = (filter: Partial<ResolvedFindFilter>) =>
      keys(run(temp.db, w.user.id, w.home.id, filter).items);
    expect(ids({ neighbourhoodId: w.near.id })).toEqual([`shift:${w.shiftNear.id}`]);
    expect(ids({ km: 5 })).toEqual([`need:${w.needHome.id}`, `shift:${w.shiftNear.id}`]);
    expect(ids({ categoryId: w.catB.id, what: "shifts" })).toEqual([
      `shift:${w.shiftFar.id}`,
      `shift:${w.shiftLater.id}`,
    ]);
    expect(ids({ language: "ar" })).toEqual([`need:${w.needWeekly.id}`, `shift:${w.shiftNear.id}`]);
    expect(ids({ language: "uk", what: "needs" })).toEqual([`need:${w.needHome.id}`]);
    expect(ids({ from: day, to: day, what: "shifts" })).toEqual([
      `shift:${w.shiftNear.id}`,
      `shift:${w.shiftFar.id}`,
    ]);
  });

  it("keeps only what fits the volunteer's weekly times when asked", () => {
    const w = world(temp.db);
    // Availability: that weekday 08–12. The 09–11 and 10–12 shifts fit, and the weekly 09–10 slot; the 15 h need does not.
    expect(keys(run(temp.db, w.user.id, w.home.id, { fits: true }).items)).toEqual([
      `need:${w.needWeekly.id}`,
      `shift:${w.shiftNear.id}`,
      `shift:${w.shiftFar.id}`,
    ]);
  });

  it("shows needs as volunteers may see them: no title, no recorder, and the helpers still needed", () => {
    const w = world(temp.db);
    const offer = createRawOffer(temp.db, {
      volunteerId: createVolunteer(temp.db).user.id,
      categoryId: w.catB.id,
    });
    createMatch(temp.db, { needId: w.needWeekly.id, offerId: offer.id, status: "active" });
    const mine = createRawOffer(temp.db, {
      volunteerId: w.user.id,
      categoryId: w.catA.id,
      title: "Meine Begleitung",
    });
    const needs = run(temp.db, w.user.id, w.home.id, { what: "needs" }).items;
    const home = needs.find((n) => n.id === w.needHome.id);
    const weekly = needs.find((n) => n.id === w.needWeekly.id);
    expect(home).toMatchObject({
      kind: "need",
      languages: ["uk"],
      myOffer: { id: mine.id, title: "Meine Begleitung" },
    });
    expect(weekly).toMatchObject({ helpersStillNeeded: 1, schedule: "recurring", myOffer: null });
    expect(JSON.stringify(needs)).not.toContain("Frau K.");
    expect(Object.keys(home!).sort()).toEqual(
      [
        "kind",
        "id",
        "description",
        "translated",
        "originalLanguage",
        "startsAt",
        "endsAt",
        "schedule",
        "slots",
        "helpersStillNeeded",
        "urgency",
        "requiresCertificate",
        "categorySlug",
        "categoryName",
        "neighbourhoodName",
        "distanceKm",
        "distanceApproximate",
        "languages",
        "myOffer",
      ].sort(),
    );
  });

  it("pages through results with the same number of queries whatever a page holds", () => {
    const db = temp.db;
    const nb = createNeighbourhood(db);
    const { user } = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } });
    const event = createEvent(db, { neighbourhoodId: nb.id, startsAt: at(8) });
    createShift(db, { eventId: event.id, startsAt: at(8), endsAt: at(9) });
    createNeed(db, { categoryId: event.categoryId, neighbourhoodId: nb.id, startsAt: at(9), endsAt: at(10) });

    const prepare = vi.spyOn(db.$client, "prepare");
    run(db, user.id, nb.id);
    const fewQueries = prepare.mock.calls.length;
    prepare.mockClear();

    for (let i = 0; i < 24; i++)
      createShift(db, {
        eventId: event.id,
        startsAt: new Date(at(8).getTime() + i * HOUR),
        endsAt: new Date(at(8).getTime() + (i + 1) * HOUR),
      });
    for (let i = 0; i < 6; i++)
      createNeed(db, {
        categoryId: event.categoryId,
        neighbourhoodId: nb.id,
        startsAt: at(11 + i),
        endsAt: at(12 + i),
      });
    prepare.mockClear();
    const first = run(db, user.id, nb.id);
    expect(prepare.mock.calls.length).toBe(fewQueries);
    prepare.mockRestore();

    expect(first).toMatchObject({ total: 32, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(20);
    const second = run(db, user.id, nb.id, { page: 2 });
    expect(second.items).toHaveLength(12);
    const all = [...first.items, ...second.items].map((i) => `${i.kind}:${i.id}`);
    expect(new Set(all).size).toBe(32);
    const beyond = run(db, user.id, nb.id, { page: 9 });
    expect(beyond).toMatchObject({ items: [], total: 32, pageCount: 2 });
  });

  it("says there is no distance without a home neighbourhood", () => {
    const w = world(temp.db);
    temp.db.update(volunteerProfiles).set({ homeNeighbourhoodId: null }).run();
    const result = run(temp.db, w.user.id, null, { km: 5 });
    expect(result.hasHome).toBe(false);
    expect(result.items.every((i) => i.distanceKm === null)).toBe(true);
  });
});
