// @ts-check
/**
 * `npm start`: builds if the build is missing or older than the sources (unless --no-build), then runs
 * the server process (build/runtime/main.js, from server/main.ts) in this same process under plain Node.
 *
 * --no-build: the caller built once up front (crash test, benchmarks); other edits of app/ during its run
 * must not trigger a rebuild under a server that is still serving the old build.
 * --build: build even when the build looks current.
 * --demo: the demo start (`npm run demo`): demo data in an empty database, APP_URL defaulting to
 *   http://localhost:$PORT (docs/decisions/026-demo-and-first-start.md).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, buildIsStale, ROOT } from "./lib/build.js";

process.env.NODE_ENV ??= "production";
if (process.argv.includes("--demo")) process.env.MITEINANDER_DEMO = "1";
const mayBuild = !process.argv.includes("--no-build");
if (process.argv.includes("--build") || (mayBuild && buildIsStale())) {
  console.log("Building the app …");
  try {
    build();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
await import(pathToFileURL(join(ROOT, "build/runtime/main.js")).href);
