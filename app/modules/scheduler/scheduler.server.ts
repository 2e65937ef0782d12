/**
 * A schedule persisted in SQLite (docs/decisions/011-persisted-scheduler.md):
 *
 *   schedule()   INSERT … ON CONFLICT(dedupe_key) DO NOTHING — scheduling twice is scheduling once.
 *   claim        BEGIN IMMEDIATE: due jobs (pending and run_at <= now, or running with an expired
 *                lease) → running, locked_by = this worker, locked_until = now + lease, attempts + 1.
 *   run          BEGIN IMMEDIATE: still ours? → handler(tx) → done, all in ONE transaction.
 *
 * Because a handler writes only through the transaction that also marks its job done, its effects
 * commit exactly once: a crash before the commit rolls them back and the job is claimed again once
 * its lease runs out; a worker whose lease was taken over finds the job no longer its own and
 * stops. Two processes never run a job at the same time (the lease), and never both commit it.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { scheduledJobs } from "@db/schema";
import { logger } from "~/utils/logger.server";
import type { JobPayload } from "./schedule.server";

export interface Job {
  id: number;
  kind: string;
  dedupeKey: string;
  runAt: number;
  payload: JobPayload;
  attempts: number;
}

export interface JobContext {
  /** The transaction that also marks the job done: write through it, and only through it. */
  tx: DbOrTx;
  /**
   * The connection the transaction runs on, for code that reads through a `Db` (the matching engine's
   * loaders): on the same connection, its reads happen inside the transaction. Never write through it.
   */
  db: Db;
  job: Job;
  now: number;
}

/**
 * Does a job's work. Synchronous on purpose: it runs inside the transaction that completes the job
 * (better-sqlite3 transactions cannot await), which is what makes its effects happen exactly once.
 * Throwing rolls everything back and retries the job later.
 */
export type JobHandler = (context: JobContext) => void;

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export const DEFAULT_LEASE_MS = 2 * 60 * 1000;

export const DEFAULT_MAX_ATTEMPTS = 5;

const RETRY_BASE_MS = 60_000;

const RETRY_MAX_MS = 60 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

/** A name for this process's worker, unique even when two processes share a pid namespace. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export interface SchedulerOptions {
  db: Db;
  handlers: JobHandlers;
  workerId: string;
  now?: () => number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Jobs claimed per round. */
  batchSize?: number;
}

/**
 * Claims up to `batchSize` due jobs of the kinds this worker can run. Jobs of unknown kinds are left
 * for a process that knows them (e.g. during a rolling update). A job whose lease ran out too often
 * (it kept killing its worker) is given up instead of claimed.
 */
export function claimDueJobs(options: SchedulerOptions): Job[] {
  return claimJobsOfKinds({ ...options, kinds: Object.keys(options.handlers) });
}

type ClaimOptions = Omit<SchedulerOptions, "handlers"> & { kinds: readonly string[] };

function claimJobsOfKinds(options: ClaimOptions): Job[] {
  const now = (options.now ?? Date.now)();
  const kinds = [...options.kinds];
  if (kinds.length === 0) return [];
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const nowDate = new Date(now);

  return options.db.transaction(
    (tx) => {
      const expired = and(eq(scheduledJobs.status, "running"), lte(scheduledJobs.lockedUntil, nowDate));
      tx.update(scheduledJobs)
        .set({
          status: "failed",
          lockedBy: null,
          lockedUntil: null,
          doneAt: nowDate,
          lastError: sql`coalesce(${scheduledJobs.lastError} || '; ', '') || 'abandoned: its worker stopped ' || ${scheduledJobs.attempts} || ' times'`,
        })
        .where(and(expired, sql`${scheduledJobs.attempts} >= ${maxAttempts}`))
        .run();

      const due = tx
        .select()
        .from(scheduledJobs)
        .where(
          and(
            inArray(scheduledJobs.kind, kinds),
            or(and(eq(scheduledJobs.status, "pending"), lte(scheduledJobs.runAt, nowDate)), expired),
          ),
        )
        .orderBy(asc(scheduledJobs.runAt), asc(scheduledJobs.id))
        .limit(options.batchSize ?? 20)
        .all();
      if (due.length === 0) return [];

      tx.update(scheduledJobs)
        .set({
          status: "running",
          lockedBy: options.workerId,
          lockedUntil: new Date(now + leaseMs),
          attempts: sql`${scheduledJobs.attempts} + 1`,
        })
        .where(
          inArray(
            scheduledJobs.id,
            due.map((j) => j.id),
          ),
        )
        .run();

      return due.map((j) => ({
        id: j.id,
        kind: j.kind,
        dedupeKey: j.dedupeKey,
        runAt: j.runAt.getTime(),
        payload: j.payload,
        attempts: j.attempts + 1,
      }));
    },
    { behavior: "immediate" },
  );
}

export type JobOutcome = "done" | "retrying" | "failed" | "lost";

/** The job's row while it is still running under this worker's lease. */
function stillOurs(job: Job, workerId: string) {
  return and(
    eq(scheduledJobs.id, job.id),
    eq(scheduledJobs.status, "running"),
    eq(scheduledJobs.lockedBy, workerId),
  );
}

/**
 * A failed run of a job that is still ours: back to pending after a growing delay while attempts are
 * left, failed for good after the last one. "lost" when another worker has taken the job over.
 */
function recordFailure(
  db: Db,
  job: Job,
  ours: ReturnType<typeof stillOurs>,
  now: number,
  failure: unknown,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
): { retry: boolean; message: string } | "lost" {
  const retry = job.attempts < maxAttempts;
  const message = failure instanceof Error ? failure.message : String(failure);
  const changed = db
    .update(scheduledJobs)
    .set({
      status: retry ? "pending" : "failed",
      runAt: retry ? new Date(now + retryDelayMs(job.attempts)) : undefined,
      doneAt: retry ? null : new Date(now),
      lockedBy: null,
      lockedUntil: null,
      lastError: message.slice(0, 1000),
    })
    .where(ours)
    .run().changes;
  return changed === 0 ? "lost" : { retry, message };
}

/**
 * Runs one claimed job: if it is still this worker's, the handler and the completion commit
 * together. A job that was taken over (our lease ran out and another worker claimed it) is "lost"
 * and left alone.
 */
export function runClaimedJob(options: SchedulerOptions, job: Job): JobOutcome {
  const handler = options.handlers[job.kind];
  const now = (options.now ?? Date.now)();
  const ours = stillOurs(job, options.workerId);
  let failure: unknown = null;
  try {
    const completed = options.db.transaction(
      (tx) => {
        const held = tx.select({ id: scheduledJobs.id }).from(scheduledJobs).where(ours).get();
        if (!held) return false;
        if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
        handler({ tx, db: options.db, job, now });
        tx.update(scheduledJobs)
          .set({ status: "done", doneAt: new Date(now), lockedBy: null, lockedUntil: null, lastError: null })
          .where(ours)
          .run();
        return true;
      },
      { behavior: "immediate" },
    );
    if (!completed) return "lost";
    return "done";
  } catch (error) {
    failure = error;
  }

  const recorded = recordFailure(options.db, job, ours, now, failure, options.maxAttempts);
  if (recorded === "lost") return "lost";
  const { retry, message } = recorded;
  if (!retry) {
    logger().warn({ job: job.dedupeKey, attempts: job.attempts, problem: message }, "job failed for good");
  }
  return retry ? "retrying" : "failed";
}

/**
 * A job whose work cannot run inside a transaction: it awaits (a worker thread, a child process, the
 * network), or takes longer than a write lock may be held (a backup). It does its work first and
 * returns what to write; those writes commit in the one transaction that also marks the job done, if
 * the job is still this worker's. Its effects outside the database therefore happen at least once (a
 * crash after the work and before the commit repeats the work when the lease runs out), its database
 * effects exactly once. A handler that throws is retried like any other.
 */
export type AsyncJobHandler = (context: { db: Db; job: Job; now: number }) => Promise<(tx: DbOrTx) => void>;

export type AsyncJobHandlers = Readonly<Record<string, AsyncJobHandler>>;

/** Slow work holds its lease longer, so no other worker takes it over while it still runs. */
export const DEFAULT_ASYNC_LEASE_MS = 30 * 60 * 1000;

export interface AsyncSchedulerOptions extends Omit<SchedulerOptions, "handlers"> {
  handlers: AsyncJobHandlers;
  /** Asked before each job: true stops the run after the job in progress (shutdown). */
  shouldStop?: () => boolean;
}

async function runClaimedAsyncJob(options: AsyncSchedulerOptions, job: Job): Promise<JobOutcome> {
  const handler = options.handlers[job.kind];
  const now = (options.now ?? Date.now)();
  const ours = stillOurs(job, options.workerId);
  let failure: unknown = null;
  try {
    if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
    const commit = await handler({ db: options.db, job, now });
    const finishedAt = (options.now ?? Date.now)();
    const completed = options.db.transaction(
      (tx) => {
        const held = tx.select({ id: scheduledJobs.id }).from(scheduledJobs).where(ours).get();
        if (!held) return false;
        commit(tx);
        tx.update(scheduledJobs)
          .set({
            status: "done",
            doneAt: new Date(finishedAt),
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
          })
          .where(ours)
          .run();
        return true;
      },
      { behavior: "immediate" },
    );
    return completed ? "done" : "lost";
  } catch (error) {
    failure = error;
  }
  const recorded = recordFailure(options.db, job, ours, now, failure, options.maxAttempts);
  if (recorded === "lost") return "lost";
  const { retry, message } = recorded;
  logger().warn(
    { job: job.dedupeKey, attempts: job.attempts, problem: message, retrying: retry },
    retry ? "job failed, will retry" : "job failed for good",
  );
  return retry ? "retrying" : "failed";
}

/**
 * Claims and runs due slow jobs one at a time (each claimed only when the one before has finished, so
 * a shutdown waits for one job at most).
 */
export async function runDueAsyncJobs(options: AsyncSchedulerOptions): Promise<RunReport> {
  const report: RunReport = { done: 0, retrying: 0, failed: 0, lost: 0 };
  const kinds = Object.keys(options.handlers);
  for (let round = 0; round < 10 && !options.shouldStop?.(); round++) {
    const [job] = claimJobsOfKinds({
      ...options,
      kinds,
      leaseMs: options.leaseMs ?? DEFAULT_ASYNC_LEASE_MS,
      batchSize: 1,
    });
    if (!job) break;
    report[await runClaimedAsyncJob(options, job)] += 1;
  }
  return report;
}

export interface RunReport {
  done: number;
  retrying: number;
  failed: number;
  lost: number;
}

/** Claims and runs due jobs until none is due (bounded by `maxRounds` batches). */
export function runDueJobs(
  options: SchedulerOptions & { maxRounds?: number; shouldStop?: () => boolean },
): RunReport {
  const report: RunReport = { done: 0, retrying: 0, failed: 0, lost: 0 };
  for (let round = 0; round < (options.maxRounds ?? 10) && !options.shouldStop?.(); round++) {
    const jobs = claimDueJobs(options);
    if (jobs.length === 0) break;
    for (const [index, job] of jobs.entries()) {
      if (index > 0 && options.shouldStop?.()) {
        releaseClaimedJobs(options, jobs.slice(index));
        return report;
      }
      report[runClaimedJob(options, job)] += 1;
    }
  }
  return report;
}

/** Hands claimed but unstarted jobs back (shutdown), so no other process waits for their leases. */
function releaseClaimedJobs(options: Omit<SchedulerOptions, "handlers">, jobs: readonly Job[]): void {
  options.db
    .update(scheduledJobs)
    .set({
      status: "pending",
      lockedBy: null,
      lockedUntil: null,
      attempts: sql`${scheduledJobs.attempts} - 1`,
    })
    .where(
      and(
        inArray(
          scheduledJobs.id,
          jobs.map((j) => j.id),
        ),
        eq(scheduledJobs.status, "running"),
        eq(scheduledJobs.lockedBy, options.workerId),
      ),
    )
    .run();
}
