/**
 * Reading the geocoder's cached answers (pages never ask the geocoder; app/modules/scheduler/
 * geocoding.server.ts fills the cache) and forgetting answers nobody needs.
 */
import { eq, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { geocodeCache, neighbourhoods, volunteerProfiles } from "@db/schema";
import type { GeocodeStatus, HomePrecision } from "@db/schema/enums";
import { locate, type Located } from "./geo-gate";

/** Deletes cached answers for addresses that no profile or place names (after a change or an erasure). */
export function pruneGeocodeCache(tx: DbOrTx): number {
  return tx.run(sql`delete from geocode_cache where
    not exists (select 1 from volunteer_profiles vp where vp.home_geocode_key = geocode_cache.key)
    and not exists (select 1 from organisation_places op where op.geocode_key = geocode_cache.key)`).changes;
}

/** Where an address stands with the geocoder: not asked yet ("pending"), or its answer. */
export type AddressStatus = "pending" | GeocodeStatus;

export interface HomeLocation {
  precision: HomePrecision;
  street: string | null;
  postcode: string | null;
  /** Null when only the neighbourhood is used. */
  status: AddressStatus | null;
  /** The point distances are measured from, or null without a home neighbourhood. */
  point: Located | null;
}

/** A volunteer's home for distances: their address's believed point, else the neighbourhood centroid. */
export function getHomeLocation(db: Db, userId: string): HomeLocation | null {
  const row = db
    .select({
      precision: volunteerProfiles.homePrecision,
      street: volunteerProfiles.homeStreet,
      postcode: volunteerProfiles.homePostcode,
      key: volunteerProfiles.homeGeocodeKey,
      nbLat: neighbourhoods.lat,
      nbLon: neighbourhoods.lon,
      radiusKm: neighbourhoods.radiusKm,
      status: geocodeCache.status,
      lat: geocodeCache.lat,
      lon: geocodeCache.lon,
    })
    .from(volunteerProfiles)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerProfiles.homeNeighbourhoodId))
    .leftJoin(geocodeCache, eq(geocodeCache.key, volunteerProfiles.homeGeocodeKey))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row) return null;
  const found = row.status === "found" && row.lat !== null && row.lon !== null;
  return {
    precision: row.precision,
    street: row.street,
    postcode: row.postcode,
    status: row.key === null ? null : (row.status ?? "pending"),
    point:
      row.nbLat === null || row.nbLon === null || row.radiusKm === null
        ? null
        : locate(
            { lat: row.nbLat, lon: row.nbLon, radiusKm: row.radiusKm },
            found ? { lat: row.lat!, lon: row.lon! } : null,
          ),
  };
}

export interface AddressCounts {
  /** Named by a profile or place, not asked yet. */
  pending: number;
  found: number;
  notFound: number;
  outside: number;
  /** The lookup failed; tried again later. */
  failed: number;
}

/** Where the addresses that profiles and places name stand with the geocoder (for the admin page). */
export function countAddressStates(db: Db): AddressCounts {
  const row = db.get<AddressCounts>(sql`
    with named as (
      select home_geocode_key as key from volunteer_profiles where home_geocode_key is not null
      union select geocode_key from organisation_places
    )
    select
      coalesce(sum(case when g.key is null then 1 else 0 end), 0) as pending,
      coalesce(sum(case when g.status = 'found' then 1 else 0 end), 0) as found,
      coalesce(sum(case when g.status = 'not_found' then 1 else 0 end), 0) as notFound,
      coalesce(sum(case when g.status = 'outside' then 1 else 0 end), 0) as outside,
      coalesce(sum(case when g.status = 'failed' then 1 else 0 end), 0) as failed
    from named a left join geocode_cache g on g.key = a.key`);
  return row ?? { pending: 0, found: 0, notFound: 0, outside: 0, failed: 0 };
}
