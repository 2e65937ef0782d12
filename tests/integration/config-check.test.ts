/** The one environment schema, and `npm start -- --check` (configuration and database, then exit). */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkEnv } from "~/utils/env.server";
import { ensureFreshBuild, ROOT } from "../../scripts/bench/lib/production-server";
import { startCommand } from "../../scripts/lib/build.js";

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
      "BACKUP_KEEP_WEEKLY: must be at least 0",
    ]);
    expect(result.problems.join("\n")).not.toContain("short-secret-value");
  });
});

describe("npm start -- --check", () => {
  let dir: string;
  beforeAll(async () => {
    await ensureFreshBuild();
    dir = mkdtempSync(join(tmpdir(), "miteinander-check-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (env: Record<string, string>) => {
    const [program, args] = startCommand(["--no-build", "--check"]);
    return spawnSync(program, args, {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production", ...env },
    });
  };

  it("checks configuration and database and exits 0 without serving", () => {
    const databasePath = join(dir, "ok.db");
    copyFileSync(inject("templateDbPath"), databasePath);
    const result = run({ DATABASE_PATH: databasePath, PORT: "3999" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Configuration: ok (NODE_ENV=production, PORT=3999");
    expect(result.stdout).toMatch(/Database: .*ok\.db, (\d+) of \1 migrations applied, quick_check ok/);
  });

  it("stops with one clear line per problem, no stack trace", () => {
    const result = run({ DATABASE_PATH: join(dir, "x.db"), PORT: "zero", LOG_LEVEL: "loud" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "Configuration: PORT: must be a whole number",
      "Configuration: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
    ]);
  });
});
