/**
 * The server process: checks the configuration, migrates the database, and then
 * - for `npm run demo`: seeds demo data into an empty database (and starts only demo databases);
 * - for `npm start`: refuses a demo database, and on a database without an administrator prints a
 *   one-time link for the first one (docs/decisions/026-demo-and-first-start.md);
 * starts the background work and serves the Remix build on PORT (default 3000). Built into build/runtime/main.js
 * (server/vite.config.ts) and started by `npm start` (scripts/start.js) under plain Node: no TypeScript
 * loader in the serving process, which keeps its memory small (docs/decisions/024).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase, migrateDatabase, openDatabase } from "@db/client";
import {
  hasAdministrator,
  isDemoDatabase,
  issueSetupToken,
  SETUP_TOKEN_TTL_MS,
} from "~/modules/installation/installation.server";
import { startBackgroundWork, stopBackgroundWork } from "~/modules/scheduler/background.server";
import { environmentProblems, isDemoStart, publicOrigin } from "~/utils/env.server";
import { createApp } from "./app";

process.env.NODE_ENV ??= "production";

/** The project root: the nearest folder above this file with a package.json (source tree or build/runtime). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
}

/** Stops the start with one clear line per problem, not a stack trace. */
function refuseToStart(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

async function main() {
  const root = projectRoot();
  const demo = isDemoStart();
  // A local demo needs no configuration: its links point at this machine.
  if (demo) process.env.APP_URL ||= `http://localhost:${process.env.PORT || 3000}`;
  const problems = environmentProblems();
  if (problems.length > 0) {
    refuseToStart([
      "miteinander cannot start: the configuration has problems.",
      ...problems.map((p) => `  ${p}`),
    ]);
  }

  const dbPath = process.env.DATABASE_PATH ?? "data/app.db";
  process.env.DATABASE_PATH = dbPath;
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  if (demo) {
    // The seed (and its demo content) is loaded only when it is needed.
    const { defaultAnchor, isDatabaseEmpty, seedDatabase } = await import("@db/seed/seed");
    if (isDatabaseEmpty(db)) {
      console.log(`Empty database at ${dbPath}: adding demo data …`);
      const report = await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });
      console.log(`Demo data ready in ${(report.totalMs / 1000).toFixed(1)} s.`);
    } else if (!isDemoDatabase(db)) {
      closeDatabase(db);
      refuseToStart([
        `miteinander cannot start the demo: ${dbPath} holds real data, not the demo's.`,
        "  Start it with `npm start`, or give the demo a database of its own: DATABASE_PATH=data/demo.db npm run demo",
      ]);
    }
  } else {
    if (isDemoDatabase(db)) {
      closeDatabase(db);
      refuseToStart([
        `miteinander cannot start: ${dbPath} is a demo database, and its accounts share the published demo password.`,
        "  Start it with `npm run demo`, or point DATABASE_PATH at a new file for real use.",
      ]);
    }
    if (!hasAdministrator(db)) {
      const token = issueSetupToken(db);
      const hours = SETUP_TOKEN_TTL_MS / 3_600_000;
      console.log(
        [
          "No administrator yet. To create the first administrator account, open this link",
          `(it works once, for ${hours} hours; every start without an administrator prints a new one):`,
          `  ${publicOrigin()}/setup?token=${token}`,
        ].join("\n"),
      );
    }
  }
  closeDatabase(db);

  // Reminders, retention and e-mail delivery, on a connection of their own (docs/decisions/011).
  startBackgroundWork({ db: openDatabase(dbPath) });
  if (demo) console.log("Demo start: the demo accounts' password is published; use it for trying out only.");
  console.log(
    process.env.SMTP_URL
      ? "E-mail: delivered over SMTP_URL."
      : "E-mail: no SMTP_URL, messages stay in the outbox (/admin/outbox).",
  );

  const build = (await import(pathToFileURL(join(root, "build/server/index.js")).href)) as ServerBuild;
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({ build, clientDir: join(root, "build/client"), mode: process.env.NODE_ENV });
  const server = app.listen(port, () => {
    console.log(
      `miteinander is running on http://localhost:${port} (public address ${publicOrigin()}, database ${dbPath})`,
    );
    (build.entry.module as { warmUp?: () => void }).warmUp?.();
  });
  const stop = () => server.close(() => void stopBackgroundWork().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
