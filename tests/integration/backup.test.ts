import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  backupDatabaseFile,
  databaseInUse,
  inspectBackup,
  RestoreRefused,
  restoreDatabase,
  writeBackup,
  writeVerifiedBackup,
} from "@db/backup";
import { closeDatabase, openDatabase } from "@db/client";
import { createTempDb, type TempDb } from "../helpers/db";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * A second connection in a worker thread that commits one numbered row per transaction as fast as it
 * can, and publishes how many have committed in shared memory. The main thread's backup (a synchronous
 * VACUUM INTO) blocks only the main thread, so the writes really do run during it.
 */
const WRITER = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
const committed = new Int32Array(workerData.shared, 0, 1);
const stop = new Int32Array(workerData.shared, 4, 1);
const insert = db.prepare(
  "INSERT INTO audit_events (action, entity_type, entity_id, details) VALUES ('load', 'settings', ?, ?)"
);
const padding = JSON.stringify({ pad: "w".repeat(200) });
let n = 0;
while (Atomics.load(stop, 0) === 0) {
  n += 1;
  insert.run(String(n), padding);
  Atomics.store(committed, 0, n);
}
db.close();
`;

interface WriteLoad {
  committed: () => number;
  stop: () => Promise<void>;
}

function startWriteLoad(path: string): WriteLoad {
  const shared = new SharedArrayBuffer(8);
  const worker = new Worker(WRITER, {
    eval: true,
    workerData: { path, shared, driver: require.resolve("better-sqlite3") },
  });
  const exited = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
  });
  const committed = new Int32Array(shared, 0, 1);
  return {
    committed: () => Atomics.load(committed, 0),
    stop: async () => {
      Atomics.store(new Int32Array(shared, 4, 1), 0, 1);
      await exited;
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The writer's rows in a database file: count, and the highest number (equal when they are a prefix). */
function loadRows(path: string): { count: number; max: number } {
  const connection = new Database(path, { readonly: true });
  try {
    return connection
      .prepare(
        "SELECT count(*) AS count, coalesce(max(cast(entity_id AS integer)), 0) AS max FROM audit_events WHERE action = 'load'",
      )
      .get() as { count: number; max: number };
  } finally {
    connection.close();
  }
}

function integrity(path: string): string {
  const connection = new Database(path, { readonly: true });
  try {
    return connection.pragma("integrity_check", { simple: true }) as string;
  } finally {
    connection.close();
  }
}

let temp: TempDb;
let dir: string;

beforeAll(() => {
  temp = createTempDb();
  dir = mkdtempSync(join(tmpdir(), "miteinander-backup-"));
  // Some bulk first, so that a backup takes long enough for many writes to land during it.
  const insert = temp.db.$client.prepare(
    "INSERT INTO audit_events (action, entity_type, entity_id, details) VALUES ('bulk', 'need', ?, ?)",
  );
  const pad = JSON.stringify({ pad: "b".repeat(400) });
  temp.db.$client.transaction(() => {
    for (let i = 0; i < 40_000; i += 1) insert.run(String(i), pad);
  })();
});

afterAll(() => {
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("backup during a write load", () => {
  let load: WriteLoad | undefined;
  afterEach(async () => {
    await load?.stop();
    load = undefined;
  });

  it("is a consistent snapshot: exactly the writes committed before it, within the range observed", async () => {
    load = startWriteLoad(temp.path);
    await waitFor(() => load!.committed() > 200);

    const snapshots: { before: number; after: number; count: number; max: number; path: string }[] = [];
    for (let i = 0; i < 4; i += 1) {
      const before = load.committed();
      const report = writeBackup(temp.db.$client, join(dir, `during-${i}.db`));
      const after = load.committed();
      expect(report.bytes).toBeGreaterThan(10_000_000);
      expect(integrity(report.path)).toBe("ok");
      snapshots.push({ before, after, ...loadRows(report.path), path: report.path });
      await new Promise((r) => setTimeout(r, 20));
    }
    await load.stop();
    const final = load.committed();
    load = undefined;

    for (const s of snapshots) {
      // A prefix of the writes: rows 1..n, nothing missing, nothing torn.
      expect(s.count).toBe(s.max);
      expect(s.count).toBeGreaterThanOrEqual(s.before);
      expect(s.count).toBeLessThanOrEqual(s.after);
    }
    // The writer kept going while the backups ran (otherwise the test proves nothing).
    expect(snapshots.some((s) => s.after > s.before)).toBe(true);
    expect(loadRows(temp.path)).toEqual({ count: final, max: final });
  });

  it("restores into a new path with integrity ok and the backup's row counts", async () => {
    load = startWriteLoad(temp.path);
    await waitFor(() => load!.committed() > 100);
    const backup = backupDatabaseFile(temp.path, join(dir, "for-restore.db"));
    const atBackup = loadRows(backup.path);
    const inspection = inspectBackup(backup.path);
    expect(inspection.problems).toEqual([]);
    expect(inspection.missingMigrations).toBe(0);

    const target = join(dir, "restored", "app.db");
    const report = restoreDatabase({
      from: backup.path,
      to: target,
      safetyCopyDir: join(dir, "restored", "backups"),
    });
    expect(report.previousCopy).toBeNull();
    expect(integrity(target)).toBe("ok");
    expect(loadRows(target)).toEqual(atBackup);
    expect(report.tables).toEqual(inspection.tables);
    expect(report.tables.audit_events).toBe(40_000 + atBackup.count);

    // The restored file opens as the app opens it, and foreign keys hold.
    const db = openDatabase(target);
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
    closeDatabase(db);
  });
});

describe("restore refuses", () => {
  function freshBackup(name: string): string {
    return backupDatabaseFile(temp.path, join(dir, name)).path;
  }

  it("while another connection has the target open, and leaves the target untouched", () => {
    const backup = freshBackup("refuse-open.db");
    const target = createTempDb();
    try {
      target.db.$client
        .prepare("INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('mine', 'user', 'x')")
        .run();
      expect(databaseInUse(target.path)).toBe(true);
      expect(() =>
        restoreDatabase({ from: backup, to: target.path, safetyCopyDir: join(dir, "safety") }),
      ).toThrow(RestoreRefused);
      const count = target.db.$client
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'mine'")
        .pluck()
        .get();
      expect(count).toBe(1);
      expect(existsSync(`${target.path}.restoring`)).toBe(false);
    } finally {
      target.cleanup();
    }
  });

  it("after a crash: keeps a copy of the replaced database including its WAL, and drops the stale WAL", async () => {
    const backup = freshBackup("replace.db");
    const target = createTempDb();
    const path = target.path;
    target.db.$client.close();
    // A process that writes and dies without closing: the row lives only in the -wal file it leaves.
    const script =
      `const D = require(${JSON.stringify(require.resolve("better-sqlite3"))});` +
      `const db = new D(${JSON.stringify(path)}); db.pragma("journal_mode = WAL");` +
      `db.prepare("INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('old', 'user', 'y')").run();` +
      `process.kill(process.pid, "SIGKILL");`;
    await run(process.execPath, ["-e", script]).catch(() => undefined);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(databaseInUse(path)).toBe(false);

    const report = restoreDatabase({ from: backup, to: path, safetyCopyDir: join(dir, "safety") });
    expect(report.previousCopy).not.toBeNull();
    const previous = new Database(report.previousCopy!, { readonly: true });
    expect(previous.prepare("SELECT count(*) FROM audit_events WHERE action = 'old'").pluck().get()).toBe(1);
    previous.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(loadRows(path)).toEqual(loadRows(backup));
    target.cleanup();
  });

  it("a file that is not a database, a corrupt one, and one from an unknown version", () => {
    const notDb = join(dir, "not.db");
    writeFileSync(notDb, "hello");
    expect(inspectBackup(notDb).ok).toBe(false);
    expect(inspectBackup(join(dir, "missing.db")).ok).toBe(false);

    const corrupt = freshBackup("corrupt.db");
    const bytes = readFileSync(corrupt);
    // Scribble over pages in the middle of the file (the header stays valid).
    bytes.fill(0x5a, 200_000, 260_000);
    writeFileSync(corrupt, bytes);
    const corruptInspection = inspectBackup(corrupt);
    expect(corruptInspection.ok).toBe(false);

    const newer = freshBackup("newer.db");
    const connection = new Database(newer);
    connection
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('f00d', 9999999999999)")
      .run();
    connection.close();
    const newerInspection = inspectBackup(newer);
    expect(newerInspection.ok).toBe(false);
    expect(newerInspection.problems.join(" ")).toMatch(/unknown to this version/);

    const target = join(dir, "untouched.db");
    expect(() => restoreDatabase({ from: newer, to: target, safetyCopyDir: dir })).toThrow(RestoreRefused);
    expect(existsSync(target)).toBe(false);
  });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the app-secret file and file modes", () => {
  it("a backup is 0640 whatever the umask, and keeps a 0600 copy of the app-secret beside it", () => {
    const live = createTempDb();
    try {
      const secret = "s".repeat(43);
      writeFileSync(join(dirname(live.path), "app-secret"), secret, { mode: 0o600 });
      const out = join(dir, "secret-beside", "app-x.db");
      const report = writeVerifiedBackup(live.db.$client, out);
      expect(report.problems).toEqual([]);
      expect(report.verified).toBe(true);
      expect(mode(out)).toBe(0o640);
      expect(report.secretCopy).toBe(join(dir, "secret-beside", "app-secret"));
      expect(readFileSync(report.secretCopy!, "utf8")).toBe(secret);
      expect(mode(report.secretCopy!)).toBe(0o600);
    } finally {
      live.cleanup();
    }
  });

  it("a database without an app-secret file (APP_SECRET set) backs up without one", () => {
    const live = createTempDb();
    try {
      const report = writeVerifiedBackup(live.db.$client, join(dir, "no-secret", "app-y.db"));
      expect(report.verified).toBe(true);
      expect(report.secretCopy).toBeNull();
      expect(existsSync(join(dir, "no-secret", "app-secret"))).toBe(false);
    } finally {
      live.cleanup();
    }
  });

  it("a restore on a new machine puts the backup's app-secret beside the database, and never overwrites one", () => {
    const live = createTempDb();
    try {
      writeFileSync(join(dirname(live.path), "app-secret"), "old-machine-secret".repeat(3), { mode: 0o600 });
      const backupDir = join(dir, "moved-backups");
      const backup = writeVerifiedBackup(live.db.$client, join(backupDir, "app-z.db"));
      expect(backup.verified).toBe(true);

      const fresh = join(dir, "new-machine", "app.db");
      const restored = restoreDatabase({ from: backup.path, to: fresh, safetyCopyDir: join(dir, "nm-bk") });
      expect(restored.secret).toBe("copied");
      const placed = join(dir, "new-machine", "app-secret");
      expect(readFileSync(placed, "utf8")).toBe("old-machine-secret".repeat(3));
      expect(mode(placed)).toBe(0o600);

      // Again onto the same database: the same secret, nothing to do.
      expect(
        restoreDatabase({ from: backup.path, to: fresh, safetyCopyDir: join(dir, "nm-bk") }).secret,
      ).toBe("same");
      // A different one beside the database stays as it is.
      writeFileSync(placed, "another-secret-of-this-machine!!!");
      expect(
        restoreDatabase({ from: backup.path, to: fresh, safetyCopyDir: join(dir, "nm-bk") }).secret,
      ).toBe("differs");
      expect(readFileSync(placed, "utf8")).toBe("another-secret-of-this-machine!!!");
    } finally {
      live.cleanup();
    }
  });
});

describe("the npm scripts", () => {
  const tsx = join(process.cwd(), "node_modules/.bin/tsx");

  it("db:backup by hand: into BACKUP_DIR, verified, 0640, recorded; db:restore keeps the replaced one in BACKUP_DIR", async () => {
    const live = createTempDb();
    const backupDir = join(dir, "by-hand-backups");
    try {
      const env = { ...process.env, DATABASE_PATH: live.path, BACKUP_DIR: backupDir };
      const backup = await run(tsx, ["scripts/db-backup.ts"], { env });
      const [file] = readdirSync(backupDir).filter((name) => /^app-.*\.db$/.test(name));
      expect(file).toBeDefined();
      const path = join(backupDir, file!);
      expect(backup.stdout).toContain(`Backup written: ${path}`);
      expect(backup.stdout).toMatch(/Verified: integrity, foreign keys, migrations, .*\(\d+ rows\)/);
      expect(mode(path)).toBe(0o640);
      const recorded = live.db.$client
        .prepare("SELECT kind, status, file_name AS fileName FROM backups")
        .all();
      expect(recorded).toEqual([{ kind: "manual", status: "verified", fileName: file }]);

      live.db.$client.close();
      const restored = await run(tsx, ["scripts/db-restore.ts", path, "--force"], { env });
      expect(restored.stdout).toContain("Restored");
      const copies = readdirSync(backupDir).filter((name) => name.startsWith("pre-restore-"));
      expect(copies).toHaveLength(1);
      expect(restored.stdout).toContain(`The replaced database was kept at ${join(backupDir, copies[0]!)}`);
      expect(existsSync(join(dirname(live.path), "backups"))).toBe(false);
    } finally {
      live.cleanup();
    }
  });

  it("db:restore without DATABASE_PATH says which database it would replace", async () => {
    const backup = backupDatabaseFile(temp.path, join(dir, "noenv.db")).path;
    const { DATABASE_PATH: _database, BACKUP_DIR: _backups, ...env } = process.env;
    // Without --force it only checks: data/app.db under this folder is not touched.
    const check = await run(tsx, ["scripts/db-restore.ts", backup], { env });
    expect(check.stdout).toContain(
      `DATABASE_PATH is not set: working on ${join(process.cwd(), "data/app.db")}`,
    );
    expect(check.stdout).toContain("load its environment file first");
  });

  it("db:backup prints path, size and duration; db:restore checks, then needs --force", async () => {
    const live = createTempDb();
    try {
      live.db.$client
        .prepare("INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('cli', 'user', 'z')")
        .run();
      const env = { ...process.env, DATABASE_PATH: live.path };
      const out = join(dir, "cli.db");
      const backup = await run(tsx, ["scripts/db-backup.ts", "--out", out], { env });
      expect(backup.stdout).toContain(`Backup written: ${out}`);
      expect(backup.stdout).toMatch(/Size: [\d.]+ MB/);
      expect(backup.stdout).toMatch(/Duration: \d+ ms/);

      const check = await run(tsx, ["scripts/db-restore.ts", out], { env });
      expect(check.stdout).toContain("passes the checks");
      expect(check.stdout).toContain("--force");

      // The live connection is still open: the forced restore must refuse.
      const refused = await run(tsx, ["scripts/db-restore.ts", out, "--force"], { env }).catch(
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ code: 1 });
      expect(String((refused as { stderr: string }).stderr)).toContain("Stop the server");

      live.db.$client.close();
      const restored = await run(tsx, ["scripts/db-restore.ts", out, "--force"], { env });
      expect(restored.stdout).toContain("Restored");
      expect(integrity(live.path)).toBe("ok");
    } finally {
      live.cleanup();
    }
  });
});
