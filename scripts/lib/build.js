// @ts-check
/**
 * Is the production build current, and building it: shared by `npm start` (scripts/start.js) and the
 * tests and benchmarks that start the production server. Plain JavaScript, so that `npm start` runs
 * under plain Node.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/** What `npm run build` produces: the Remix server build and the server process (server/vite.config.ts). */
const OUTPUTS = ["build/server/index.js", "build/runtime/main.js"].map((p) => join(ROOT, p));
/** What both outputs are made from. */
const SOURCES = ["app", "db", "server", "package-lock.json", "remix.config.js", "vite.config.ts"].map((p) =>
  join(ROOT, p),
);

/** @param {string} path */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when an output is missing or older than a source. */
export function buildIsStale() {
  if (!OUTPUTS.every((p) => existsSync(p))) return true;
  const built = Math.min(...OUTPUTS.map((p) => statSync(p).mtimeMs));
  return SOURCES.some((p) => existsSync(p) && newestMtime(p) > built);
}

/**
 * `remix vite:build`, then the server process. Throws with the tool's output when a step fails.
 * @param {{ quiet?: boolean }} [options] quiet: collect the output instead of showing it.
 */
export function build(options = {}) {
  const steps = [
    ["remix", ["vite:build"]],
    ["vite", ["build", "--config", "server/vite.config.ts"]],
  ];
  for (const [tool, args] of /** @type {[string, string[]][]} */ (steps)) {
    const result = spawnSync(join(ROOT, "node_modules/.bin", tool), args, {
      cwd: ROOT,
      encoding: "utf8",
      stdio: options.quiet ? "pipe" : "inherit",
    });
    if (result.status !== 0) {
      const output = options.quiet
        ? `\n${result.stderr}\n${(result.stdout ?? "").slice(-2000)}`
        : " (see above)";
      throw new Error(`${tool} ${args.join(" ")} failed${output}`);
    }
  }
  writeVersionFile();
}

/** build/version.json: the commit the build was made from, for the administrator's system page. */
function writeVersionFile() {
  const git = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const commit = git.status === 0 ? git.stdout.trim() : (process.env.APP_COMMIT ?? "unknown");
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  writeFileSync(
    join(ROOT, "build/version.json"),
    `${JSON.stringify({ version: pkg.version, commit, builtAt: new Date().toISOString() })}\n`,
  );
}

/**
 * The command `npm start` runs (package.json's "start" script, with its Node memory settings), as
 * program and arguments, for the tests and benchmarks that start the production server the same way.
 * @param {string[]} [extra] arguments appended (e.g. "--no-build")
 * @returns {[string, string[]]}
 */
export function startCommand(extra = []) {
  return scriptCommand("start", extra);
}

/**
 * The command `npm run demo` runs (the same server with --demo: demo data in an empty database), for the
 * tests and benchmarks that need the demo accounts or a seeded database.
 * @param {string[]} [extra]
 * @returns {[string, string[]]}
 */
export function demoCommand(extra = []) {
  return scriptCommand("demo", extra);
}

/**
 * @param {"start" | "demo"} name
 * @param {string[]} extra
 * @returns {[string, string[]]}
 */
function scriptCommand(name, extra) {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const [program, ...args] = String(pkg.scripts[name]).trim().split(/\s+/);
  if (program !== "node")
    throw new Error(`package.json's ${name} script must begin with "node": ${pkg.scripts[name]}`);
  return [process.execPath, [...args, ...extra]];
}
