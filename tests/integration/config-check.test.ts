/** The one environment schema, and `npm start -- --check` (configuration and database, then exit). */
import { execFile, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, openDatabase } from "@db/client";
import { markDemoDatabase } from "~/modules/installation/installation.server";
import { checkEnv, getEnv } from "~/utils/env.server";
import { ensureFreshBuild, ROOT } from "../../scripts/bench/lib/production-server";
import { demoCommand, startCommand } from "../../scripts/lib/build.js";
import { createUser } from "../factories";
import { startTestSmtpServer } from "../mocks/smtp";

const runAsync = promisify(execFile);

describe("getEnv", () => {
  it("answers again only when a variable it reads changed, and the answer cannot be changed", () => {
    const source: Record<string, string | undefined> = { PORT: "4000" };
    const first = getEnv(source);
    expect(getEnv(source)).toBe(first);
    source.PORT = "4001";
    expect(getEnv(source).PORT).toBe(4001);
    source.UNRELATED = "x";
    expect(getEnv(source)).toBe(getEnv(source));
    expect(getEnv({ PORT: "4001" })).not.toBe(getEnv(source));
    expect(() => Object.assign(getEnv(source), { PORT: 1 })).toThrow();
    source.PORT = "no number";
    expect(() => getEnv(source)).toThrow("PORT");
  });
});

describe("checkEnv", () => {
  it("takes a minimal environment with defaults, and empty values as unset", () => {
    const result = checkEnv({ SMTP_URL: "", BACKUP_KEEP_DAILY: "" });
    expect(result).toMatchObject({
      ok: true,
      env: {
        NODE_ENV: "development",
        PORT: 3000,
        DATABASE_PATH: "data/app.db",
        BACKUP_KEEP_DAILY: 7,
        BACKUP_KEEP_WEEKLY: 4,
      },
    });
  });

  it("names every wrong variable on a line of its own, without echoing secrets", () => {
    const result = checkEnv({
      NODE_ENV: "staging",
      PORT: "70000",
      APP_URL: "miteinander.stadt.de",
      SMTP_URL: "http://mail",
      APP_SECRET: "short-secret-value",
      METRICS_TOKEN: "token with spaces but long enough to pass",
      BACKUP_KEEP_WEEKLY: "-1",
      LOG_LEVEL: "loud",
      TRUSTED_PROXIES: "127.0.0.1, caddy.internal",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "NODE_ENV: must be development, production or test",
      "PORT: must be at most 65535",
      "APP_URL: must be a full address starting with https:// or http:// (e.g. https://miteinander.stadt.de)",
      "SMTP_URL: must be a full address starting with smtp:// or smtps:// (e.g. smtp://user:password@mail.stadt.de:587)",
      "APP_SECRET: must be at least 32 characters long",
      "LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
      "METRICS_TOKEN: must be printable characters without spaces",
      "TRUSTED_PROXIES: must list addresses or ranges like 127.0.0.1, 10.0.0.0/8, ::1 or loopback, separated by commas",
      "BACKUP_KEEP_WEEKLY: must be at least 0",
    ]);
    expect(result.problems.join("\n")).not.toContain("short-secret-value");
  });

  it("names a missing APP_URL in production also when other variables are wrong", () => {
    const result = checkEnv({ NODE_ENV: "production", APP_URL: " ", PORT: "80a" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "PORT: must be a whole number",
      expect.stringMatching(/^APP_URL: is required in production: /),
    ]);
    expect(checkEnv({ NODE_ENV: "production" })).toMatchObject({ ok: false });
    expect(checkEnv({ NODE_ENV: "production", APP_URL: "https://miteinander.stadt.de" }).ok).toBe(true);
  });
});

describe("npm start -- --check", () => {
  let dir: string;
  beforeAll(async () => {
    await ensureFreshBuild();
    dir = mkdtempSync(join(tmpdir(), "miteinander-check-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: Record<string, string>, command = startCommand) => {
    const [program, args] = command(["--no-build", "--check"]);
    return spawnSync(program, args, {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production", APP_URL: "https://miteinander.stadt.example", ...env },
    });
  };

  /** A copy of the migrated template: a real (not demo) database without accounts. */
  const freshDatabase = (name: string) => {
    const databasePath = join(dir, name);
    copyFileSync(inject("templateDbPath"), databasePath);
    return databasePath;
  };

  it("checks configuration and database and exits 0 without serving", () => {
    const result = run({ DATABASE_PATH: freshDatabase("ok.db"), PORT: "3999" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "Configuration: ok (NODE_ENV=production, PORT=3999, APP_URL=https://miteinander.stadt.example",
    );
    expect(result.stdout).toMatch(/Database: .*ok\.db, (\d+) of \1 migrations applied, quick_check ok/);
    expect(result.stdout).toContain("Administrator: none yet; the start prints a one-time link");
    expect(result.stdout).toContain(
      "Reference lists: 0 categories, 0 neighbourhoods; the start adds the categories of help and Gelsenkirchen's Stadtteile.",
    );
    expect(result.stdout).toMatch(
      /^Build: version \d+\.\d+\.\d+, commit \w+; the pages and the worker threads' files are there$/m,
    );
    expect(result.stdout).toMatch(
      /^Folders: Database folder .* is writable; BACKUP_DIR .*backups can be created$/m,
    );
  });

  it("says what it knows of e-mail: none without SMTP_URL, and whether the SMTP server takes a connection", async () => {
    // Asynchronous child processes: the test SMTP server answers from this process meanwhile.
    const [program, args] = startCommand(["--no-build", "--check"]);
    const check = (env: Record<string, string>) =>
      runAsync(program, args, {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          ...process.env,
          NODE_ENV: "production",
          APP_URL: "https://miteinander.stadt.example",
          DATABASE_PATH: freshDatabase("smtp.db"),
          ...env,
        },
      });

    const none = await check({ SMTP_URL: "" });
    expect(none.stdout).toContain(
      "E-mail: no SMTP_URL; e-mails wait in the outbox (/admin/outbox) until one is set.",
    );

    const smtp = await startTestSmtpServer();
    try {
      const answering = await check({ SMTP_URL: smtp.url });
      expect(answering.stdout).toContain(`E-mail: the SMTP server 127.0.0.1:${smtp.port} takes connections.`);
    } finally {
      await smtp.close();
    }

    // The same port, now closed: a warning, and the check still passes (exit code 0).
    const closed = await check({ SMTP_URL: `smtp://hub:secret-password@127.0.0.1:${smtp.port}` });
    expect(closed.stdout).toMatch(
      new RegExp(
        `E-mail: warning: the SMTP server 127\\.0\\.0\\.1:${smtp.port} did not take a connection \\(.+\\); e-mails wait in the outbox and are retried\\.`,
      ),
    );
    expect(closed.stdout + closed.stderr).not.toContain("secret-password");
  });

  it("names the folders the server could not write to", () => {
    // Run as a user who may not write there (nobody, when the tests run as root).
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(dir, 0o755);
    const databasePath = freshDatabase("locked-ok.db");
    chmodSync(databasePath, 0o644);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const [program, args] = startCommand(["--no-build", "--check"]);
    const result = spawnSync(program, args, {
      cwd: ROOT,
      encoding: "utf8",
      ...asNobody,
      env: {
        ...process.env,
        NODE_ENV: "production",
        APP_URL: "https://miteinander.stadt.example",
        DATABASE_PATH: databasePath,
        BACKUP_DIR: join(locked, "backups"),
      },
    });
    expect(result.status, result.stdout).toBe(1);
    expect(result.stderr).toContain(
      `BACKUP_DIR: ${locked} is not writable for this user (to create ${join(locked, "backups")})`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops with one clear line per problem, no stack trace", () => {
    const result = run({ DATABASE_PATH: join(dir, "x.db"), PORT: "zero", LOG_LEVEL: "loud" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "miteinander cannot start: the configuration has problems.",
      "  PORT: must be a whole number",
      "  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
    ]);
  });

  it("requires APP_URL in production", () => {
    const result = run({ DATABASE_PATH: join(dir, "x.db"), APP_URL: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ {2}APP_URL: is required in production/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a demo database for `npm start`, and real data for `npm run demo`", () => {
    const demoPath = freshDatabase("demo.db");
    const demoDb = openDatabase(demoPath);
    markDemoDatabase(demoDb);
    closeDatabase(demoDb);
    const demo = run({ DATABASE_PATH: demoPath });
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain("is a demo database");
    expect(run({ DATABASE_PATH: demoPath }, demoCommand).status).toBe(0);

    const realPath = freshDatabase("real.db");
    const realDb = openDatabase(realPath);
    createUser(realDb, { role: "admin" });
    closeDatabase(realDb);
    expect(run({ DATABASE_PATH: realPath }).status).toBe(0);
    const refused = run({ DATABASE_PATH: realPath }, demoCommand);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("holds real data, not the demo's");
  });
});
