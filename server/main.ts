/**
 * The production server process: migrates the database, seeds demo data into an empty one, starts the
 * background work and serves the Remix build on PORT (default 3000). Built into build/runtime/main.js
 * (server/vite.config.ts) and started by `npm start` (scripts/start.js) under plain Node: no TypeScript
 * loader in the serving process, which keeps its memory small (docs/decisions/024).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase, migrateDatabase, openDatabase } from "@db/client";
import { startBackgroundWork, stopBackgroundWork } from "~/modules/scheduler/background.server";
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

async function main() {
  const root = projectRoot();
  const dbPath = process.env.DATABASE_PATH ?? "data/app.db";
  process.env.DATABASE_PATH = dbPath;
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  // The seed (and its demo content) is loaded only when it is needed.
  const { defaultAnchor, isDatabaseEmpty, seedDatabase } = await import("@db/seed/seed");
  if (isDatabaseEmpty(db)) {
    console.log(`Empty database at ${dbPath}: adding demo data …`);
    const report = await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });
    console.log(`Demo data ready in ${(report.totalMs / 1000).toFixed(1)} s.`);
  }
  closeDatabase(db);

  // Reminders, retention and e-mail delivery, on a connection of their own (docs/decisions/011).
  startBackgroundWork({ db: openDatabase(dbPath) });
  console.log(
    process.env.SMTP_URL
      ? "E-mail: delivered over SMTP_URL."
      : "E-mail: no SMTP_URL, messages stay in the outbox (/admin/outbox).",
  );

  const build = (await import(pathToFileURL(join(root, "build/server/index.js")).href)) as ServerBuild;
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({ build, clientDir: join(root, "build/client"), mode: process.env.NODE_ENV });
  const server = app.listen(port, () => {
    console.log(`miteinander is running on http://localhost:${port} (database: ${dbPath})`);
  });
  const stop = () => server.close(() => void stopBackgroundWork().finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
