/**
 * Engagementnachweis: only the volunteer's own confirmed hours, grouped by organisation and activity
 * and by month, and the Ehrenamtskarte progress computed as the page explains it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, periodOf } from "~/modules/dashboard/periods";
import { parseProofPeriod } from "~/modules/proof/proof-period";
import { loadProof } from "~/modules/proof/proof.server";
import { getDb } from "~/utils/db.server";
import { createCategory, createHoursEntry, createOrganisation, createVolunteer } from "../factories";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";

let me: string;
let other: string;
let orgName: string;

beforeAll(() => {
  const db = getDb();
  me = createVolunteer(db, { user: { displayName: "Olena Melnyk" } }).user.id;
  other = createVolunteer(db).user.id;
  const org = createOrganisation(db, { name: "SV Ückendorf 1912 e.V." });
  orgName = org.name;
  const sports = createCategory(db, { name: "Sport" }).id;
  const h = (date: string, hours: number, extra: Record<string, unknown> = {}) =>
    createHoursEntry(db, { volunteerId: me, date, hours, confirmed: true, ...extra });
  h("2026-01-10", 2, { organisationId: org.id, activity: "Training anleiten", categoryId: sports });
  h("2026-01-17", 2.5, { organisationId: org.id, activity: "Training anleiten", categoryId: sports });
  h("2026-02-03", 3, { organisationId: org.id, activity: "Sportfest: Aufbau", categoryId: sports });
  h("2026-02-20", 1.5, { activity: "Begleitung zur Familienkasse" });
  h("2026-02-21", 4, { activity: "Begleitung zur Familienkasse", confirmed: false }); // pending
  // 20 × 12 h = 240 h from 15 March 2025 on: outside the period, inside the 365-day window.
  for (let day = 0; day < 20; day++) h(addDays("2025-03-15", day), 12, { activity: "Früheres Jahr" });
  h("2025-02-27", 20, { activity: "Zu alt" }); // outside both
  createHoursEntry(db, { volunteerId: other, date: "2026-01-10", hours: 9, confirmed: true });
});

describe("loadProof", () => {
  it("groups the volunteer's confirmed hours of the period by organisation and activity, and by month", () => {
    const proof = loadProof(getDb(), me, periodOf("2026-01-01", "2026-02-28"))!;
    expect(proof.volunteerName).toBe("Olena Melnyk");
    expect(proof.activities).toEqual([
      {
        organisation: orgName,
        activity: "Sportfest: Aufbau",
        categorySlug: expect.any(String),
        categoryName: "Sport",
        entries: 1,
        hours: 3,
        firstDate: "2026-02-03",
        lastDate: "2026-02-03",
      },
      {
        organisation: orgName,
        activity: "Training anleiten",
        categorySlug: expect.any(String),
        categoryName: "Sport",
        entries: 2,
        hours: 4.5,
        firstDate: "2026-01-10",
        lastDate: "2026-01-17",
      },
      {
        organisation: null,
        activity: "Begleitung zur Familienkasse",
        categorySlug: null,
        categoryName: null,
        entries: 1,
        hours: 1.5,
        firstDate: "2026-02-20",
        lastDate: "2026-02-20",
      },
    ]);
    expect(proof.months).toEqual([
      { month: "2026-01", hours: 4.5, entries: 2 },
      { month: "2026-02", hours: 4.5, entries: 2 },
    ]);
    expect([proof.totalHours, proof.totalEntries, proof.pendingHours]).toEqual([9, 4, 4]);
  });

  it("computes the Ehrenamtskarte progress: 365 days up to the period's end, and the weekly average of the period", () => {
    const card = loadProof(getDb(), me, periodOf("2026-01-01", "2026-02-28"))!.ehrenamtskarte;
    // 365 days ending 28 Feb 2026 start on 1 March 2025: 240 + 9 = 249 < 250.
    expect(card).toMatchObject({
      yearFrom: "2025-03-01",
      yearTo: "2026-02-28",
      yearHours: 249,
      yearThreshold: 250,
      yearReached: false,
    });
    // 59 days = 8.43 weeks; 9 h / 8.43 = 1.07 h a week.
    expect(card.periodDays).toBe(59);
    expect(card.weeklyAverage).toBeCloseTo(9 / (59 / 7), 10);
    expect(card.weeklyReached).toBe(false);

    const week = loadProof(getDb(), me, periodOf("2026-01-10", "2026-01-16"))!.ehrenamtskarte;
    expect([week.weeklyAverage, week.weeklyReached]).toEqual([2, false]);
    const yearAgo = loadProof(getDb(), me, periodOf("2025-03-15", "2025-03-15"))!.ehrenamtskarte;
    expect(yearAgo.weeklyAverage).toBe(12 * 7);
    expect(yearAgo.weeklyReached).toBe(true);
  });

  it("defaults to the last 365 days", () => {
    expect(parseProofPeriod(new URLSearchParams(), "2026-02-28").period).toMatchObject({
      from: "2025-03-01",
      to: "2026-02-28",
    });
  });
});

describe("proof routes", () => {
  it("show only the signed-in volunteer's hours and render a PDF", async () => {
    const page = await import("~/routes/volunteer.proof");
    const result = await callLoader(page.loader, "/volunteer/proof?from=2026-01-01&to=2026-02-28", {
      cookie: await sessionCookieFor(me),
    });
    expect(result.status).toBe(200);
    expect((result.data as { proof: { totalHours: number } }).proof.totalHours).toBe(9);
    const others = await callLoader(page.loader, "/volunteer/proof?from=2026-01-01&to=2026-02-28", {
      cookie: await sessionCookieFor(other),
    });
    expect((others.data as { proof: { totalHours: number } }).proof.totalHours).toBe(9); // their own 9 h, not mine

    const pdf = await import("~/routes/volunteer.proof[.pdf]");
    const request = new Request("http://localhost/volunteer/proof.pdf?from=2026-01-01&to=2026-02-28", {
      headers: { Cookie: await sessionCookieFor(me) },
    });
    const response = (await pdf.loader({ request, params: {}, context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(
      'filename="engagementnachweis_2026-01-01_2026-02-28.pdf"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(5_000);
  });

  it("sends visitors to the login", async () => {
    const page = await import("~/routes/volunteer.proof");
    expect((await callLoader(page.loader, "/volunteer/proof")).status).toBe(302);
  });
});
