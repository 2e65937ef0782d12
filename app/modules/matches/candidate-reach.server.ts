/**
 * The matching engine's reach index (app/modules/matching/reach-index.ts), kept in memory per database
 * connection, so that one need's suggestions load only the offers that can reach it instead of its
 * whole category (docs/decisions/080-suggestions-from-a-reach-index.md).
 *
 * - Built from the offers' rarely changing attributes, in a worker thread for a city (seconds of work
 *   and a heap of its own), inline for a small database; rebuilt every six hours, and sooner after many
 *   changes.
 * - Kept current by matching_changes (db/schema/cache.ts): triggers log every offer whose indexed
 *   attributes may have changed, whoever writes. A lookup first reads the rows it has not seen; those
 *   offers join every lookup's answer until the next rebuild, so a change counts at once.
 * - Until an index is ready (a server's first minutes, or after a neighbourhood changed) the caller
 *   loads the need's whole category, as before: slower, never wrong.
 */
import { resolve } from "node:path";
import type { Db } from "@db/client";
import { buildReachIndex, reachableOfferIds, type MatchNeed, type ReachIndex } from "~/modules/matching";
import { errorFields, logger } from "~/utils/logger.server";
import { WorkerStoppedError } from "~/utils/worker-thread.server";
import { runInMatchingWorker } from "./bulk-assignment.server";
import { loadMatchingInstance } from "./matching-instance.server";

export interface ReachSnapshot {
  index: ReachIndex;
  /** The last matching_changes row the index reflects (its sqlite_sequence value when it was read). */
  changeId: number;
  builtAt: number;
}

/** Up to this many active offers the index is built inline (~0.1 s); above, in the worker thread. */
const INLINE_BUILD_MAX_OFFERS = 2_000;
/** A rebuild starts when this many offers changed since the index was built … */
const REBUILD_AFTER_CHANGES = 2_000;
/** … or when the index is this old (offers that expired or ended leave it). */
const REBUILD_AFTER_MS = 6 * 3_600_000;
/** Change rows older than this are deleted when an index is installed (far beyond REBUILD_AFTER_MS). */
const KEEP_CHANGES_MS = 24 * 3_600_000;
/** After a failed build, the next attempt waits this long (the category load answers meanwhile). */
const RETRY_AFTER_MS = 60_000;
const BUILD_TIMEOUT_MS = 600_000;

interface ReachState {
  snapshot: ReachSnapshot | null;
  /** The last change row read. */
  seenChangeId: number;
  /** Offers changed since the snapshot; null when everything may have (a rebuild is needed first). */
  changed: Set<number> | null;
  building: Promise<void> | null;
  failedAt: number;
  /** Why the last build failed (cleared by the next index installed). */
  problem: string | null;
}

const states = new WeakMap<Db["$client"], ReachState>();

function stateOf(db: Db): ReachState {
  let state = states.get(db.$client);
  if (!state) {
    state = {
      snapshot: null,
      seenChangeId: 0,
      changed: null,
      building: null,
      failedAt: 0,
      problem: null,
    };
    states.set(db.$client, state);
  }
  return state;
}

/** The change log's high-water mark: AUTOINCREMENT's counter, which deleting old rows leaves alone. */
function lastChangeId(db: Db): number {
  return (
    (db.$client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'matching_changes'").pluck().get() as
      | number
      | undefined) ?? 0
  );
}

/**
 * Reads every active offer's attributes and builds the index, in one read transaction, so that the
 * index and the change id it reflects belong together. Synchronous: the worker thread runs it for a
 * city, a small database inline.
 */
export function loadReachSnapshot(db: Db): ReachSnapshot {
  return db.$client.transaction(() => {
    const changeId = lastChangeId(db);
    // Validity is judged at the epoch, so every offer with status "active" is in: the index holds
    // for any later "now", and the engine itself rules out the expired ones.
    const instance = loadMatchingInstance(db, { needIds: [] }, { now: 0, attributesOnly: true });
    return {
      index: buildReachIndex(instance.offers, instance.neighbourhoods),
      changeId,
      builtAt: Date.now(),
    };
  })();
}

function install(db: Db, state: ReachState, snapshot: ReachSnapshot): void {
  state.snapshot = snapshot;
  state.seenChangeId = snapshot.changeId;
  state.changed = new Set();
  state.problem = null;
  if (!db.$client.readonly) {
    db.$client.prepare("DELETE FROM matching_changes WHERE created_at < ?").run(Date.now() - KEEP_CHANGES_MS);
  }
}

/** Reads the change rows after the last one seen. */
function catchUp(db: Db, state: ReachState): void {
  const last = lastChangeId(db);
  if (last === state.seenChangeId) return;
  if (last < state.seenChangeId) {
    // The log was reset (a wiped and re-seeded database): nothing the index knows can be trusted.
    state.changed = null;
    state.seenChangeId = last;
    return;
  }
  const rows = db.$client
    .prepare("SELECT id, offer_id AS offerId FROM matching_changes WHERE id > ? AND id <= ? ORDER BY id")
    .all(state.seenChangeId, last) as { id: number; offerId: number | null }[];
  for (const row of rows) {
    if (row.offerId === null) state.changed = null;
    else state.changed?.add(row.offerId);
  }
  state.seenChangeId = last;
}

function startBuild(db: Db, state: ReachState): void {
  if (state.building || Date.now() - state.failedAt < RETRY_AFTER_MS) return;
  const path = db.$client.name;
  const activeOffers = db.$client
    .prepare("SELECT count(*) FROM offers WHERE status = 'active'")
    .pluck()
    .get() as number;
  if (db.$client.memory || !path || activeOffers <= INLINE_BUILD_MAX_OFFERS) {
    install(db, state, loadReachSnapshot(db));
    return;
  }
  state.building = runInMatchingWorker<ReachSnapshot>(
    { kind: "reach", databasePath: resolve(path) },
    BUILD_TIMEOUT_MS,
    "Building the matching reach index",
  )
    .then(
      (snapshot) => {
        if (db.$client.open) install(db, state, snapshot);
      },
      (error: unknown) => {
        // A graceful stop ended the build: nothing went wrong.
        if (error instanceof WorkerStoppedError) return;
        state.failedAt = Date.now();
        state.problem = error instanceof Error ? error.message : String(error);
        logger().error(
          errorFields(error),
          "the matching reach index could not be built; suggestions load whole categories",
        );
      },
    )
    .finally(() => {
      state.building = null;
    });
}

/**
 * The ids of the offers that can be candidates of `need` at `now`: those the index finds, plus every
 * offer changed since it was built. Null when no current index is ready (one is then being built):
 * the caller loads the need's whole category instead.
 */
export function candidateOfferIds(db: Db, need: MatchNeed, now: number): number[] | null {
  const state = stateOf(db);
  if (state.snapshot && state.changed) catchUp(db, state);
  if (!state.snapshot || !state.changed) {
    startBuild(db, state);
    if (!state.snapshot || !state.changed) return null;
  } else if (
    state.changed.size > REBUILD_AFTER_CHANGES ||
    Date.now() - state.snapshot.builtAt > REBUILD_AFTER_MS
  ) {
    startBuild(db, state);
  }
  const ids = reachableOfferIds(state.snapshot.index, need, now);
  if (ids === null) return null;
  if (state.changed.size === 0) return ids;
  return [...new Set([...ids, ...state.changed])];
}

/**
 * Builds the index now if there is none (waiting for the worker where it is used): for a server
 * that starts, and for benchmarks that measure a warm server.
 */
export async function prepareCandidateReach(db: Db): Promise<void> {
  const state = stateOf(db);
  if (state.snapshot && state.changed) catchUp(db, state);
  if (!state.snapshot || !state.changed) startBuild(db, state);
  await state.building;
}

/** Whether lookups are answered from an index (tests, /metrics and the administrator's system page). */
export function candidateReachStatus(db: Db): ReachStatus {
  const state = stateOf(db);
  return {
    ready: state.snapshot !== null && state.changed !== null,
    building: state.building !== null,
    changedOffers: state.changed?.size ?? 0,
    offers: state.snapshot?.index.offerCount ?? 0,
    builtAt: state.snapshot?.builtAt ?? null,
    failedAt: state.failedAt || null,
    problem: state.problem,
  };
}

export interface ReachStatus {
  /** Lookups are answered from the index (else from the need's whole category). */
  ready: boolean;
  /** A build runs in the worker thread now. */
  building: boolean;
  /** Offers changed since the index was built (they join every answer until the next build). */
  changedOffers: number;
  /** Offers in the index. */
  offers: number;
  builtAt: number | null;
  /** When the last build failed, and why (null once an index was installed since). */
  failedAt: number | null;
  problem: string | null;
}
