/**
 * The server process: checks the configuration, migrates the database (after a backup, when there is
 * something to lose), and then
 * - for `npm run demo`: seeds demo data into an empty database (and starts only demo databases);
 * - for `npm start`: refuses a demo database, and on a database without an administrator prints a
 *   one-time link for the first one (docs/decisions/026-demo-and-first-start.md);
 * starts the background work and serves the Remix build on PORT (default 3000). Built into
 * build/runtime/main.js (server/vite.config.ts) and started by `npm start` (scripts/start.js) under plain
 * Node: no TypeScript loader in the serving process, which keeps its memory small (docs/decisions/024).
 *
 * On SIGTERM or SIGINT it shuts down gracefully (docs/decisions/070-operations.md): no new connections,
 * requests in flight get up to 10 s, the scheduler finishes its current job, worker threads still
 * running are stopped, the WAL is checkpointed, exit code 0.
 */
import { accessSync, constants, existsSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type * as DemoSeed from "@db/seed/seed";
import { closeDatabase, migrationStatus, NewerDatabaseError, openDatabase } from "@db/client";
import {
  hasAdministrator,
  isDemoDatabase,
  issueSetupToken,
  SETUP_TOKEN_TTL_MS,
} from "~/modules/installation/installation.server";
import { backupConfig } from "~/modules/backups/backups.server";
import { getAppSecret } from "~/modules/notifications/app-secret.server";
import { smtpServerName, trySmtpConnection } from "~/modules/notifications/delivery.server";
import { addReferenceLists, countReferenceLists } from "~/modules/installation/reference-lists.server";
import { startBackgroundWork, stopBackgroundWork } from "~/modules/scheduler/background.server";
import { prepareDatabaseForStart } from "~/modules/system/startup.server";
import { appVersion } from "~/modules/system/system-health.server";
import { checkEnv, isDemoStart, publicOrigin, type Env } from "~/utils/env.server";
import { errorFields, flushLogs, logger } from "~/utils/logger.server";
import { stopWorkerThreads } from "~/utils/worker-thread.server";
import { createApp } from "./app";
import { watchEventLoop } from "./event-loop-watchdog";
import { InFlight } from "./request-log";

process.env.NODE_ENV ??= "production";

/** How long requests in flight may take to finish after SIGTERM. */
export const SHUTDOWN_GRACE_MS = 10_000;

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
  flushLogs();
  process.exit(1);
}

/** Why this kind of start refuses this database (a demo start on real data, a production start on demo data). */
function wrongKindOfDatabase(db: ReturnType<typeof openDatabase>, dbPath: string, demo: boolean): string[] {
  if (demo) {
    if (!isDemoDatabase(db) && !demoSeed!.isDatabaseEmpty(db)) {
      return [
        `miteinander cannot start the demo: ${dbPath} holds real data, not the demo's.`,
        "  Start it with `npm start`, or give the demo a database of its own: DATABASE_PATH=data/demo.db npm run demo",
      ];
    }
    return [];
  }
  if (isDemoDatabase(db)) {
    return [
      `miteinander cannot start: ${dbPath} is a demo database, and its accounts share the published demo password.`,
      "  Start it with `npm run demo`, or point DATABASE_PATH at a new file for real use.",
    ];
  }
  return [];
}

/** The seed module, loaded only for a demo start (it carries the demo content). */
let demoSeed: typeof DemoSeed | undefined;

/**
 * `npm start -- --check`: the configuration (APP_URL included), the database and whether this kind of
 * start would take it, then exit (0 when all is fine). Reads the database without changing it.
 */
async function checkOnly(env: Env, demo: boolean): Promise<never> {
  const problems: string[] = [];
  console.log(
    `Configuration: ok (NODE_ENV=${env.NODE_ENV}, PORT=${env.PORT}, APP_URL=${publicOrigin()}, DATABASE_PATH=${env.DATABASE_PATH})`,
  );
  await checkSmtp(env);
  problems.push(...checkBuild(projectRoot()));
  problems.push(...checkWritable(env));
  if (!existsSync(env.DATABASE_PATH)) {
    console.log(`Database: ${env.DATABASE_PATH} does not exist yet; it is created on the first start.`);
  } else {
    const db = openDatabase(env.DATABASE_PATH, { readonly: true });
    try {
      const status = migrationStatus(db.$client);
      const integrity = db.$client.pragma("quick_check", { simple: true });
      if (integrity !== "ok") problems.push(`Database: quick_check says ${String(integrity)}`);
      if (status.unknown > 0) problems.push(new NewerDatabaseError(status).message);
      console.log(
        `Database: ${env.DATABASE_PATH}, ${status.applied} of ${status.known} migrations applied` +
          (status.pending
            ? `, ${status.pending} to apply on start${status.applied > 0 ? " (after a backup)" : ""}`
            : "") +
          `, quick_check ${String(integrity)}`,
      );
      // The kind of database is known once the installation table exists (migration 0007).
      const hasInstallation = db.$client
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'installation'")
        .get();
      if (hasInstallation && status.unknown === 0) {
        problems.push(...wrongKindOfDatabase(db, env.DATABASE_PATH, demo));
        if (!demo && !isDemoDatabase(db) && !hasAdministrator(db)) {
          console.log("Administrator: none yet; the start prints a one-time link to create the first one.");
        }
        const lists = countReferenceLists(db);
        const toAdd = [
          lists.categories === 0 ? "the categories of help" : "",
          lists.neighbourhoods === 0 ? "Gelsenkirchen's Stadtteile" : "",
        ].filter(Boolean);
        console.log(
          `Reference lists: ${lists.categories} categories, ${lists.neighbourhoods} neighbourhoods` +
            (!demo && toAdd.length > 0 ? `; the start adds ${toAdd.join(" and ")}` : "") +
            ".",
        );
      }
    } finally {
      closeDatabase(db);
    }
  }
  for (const problem of problems) console.error(problem);
  process.exit(problems.length ? 1 : 0);
}

/**
 * Whether the SMTP server answers: a warning, never a reason to refuse the start (e-mails wait in the
 * outbox and are retried; a mail server that is down for maintenance must not keep the hub down).
 */
async function checkSmtp(env: Env): Promise<void> {
  if (!env.SMTP_URL) {
    console.log("E-mail: no SMTP_URL; e-mails wait in the outbox (/admin/outbox) until one is set.");
    return;
  }
  const server = smtpServerName(env.SMTP_URL);
  const problem = await trySmtpConnection(env.SMTP_URL);
  console.log(
    problem
      ? `E-mail: warning: the SMTP server ${server} did not take a connection (${problem}); e-mails wait in the outbox and are retried.`
      : `E-mail: the SMTP server ${server} takes connections.`,
  );
}

/**
 * What a start loads besides this file: the pages, and the worker threads' own entries (bulk
 * assignment, reach index and figures; backups), built next to it by `npm run build`.
 */
const BUILD_FILES = [
  "build/server/index.js",
  "build/client",
  "build/runtime/bulk-assignment-worker.js",
  "build/runtime/backup-worker.js",
];

/** The build's version and commit, and whether every file a start needs is there. */
function checkBuild(root: string): string[] {
  const missing = BUILD_FILES.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) {
    return [`Build: ${missing.join(", ")} missing in ${root}; run \`npm run build\``];
  }
  const { version, commit } = appVersion();
  console.log(
    `Build: version ${version}, commit ${commit}; the pages and the worker threads' files are there`,
  );
  return [];
}

/** The folders the server writes to: the database's, and BACKUP_DIR (or the nearest folder that would hold it). */
function checkWritable(env: Env): string[] {
  const problems: string[] = [];
  const backups = backupConfig();
  const folders = [
    { what: "Database folder", path: dirname(resolve(env.DATABASE_PATH)) },
    { what: "BACKUP_DIR", path: backups.dir },
  ];
  const lines: string[] = [];
  for (const { what, path } of folders) {
    let existing = path;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    try {
      accessSync(existing, constants.W_OK);
      lines.push(existing === path ? `${what} ${path} is writable` : `${what} ${path} can be created`);
    } catch {
      problems.push(
        `${what}: ${existing} is not writable for this user${existing === path ? "" : ` (to create ${path})`}`,
      );
    }
  }
  if (lines.length === folders.length) console.log(`Folders: ${lines.join("; ")}`);
  return problems;
}

async function main() {
  const demo = isDemoStart();
  // A local demo needs no configuration: its links point at this machine.
  if (demo) process.env.APP_URL ||= `http://localhost:${process.env.PORT || 3000}`;
  if (demo) demoSeed = await import("@db/seed/seed");
  const check = checkEnv();
  if (!check.ok) {
    refuseToStart([
      "miteinander cannot start: the configuration has problems.",
      ...check.problems.map((problem) => `  ${problem}`),
    ]);
  }
  const env = check.env;
  if (process.argv.includes("--check")) await checkOnly(env, demo);
  const root = projectRoot();
  const dbPath = env.DATABASE_PATH;
  process.env.DATABASE_PATH = dbPath;
  prepareDatabaseForStart(dbPath);

  const db = openDatabase(dbPath);
  const refusal = wrongKindOfDatabase(db, dbPath, demo);
  if (refusal.length > 0) {
    closeDatabase(db);
    refuseToStart(refusal);
  }
  // The secret that signs links in e-mails (APP_SECRET, or the generated `app-secret` file beside the
  // database): made now, not with the first e-mail, so that the first backup already keeps a copy.
  getAppSecret();
  if (demoSeed?.isDatabaseEmpty(db)) {
    logger().info({ database: dbPath }, "empty database: adding demo data");
    const report = await demoSeed.seedDatabase(db, { scale: "demo", anchor: demoSeed.defaultAnchor() });
    logger().info({ ms: Math.round(report.totalMs) }, "demo data ready");
  }
  if (!demo) {
    const added = addReferenceLists(db);
    if (added.categories + added.neighbourhoods > 0) {
      const what = [
        added.categories > 0 ? "the categories of help" : "",
        added.neighbourhoods > 0 ? "Gelsenkirchen's Stadtteile" : "",
      ].filter(Boolean);
      logger().info(added, `reference lists added: ${what.join(" and ")}`);
    }
  }
  if (!demo && !hasAdministrator(db)) {
    const token = issueSetupToken(db);
    const hours = SETUP_TOKEN_TTL_MS / 3_600_000;
    // One log line (journald keeps it), readable as it stands: the link is the way in for the first person.
    logger().warn(
      `no administrator yet: open ${publicOrigin()}/setup?token=${token} to create the first administrator ` +
        `(the link works once, for ${hours} hours; every start without an administrator prints a new one)`,
    );
  }
  closeDatabase(db);

  // Reminders, retention, backups and e-mail delivery, on a connection of their own (ADR 011).
  const backgroundDb = openDatabase(dbPath);
  startBackgroundWork({ db: backgroundDb });
  if (demo) logger().warn("demo start: the demo accounts' password is published; use it for trying out only");
  // Only what is known at this point: the connection is first tried with the first message.
  logger().info(
    { smtp: env.SMTP_URL ? smtpServerName(env.SMTP_URL) : null },
    env.SMTP_URL
      ? `e-mail goes out over SMTP_URL (server ${smtpServerName(env.SMTP_URL)}, not tried yet: \`npm start -- --check\` tries it; failures show on /admin/outbox)`
      : "no SMTP_URL: e-mails stay in the outbox (/admin/outbox)",
  );

  const build = (await import(pathToFileURL(join(root, "build/server/index.js")).href)) as ServerBuild;
  const inFlight = new InFlight();
  const app = createApp({ build, clientDir: join(root, "build/client"), mode: env.NODE_ENV, inFlight });
  // Names the request when one keeps the event loop busy for more than 500 ms (issue 20, A4).
  const stopWatchdog = watchEventLoop({ inFlight, logger });
  const server = app.listen(env.PORT, () => {
    logger().info(
      { port: env.PORT, publicAddress: publicOrigin(), database: dbPath },
      `miteinander is running on http://localhost:${env.PORT}`,
    );
    (build.entry.module as { warmUp?: () => void }).warmUp?.();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopWatchdog();
    void shutDown(server, inFlight, backgroundDb, signal).then(
      () => {
        flushLogs();
        process.exit(0);
      },
      (error: unknown) => {
        logger().error(errorFields(error), "shutdown failed");
        flushLogs();
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function shutDown(
  server: Server,
  inFlight: InFlight,
  backgroundDb: ReturnType<typeof openDatabase>,
  signal: string,
) {
  const started = Date.now();
  logger().info({ signal, inFlight: inFlight.size }, "shutting down: no new requests");
  // No new connections; idle keep-alive connections close now, busy ones after their response.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const drained = await inFlight.drained(SHUTDOWN_GRACE_MS);
  if (!drained) logger().warn({ unfinished: inFlight.size }, "requests still running after 10 s: cut off");
  server.closeAllConnections();
  await closed;
  // The scheduler starts no other job; the one it runs (a backup in its worker thread) finishes.
  const background = stopBackgroundWork();
  // What the requests or the start left running in worker threads (the reach index, figures, a bulk
  // assignment cut off): nobody waits for their results any more, and their reads would hold the
  // checkpoint.
  const stoppedWorkers = await stopWorkerThreads(["reach-index", "figures", "bulk-assignment"]);
  await background;
  const leftOver = await stopWorkerThreads();
  if (stoppedWorkers + leftOver > 0) {
    logger().info({ workers: stoppedWorkers + leftOver }, "worker threads stopped");
  }
  const checkpoint = backgroundDb.$client.pragma("wal_checkpoint(TRUNCATE)", { simple: false }) as {
    busy: number;
  }[];
  closeDatabase(backgroundDb);
  logger().info({ ms: Date.now() - started, walCheckpointed: checkpoint[0]?.busy === 0 }, "stopped");
}

main().catch((error: unknown) => {
  if (error instanceof NewerDatabaseError) console.error(error.message);
  else logger().fatal(errorFields(error), "the server could not start");
  flushLogs();
  process.exit(1);
});
