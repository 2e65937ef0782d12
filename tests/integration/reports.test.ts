/**
 * Reports for March 2026 against a hand-built dataset: every figure of the page and every CSV file,
 * for a coordinator of neighbourhood A and for an admin (who also sees B and unplaced hours). Period
 * edges are Berlin days: 28 Feb 23:30 UTC is 1 March in Berlin, 31 March 22:30 UTC (summer time) is
 * 1 April.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signups } from "@db/schema";
import { periodOf } from "~/modules/dashboard/periods";
import { ALL_NEIGHBOURHOODS, scopeOf, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import { csvNumber, csvText, toCsv } from "~/modules/reports/csv";
import { parseReportPeriod } from "~/modules/reports/report-period";
import {
  listMatchesForReport,
  listNeedsForReport,
  summariseHours,
  summariseMatches,
  summariseNeeds,
} from "~/modules/reports/reports.server";
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
  createOrganisation,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";

const MARCH = periodOf("2026-03-01", "2026-03-31");
const at = (iso: string) => new Date(iso);
let ids: Record<string, number>;
let scope: NeighbourhoodScope;
let coordinatorId: string;
let adminId: string;

beforeAll(() => {
  const db = getDb();
  const A = createNeighbourhood(db, { name: "Altstadt" }).id;
  const B = createNeighbourhood(db, { name: "Buer" }).id;
  const K1 = createCategory(db, { name: "Begleitung", sortOrder: 1 }).id;
  const K2 = createCategory(db, { name: "Sprache", sortOrder: 2 }).id;
  const O1 = createOrganisation(db, { name: 'Verein "Nord"; Süd e.V.' }).id;
  const O2 = createOrganisation(db, { name: '=HYPERLINK("x")' }).id;
  const coordinator = createCoordinator(db, [A]);
  coordinatorId = coordinator.id;
  adminId = createUser(db, { role: "admin" }).id;
  scope = scopeOf(authUserOf(db, coordinator.id));

  const V1 = createVolunteer(db).user.id;
  const V2 = createVolunteer(db).user.id;
  const V3 = createVolunteer(db).user.id;
  const orgOffer = createOffer(db, { categoryId: K1, organisationId: O1, neighbourhoodIds: [A] }).id;
  const v1Offer = createOffer(db, { categoryId: K1, volunteerId: V1, neighbourhoodIds: [A] }).id;
  const v3Offer = createOffer(db, { categoryId: K1, volunteerId: V3, neighbourhoodIds: [B] }).id;

  const r1 = createNeed(db, {
    neighbourhoodId: A,
    categoryId: K1,
    organisationId: O1,
    helpersNeeded: 2,
    status: "partly_matched",
    createdAt: at("2026-03-02T10:00:00Z"),
  }).id;
  const ma = createMatch(db, {
    needId: r1,
    offerId: orgOffer,
    status: "accepted",
    score: 80,
    proposedAt: at("2026-03-02T12:00:00Z"),
    respondedAt: at("2026-03-03T10:00:00Z"),
  }).id;
  createMatch(db, {
    needId: r1,
    offerId: v1Offer,
    status: "proposed",
    score: 60,
    proposedAt: at("2026-03-05T12:00:00Z"),
  }); // mb
  const r2 = createNeed(db, {
    neighbourhoodId: A,
    categoryId: K1,
    organisationId: O2,
    status: "closed",
    createdAt: at("2026-03-10T10:00:00Z"),
    closedAt: at("2026-03-20T10:00:00Z"),
  }).id;
  const mc = createMatch(db, {
    needId: r2,
    offerId: v1Offer,
    status: "completed",
    score: 75,
    proposedAt: at("2026-03-10T12:00:00Z"),
    respondedAt: at("2026-03-11T10:00:00Z"),
  }).id;
  createNeed(db, {
    neighbourhoodId: A,
    categoryId: K2,
    status: "cancelled",
    createdAt: at("2026-03-31T22:30:00Z"),
  }); // r3: 1 April in Berlin
  const r4 = createNeed(db, {
    neighbourhoodId: A,
    categoryId: K2,
    helpersNeeded: 3,
    status: "open",
    createdAt: at("2026-02-28T23:30:00Z"),
  }).id; // 1 March in Berlin
  createMatch(db, {
    needId: r4,
    offerId: v1Offer,
    status: "declined",
    score: 50,
    proposedAt: at("2026-02-28T23:45:00Z"),
    respondedAt: at("2026-03-01T08:00:00Z"),
  }); // mf
  const r5 = createNeed(db, {
    neighbourhoodId: B,
    categoryId: K1,
    status: "open",
    createdAt: at("2026-03-05T10:00:00Z"),
  }).id;
  const md = createMatch(db, {
    needId: r5,
    offerId: v3Offer,
    status: "active",
    proposedAt: at("2026-03-06T10:00:00Z"),
    respondedAt: at("2026-03-06T12:00:00Z"),
  }).id;

  // A shift of O1 in A, with V2's attendance.
  const event = createEvent(db, { neighbourhoodId: A, categoryId: K2, organisationId: O1 }).id;
  const shift = createShift(db, { eventId: event, startsAt: at("2026-03-20T15:00:00Z"), neededCount: 2 }).id;
  const signup = db
    .insert(signups)
    .values({ shiftId: shift, volunteerId: V2, status: "confirmed", attendance: "present" })
    .returning()
    .get().id;

  createHoursEntry(db, {
    volunteerId: V1,
    matchId: mc,
    categoryId: K1,
    date: "2026-03-12",
    hours: 2.5,
    source: "match",
    confirmed: true,
  }); // h1
  createHoursEntry(db, {
    volunteerId: V1,
    matchId: mc,
    categoryId: K1,
    date: "2026-03-31",
    hours: 1.25,
    source: "match",
    confirmed: true,
  }); // h2 (last day)
  createHoursEntry(db, {
    volunteerId: V1,
    matchId: mc,
    categoryId: K1,
    date: "2026-04-01",
    hours: 4,
    source: "match",
    confirmed: true,
  }); // h3: April
  createHoursEntry(db, {
    volunteerId: V1,
    matchId: mc,
    categoryId: K1,
    date: "2026-03-15",
    hours: 3,
    source: "match",
  }); // h4: not confirmed
  createHoursEntry(db, {
    volunteerId: V2,
    matchId: ma,
    organisationId: O1,
    categoryId: K1,
    date: "2026-03-05",
    hours: 2,
    source: "match",
    confirmed: true,
  }); // h5
  createHoursEntry(db, {
    volunteerId: V2,
    signupId: signup,
    organisationId: O1,
    categoryId: K2,
    date: "2026-03-20",
    hours: 3,
    source: "shift",
    confirmed: true,
  }); // h6
  createHoursEntry(db, {
    volunteerId: V3,
    matchId: md,
    categoryId: K1,
    date: "2026-03-10",
    hours: 5,
    source: "match",
    confirmed: true,
  }); // h7: B
  createHoursEntry(db, { volunteerId: V3, date: "2026-03-10", hours: 1, confirmed: true }); // h8: nowhere
  createHoursEntry(db, {
    volunteerId: V1,
    matchId: mc,
    categoryId: K1,
    date: "2026-02-27",
    hours: 1,
    source: "match",
    confirmed: true,
  }); // h9: February

  ids = { A, B, K1, K2, O1, O2, r1, r2, r4, ma, mc };
});

describe("summaries for a coordinator of A, March 2026", () => {
  it("needs per category", () => {
    expect(summariseNeeds(getDb(), scope, MARCH)).toEqual([
      // r1 (partly matched, 1 of 2 found) and r2 (closed, 1 of 1 found).
      {
        categoryId: ids.K1,
        categorySlug: expect.any(String),
        categoryName: "Begleitung",
        recorded: 2,
        covered: 2,
        open: 1,
        closed: 1,
        cancelled: 0,
        helpersNeeded: 3,
        helpersFound: 2,
      },
      // r4 (open, recorded 1 March 00:30 Berlin); r3 is 1 April in Berlin.
      {
        categoryId: ids.K2,
        categorySlug: expect.any(String),
        categoryName: "Sprache",
        recorded: 1,
        covered: 0,
        open: 1,
        closed: 0,
        cancelled: 0,
        helpersNeeded: 3,
        helpersFound: 0,
      },
    ]);
  });

  it("matches per status", () => {
    // ma accepted, mb proposed, mc completed, mf declined (proposed 1 March 00:45 Berlin); md is in B.
    expect(summariseMatches(getDb(), scope, MARCH)).toEqual([
      { status: "proposed", matches: 1 },
      { status: "accepted", matches: 1 },
      { status: "completed", matches: 1 },
      { status: "declined", matches: 1 },
    ]);
  });

  it("confirmed hours per organisation, category and month", () => {
    const db = getDb();
    // h5 + h6 with O1 (V2): 2 + 3; h1 + h2 without (V1): 2.5 + 1.25. h3 April, h4 unconfirmed, h7 B, h8 unplaced.
    expect(summariseHours(db, scope, MARCH, "organisation")).toEqual([
      {
        key: String(ids.O1),
        label: 'Verein "Nord"; Süd e.V.',
        slug: null,
        entries: 2,
        hours: 5,
        volunteers: 1,
      },
      { key: null, label: null, slug: null, entries: 2, hours: 3.75, volunteers: 1 },
    ]);
    expect(summariseHours(db, scope, MARCH, "category")).toEqual([
      {
        key: String(ids.K1),
        label: "Begleitung",
        slug: expect.any(String),
        entries: 3,
        hours: 5.75,
        volunteers: 2,
      },
      {
        key: String(ids.K2),
        label: "Sprache",
        slug: expect.any(String),
        entries: 1,
        hours: 3,
        volunteers: 1,
      },
    ]);
    expect(summariseHours(db, scope, MARCH, "month")).toEqual([
      { key: "2026-03", label: "2026-03", slug: null, entries: 4, hours: 8.75, volunteers: 2 },
    ]);
    expect(summariseHours(db, scope, periodOf("2026-02-01", "2026-03-31"), "month")).toEqual([
      { key: "2026-02", label: "2026-02", slug: null, entries: 1, hours: 1, volunteers: 1 },
      { key: "2026-03", label: "2026-03", slug: null, entries: 4, hours: 8.75, volunteers: 2 },
    ]);
  });

  it("the rows of the needs and matches files", () => {
    const db = getDb();
    expect(
      listNeedsForReport(db, scope, MARCH).map((r) => [r.id, r.helpersNeeded, r.helpersFound, r.status]),
    ).toEqual([
      [ids.r4, 3, 0, "open"],
      [ids.r1, 2, 1, "partly_matched"],
      [ids.r2, 1, 1, "closed"],
    ]);
    const matches = listMatchesForReport(db, scope, MARCH);
    expect(matches.map((m) => [m.status, m.offeredBy, m.organisation, m.hoursConfirmed])).toEqual([
      ["declined", "volunteer", null, 0],
      ["accepted", "organisation", 'Verein "Nord"; Süd e.V.', 2],
      ["proposed", "volunteer", null, 0],
      ["completed", "volunteer", null, 2.5 + 1.25 + 4 + 1], // every confirmed hour of the match, whatever its date
    ]);
  });
});

describe("summaries for an admin, March 2026", () => {
  it("add neighbourhood B and hours that belong nowhere", () => {
    const db = getDb();
    expect(
      summariseNeeds(db, ALL_NEIGHBOURHOODS, MARCH).map((r) => [r.categoryName, r.recorded, r.open]),
    ).toEqual([
      ["Begleitung", 3, 2],
      ["Sprache", 1, 1],
    ]);
    expect(summariseMatches(db, ALL_NEIGHBOURHOODS, MARCH).find((r) => r.status === "active")).toEqual({
      status: "active",
      matches: 1,
    });
    expect(summariseHours(db, ALL_NEIGHBOURHOODS, MARCH, "month")).toEqual([
      { key: "2026-03", label: "2026-03", slug: null, entries: 6, hours: 14.75, volunteers: 3 },
    ]);
    expect(summariseHours(db, ALL_NEIGHBOURHOODS, MARCH, "organisation").at(-1)).toEqual({
      key: null,
      label: null,
      slug: null,
      entries: 4,
      hours: 9.75,
      volunteers: 2,
    });
  });
});

describe("CSV", () => {
  it("quotes, escapes and neutralises formulas; uses the decimal comma for German", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText('Verein "Nord"; Süd')).toBe('"Verein ""Nord""; Süd"');
    expect(csvText("zwei\nZeilen")).toBe('"zwei\nZeilen"');
    expect(csvText("=1+1")).toBe("'=1+1");
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText(" padded ")).toBe('" padded "');
    expect(csvNumber(3.75, "de")).toBe("3,75");
    expect(csvNumber(2.5, "de")).toBe("2,5");
    expect(csvNumber(3.75, "en")).toBe("3.75");
    expect(csvNumber(4, "de")).toBe("4");
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, null],
          ["x;y", 0.5],
        ],
        "de",
      ),
    ).toBe('\uFEFFa;b\r\n1;\r\n"x;y";0,5\r\n');
  });

  async function download(path: string, userId = coordinatorId) {
    const module = path.includes("needs.csv")
      ? await import("~/routes/coordination.reports.needs[.csv]")
      : path.includes("matches.csv")
        ? await import("~/routes/coordination.reports.matches[.csv]")
        : await import("~/routes/coordination.reports.hours[.csv]");
    const request = new Request(`http://localhost${path}`, {
      headers: { Cookie: await sessionCookieFor(userId) },
    });
    const response = (await module.loader({ request, params: {}, context: {} })) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
  }

  it("needs.csv: UTF-8 BOM, semicolons, a header and one line per need with Berlin times", async () => {
    const { response, bytes, text } = await download(
      "/coordination/reports/needs.csv?from=2026-03-01&to=2026-03-31",
    );
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="bedarfe_2026-03-01_2026-03-31.csv"; filename*=UTF-8''bedarfe_2026-03-01_2026-03-31.csv`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(
      "Nr.;Erfasst am;Quartier;Bereich;Organisation;Stand;Dringlichkeit;Helfende gesucht;Helfende gefunden;Erste Zusage am;Stunden bis zur ersten Zusage;Beendet am",
    );
    expect(lines.slice(1, -1)).toEqual([
      `${ids.r4};2026-03-01 00:30;Altstadt;Sprache;;Offen;Normal;3;0;;;`,
      `${ids.r1};2026-03-02 11:00;Altstadt;Begleitung;"Verein ""Nord""; Süd e.V.";Teilweise vermittelt;Normal;2;1;2026-03-03 11:00;24;`,
      `${ids.r2};2026-03-10 11:00;Altstadt;Begleitung;"'=HYPERLINK(""x"")";Abgeschlossen;Normal;1;1;2026-03-11 11:00;24;2026-03-20 11:00`,
    ]);
  });

  it("streams: the header comes first, rows follow as they are read, and the app can write meanwhile", async () => {
    const db = getDb();
    const category = db.$client
      .prepare("SELECT id FROM categories ORDER BY id LIMIT 1")
      .pluck()
      .get() as number;
    const insert = db.$client.prepare(
      `INSERT INTO needs (category_id, neighbourhood_id, title, description, starts_at, ends_at, created_at)
       VALUES (?, ?, 'Viele', 'Viele', ?, ?, ?)`,
    );
    const at = Date.UTC(2025, 5, 2, 9);
    db.$client.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(category, ids.A, at, at + 3_600_000, at + i);
    })();
    const module = await import("~/routes/coordination.reports.needs[.csv]");
    const response = (await module.loader({
      request: new Request("http://localhost/coordination/reports/needs.csv?from=2025-06-01&to=2025-06-30", {
        headers: { Cookie: await sessionCookieFor(adminId) },
      }),
      params: {},
      context: {},
    })) as Response;
    const reader = response.body!.getReader();
    const first = new TextDecoder("utf-8", { ignoreBOM: true }).decode((await reader.read()).value);
    expect(first).toMatch(/^\uFEFFNr\.;Erfasst am;.*\r\n$/);
    // Mid-download (after the first rows), the app's own connection still writes: the download reads
    // from a connection of its own.
    const second = new TextDecoder().decode((await reader.read()).value);
    let lines = second.split("\r\n").length - 1;
    const rowsBefore = db.$client.prepare("SELECT count(*) FROM needs").pluck().get() as number;
    insert.run(category, ids.A, at, at + 3_600_000, at);
    let chunks = 2;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks++;
      lines += new TextDecoder().decode(chunk.value).split("\r\n").length - 1;
    }
    expect(chunks).toBeGreaterThan(5);
    // The download reads one snapshot: the row written meanwhile is not in it.
    expect(lines).toBe(2_000);
    expect(db.$client.prepare("SELECT count(*) FROM needs").pluck().get()).toBe(rowsBefore + 1);
    db.$client.prepare("DELETE FROM needs WHERE title = 'Viele'").run();
  });

  it("matches.csv has one line per match in scope", async () => {
    const { text } = await download("/coordination/reports/matches.csv?from=2026-03-01&to=2026-03-31");
    const lines = text.slice(1).split("\r\n").slice(1, -1);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `${ids.ma};${ids.r1};2026-03-02 13:00;2026-03-03 11:00;Angenommen;Altstadt;Begleitung;Organisation;"Verein ""Nord""; Süd e.V.";80;2`,
    );
  });

  it("hours.csv per organisation, category and month, in German and in English", async () => {
    const org = await download(
      "/coordination/reports/hours.csv?by=organisation&from=2026-03-01&to=2026-03-31",
    );
    expect(org.response.headers.get("Content-Disposition")).toContain(
      'filename="stunden-je-organisation_2026-03-01_2026-03-31.csv"',
    );
    expect(org.text).toBe(
      '\uFEFFOrganisation;Einträge;Stunden;Ehrenamtliche\r\n"Verein ""Nord""; Süd e.V.";2;5;1\r\nohne Organisation (Vermittlungen);2;3,75;1\r\n',
    );
    const category = await download(
      "/coordination/reports/hours.csv?by=category&from=2026-03-01&to=2026-03-31",
    );
    expect(category.text).toBe(
      "\uFEFFBereich;Einträge;Stunden;Ehrenamtliche\r\nBegleitung;3;5,75;2\r\nSprache;1;3;1\r\n",
    );
    const month = await download(
      "/coordination/reports/hours.csv?by=month&from=2026-03-01&to=2026-03-31&lng=en",
    );
    expect(month.text).toBe("\uFEFFMonth;Entries;Hours;Volunteers\r\n2026-03;4;8.75;2\r\n");
    const admin = await download(
      "/coordination/reports/hours.csv?by=month&from=2026-03-01&to=2026-03-31",
      adminId,
    );
    expect(admin.text).toBe("\uFEFFMonat;Einträge;Stunden;Ehrenamtliche\r\n2026-03;6;14,75;3\r\n");
  });

  it("refuses volunteers and unknown groupings", async () => {
    const { loader } = await import("~/routes/coordination.reports.hours[.csv]");
    const volunteer = createVolunteer(getDb()).user.id;
    expect(
      (
        await callLoader(loader, "/coordination/reports/hours.csv?by=month", {
          cookie: await sessionCookieFor(volunteer),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await callLoader(loader, "/coordination/reports/hours.csv?by=colour", {
          cookie: await sessionCookieFor(coordinatorId),
        })
      ).status,
    ).toBe(404);
  });
});

describe("the reports page", () => {
  it("shows the same figures and reports a bad period next to its field", async () => {
    const { loader } = await import("~/routes/coordination.reports._index");
    const cookie = await sessionCookieFor(coordinatorId);
    const ok = await callLoader(loader, "/coordination/reports?from=2026-03-01&to=2026-03-31", { cookie });
    const data = ok.data as { needs: unknown[]; hours: { month: unknown[] } };
    expect(data.needs).toEqual(summariseNeeds(getDb(), scope, MARCH));
    expect(data.hours.month).toEqual(summariseHours(getDb(), scope, MARCH, "month"));
    const bad = await callLoader(loader, "/coordination/reports?from=2026-02-31&to=2026-03-31", { cookie });
    expect(bad.status).toBe(200);
    expect((bad.data as { errors: { from?: string } }).errors.from).toBe("reports:errors.date");
  });

  it("parses periods leniently", () => {
    const p = (q: string) => parseReportPeriod(new URLSearchParams(q), "2026-05-10");
    expect(p("").period).toMatchObject({ from: "2026-01-01", to: "2026-05-10" });
    expect(p("from=2026-04-01&to=2026-03-01")).toMatchObject({
      period: { from: "2026-03-01", to: "2026-03-01" },
      errors: { from: "reports:errors.order" },
    });
    expect(p("from=2000-01-01&to=2026-03-01").errors.from).toBe("reports:errors.tooLong");
    expect(p("to=nonsense").errors.to).toBe("reports:errors.date");
  });
});
