import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { applyRetention, ERASED_TITLE } from "~/modules/scheduler/retention.server";
import { createTempDb, type TempDb } from "../helpers/db";
import { insertRow } from "./privacy-fixture";

// The retention job is the scheduler's (app/modules/scheduler/retention.server.ts); this proves the
// privacy side of it: the free text of long-closed needs is really gone — from the rows, the
// translations, and the bytes of the file — while the statistics stay.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);

let temp: TempDb;
let ids: Record<string, number>;

function need(tag: string, status: string, closedDaysAgo: number | null): number {
  const id = insertRow(temp.db, "needs", {
    category_id: 1,
    neighbourhood_id: 1,
    title: `Title zq${tag}titlemarker`,
    description: `Family needs help zq${tag}descmarker`,
    starts_at: NOW - 200 * DAY,
    ends_at: NOW - 150 * DAY,
    status,
    closed_at: closedDaysAgo === null ? null : NOW - closedDaysAgo * DAY,
  });
  insertRow(temp.db, "need_translations", {
    need_id: id,
    locale: "en",
    title: `zq${tag}trtitlemarker`,
    description: `zq${tag}trdescmarker`,
  });
  insertRow(temp.db, "need_languages", { need_id: id, language: "ar" });
  insertRow(temp.db, "matches", {
    need_id: id,
    offer_id: 1,
    status: "declined",
    score: 50,
    proposed_at: NOW - 190 * DAY,
    decline_reason: `zq${tag}declinemarker`,
  });
  return id;
}

beforeEach(() => {
  temp = createTempDb();
  insertRow(temp.db, "categories", { id: 1, slug: "care", name: "Care" });
  insertRow(temp.db, "neighbourhoods", { id: 1, slug: "a", name: "A", municipality: "G", lat: 51, lon: 7 });
  insertRow(temp.db, "users", { id: "v", email: "v@example.org", password_hash: "x", display_name: "V" });
  insertRow(temp.db, "offers", { id: 1, volunteer_id: "v", category_id: 1, title: "Offer" });
  temp.db.$client.prepare("UPDATE app_settings SET retention_days_closed_needs = 30").run();
  ids = {
    oldClosed: need("oldclosed", "closed", 45),
    oldCancelled: need("oldcancelled", "cancelled", 400),
    recentClosed: need("recentclosed", "closed", 20),
    open: need("open", "open", null),
  };
});
afterEach(() => temp.cleanup());

function row(id: number) {
  return temp.db.$client
    .prepare(
      "SELECT title, description, text_erased_at AS erasedAt, status, category_id AS c, neighbourhood_id AS nb FROM needs WHERE id = ?",
    )
    .get(id) as {
    title: string;
    description: string;
    erasedAt: number | null;
    status: string;
    c: number;
    nb: number;
  };
}

function count(sql: string, ...params: unknown[]): number {
  return temp.db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

it("blanks the free text of needs closed longer than the retention period, and keeps the rest", () => {
  const stats = () =>
    temp.db.$client
      .prepare(
        "SELECT status, category_id, neighbourhood_id, count(*) AS n FROM needs GROUP BY 1, 2, 3 ORDER BY 1",
      )
      .all();
  const before = stats();

  const report = temp.db.transaction((tx) => applyRetention(tx, NOW));
  expect(report.needsErased).toBe(2);

  for (const id of [ids.oldClosed!, ids.oldCancelled!]) {
    expect(row(id)).toMatchObject({ title: ERASED_TITLE, description: "", erasedAt: NOW });
    expect(count("SELECT count(*) FROM need_translations WHERE need_id = ?", id)).toBe(0);
    expect(count("SELECT count(*) FROM matches WHERE need_id = ? AND decline_reason IS NOT NULL", id)).toBe(
      0,
    );
    // Languages and matches are statistics, not free text.
    expect(count("SELECT count(*) FROM need_languages WHERE need_id = ?", id)).toBe(1);
    expect(count("SELECT count(*) FROM matches WHERE need_id = ?", id)).toBe(1);
  }
  for (const id of [ids.recentClosed!, ids.open!]) {
    expect(row(id).erasedAt).toBeNull();
    expect(row(id).title).toMatch(/marker/);
    expect(count("SELECT count(*) FROM need_translations WHERE need_id = ?", id)).toBe(1);
  }
  expect(stats()).toEqual(before);

  // Idempotent: nothing more to do on the next run.
  expect(temp.db.transaction((tx) => applyRetention(tx, NOW + DAY)).needsErased).toBe(0);
});

it("leaves no byte of the erased text in the database or WAL files after a checkpoint", () => {
  temp.db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = () =>
    Buffer.concat([
      readFileSync(temp.path),
      existsSync(`${temp.path}-wal`) ? readFileSync(`${temp.path}-wal`) : Buffer.alloc(0),
    ]);
  const erasedMarkers = ["oldclosed", "oldcancelled"].flatMap((t) =>
    ["titlemarker", "descmarker", "trtitlemarker", "trdescmarker", "declinemarker"].map((m) => `zq${t}${m}`),
  );
  for (const marker of erasedMarkers) expect(bytes().includes(marker), marker).toBe(true);

  temp.db.transaction((tx) => applyRetention(tx, NOW));
  temp.db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const after = bytes();
  expect(erasedMarkers.filter((m) => after.includes(m))).toEqual([]);
  expect(after.includes("zqrecentclosedtitlemarker")).toBe(true);
});

it("deletes accounts never confirmed within a week, with the organisation they registered, and nothing else", () => {
  const created = (daysAgo: number) => NOW - daysAgo * DAY;
  const person = (id: string, daysAgo: number, verified: boolean) =>
    insertRow(temp.db, "users", {
      id,
      email: `${id}@example.org`,
      email_verified_at: verified ? created(daysAgo) : null,
      password_hash: "x",
      display_name: id,
      role: "org_member",
      created_at: created(daysAgo),
    });
  person("stale", 8, false);
  person("fresh", 2, false);
  person("confirmed", 30, true);
  const org = (slug: string, owner: string) => {
    const id = insertRow(temp.db, "organisations", {
      slug,
      name: slug,
      kind: "initiative",
      email: `${owner}@example.org`,
    });
    insertRow(temp.db, "memberships", { organisation_id: id, user_id: owner, role: "owner" });
    return id;
  };
  const staleOrg = org("stale-org", "stale");
  const freshOrg = org("fresh-org", "fresh");
  insertRow(temp.db, "email_outbox", {
    message_id: "<confirm-stale@test>",
    to_address: "stale@example.org",
    kind: "account_confirmation",
    subject: "s",
    body_text: "b",
    body_html: "<p>b</p>",
  });
  insertRow(temp.db, "login_throttle", {
    key: "register:account:stale@example.org",
    failures: 1,
    window_started_at: NOW,
  });

  const report = temp.db.transaction((tx) => applyRetention(tx, NOW));
  expect(report.unconfirmedAccountsDeleted).toBe(1);
  expect(
    temp.db.$client
      .prepare("SELECT id FROM users WHERE id IN ('stale', 'fresh', 'confirmed') ORDER BY id")
      .pluck()
      .all(),
  ).toEqual(["confirmed", "fresh"]);
  expect(count("SELECT count(*) FROM organisations WHERE id = ?", staleOrg)).toBe(0);
  expect(count("SELECT count(*) FROM organisations WHERE id = ?", freshOrg)).toBe(1);
  expect(count("SELECT count(*) FROM email_outbox WHERE to_address = 'stale@example.org'")).toBe(0);
  expect(count("SELECT count(*) FROM login_throttle WHERE key LIKE '%stale@example.org'")).toBe(0);
  expect(temp.db.$client.pragma("foreign_key_check")).toEqual([]);
});
