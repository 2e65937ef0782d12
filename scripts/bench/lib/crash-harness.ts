/**
 * Crash cycles against the production server: start it, drive writes over HTTP, SIGKILL it mid-load,
 * start it again, and check that the database is intact and holds every write that was acknowledged.
 * Used by tests/integration/crash.test.ts (10 cycles) and `npm run bench -- crash` (200).
 *
 * The write is POST /register: one transaction creates the (unconfirmed) user, their volunteer profile,
 * the confirmation link and its e-mail, and only then does the server answer 200 "check your inbox". A
 * 200 therefore means "the account is committed" (every address is new, so none gets the answer for a
 * taken one); anything else (a reset connection, no answer) promises nothing. Each request
 * comes from its own X-Forwarded-For address (the server trusts its loopback proxy) so the per-IP
 * registration throttle does not turn the load into 429s.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { freePort, startServer, type RunningServer } from "./production-server";

export interface CrashOptions {
  cycles: number;
  /** Concurrent writers during the load phase. */
  concurrency?: number;
  /** The load runs for a random time in this range (ms) before the kill. */
  loadMs?: [number, number];
  /** Acknowledged writes each cycle waits for before the kill (default 5). */
  minWritesPerCycle?: number;
  /** Deterministic kill timing. */
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  cycles: number;
  acknowledged_writes: number;
  lost_writes: number;
  integrity_failures: number;
  /** Requests that got a 5xx (must be 0) or another unexpected status. */
  server_errors: number;
  unexpected_statuses: number;
  /** Requests still waiting for an answer when the server was killed (summed over cycles). */
  in_flight_at_kill: number;
  /** Writes that committed although their answer never arrived (allowed: the kill came in between). */
  unacknowledged_but_present: number;
  duration_s: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Verification {
  integrityOk: boolean;
  present: Set<string>;
}

function verify(databasePath: string, prefix: string): Verification {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const integrity = db.pragma("integrity_check", { simple: true }) === "ok";
    const foreignKeys = (db.pragma("foreign_key_check") as unknown[]).length === 0;
    // Both rows of the registration transaction, or neither.
    const emails = db
      .prepare(
        "SELECT u.email FROM users u JOIN volunteer_profiles p ON p.user_id = u.id WHERE u.email LIKE ? ESCAPE '\\'",
      )
      .pluck()
      .all(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as string[];
    const halfWritten = db
      .prepare(
        "SELECT count(*) FROM users u WHERE u.email LIKE ? ESCAPE '\\' AND NOT EXISTS (SELECT 1 FROM volunteer_profiles p WHERE p.user_id = u.id)",
      )
      .pluck()
      .get(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as number;
    return { integrityOk: integrity && foreignKeys && halfWritten === 0, present: new Set(emails) };
  } finally {
    db.close();
  }
}

/**
 * The writers spread their registrations over many client addresses (X-Forwarded-For), as if behind a
 * proxy on this machine: so the per-address registration throttle does not stop the load.
 */
const TRUSTED_LOOPBACK = { TRUSTED_PROXIES: "loopback" };

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 20261123);
  const concurrency = options.concurrency ?? 6;
  const [minLoad, maxLoad] = options.loadMs ?? [300, 1200];
  const minWrites = options.minWritesPerCycle ?? 5;
  const dir = mkdtempSync(join(tmpdir(), "miteinander-crash-"));
  const databasePath = join(dir, "crash.db");
  const port = await freePort();
  const runId = randomBytes(4).toString("hex");
  const prefix = `crash-${runId}-`;
  const password = `Crash-${randomBytes(6).toString("hex")}-Passwort!`;

  const acknowledged = new Set<string>();
  const attempted = new Set<string>();
  const report: CrashReport = {
    cycles: 0,
    acknowledged_writes: 0,
    lost_writes: 0,
    integrity_failures: 0,
    server_errors: 0,
    unexpected_statuses: 0,
    in_flight_at_kill: 0,
    unacknowledged_but_present: 0,
    duration_s: 0,
  };
  let sequence = 0;

  const check = () => {
    const result = verify(databasePath, prefix);
    if (!result.integrityOk) report.integrity_failures += 1;
    const lost = [...acknowledged].filter((email) => !result.present.has(email));
    report.lost_writes = Math.max(report.lost_writes, lost.length);
    if (lost.length > 0) log(`LOST after restart: ${lost.slice(0, 5).join(", ")}`);
    report.unacknowledged_but_present = [...result.present].filter((e) => !acknowledged.has(e)).length;
    for (const email of result.present) if (!attempted.has(email)) report.integrity_failures += 1;
  };

  async function writer(server: RunningServer, stopAt: { value: boolean }, inFlight: { value: number }) {
    while (!stopAt.value) {
      sequence += 1;
      const n = sequence;
      const email = `${prefix}${n}@example.org`;
      attempted.add(email);
      const body = new URLSearchParams({ displayName: `Crash ${n}`, email, password });
      inFlight.value += 1;
      try {
        // The data URL (as the browser's form submission uses): the action's answer without rendering the page.
        const response = await fetch(`${server.url}/register.data`, {
          method: "POST",
          body,
          redirect: "manual",
          headers: {
            Origin: server.url,
            "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          },
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status === 200) {
          acknowledged.add(email);
        } else if (response.status >= 500) {
          report.server_errors += 1;
          log(`5xx from /register: ${response.status}`);
        } else {
          report.unexpected_statuses += 1;
          log(`unexpected status from /register: ${response.status}`);
        }
      } catch {
        // The server died with this request in flight (or a pooled connection to the previous process
        // was dead): not acknowledged.
        if (stopAt.value) return;
        await new Promise((r) => setTimeout(r, 5));
      } finally {
        inFlight.value -= 1;
      }
    }
  }

  try {
    for (let cycle = 0; cycle < options.cycles; cycle += 1) {
      const server = await startServer({ databasePath, port, env: TRUSTED_LOOPBACK });
      check();
      const stop = { value: false };
      const inFlight = { value: 0 };
      const writers = Array.from({ length: concurrency }, () => writer(server, stop, inFlight));
      const loadMs = minLoad + Math.floor(random() * (maxLoad - minLoad));
      const before = acknowledged.size;
      await new Promise((r) => setTimeout(r, loadMs));
      // A busy machine serves fewer writes in the same time: the kill waits for this cycle's share, so
      // every cycle kills a server that has written (and the test's count does not depend on the load).
      const waitUntil = performance.now() + 60_000;
      while (acknowledged.size - before < minWrites && performance.now() < waitUntil) {
        await new Promise((r) => setTimeout(r, 10 + Math.floor(random() * 40)));
      }
      report.in_flight_at_kill += inFlight.value;
      await server.kill();
      stop.value = true;
      await Promise.all(writers);
      report.cycles += 1;
      log(
        `cycle ${cycle + 1}/${options.cycles}: ${acknowledged.size} acknowledged so far, ${report.in_flight_at_kill} in flight at kills`,
      );
    }
    const last = await startServer({ databasePath, port, env: TRUSTED_LOOPBACK });
    check();
    await last.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report.acknowledged_writes = acknowledged.size;
  report.duration_s = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
