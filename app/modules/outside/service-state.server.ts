/**
 * Each outside service's circuit breaker and request spacing, kept in SQLite (`outside_services`) so that
 * every process of the installation sees the same state and a restart does not forget a failing service
 * (docs/decisions/086-outside-services.md).
 *
 *   closed     calls go out; each failure counts, a success resets the count.
 *   open       after FAILURES_TO_OPEN failures in a row (or one 429): nobody calls until `open_until`.
 *              The pause doubles with every further failure, up to MAX_OPEN_MS; a 429 pauses for the
 *              service's Retry-After.
 *   half-open  once `open_until` has passed, calls go out again: one success closes the breaker, one
 *              failure opens it for twice as long.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { outsideServices } from "@db/schema";
import { OUTSIDE_SERVICE, type OutsideService } from "@db/schema/enums";

export const FAILURES_TO_OPEN = 3;
export const FIRST_OPEN_MS = 60_000;
export const MAX_OPEN_MS = 30 * 60_000;
/** A 429 without Retry-After pauses this long; a longer Retry-After is capped here. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;
export const MAX_RATE_LIMIT_PAUSE_MS = 60 * 60_000;

export type FailureKind =
  | "timeout"
  | "unreachable"
  | "rate_limited"
  | "server_error"
  | "refused"
  | "malformed"
  | "wrong_language";

export interface ServiceFailure {
  kind: FailureKind;
  /** For the admin page: status code, the service's message or what was wrong, cut short. */
  detail: string;
  /** From a 429's Retry-After. */
  retryAfterMs?: number;
}

function ensureRow(db: Db, name: OutsideService): void {
  db.insert(outsideServices).values({ name }).onConflictDoNothing().run();
}

/** Until when the breaker keeps everyone from calling, or null when calls may go out. */
export function breakerOpenUntil(db: Db, name: OutsideService, now: number): number | null {
  const row = db
    .select({ openUntil: outsideServices.openUntil })
    .from(outsideServices)
    .where(eq(outsideServices.name, name))
    .get();
  const until = row?.openUntil?.getTime() ?? null;
  return until !== null && until > now ? until : null;
}

export function recordSuccess(db: Db, name: OutsideService, now: number): void {
  ensureRow(db, name);
  db.update(outsideServices)
    .set({
      consecutiveFailures: 0,
      openUntil: null,
      lastSuccessAt: new Date(now),
      calls: sql`${outsideServices.calls} + 1`,
    })
    .where(eq(outsideServices.name, name))
    .run();
}

/** How long the breaker stays open after the n-th failure in a row (0 while still closed). */
export function openDurationMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_TO_OPEN) return 0;
  return Math.min(FIRST_OPEN_MS * 2 ** (consecutiveFailures - FAILURES_TO_OPEN), MAX_OPEN_MS);
}

export function recordFailure(db: Db, name: OutsideService, now: number, failure: ServiceFailure): void {
  db.transaction(
    (tx) => {
      tx.insert(outsideServices).values({ name }).onConflictDoNothing().run();
      const row = tx
        .select({ failures: outsideServices.consecutiveFailures })
        .from(outsideServices)
        .where(eq(outsideServices.name, name))
        .get();
      // An answer in the wrong language means one language's model is missing, not that the service is
      // down: it is counted and shown, but does not pause the other languages.
      const consecutive = (row?.failures ?? 0) + (failure.kind === "wrong_language" ? 0 : 1);
      let pause = openDurationMs(consecutive);
      if (failure.kind === "rate_limited") {
        pause = Math.max(
          pause,
          Math.min(failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS, MAX_RATE_LIMIT_PAUSE_MS),
        );
      }
      tx.update(outsideServices)
        .set({
          consecutiveFailures: consecutive,
          openUntil: pause > 0 ? new Date(now + pause) : null,
          lastFailureAt: new Date(now),
          lastError: `${failure.kind}: ${failure.detail}`.slice(0, 300),
          calls: sql`${outsideServices.calls} + 1`,
          failures: sql`${outsideServices.failures} + 1`,
        })
        .where(eq(outsideServices.name, name))
        .run();
    },
    { behavior: "immediate" },
  );
}

/**
 * Reserves the next moment a request to `name` may start, at least `spacingMs` after the one reserved
 * before it by any process, and returns it. The caller waits until then.
 */
export function reserveRequestSlot(db: Db, name: OutsideService, now: number, spacingMs: number): number {
  ensureRow(db, name);
  const row = db.get<{ startAt: number }>(sql`
    update ${outsideServices}
    set next_request_at = max(coalesce(next_request_at, 0), ${now}) + ${spacingMs}
    where name = ${name}
    returning next_request_at - ${spacingMs} as startAt`);
  return row?.startAt ?? now;
}

export interface ServiceStatus {
  name: OutsideService;
  state: "closed" | "open" | "half_open";
  openUntil: number | null;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  calls: number;
  failures: number;
}

/** Every service's state for the admin page (a service never called shows as closed, no calls). */
export function listServiceStatuses(db: Db, now: number = Date.now()): ServiceStatus[] {
  const rows = new Map(
    db
      .select()
      .from(outsideServices)
      .all()
      .map((r) => [r.name, r]),
  );
  return OUTSIDE_SERVICE.map((name) => {
    const r = rows.get(name);
    const openUntil = r?.openUntil?.getTime() ?? null;
    const failing = (r?.consecutiveFailures ?? 0) > 0;
    const state =
      openUntil !== null && openUntil > now ? "open" : failing && openUntil !== null ? "half_open" : "closed";
    return {
      name,
      state,
      openUntil: openUntil !== null && openUntil > now ? openUntil : null,
      consecutiveFailures: r?.consecutiveFailures ?? 0,
      lastSuccessAt: r?.lastSuccessAt?.getTime() ?? null,
      lastFailureAt: r?.lastFailureAt?.getTime() ?? null,
      lastError: r?.lastError ?? null,
      calls: r?.calls ?? 0,
      failures: r?.failures ?? 0,
    };
  });
}
