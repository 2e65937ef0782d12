/**
 * Geocoding in the persisted scheduler (docs/decisions/086-outside-services.md): a periodic job finds
 * addresses without an answer (volunteers' homes at the precision they chose, organisations' places),
 * asks the geocoder for a few of them — one per second, each within the timeout, stopping while the
 * breaker is open — and commits the answers to `geocode_cache` with the job. A failed lookup is tried
 * again with backoff (a search is safe to repeat); "found", "not found" and "outside its neighbourhood"
 * are final until the address changes. Pages only read the cache: no page ever waits for the geocoder.
 */
import { sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { geocodeCache } from "@db/schema";
import type { GeocodeStatus } from "@db/schema/enums";
import { liesWithin, type NeighbourhoodArea } from "~/modules/outside/geo-gate";
import { pruneGeocodeCache } from "~/modules/outside/geocode-cache.server";
import { geocodeAddress, type AddressQuery, type GeocodeAnswer } from "~/modules/outside/geocoder.server";
import type { AsyncJobHandler } from "./scheduler.server";

export const GEOCODE_ADDRESSES_JOB = "geocode_addresses";
/** Addresses per run: at one request per second and a 2 s timeout, a run stays well inside its lease. */
export const GEOCODE_BATCH = 10;
const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 24 * 60 * 60_000;

export function geocodeRetryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export interface PendingAddress {
  key: string;
  query: AddressQuery;
  area: NeighbourhoodArea;
  attempts: number;
}

/** Addresses someone names that have no answer yet, or whose failed lookup is due again. */
export function pendingAddresses(db: DbOrTx, now: number, limit = GEOCODE_BATCH): PendingAddress[] {
  const rows = db.all<{
    key: string;
    precision: "postcode" | "street";
    street: string | null;
    postcode: string;
    neighbourhoodId: number;
    municipality: string;
    lat: number;
    lon: number;
    radiusKm: number;
    attempts: number | null;
  }>(sql`
    with named as (
      select vp.home_geocode_key as key, vp.home_precision as precision, vp.home_street as street,
        vp.home_postcode as postcode, vp.home_neighbourhood_id as nb
      from volunteer_profiles vp
      where vp.home_geocode_key is not null and vp.home_neighbourhood_id is not null
      union all
      select op.geocode_key, 'street', op.street, op.postcode, op.neighbourhood_id
      from organisation_places op
    )
    select a.key as key, min(a.precision) as precision, min(a.street) as street, min(a.postcode) as postcode,
      min(a.nb) as neighbourhoodId, n.municipality as municipality, n.lat as lat, n.lon as lon,
      n.radius_km as radiusKm, g.attempts as attempts
    from named a
    join neighbourhoods n on n.id = a.nb
    left join geocode_cache g on g.key = a.key
    where g.key is null or (g.status = 'failed' and g.next_attempt_at <= ${now})
    group by a.key
    order by g.key is not null, a.key
    limit ${limit}`);
  return rows.map((r) => ({
    key: r.key,
    query: {
      precision: r.precision,
      street: r.precision === "street" ? r.street : null,
      postcode: r.postcode,
      municipality: r.municipality,
      neighbourhoodId: r.neighbourhoodId,
    },
    area: { lat: r.lat, lon: r.lon, radiusKm: r.radiusKm },
    attempts: r.attempts ?? 0,
  }));
}

export interface GeocodeResult {
  pending: PendingAddress;
  answer: GeocodeAnswer;
}

/** Asks the geocoder for each pending address in turn; stops when the breaker opens. */
export async function lookUpPending(
  db: Db,
  now: () => number,
  limit = GEOCODE_BATCH,
): Promise<GeocodeResult[]> {
  const results: GeocodeResult[] = [];
  for (const pending of pendingAddresses(db, now(), limit)) {
    const answer = await geocodeAddress(db, pending.query, { now });
    if (answer.kind === "paused") break;
    results.push({ pending, answer });
  }
  return results;
}

/** Writes the answers to the cache, and forgets the answers for addresses nobody names any more. */
export function storeAnswers(tx: DbOrTx, results: readonly GeocodeResult[], now: number): void {
  for (const { pending, answer } of results) {
    if (answer.kind === "paused") continue;
    let row: {
      status: GeocodeStatus;
      lat: number | null;
      lon: number | null;
      attempts: number;
      nextAttemptAt: Date | null;
      lastError: string | null;
    };
    if (answer.kind === "found") {
      const inside = liesWithin(pending.area, answer);
      row = {
        status: inside ? "found" : "outside",
        lat: answer.lat,
        lon: answer.lon,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
      };
    } else if (answer.kind === "not_found") {
      row = { status: "not_found", lat: null, lon: null, attempts: 0, nextAttemptAt: null, lastError: null };
    } else {
      const attempts = pending.attempts + 1;
      row = {
        status: "failed",
        lat: null,
        lon: null,
        attempts,
        nextAttemptAt: new Date(now + geocodeRetryDelayMs(attempts)),
        lastError: `${answer.failure.kind}: ${answer.failure.detail}`.slice(0, 300),
      };
    }
    tx.insert(geocodeCache)
      .values({ key: pending.key, lookedUpAt: new Date(now), ...row })
      .onConflictDoUpdate({
        target: geocodeCache.key,
        set: { lookedUpAt: new Date(now), ...row },
        // Another worker's final answer is not overwritten by this one's failure.
        setWhere: sql`${geocodeCache.status} = 'failed'`,
      })
      .run();
  }
  pruneGeocodeCache(tx);
}

/** The lookups go out first; their answers commit with the job (an asynchronous job, ADR 070). */
export const geocodeAddressesJob: AsyncJobHandler = async ({ db, now }) => {
  const results = await lookUpPending(db, Date.now);
  return (tx) => storeAnswers(tx, results, now);
};
