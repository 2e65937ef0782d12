/**
 * `npm start`: builds if the build is missing or older than the sources (unless --no-build), migrates the database,
 * seeds demo data into an empty one, and serves on PORT (default 3000).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase, migrateDatabase, openDatabase } from "../db/client";
import { defaultAnchor, isDatabaseEmpty, seedDatabase } from "../db/seed/seed";
import { startBackgroundWork, stopBackgroundWork } from "../app/modules/scheduler/background.server";
import { createApp } from "../server/app";

process.env.NODE_ENV ??= "production";
const root = resolve(import.meta.dirname, "..");
const serverBuild = join(root, "build/server/index.js");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale(): boolean {
  if (!existsSync(serverBuild)) return true;
  const built = statSync(serverBuild).mtimeMs;
  const sources = ["app", "db/schema", "package-lock.json", "remix.config.js", "vite.config.ts"].map((p) => join(root, p));
  return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

async function main() {
  // --no-build: the caller built once up front (crash test, benchmarks) and other edits of app/ during
  // its run must not trigger a rebuild under a server that is still serving the old build.
  const mayBuild = !process.argv.includes("--no-build");
  if (process.argv.includes("--build") || (mayBuild && buildIsStale())) {
    console.log("Building the app …");
    const result = spawnSync(join(root, "node_modules/.bin/remix"), ["vite:build"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error("The build failed (see above).");
  }

  const dbPath = process.env.DATABASE_PATH ?? "data/app.db";
  process.env.DATABASE_PATH = dbPath;
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  if (isDatabaseEmpty(db)) {
    console.log(`Empty database at ${dbPath}: adding demo data …`);
    const report = await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });
    console.log(`Demo data ready in ${(report.totalMs / 1000).toFixed(1)} s.`);
  }
  closeDatabase(db);

  // Reminders, retention and e-mail delivery, on a connection of their own (docs/decisions/011).
  startBackgroundWork({ db: openDatabase(dbPath) });
  console.log(process.env.SMTP_URL ? "E-mail: delivered over SMTP_URL." : "E-mail: no SMTP_URL, messages stay in the outbox (/admin/outbox).");

  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
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
