import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/modules/auth/password.server";
import { closeDatabase, migrateDatabase, openDatabase, type Db } from "@db/client";
import {
  DEMO_EMAILS,
  DEMO_PASSWORD,
  defaultAnchor,
  listTables,
  seedDatabase,
  type SeedReport,
} from "@db/seed/seed";
import { isLocalFilePath, wipeDatabase } from "@db/seed/wipe-database";
import { listArrivals, stepFactsOfArrivals } from "~/modules/arrivals/progress.server";
import { ALL_NEIGHBOURHOODS } from "~/modules/dashboard/scope.server";
import { zonedIsoDate } from "~/utils/time";

/** A Monday, so the data looks like it would on that day. */
const ANCHOR = new Date("2026-11-23T00:00:00Z");

// Own temp files (not the shared per-file DATABASE_PATH): this test needs two databases side by side.
const dir = mkdtempSync(join(tmpdir(), "miteinander-seed-"));
const open: Db[] = [];

function freshDatabase(name: string): Db {
  const db = openDatabase(join(dir, name));
  migrateDatabase(db);
  open.push(db);
  return db;
}

function primaryKeyColumns(db: Db, table: string): string[] {
  const columns = db.$client.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
  return columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`);
}

/** SHA-256 over every row of the table, in primary-key order. */
function tableDigest(db: Db, table: string): string {
  const order = primaryKeyColumns(db, table);
  const rows = db.$client
    .prepare(`SELECT * FROM "${table}" ORDER BY ${order.length > 0 ? order.join(", ") : "rowid"}`)
    .raw()
    .all();
  const hash = createHash("sha256");
  for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest("hex");
}

describe("seedDatabase (demo)", () => {
  let first: Db;
  let second: Db;
  let report: SeedReport;

  beforeAll(async () => {
    first = freshDatabase("first.db");
    second = freshDatabase("second.db");
    report = await seedDatabase(first, { scale: "demo", anchor: ANCHOR });
    await seedDatabase(second, { scale: "demo", anchor: ANCHOR });
  });

  afterAll(() => {
    for (const db of open) if (db.$client.open) closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it("is deterministic: same scale and anchor give identical rows in every table", () => {
    const tables = listTables(first);
    expect(tables).toEqual(listTables(second));
    for (const table of tables) {
      const count = (db: Db) =>
        (db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      expect(count(second), table).toBe(count(first));
      expect(tableDigest(second, table), table).toBe(tableDigest(first, table));
    }
  });

  it("reports counts per table and timed steps", () => {
    expect(report.counts.users).toBeGreaterThan(100);
    expect(report.counts.neighbourhoods).toBe(18);
    expect(report.counts.categories).toBe(13);
    expect(report.counts.signups).toBeGreaterThan(300);
    expect(report.steps.length).toBeGreaterThan(5);
    for (const step of report.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
  });

  it("creates the four demo accounts with their roles and the shared demo password", async () => {
    const users = first.$client
      .prepare(
        "SELECT email, role, password_hash AS hash FROM users WHERE email LIKE '%@miteinander.test' ORDER BY email",
      )
      .all() as { email: string; role: string; hash: string }[];
    expect(users.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: DEMO_EMAILS.admin, role: "admin" },
      { email: DEMO_EMAILS.volunteer, role: "volunteer" },
      { email: DEMO_EMAILS.coordinator, role: "coordinator" },
      { email: DEMO_EMAILS.organisationMember, role: "org_member" },
    ]);
    const helper = users.find((u) => u.email === DEMO_EMAILS.volunteer);
    expect(await verifyPassword(helper?.hash ?? "", DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(helper?.hash ?? "", "wrong-password")).toBe(false);

    const others = first.$client
      .prepare(
        "SELECT count(*) AS n FROM users WHERE email NOT LIKE '%@miteinander.test' AND email NOT LIKE '%@beispiel.test'",
      )
      .get() as { n: number };
    expect(others.n).toBe(0);
  });

  it("gives the demo accounts what the demo shows", () => {
    const q = <T>(sql: string, ...params: unknown[]) => first.$client.prepare(sql).get(...params) as T;
    const coordinator = q<{ scoped: number; total: number }>(
      `SELECT (SELECT count(*) FROM coordinator_neighbourhoods c JOIN users u ON u.id = c.user_id WHERE u.email = ?) AS scoped,
              (SELECT count(*) FROM neighbourhoods) AS total`,
      DEMO_EMAILS.coordinator,
    );
    expect(coordinator.scoped).toBe(coordinator.total);

    const club = q<{ verified: number; upcoming: number }>(
      `SELECT o.verified_at IS NOT NULL AS verified,
              (SELECT count(*) FROM events e WHERE e.organisation_id = o.id AND e.status = 'published' AND e.starts_at > ?
                 AND EXISTS (SELECT 1 FROM shifts s WHERE s.event_id = e.id)) AS upcoming
         FROM organisations o JOIN memberships m ON m.organisation_id = o.id AND m.role = 'owner'
         JOIN users u ON u.id = m.user_id WHERE u.email = ? AND o.kind = 'sports_club'`,
      ANCHOR.getTime(),
      DEMO_EMAILS.organisationMember,
    );
    expect(club.verified).toBe(1);
    expect(club.upcoming).toBeGreaterThan(0);

    const helper = q<{
      languages: string;
      certificate: string;
      signups: number;
      proposed: number;
      slots: number;
    }>(
      `SELECT (SELECT group_concat(language) FROM (SELECT language FROM volunteer_languages WHERE user_id = u.id ORDER BY language)) AS languages,
              p.certificate_valid_until AS certificate,
              (SELECT count(*) FROM signups WHERE volunteer_id = u.id) AS signups,
              (SELECT count(*) FROM matches m JOIN offers o ON o.id = m.offer_id WHERE o.volunteer_id = u.id AND m.status = 'proposed') AS proposed,
              (SELECT count(*) FROM volunteer_availability WHERE user_id = u.id) AS slots
         FROM users u JOIN volunteer_profiles p ON p.user_id = u.id WHERE u.email = ?`,
      DEMO_EMAILS.volunteer,
    );
    expect(helper.languages.split(",")).toEqual(expect.arrayContaining(["ar", "de"]));
    expect(helper.certificate > ANCHOR.toISOString().slice(0, 10)).toBe(true);
    expect(helper.signups).toBeGreaterThan(0);
    expect(helper.proposed).toBeGreaterThan(0);
    expect(helper.slots).toBeGreaterThan(0);
  });

  it("keeps shifts.confirmed_count equal to the confirmed sign-ups, within capacity", () => {
    const wrong = first.$client
      .prepare(
        `SELECT s.id FROM shifts s
          WHERE s.confirmed_count <> (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'confirmed')
             OR s.confirmed_count > s.needed_count`,
      )
      .all();
    expect(wrong).toEqual([]);
    const waitlistedOnOpenShifts = first.$client
      .prepare(
        `SELECT g.id FROM signups g JOIN shifts s ON s.id = g.shift_id
          WHERE g.status = 'waitlisted' AND s.confirmed_count < s.needed_count`,
      )
      .all();
    expect(waitlistedOnOpenShifts).toEqual([]);
  });

  it("names each shift for its own task, not its activity's again", () => {
    // "Kleiderkammer: Ausgabe: Ausgabe" is how a shift called like its activity reads in every list.
    const repeated = first.$client
      .prepare(
        `select e.title || ': ' || s.title as name from shifts s join events e on e.id = s.event_id
          where lower(e.title) like '%' || lower(s.title)`,
      )
      .all() as { name: string }[];
    expect([...new Set(repeated.map((r) => r.name))]).toEqual([]);
  });

  it("keeps the newcomer's personal data out of needs", () => {
    const needs = first.$client.prepare("SELECT id, title, description FROM needs").all() as {
      id: number;
      title: string;
      description: string;
    }[];
    expect(needs.length).toBeGreaterThan(50);
    const phone = /(\+|\b00)\d[\d\s/-]{6,}\d|\b0\d{2,5}[\s/-]?\d{3,}[\s-]?\d*\b|\d{7,}/;
    const email = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
    for (const need of needs) {
      const text = `${need.title}\n${need.description}`;
      expect(text, `need ${need.id}`).not.toMatch(phone);
      expect(text, `need ${need.id}`).not.toMatch(email);
    }
  });

  it("holds arrivals in every stage, so the overview, the checklists and the Lagebild are alive", () => {
    const today = zonedIsoDate(ANCHOR.getTime());
    const ids = first.$client.prepare("SELECT id FROM arrivals ORDER BY id").pluck().all() as number[];
    expect(ids.length).toBeGreaterThanOrEqual(12);
    const facts = stepFactsOfArrivals(first, ids, today);
    const states = new Set(facts.map((f) => f.state));
    for (const state of ["open", "proposed", "matched", "done", "overdue", "cancelled"] as const)
      expect(states, state).toContain(state);
    // Announced (still to come), arriving about now, and long past.
    const dates = first.$client.prepare("SELECT arrival_date FROM arrivals").pluck().all() as string[];
    expect(dates.some((d) => d > today)).toBe(true);
    expect(dates.some((d) => d < zonedIsoDate(ANCHOR.getTime() - 60 * 86_400_000))).toBe(true);
    // Done steps name who did them: a volunteer, an organisation, or nobody but the coordination.
    const doneBy = first.$client
      .prepare(
        `SELECT DISTINCT CASE WHEN o.volunteer_id IS NOT NULL THEN 'volunteer'
           WHEN o.organisation_id IS NOT NULL THEN 'organisation' ELSE 'coordination' END
         FROM arrival_steps s JOIN needs n ON n.id = s.need_id
         LEFT JOIN matches m ON m.need_id = n.id AND m.status = 'completed'
         LEFT JOIN offers o ON o.id = m.offer_id WHERE n.status = 'closed'`,
      )
      .pluck()
      .all();
    expect(doneBy).toEqual(expect.arrayContaining(["volunteer", "organisation", "coordination"]));
    // Urgent steps of an arrival about now; every step's need in the arrival's neighbourhood.
    expect(facts.some((f) => f.urgency === "urgent")).toBe(true);
    const elsewhere = first.$client
      .prepare(
        `SELECT count(*) FROM arrival_steps s JOIN arrivals a ON a.id = s.arrival_id
         JOIN needs n ON n.id = s.need_id WHERE n.neighbourhood_id <> a.neighbourhood_id`,
      )
      .pluck()
      .get();
    expect(elsewhere).toBe(0);
    // The demo coordinator's overview has arrivals in each of its groups.
    const overview = listArrivals(first, ALL_NEIGHBOURHOODS, { status: "all", page: 1 }, today);
    expect(new Set(overview.items.map((a) => a.urgency))).toEqual(
      new Set(["overdue", "unstaffed", "staffed", "finished"]),
    );
  });

  it("has no dangling references", () => {
    expect(first.$client.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
  });

  it("refuses to seed a database that already has users", async () => {
    await expect(seedDatabase(first, { scale: "demo", anchor: ANCHOR })).rejects.toThrow(/already has users/);
  });

  it("wipes every row and can seed again", async () => {
    const db = freshDatabase("wiped.db");
    await seedDatabase(db, { scale: "demo", anchor: ANCHOR });
    wipeDatabase(db);
    for (const table of listTables(db)) {
      expect(
        (db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
        table,
      ).toBe(0);
    }
    await seedDatabase(db, { scale: "demo", anchor: ANCHOR });
    expect(tableDigest(db, "signups")).toBe(tableDigest(first, "signups"));
    expect(tableDigest(db, "app_settings")).toBe(tableDigest(first, "app_settings"));
  });
});

describe("defaultAnchor", () => {
  it("is Monday 00:00 UTC of the ISO week", () => {
    expect(defaultAnchor(new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(defaultAnchor(new Date("2026-11-26T15:30:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(defaultAnchor(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(defaultAnchor(new Date("2027-01-01T12:00:00Z")).toISOString()).toBe("2026-12-28T00:00:00.000Z");
  });
});

describe("isLocalFilePath", () => {
  it("accepts plain paths and refuses in-memory and URI databases", () => {
    expect(isLocalFilePath("data/app.db")).toBe(true);
    expect(isLocalFilePath("/var/lib/miteinander/app.db")).toBe(true);
    expect(isLocalFilePath(":memory:")).toBe(false);
    expect(isLocalFilePath("")).toBe(false);
    expect(isLocalFilePath("file:app.db")).toBe(false);
    expect(isLocalFilePath("file::memory:?cache=shared")).toBe(false);
    expect(isLocalFilePath("https://example.org/app.db")).toBe(false);
  });
});
