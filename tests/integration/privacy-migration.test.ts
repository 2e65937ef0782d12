import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, expect, it } from "vitest";
import { closeDatabase, migrationsFolder, openDatabase } from "@db/client";

// 0001 rebuilds `matches` (offer_id nullable, ON DELETE SET NULL) inside the migrator's transaction,
// where foreign keys cannot be switched off. This proves the rebuild keeps every hours_log → match link
// and the AUTOINCREMENT high-water mark on a database that already holds data.

const dir = mkdtempSync(join(tmpdir(), "miteinander-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folderWithFirst(count: number): string {
  const folder = join(dir, `migrations-${count}`);
  mkdirSync(join(folder, "meta"), { recursive: true });
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  return folder;
}

it("0001 keeps matches, their hours links and the id sequence", () => {
  const db = openDatabase(join(dir, "old.db"));
  migrate(db, { migrationsFolder: folderWithFirst(1) });
  const run = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);
  run(
    "INSERT INTO users (id, email, password_hash, display_name) VALUES ('u1', 'u1@example.org', 'x', 'U1')",
  );
  run("INSERT INTO categories (id, slug, name) VALUES (1, 'care', 'Care')");
  run("INSERT INTO neighbourhoods (id, slug, name, municipality, lat, lon) VALUES (1, 'a', 'A', 'G', 51, 7)");
  run(
    "INSERT INTO needs (id, category_id, neighbourhood_id, title, description, starts_at, ends_at) VALUES (1, 1, 1, 't', 'd', 1, 2), (2, 1, 1, 't', 'd', 1, 2)",
  );
  run("INSERT INTO offers (id, volunteer_id, category_id, title) VALUES (1, 'u1', 1, 'o')");
  run(
    "INSERT INTO matches (id, need_id, offer_id, score, proposed_at, status) VALUES (1, 1, 1, 80, 1, 'completed')",
  );
  run("INSERT INTO matches (id, need_id, offer_id, score, proposed_at) VALUES (7, 2, 1, 10, 1)");
  run("DELETE FROM matches WHERE id = 7");
  run(
    "INSERT INTO hours_log (volunteer_id, date, hours, source, match_id, category_id) VALUES ('u1', '2026-01-01', 2, 'match', 1, 1)",
  );

  migrate(db, { migrationsFolder: migrationsFolder() });

  const c = db.$client;
  expect(c.prepare("SELECT match_id FROM hours_log").pluck().get()).toBe(1);
  expect(c.prepare("SELECT count(*) FROM matches").pluck().get()).toBe(1);
  expect(c.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'matches'").pluck().get()).toBe(7);
  expect(c.prepare("SELECT count(*) FROM sqlite_schema WHERE name = '__old_matches'").pluck().get()).toBe(0);
  expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(c.pragma("foreign_key_check")).toEqual([]);
  // hours_log still references the (new) matches table.
  expect(c.pragma("foreign_key_list(hours_log)")).toContainEqual(
    expect.objectContaining({ table: "matches", from: "match_id" }),
  );
  expect(c.pragma("legacy_alter_table", { simple: true })).toBe(0);

  // The new behaviour: deleting the offer keeps the match and its hours.
  run("DELETE FROM offers WHERE id = 1");
  expect(c.prepare("SELECT offer_id FROM matches WHERE id = 1").pluck().get()).toBeNull();
  expect(c.prepare("SELECT match_id FROM hours_log").pluck().get()).toBe(1);
  closeDatabase(db);
});

// 0004 rebuilds notifications, notification_preferences and email_outbox for two new kinds.
it("0004 keeps inbox, preferences and outbox rows and their id sequences, and accepts the new kinds", () => {
  const db = openDatabase(join(dir, "before-0004.db"));
  migrate(db, { migrationsFolder: folderWithFirst(4) });
  const c = db.$client;
  const run = (sql: string, ...params: unknown[]) => c.prepare(sql).run(...params);
  run(
    "INSERT INTO users (id, email, password_hash, display_name) VALUES ('u1', 'u1@example.org', 'x', 'U1')",
  );
  run(
    `INSERT INTO notifications (id, user_id, kind, params) VALUES (3, 'u1', 'match_proposed', '{"needTitle":"t"}'), (9, 'u1', 'hours_confirmed', '{}')`,
  );
  run("DELETE FROM notifications WHERE id = 9");
  run(
    "INSERT INTO notification_preferences (user_id, kind, channel) VALUES ('u1', 'event_changed', 'inbox_email')",
  );
  run(`INSERT INTO email_outbox (id, message_id, user_id, to_address, kind, subject, body_text, body_html)
       VALUES (5, 'm5', 'u1', 'u1@example.org', 'invite', 's', 'b', '<p>b</p>'), (12, 'm12', 'u1', 'u1@example.org', 'invite', 's', 'b', '<p>b</p>')`);
  run("DELETE FROM email_outbox WHERE id = 12");
  expect(() =>
    run("INSERT INTO notifications (user_id, kind) VALUES ('u1', 'match_ended_by_helper')"),
  ).toThrow(/CHECK/);

  migrate(db, { migrationsFolder: migrationsFolder() });

  expect(c.prepare("SELECT id, kind, params FROM notifications").all()).toEqual([
    { id: 3, kind: "match_proposed", params: '{"needTitle":"t"}' },
  ]);
  expect(c.prepare("SELECT kind, channel FROM notification_preferences").all()).toEqual([
    { kind: "event_changed", channel: "inbox_email" },
  ]);
  expect(c.prepare("SELECT id, message_id FROM email_outbox").all()).toEqual([{ id: 5, message_id: "m5" }]);
  expect(
    c
      .prepare(
        "SELECT name, seq FROM sqlite_sequence WHERE name IN ('notifications', 'email_outbox') ORDER BY name",
      )
      .all(),
  ).toEqual([
    { name: "email_outbox", seq: 12 },
    { name: "notifications", seq: 9 },
  ]);
  run(
    "INSERT INTO notifications (user_id, kind) VALUES ('u1', 'match_ended_by_helper'), ('u1', 'signup_cancelled')",
  );
  expect(c.prepare("SELECT max(id) FROM notifications").pluck().get()).toBe(11);
  expect(() => run("INSERT INTO notifications (user_id, kind) VALUES ('u1', 'no_such_kind')")).toThrow(
    /CHECK/,
  );
  expect(
    c
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%new%' OR name LIKE '%migration_0004%'")
      .pluck()
      .get(),
  ).toBe(0);
  expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(c.pragma("foreign_key_check")).toEqual([]);
  // The indexes came back.
  expect(
    c
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('notifications', 'email_outbox') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all(),
  ).toEqual([
    "email_outbox_due_idx",
    "email_outbox_message_id_unique",
    "email_outbox_user_idx",
    "notifications_user_unread_idx",
  ]);
  closeDatabase(db);
});

// 0005 rebuilds auth_tokens with the invite's neighbourhoods.
it("0005 keeps pending tokens and adds an optional, JSON-checked scope", () => {
  const db = openDatabase(join(dir, "before-0005.db"));
  migrate(db, { migrationsFolder: folderWithFirst(5) });
  const c = db.$client;
  c.prepare(
    "INSERT INTO auth_tokens (token_hash, purpose, email, role, expires_at, created_at) VALUES ('h1', 'invite', 'k@example.org', 'coordinator', 2000, 1000)",
  ).run();

  migrate(db, { migrationsFolder: migrationsFolder() });

  expect(c.prepare("SELECT token_hash, role, neighbourhood_ids FROM auth_tokens").all()).toEqual([
    { token_hash: "h1", role: "coordinator", neighbourhood_ids: null },
  ]);
  c.prepare("UPDATE auth_tokens SET neighbourhood_ids = '[1,2]'").run();
  expect(() => c.prepare("UPDATE auth_tokens SET neighbourhood_ids = '{\"a\":1}'").run()).toThrow(/CHECK/);
  expect(
    c
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'auth_tokens' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all(),
  ).toEqual(["auth_tokens_email_idx", "auth_tokens_user_idx"]);
  expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
  closeDatabase(db);
});

// 0010 rebuilds auth_tokens, notifications, notification_preferences and email_outbox for the account
// confirmation: new kinds and token purpose; existing accounts stay usable; sent link mails lose the token.
it("0010 keeps rows and id sequences, confirms existing accounts and removes tokens from sent link mails", () => {
  const db = openDatabase(join(dir, "before-0010.db"));
  migrate(db, { migrationsFolder: folderWithFirst(10) });
  const c = db.$client;
  const run = (sql: string, ...params: unknown[]) => c.prepare(sql).run(...params);
  run(
    "INSERT INTO users (id, email, password_hash, display_name, created_at) VALUES ('u1', 'u1@example.org', 'x', 'U1', 1000)",
  );
  run(
    "INSERT INTO users (id, email, password_hash, display_name, email_verified_at) VALUES ('u2', 'u2@example.org', 'x', 'U2', 5000)",
  );
  run(
    "INSERT INTO auth_tokens (token_hash, purpose, email, user_id, expires_at, created_at) VALUES ('h1', 'password_reset', 'u1@example.org', 'u1', 2000, 1000)",
  );
  run(`INSERT INTO notifications (id, user_id, kind) VALUES (4, 'u1', 'invite'), (8, 'u1', 'invite')`);
  run("DELETE FROM notifications WHERE id = 8");
  const token = "A".repeat(43);
  const other = "B".repeat(43);
  const mail = (id: number, status: string, kind: string, t: string) =>
    run(
      `INSERT INTO email_outbox (id, message_id, to_address, kind, subject, body_text, body_html, status, sent_at)
       VALUES (?, ?, 'u1@example.org', ?, 's', ?, ?, ?, ?)`,
      id,
      `m${id}`,
      kind,
      `Hallo\n\nNeues Passwort festlegen:\nhttp://x.test/reset-password?token=${t}\n\nGruß`,
      `<p><a href="http://x.test/reset-password?token=${t}">Neues Passwort festlegen</a></p>`,
      status,
      status === "sent" ? 3000 : null,
    );
  mail(6, "sent", "password_reset", token);
  mail(7, "pending", "password_reset", other);
  mail(9, "sent", "match_proposed", other);
  run(
    "INSERT INTO email_outbox (id, message_id, to_address, kind, subject, body_text, body_html) VALUES (15, 'm15', 'x', 'invite', 's', 'b', 'b')",
  );
  run("DELETE FROM email_outbox WHERE id = 15");
  expect(() =>
    run("INSERT INTO notifications (user_id, kind) VALUES ('u1', 'account_confirmation')"),
  ).toThrow(/CHECK/);

  migrate(db, { migrationsFolder: migrationsFolder() });

  expect(c.prepare("SELECT id, email_verified_at AS v FROM users ORDER BY id").all()).toEqual([
    { id: "u1", v: 1000 },
    { id: "u2", v: 5000 },
  ]);
  expect(c.prepare("SELECT token_hash FROM auth_tokens").pluck().all()).toEqual(["h1"]);
  expect(c.prepare("SELECT id FROM notifications").pluck().all()).toEqual([4]);
  const bodies = c
    .prepare("SELECT id, body_text AS t, body_html AS h FROM email_outbox ORDER BY id")
    .all() as {
    id: number;
    t: string;
    h: string;
  }[];
  expect(bodies.map((b) => b.id)).toEqual([6, 7, 9]);
  expect(bodies[0]!.t).not.toContain(token);
  expect(bodies[0]!.h).not.toContain(token);
  expect(bodies[0]!.t).toContain("token=[removed]");
  // Not sent yet, or not a link mail: untouched.
  expect(bodies[1]!.t).toContain(other);
  expect(bodies[2]!.t).toContain(other);
  expect(
    c
      .prepare(
        "SELECT name, seq FROM sqlite_sequence WHERE name IN ('notifications', 'email_outbox') ORDER BY name",
      )
      .all(),
  ).toEqual([
    { name: "email_outbox", seq: 15 },
    { name: "notifications", seq: 8 },
  ]);
  run(
    "INSERT INTO notifications (user_id, kind) VALUES ('u1', 'account_confirmation'), ('u1', 'signups_certificate_missing')",
  );
  run(
    "INSERT INTO auth_tokens (token_hash, purpose, email, user_id, expires_at, created_at) VALUES ('h2', 'account_confirmation', 'u1@example.org', 'u1', 2000, 1000)",
  );
  expect(() => run("INSERT INTO notifications (user_id, kind) VALUES ('u1', 'no_such_kind')")).toThrow(
    /CHECK/,
  );
  expect(() =>
    run(
      "INSERT INTO auth_tokens (token_hash, purpose, email, expires_at, created_at) VALUES ('h3', 'nope', 'x', 2, 1)",
    ),
  ).toThrow(/CHECK/);
  expect(
    c
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%new%' OR name LIKE '%migration_0010%'")
      .pluck()
      .get(),
  ).toBe(0);
  expect(
    c
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('notifications', 'email_outbox', 'auth_tokens') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all(),
  ).toEqual([
    "auth_tokens_email_idx",
    "auth_tokens_user_idx",
    "email_outbox_due_idx",
    "email_outbox_message_id_unique",
    "email_outbox_user_idx",
    "notifications_user_unread_idx",
  ]);
  expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(c.pragma("foreign_key_check")).toEqual([]);
  closeDatabase(db);
});

it("0017 keeps the audit log's rows and id sequence, and accepts the entity type `category`", () => {
  const db = openDatabase(join(dir, "before-0017.db"));
  migrate(db, { migrationsFolder: folderWithFirst(17) });
  const c = db.$client;
  const run = (sql: string, ...params: unknown[]) => c.prepare(sql).run(...params);
  const audit = (id: number, type: string) =>
    run(
      "INSERT INTO audit_events (id, action, entity_type, entity_id, details) VALUES (?, 'x.y', ?, '1', '{\"name\":\"A\"}')",
      id,
      type,
    );
  audit(3, "neighbourhood");
  audit(9, "need");
  run("DELETE FROM audit_events WHERE id = 9");
  expect(() => audit(10, "category")).toThrow(/CHECK/);

  migrate(db, { migrationsFolder: migrationsFolder() });

  expect(c.prepare("SELECT id, entity_type AS t, details AS d FROM audit_events").all()).toEqual([
    { id: 3, t: "neighbourhood", d: '{"name":"A"}' },
  ]);
  expect(c.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").pluck().get()).toBe(9);
  audit(11, "category");
  expect(() => audit(12, "no_such_type")).toThrow(/CHECK/);
  expect(
    c
      .prepare(
        "SELECT count(*) FROM sqlite_schema WHERE name IN ('__new_audit_events', '__migration_0017_seq')",
      )
      .pluck()
      .get(),
  ).toBe(0);
  expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
  closeDatabase(db);
});
