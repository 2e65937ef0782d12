/**
 * Every dashboard figure against a small hand-built dataset whose numbers are worked out by hand in the
 * comments, for a coordinator of neighbourhoods A and B and for an admin (who also sees X).
 * "Now" is Monday 16 February 2026, 10:00 in Berlin (09:00 UTC).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { volunteerNeighbourhoods } from "@db/schema";
import { loadDashboard } from "~/modules/dashboard/dashboard.server";
import { parseFigureFilter } from "~/modules/dashboard/dashboard-filter";
import {
  listFigureCertificates,
  listFigureLoad,
  listFigureMatches,
  listFigureNeeds,
  listFigureOffers,
  listFigureShifts,
} from "~/modules/dashboard/dashboard-lists.server";
import { ALL_NEIGHBOURHOODS, scopeOf, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createCoordinator,
  createEvent,
  createHoursEntry,
  createMatch,
  createNeed,
  createNeighbourhood,
  createOffer,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";

const NOW = Date.parse("2026-02-16T09:00:00Z");
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

let ids: Record<string, number>;
let people: Record<string, string>;
let coordinatorScope: NeighbourhoodScope;
let coordinatorId: string;
let volunteerId: string;

beforeAll(() => {
  const db = getDb();
  const A = createNeighbourhood(db, { name: "A-Quartier" }).id;
  const B = createNeighbourhood(db, { name: "B-Quartier" }).id;
  const X = createNeighbourhood(db, { name: "X-Quartier" }).id;
  const K1 = createCategory(db).id;
  const K2 = createCategory(db).id;
  const coordinator = createCoordinator(db, [A, B]);
  coordinatorId = coordinator.id;
  coordinatorScope = scopeOf(authUserOf(db, coordinator.id));

  // Offers. Free places = capacity − live (proposed, accepted, active) matches.
  const o1 = createOffer(db, { categoryId: K1, neighbourhoodIds: [A, B], capacity: 3 }).id; // m1 accepted → 2 free
  const o2 = createOffer(db, { categoryId: K2, neighbourhoodIds: [B], capacity: 2 }).id; // m4 declined → 2 free
  const o3 = createOffer(db, { categoryId: K1, neighbourhoodIds: [A], capacity: 1 }).id; // m2 proposed → 0 free
  createOffer(db, { categoryId: K2, neighbourhoodIds: [A], capacity: 2, status: "paused" }); // not active
  createOffer(db, { categoryId: K2, neighbourhoodIds: [B], capacity: 1, validUntil: "2026-02-15" }); // expired yesterday
  const o6 = createOffer(db, { categoryId: K1, neighbourhoodIds: [X], capacity: 5 }).id; // m5 active → 4 free (admin)

  // Needs and matches.
  const n1 = createNeed(db, {
    neighbourhoodId: A,
    categoryId: K1,
    helpersNeeded: 2,
    status: "partly_matched",
    createdAt: at("2026-02-10T09:00:00Z"),
  }).id;
  createMatch(db, {
    needId: n1,
    offerId: o1,
    status: "accepted",
    proposedAt: at("2026-02-10T10:00:00Z"),
    respondedAt: at("2026-02-11T09:00:00Z"),
  }); // m1: 24 h
  createMatch(db, { needId: n1, offerId: o3, status: "proposed", proposedAt: at("2026-02-12T10:00:00Z") }); // m2
  createNeed(db, {
    neighbourhoodId: A,
    categoryId: K1,
    helpersNeeded: 1,
    status: "open",
    createdAt: at("2026-02-02T09:00:00Z"),
  }); // n2
  const n3 = createNeed(db, {
    neighbourhoodId: A,
    categoryId: K2,
    helpersNeeded: 1,
    status: "matched",
    createdAt: at("2026-01-26T09:00:00Z"),
  }).id;
  createMatch(db, {
    needId: n3,
    offerId: o1,
    status: "completed",
    proposedAt: at("2026-01-26T12:00:00Z"),
    respondedAt: at("2026-01-28T09:00:00Z"),
  }); // m3: 48 h
  const n4 = createNeed(db, {
    neighbourhoodId: B,
    categoryId: K2,
    helpersNeeded: 3,
    status: "open",
    createdAt: at("2026-02-16T08:00:00Z"),
  }).id;
  createMatch(db, {
    needId: n4,
    offerId: o2,
    status: "declined",
    proposedAt: at("2026-02-16T08:30:00Z"),
    respondedAt: at("2026-02-16T08:45:00Z"),
  }); // m4
  createNeed(db, {
    neighbourhoodId: B,
    categoryId: K1,
    status: "cancelled",
    createdAt: at("2026-01-05T09:00:00Z"),
  }); // n5
  const n6 = createNeed(db, {
    neighbourhoodId: X,
    categoryId: K1,
    helpersNeeded: 4,
    status: "partly_matched",
    createdAt: at("2026-02-10T09:00:00Z"),
  }).id;
  createMatch(db, {
    needId: n6,
    offerId: o6,
    status: "active",
    proposedAt: at("2026-02-10T10:00:00Z"),
    respondedAt: at("2026-02-10T16:00:00Z"),
  }); // m5: 7 h
  // Sunday 23:30 UTC is Monday 00:30 in Berlin: this need belongs to the week of 16 February.
  createNeed(db, {
    neighbourhoodId: A,
    categoryId: K2,
    status: "closed",
    createdAt: at("2026-02-15T23:30:00Z"),
  }); // n7

  // Shifts around now: only s1 (A, published, in 24 h, 1 of 3) and s5 (X, admin) count.
  const e1 = createEvent(db, { neighbourhoodId: A, categoryId: K1 }).id;
  const eX = createEvent(db, { neighbourhoodId: X, categoryId: K1 }).id;
  const eDraft = createEvent(db, { neighbourhoodId: A, categoryId: K1, status: "draft" }).id;
  const s1 = createShift(db, {
    eventId: e1,
    startsAt: new Date(NOW + 24 * HOUR),
    neededCount: 3,
    confirmedCount: 1,
  }).id;
  createShift(db, { eventId: e1, startsAt: new Date(NOW + 80 * HOUR), neededCount: 2 }); // beyond 72 h
  createShift(db, { eventId: e1, startsAt: new Date(NOW + 10 * HOUR), neededCount: 2, confirmedCount: 2 }); // full
  createShift(db, { eventId: e1, startsAt: new Date(NOW - HOUR), neededCount: 2 }); // started
  const s5 = createShift(db, { eventId: eX, startsAt: new Date(NOW + 5 * HOUR), neededCount: 1 }).id;
  createShift(db, { eventId: eDraft, startsAt: new Date(NOW + 5 * HOUR), neededCount: 1 }); // not published

  // Certificates of conduct (valid until; today = 2026-02-16, +60 days = 2026-04-17).
  const verified = { certificateVerifiedAt: new Date(NOW) };
  const v1 = createVolunteer(db, {
    profile: { homeNeighbourhoodId: A, certificateValidUntil: "2026-03-18", ...verified },
  }).user.id;
  const v2 = createVolunteer(db, {
    profile: { homeNeighbourhoodId: X, certificateValidUntil: "2026-04-17", ...verified },
  }).user.id;
  db.insert(volunteerNeighbourhoods).values({ userId: v2, neighbourhoodId: B }).run(); // in scope through B
  createVolunteer(db, {
    profile: { homeNeighbourhoodId: A, certificateValidUntil: "2026-04-18", ...verified },
  }); // day 61
  createVolunteer(db, {
    profile: { homeNeighbourhoodId: A, certificateValidUntil: "2026-02-15", ...verified },
  }); // expired
  const v5 = createVolunteer(db, {
    profile: { homeNeighbourhoodId: X, certificateValidUntil: "2026-02-26", ...verified },
  }).user.id;

  // Load. Last 7 days = 2026-02-10..16; last 4 weeks from 2026-01-20; the 12 weeks before from 2025-10-28.
  const v6 = createVolunteer(db, { profile: { homeNeighbourhoodId: A, hoursCapPerWeek: 4 } }).user.id;
  createHoursEntry(db, { volunteerId: v6, date: "2026-02-12", hours: 3 });
  createHoursEntry(db, { volunteerId: v6, date: "2026-02-15", hours: 2 }); // 5 h > 4 → over cap
  const v7 = createVolunteer(db, { profile: { homeNeighbourhoodId: A, hoursCapPerWeek: 10 } }).user.id;
  for (let week = 0; week < 12; week++) {
    const date = new Date(Date.UTC(2025, 10, 3) + week * 7 * 24 * HOUR).toISOString().slice(0, 10); // 3 Nov … 19 Jan
    createHoursEntry(db, { volunteerId: v7, date, hours: 2, confirmed: true }); // 24 h → 2 h/week before
  }
  createHoursEntry(db, { volunteerId: v7, date: "2026-02-01", hours: 1 }); // 0.25 h/week < 0.3 × 2 → dropped
  const v8 = createVolunteer(db, { profile: { homeNeighbourhoodId: A } }).user.id;
  createHoursEntry(db, { volunteerId: v8, date: "2025-12-01", hours: 10 }); // base below 12 h: not a drop
  const v9 = createVolunteer(db, { profile: { homeNeighbourhoodId: A, hoursCapPerWeek: 2 } }).user.id;
  createHoursEntry(db, { volunteerId: v9, date: "2026-02-10", hours: 2 }); // exactly the cap: not over
  createHoursEntry(db, { volunteerId: v9, date: "2026-02-09", hours: 1 }); // 8 days ago: outside
  const v10 = createVolunteer(db, { profile: { homeNeighbourhoodId: X, hoursCapPerWeek: 1 } }).user.id;
  createHoursEntry(db, { volunteerId: v10, date: "2026-02-14", hours: 3 }); // admin only

  volunteerId = v1;
  ids = { A, B, X, K1, K2, o1, o2, s1, s5, n1, n3, n4 };
  people = { v1, v2, v5, v6, v7, v10 };
});

describe("loadDashboard for a coordinator of A and B", () => {
  it("counts open needs (open or partly matched) per category with the helpers they still lack", () => {
    const d = loadDashboard(getDb(), coordinatorScope, NOW);
    // n1 (A, K1, 2 − 1 accepted = 1), n2 (A, K1, 1), n4 (B, K2, 3; the declined match does not fill).
    expect(d.openNeeds).toBe(3);
    expect(d.openByCategory).toEqual([
      { categoryId: ids.K1, openNeeds: 2, missingHelpers: 2 },
      { categoryId: ids.K2, openNeeds: 1, missingHelpers: 3 },
    ]);
  });

  it("computes coverage over all needs in scope and the median time to the first acceptance", () => {
    const d = loadDashboard(getDb(), coordinatorScope, NOW);
    // Needs n1, n2, n3, n4, n5, n7 = 6; covered n1 (accepted) and n3 (completed) = 2.
    expect(d.coverage).toEqual({ needs: 6, covered: 2, ratio: 2 / 6 });
    // Times 24 h and 48 h: the median of two is their mean, 36 h.
    expect(d.medianMsToMatch).toBe(36 * HOUR);
  });

  it("sets unmet demand against free capacity per neighbourhood and category", () => {
    const d = loadDashboard(getDb(), coordinatorScope, NOW);
    const cells = [...d.heat].sort(
      (a, b) => a.neighbourhoodId - b.neighbourhoodId || a.categoryId - b.categoryId,
    );
    expect(cells).toEqual([
      // A × K1: n1 + n2 lack 2; o1 serves A with 2 free (o3 is full).
      {
        neighbourhoodId: ids.A,
        categoryId: ids.K1,
        openNeeds: 2,
        missingHelpers: 2,
        offers: 1,
        freeCapacity: 2,
      },
      // B × K1: no open need (n5 cancelled); o1 serves B too.
      {
        neighbourhoodId: ids.B,
        categoryId: ids.K1,
        openNeeds: 0,
        missingHelpers: 0,
        offers: 1,
        freeCapacity: 2,
      },
      // B × K2: n4 lacks 3; o2 has 2 free (the paused and the expired offers do not count).
      {
        neighbourhoodId: ids.B,
        categoryId: ids.K2,
        openNeeds: 1,
        missingHelpers: 3,
        offers: 1,
        freeCapacity: 2,
      },
    ]);
  });

  it("counts needs, proposals and acceptances per Berlin week over 26 weeks", () => {
    const d = loadDashboard(getDb(), coordinatorScope, NOW);
    expect(d.weeks).toHaveLength(26);
    expect(d.weeks[25]).toEqual({
      start: "2026-02-16",
      end: "2026-02-22",
      needs: 2,
      proposed: 1,
      accepted: 0,
    }); // n4, n7; m4
    expect(d.weeks[24]).toEqual({
      start: "2026-02-09",
      end: "2026-02-15",
      needs: 1,
      proposed: 2,
      accepted: 1,
    }); // n1; m1, m2; m1
    expect(d.weeks[23]).toEqual({
      start: "2026-02-02",
      end: "2026-02-08",
      needs: 1,
      proposed: 0,
      accepted: 0,
    }); // n2
    expect(d.weeks[22]).toEqual({
      start: "2026-01-26",
      end: "2026-02-01",
      needs: 1,
      proposed: 1,
      accepted: 1,
    }); // n3; m3; m3
    expect(d.weeks[19]).toEqual({
      start: "2026-01-05",
      end: "2026-01-11",
      needs: 1,
      proposed: 0,
      accepted: 0,
    }); // n5
    expect(d.weeks[0]!.start).toBe("2025-08-25");
    const total = d.weeks.reduce(
      (s, w) => ({
        needs: s.needs + w.needs,
        proposed: s.proposed + w.proposed,
        accepted: s.accepted + w.accepted,
      }),
      { needs: 0, proposed: 0, accepted: 0 },
    );
    expect(total).toEqual({ needs: 6, proposed: 4, accepted: 2 });
  });

  it("lists under-staffed shifts of the next 72 hours, expiring certificates and load", () => {
    const d = loadDashboard(getDb(), coordinatorScope, NOW);
    expect(d.shifts.total).toBe(1);
    expect(d.shifts.items.map((s) => [s.shiftId, s.confirmedCount, s.neededCount])).toEqual([[ids.s1, 1, 3]]);
    expect(d.certificates.total).toBe(2);
    expect(d.certificates.items.map((c) => [c.userId, c.validUntil])).toEqual([
      [people.v1, "2026-03-18"],
      [people.v2, "2026-04-17"],
    ]);
    expect(d.overCap.total).toBe(1);
    expect(d.overCap.items).toEqual([
      expect.objectContaining({ userId: people.v6, capPerWeek: 4, lastWeekHours: 5 }),
    ]);
    expect(d.activityDrop.total).toBe(1);
    expect(d.activityDrop.items).toEqual([
      expect.objectContaining({ userId: people.v7, recentWeeklyAverage: 0.25, previousWeeklyAverage: 2 }),
    ]);
  });
});

describe("loadDashboard for an admin (all neighbourhoods)", () => {
  it("adds neighbourhood X everywhere", () => {
    const d = loadDashboard(getDb(), ALL_NEIGHBOURHOODS, NOW);
    expect(d.openNeeds).toBe(4); // + n6
    expect(d.coverage).toEqual({ needs: 7, covered: 3, ratio: 3 / 7 });
    expect(d.medianMsToMatch).toBe(24 * HOUR); // 7 h, 24 h, 48 h
    expect(d.heat.find((c) => c.neighbourhoodId === ids.X)).toEqual({
      neighbourhoodId: ids.X,
      categoryId: ids.K1,
      openNeeds: 1,
      missingHelpers: 3,
      offers: 1,
      freeCapacity: 4,
    });
    expect(d.shifts.items.map((s) => s.shiftId)).toEqual([ids.s5, ids.s1]);
    expect(d.certificates.items.map((c) => c.userId)).toEqual([people.v5, people.v1, people.v2]);
    expect(d.overCap.items.map((p) => p.userId).sort()).toEqual([people.v6, people.v10].sort());
    expect(d.activityDrop.total).toBe(1);
  });
});

describe("scope", () => {
  it("never shows a coordinator another neighbourhood's numbers", () => {
    const db = getDb();
    const onlyX = scopeOf(authUserOf(db, createCoordinator(db, [ids.X!]).id));
    const d = loadDashboard(db, onlyX, NOW);
    expect(d.neighbourhoods.map((n) => n.id)).toEqual([ids.X]);
    expect(d.openNeeds).toBe(1);
    expect(d.coverage).toEqual({ needs: 1, covered: 1, ratio: 1 });
    expect(d.heat.every((c) => c.neighbourhoodId === ids.X)).toBe(true);
    expect(d.shifts.items.map((s) => s.shiftId)).toEqual([ids.s5]);
    // v2 lives in X (and also serves B): both coordinators are responsible for them.
    expect(d.certificates.items.map((c) => c.userId)).toEqual([people.v5, people.v2]);
    expect(d.overCap.items.map((p) => p.userId)).toEqual([people.v10]);
    expect(d.activityDrop.total).toBe(0);
    expect(d.weeks.reduce((s, w) => s + w.needs, 0)).toBe(1);

    const nobody = loadDashboard(db, scopeOf({ role: "coordinator", coordinatorNeighbourhoodIds: [] }), NOW);
    expect([
      nobody.openNeeds,
      nobody.coverage.needs,
      nobody.heat.length,
      nobody.shifts.total,
      nobody.certificates.total,
      nobody.overCap.total,
    ]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("the lists behind the figures", () => {
  const filter = (query: string) => parseFigureFilter(new URLSearchParams(query));

  it("have the figure's count", () => {
    const db = getDb();
    const s = coordinatorScope;
    expect(listFigureNeeds(db, s, filter("covered=yes")).total).toBe(2);
    expect(listFigureNeeds(db, s, filter("covered=yes")).items.map((n) => n.id)).toEqual([ids.n1, ids.n3]); // 24 h before 48 h
    expect(listFigureNeeds(db, s, filter("covered=no")).total).toBe(4);
    expect(listFigureNeeds(db, s, filter("from=2026-02-16&to=2026-02-22")).total).toBe(2);
    expect(listFigureNeeds(db, s, filter("open=1&category=" + ids.K1)).total).toBe(2);
    expect(listFigureMatches(db, s, filter("kind=proposed&from=2026-02-09&to=2026-02-15")).total).toBe(2);
    expect(listFigureMatches(db, s, filter("kind=accepted&from=2026-02-09&to=2026-02-15")).total).toBe(1);
    const offers = listFigureOffers(db, s, filter(`neighbourhood=${ids.B}&category=${ids.K2}`), NOW);
    expect([offers.total, offers.freeCapacity, offers.items.map((o) => o.id)]).toEqual([1, 2, [ids.o2]]);
    expect(listFigureShifts(db, s, filter(""), NOW).total).toBe(1);
    expect(listFigureCertificates(db, s, filter(""), NOW).total).toBe(2);
    expect(listFigureLoad(db, s, filter("kind=over-cap"), NOW).items.map((p) => p.userId)).toEqual([
      people.v6,
    ]);
    expect(listFigureLoad(db, s, filter("kind=drop"), NOW).items.map((p) => p.userId)).toEqual([people.v7]);
  });
});

describe("the dashboard routes", () => {
  it("answers a coordinator with the scope's figures and refuses volunteers", async () => {
    const { loader } = await import("~/routes/coordination.dashboard._index");
    const ok = await callLoader(loader, "/coordination/dashboard", {
      cookie: await sessionCookieFor(coordinatorId),
    });
    expect(ok.status).toBe(200);
    // The heat map's rows: the scope's neighbourhoods, and only those.
    expect((ok.data as { heat: { rows: { id: number }[] } }).heat.rows.map((n) => n.id).sort()).toEqual(
      [ids.A, ids.B].sort(),
    );
    const denied = await callLoader(loader, "/coordination/dashboard", {
      cookie: await sessionCookieFor(volunteerId),
    });
    expect(denied.status).toBe(403);
    const anonymous = await callLoader(loader, "/coordination/dashboard");
    expect(anonymous.status).toBe(302);
  });

  it("refuses a list filtered to a neighbourhood outside the coordinator's scope", async () => {
    const { loader } = await import("~/routes/coordination.dashboard.needs");
    const cookie = await sessionCookieFor(coordinatorId);
    expect(
      (await callLoader(loader, `/coordination/dashboard/needs?neighbourhood=${ids.X}`, { cookie })).status,
    ).toBe(403);
    expect(
      (await callLoader(loader, `/coordination/dashboard/needs?neighbourhood=${ids.A}`, { cookie })).status,
    ).toBe(200);
  });

  it("lets an admin see every neighbourhood", async () => {
    const { loader } = await import("~/routes/coordination.dashboard.needs");
    const admin = createUser(getDb(), { role: "admin" });
    const result = await callLoader(loader, `/coordination/dashboard/needs?neighbourhood=${ids.X}`, {
      cookie: await sessionCookieFor(admin.id),
    });
    expect(result.status).toBe(200);
    expect((result.data as { total: number }).total).toBe(1);
  });
});
