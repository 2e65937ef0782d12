import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eraseAccount } from "~/modules/privacy/erase.server";
import { scrubJson, ERASED } from "~/modules/privacy/scrub";
import { exportPersonalData, schemaTables } from "~/modules/privacy/export.server";
import type { TablePrivacy } from "~/modules/privacy/data-map/classes";
import { PERSONAL_DATA_MAP } from "~/modules/privacy/personal-data-map";
import { createTempDb, type TempDb } from "../helpers/db";
import { buildPrivacyFixture, insertRow, type PrivacyFixture } from "./privacy-fixture";

let temp: TempDb;
let fixture: PrivacyFixture;

beforeEach(() => {
  temp = createTempDb();
  // Other people around the subject, before and after, so the subject's rows share pages with theirs
  // and page splits happen: erased bytes must not survive in a neighbour's page either.
  for (let i = 0; i < 40; i += 1) bulkPerson(`before${i}`);
  fixture = buildPrivacyFixture(temp.db, "era");
  for (let i = 0; i < 40; i += 1) bulkPerson(`after${i}`);
});
afterEach(() => temp.cleanup());

function bulkPerson(tag: string): void {
  const id = `bulk-${tag}`;
  insertRow(temp.db, "users", {
    id,
    email: `${tag}@example.org`,
    password_hash: "x",
    display_name: `Person ${tag}`,
  });
  insertRow(temp.db, "volunteer_profiles", { user_id: id, bio: `bio of ${tag} `.repeat(40) });
  insertRow(temp.db, "volunteer_skills", { user_id: id, skill: `skill ${tag}` });
  insertRow(temp.db, "audit_events", {
    actor_id: id,
    action: "user.update",
    entity_type: "user",
    entity_id: id,
    details: { fields: ["bio"] },
  });
}

function all<T>(sql: string, ...params: unknown[]): T[] {
  return temp.db.$client.prepare(sql).all(...params) as T[];
}
function one<T>(sql: string, ...params: unknown[]): T {
  return temp.db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as T;
}

/** The aggregate statistics erasure must not change. */
function statistics() {
  return {
    matchesPerCategory: all(
      "SELECT n.category_id AS c, count(*) AS n FROM matches m JOIN needs n ON n.id = m.need_id GROUP BY 1 ORDER BY 1",
    ),
    completedPerCategory: all(
      "SELECT n.category_id AS c, count(*) AS n FROM matches m JOIN needs n ON n.id = m.need_id WHERE m.status = 'completed' GROUP BY 1 ORDER BY 1",
    ),
    hoursPerCategory: all(
      "SELECT category_id AS c, sum(hours) AS h, count(*) AS n FROM hours_log GROUP BY 1 ORDER BY 1",
    ),
    hoursPerOrganisation: all(
      "SELECT organisation_id AS o, sum(hours) AS h FROM hours_log GROUP BY 1 ORDER BY 1",
    ),
    needsPerStatusCategory: all("SELECT category_id AS c, count(*) AS n FROM needs GROUP BY 1 ORDER BY 1"),
    events: one<number>("SELECT count(*) FROM events"),
    pastShiftsConfirmed: one<number>(
      "SELECT sum(confirmed_count) FROM shifts WHERE starts_at < ?",
      Date.now(),
    ),
    verifiedOrganisations: one<number>("SELECT count(*) FROM organisations WHERE verified_at IS NOT NULL"),
  };
}

function fileBytes(): Buffer {
  const wal = `${temp.path}-wal`;
  return Buffer.concat([readFileSync(temp.path), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

describe("eraseAccount", () => {
  it("keeps the statistics: matches and hours per category, needs, activities, past shifts", () => {
    const before = statistics();
    const result = eraseAccount(temp.db, fixture.subjectId);
    expect(result.ok).toBe(true);
    expect(statistics()).toEqual(before);
  });

  it("removes the person and anonymises their traces", () => {
    const result = eraseAccount(temp.db, fixture.subjectId, { actorId: fixture.adminId });
    if (!result.ok) throw new Error(result.error);
    const { subjectId, subjectEmail } = fixture;

    expect(exportPersonalData(temp.db, subjectId)).toBeNull();
    // Nothing is tied to the person any more, through any link of the classification.
    for (const [table, privacy] of Object.entries(
      PERSONAL_DATA_MAP as unknown as Record<string, TablePrivacy>,
    )) {
      for (const link of privacy.subjects) {
        if (link.kind !== "user_id" && link.kind !== "email") continue;
        const value = link.kind === "email" ? subjectEmail : subjectId;
        expect(
          one<number>(`SELECT count(*) FROM "${table}" WHERE "${link.column}" = ?`, value),
          `${table}.${link.column}`,
        ).toBe(0);
      }
    }
    expect(one<number>("SELECT count(*) FROM login_throttle WHERE key LIKE ?", `%${subjectEmail}`)).toBe(0);
    expect(one<number>("SELECT count(*) FROM login_throttle WHERE key LIKE ?", `%${subjectId}`)).toBe(0);
    // The organisation they own stays, without their address (registration had copied it).
    expect(
      one<string | null>("SELECT email FROM organisations WHERE id = ?", fixture.ids.organisationId),
    ).toBeNull();
    // The geocoder's answer for their home address is gone; another person's stays.
    expect(one<number>("SELECT count(*) FROM geocode_cache WHERE key = ?", "geokey-era-subject")).toBe(0);
    expect(one<number>("SELECT count(*) FROM geocode_cache WHERE key = ?", "geokey-era-other")).toBe(1);
    expect(one<number>("SELECT count(*) FROM scheduled_jobs WHERE payload LIKE ?", `%${subjectId}%`)).toBe(0);

    // What stays, without them.
    const { ids } = fixture;
    expect(one<string | null>("SELECT created_by FROM needs WHERE id = ?", ids.subjectNeedId)).toBeNull();
    expect(one<string | null>("SELECT created_by FROM events WHERE id = ?", ids.eventId)).toBeNull();
    expect(
      all(
        "SELECT volunteer_id AS v, note FROM hours_log WHERE category_id IN (?, ?) AND confirmed_by IS NOT 'x' AND volunteer_id IS NULL",
        ids.categoryId,
        ids.category2Id,
      ),
    ).toEqual([
      { v: null, note: "" },
      { v: null, note: "" },
    ]);
    const kept = all<{ status: string; offer_id: number | null; decline_reason: string | null }>(
      "SELECT status, offer_id, decline_reason FROM matches WHERE need_id IN (SELECT id FROM needs WHERE category_id = ?) AND offer_id IS NULL ORDER BY id",
      ids.categoryId,
    );
    expect(kept.map((m) => m.status)).toEqual(["completed", "ended", "declined"]);
    expect(kept.every((m) => m.decline_reason === null)).toBe(true);
    expect(result.report).toMatchObject({
      endedMatches: 1,
      keptMatches: 3,
      keptHours: 2,
      cancelledSignups: 1,
      walTruncated: true,
    });
    expect(result.report.organisationsWithoutOwner).toEqual([ids.organisationId]);
    // The need that lost its live helper is open again, and its coordinator can see why.
    expect(one<string>("SELECT status FROM needs WHERE id = ?", ids.otherNeedId)).toBe("open");
    expect(
      one<number>(
        "SELECT count(*) FROM audit_events WHERE action = 'need.helper_erased' AND entity_id = ?",
        String(ids.otherNeedId),
      ),
    ).toBe(1);

    // The future shift's place went to the first on the waitlist, who was told.
    expect(
      all("SELECT volunteer_id AS v, status FROM signups WHERE shift_id = ? ORDER BY id", ids.futureShiftId),
    ).toEqual([{ v: fixture.otherId, status: "confirmed" }]);
    expect(one<number>("SELECT confirmed_count FROM shifts WHERE id = ?", ids.futureShiftId)).toBe(1);
    expect(
      one<number>(
        "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'waitlist_promoted'",
        fixture.otherId,
      ),
    ).toBe(1);
    // The past shift keeps its count: the person did help then.
    expect(one<number>("SELECT confirmed_count FROM shifts WHERE id = ?", ids.pastShiftId)).toBe(1);

    // Audit: the action stays, the person does not; the erasure itself is recorded without a name.
    expect(one<string>("SELECT entity_id FROM audit_events WHERE action = 'certificate.verify'")).toBe(
      ERASED,
    );
    expect(one<string>("SELECT details FROM audit_events WHERE action = 'certificate.verify'")).toBe("{}");
    expect(JSON.parse(one<string>("SELECT details FROM audit_events WHERE action = 'match.accept'"))).toEqual(
      { helper: ERASED, score: 77 },
    );
    expect(one<string | null>("SELECT actor_id FROM audit_events WHERE action = 'need.create'")).toBeNull();
    expect(
      all(
        "SELECT actor_id AS a, entity_id AS e, details AS d FROM audit_events WHERE action = 'user.erased'",
      ),
    ).toEqual([{ a: fixture.adminId, e: ERASED, d: "{}" }]);
    // Other people's inbox entries and e-mails that quoted the person's name.
    expect(
      JSON.parse(
        one<string>(
          "SELECT params FROM notifications WHERE user_id = ? AND kind = 'match_accepted'",
          fixture.coordinatorId,
        ),
      ),
    ).toEqual({
      needTitle: "Homework",
      helperName: ERASED,
    });
    expect(one<string>("SELECT body_text FROM email_outbox WHERE kind = 'match_accepted'")).toBe(
      `${ERASED} accepted`,
    );
    expect(one<number>("SELECT count(*) FROM email_outbox WHERE to_address = ?", subjectEmail)).toBe(0);

    // The database is sound.
    expect(temp.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(temp.db.$client.pragma("foreign_key_check")).toEqual([]);
    // The others' data is untouched.
    expect(
      exportPersonalData(temp.db, fixture.otherId)!.data.volunteer_profiles!.yourProfile![0]!.bio,
    ).toContain(fixture.otherMarkers[1]);
  });

  it("keeps an organisation's address that is no longer the owner's own", () => {
    temp.db.$client
      .prepare("UPDATE organisations SET email = 'buero@sportverein.example' WHERE id = ?")
      .run(fixture.ids.organisationId);
    expect(eraseAccount(temp.db, fixture.subjectId).ok).toBe(true);
    expect(one<string>("SELECT email FROM organisations WHERE id = ?", fixture.ids.organisationId)).toBe(
      "buero@sportverein.example",
    );
  });

  it("leaves no byte of the person's profile in the database or WAL files (secure_delete + checkpoint)", () => {
    const markers = [...fixture.subjectMarkers, fixture.subjectId];
    // Control: the search does find them while they exist, in the WAL or (after a checkpoint) the file.
    for (const marker of markers) expect(fileBytes().includes(marker), `before: ${marker}`).toBe(true);
    temp.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    // Rewrite the profile a few times, so old versions of its pages exist (the WAL keeps every version).
    for (let i = 0; i < 3; i += 1) {
      temp.db.$client
        .prepare("UPDATE volunteer_profiles SET bio = bio || ? WHERE user_id = ?")
        .run(` edit ${i}`, fixture.subjectId);
    }
    expect(fileBytes().includes(fixture.subjectMarkers[1]!)).toBe(true);

    const result = eraseAccount(temp.db, fixture.subjectId);
    expect(result.ok && result.report.walTruncated).toBe(true);
    const bytes = fileBytes();
    const left = markers.filter((marker) => bytes.includes(marker));
    expect(left).toEqual([]);
    expect(existsSync(`${temp.path}-wal`) ? readFileSync(`${temp.path}-wal`).length : 0).toBe(0);
    // And the others are still there, in the same file.
    expect(bytes.includes(fixture.otherMarkers[1]!)).toBe(true);
  });

  it("refuses to erase the last admin, and an unknown account", () => {
    expect(eraseAccount(temp.db, fixture.adminId)).toEqual({ ok: false, error: "last_admin" });
    expect(eraseAccount(temp.db, "nobody")).toEqual({ ok: false, error: "not_found" });
    insertRow(temp.db, "users", {
      id: "admin-2",
      email: "admin2@example.org",
      password_hash: "x",
      display_name: "Second",
      role: "admin",
    });
    expect(eraseAccount(temp.db, fixture.adminId).ok).toBe(true);
  });

  it("changes nothing when it fails half-way (one transaction)", () => {
    const tables = [...schemaTables().keys()];
    const digest = () => tables.map((t) => `${t}:${one<number>(`SELECT count(*) FROM "${t}"`)}`).join(",");
    const before = digest();
    // A trigger that makes the final delete fail, after every other step has run.
    temp.db.$client.exec(
      `CREATE TRIGGER fail_erase BEFORE DELETE ON users BEGIN SELECT raise(ABORT, 'boom'); END`,
    );
    expect(() => eraseAccount(temp.db, fixture.subjectId)).toThrow(/boom/);
    expect(digest()).toBe(before);
    expect(one<string>("SELECT details FROM audit_events WHERE action = 'match.accept'")).toContain(
      fixture.subjectMarkers[0],
    );
  });
});

describe("scrubJson", () => {
  it("replaces strings containing a needle, deeply, and reports whether it did", () => {
    expect(scrubJson({ a: "x Ana y", b: [1, { c: "Ana" }], d: "Bob" }, ["Ana"])).toEqual({
      value: { a: ERASED, b: [1, { c: ERASED }], d: "Bob" },
      changed: true,
    });
    expect(scrubJson({ a: "Bob" }, ["Ana"]).changed).toBe(false);
  });
});
