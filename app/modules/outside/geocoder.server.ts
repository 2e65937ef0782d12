/**
 * Addresses to points through a Nominatim-compatible search API (GEOCODER_URL). Only two kinds of
 * address are ever sent: an organisation's place, and a volunteer's home at the precision they chose
 * (postcode, or street and postcode) — each once, then cached. Needs have no address, so nothing about
 * a newcomer can be sent. Called only from the scheduler (app/modules/scheduler/geocoding.server.ts),
 * never while a page waits; at most one request per second (Nominatim's usage policy), shared by every
 * process of the installation.
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@db/client";
import type { HomePrecision } from "@db/schema/enums";
import { outsideConfig } from "./outside-config.server";
import { callOutside, type ReadResult } from "./outside-http.server";
import { reserveRequestSlot, type ServiceFailure } from "./service-state.server";

/** Nominatim's usage policy: an absolute maximum of one request per second. */
export const GEOCODER_SPACING_MS = 1_000;

export interface AddressQuery {
  precision: Exclude<HomePrecision, "neighbourhood">;
  /** Null for postcode precision. */
  street: string | null;
  postcode: string;
  municipality: string;
  /** The neighbourhood the address is said to be in: an answer outside it is not believed. */
  neighbourhoodId: number;
}

/** The cache key of an address: the same address (and neighbourhood) is looked up once. */
export function geocodeKey(q: AddressQuery): string {
  const parts = [
    q.precision,
    q.precision === "street" ? (q.street ?? "").replace(/\s+/g, " ").trim().toLowerCase() : "",
    q.postcode.trim(),
    q.municipality.trim().toLowerCase(),
    String(q.neighbourhoodId),
  ];
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

export type GeocodeAnswer =
  | { kind: "found"; lat: number; lon: number }
  | { kind: "not_found" }
  | { kind: "paused"; until: number }
  | { kind: "failed"; failure: ServiceFailure };

function readPlaces(json: unknown): ReadResult<{ lat: number; lon: number } | null> {
  if (!Array.isArray(json)) {
    return { ok: false, failure: { kind: "malformed", detail: "answer is not a list of places" } };
  }
  if (json.length === 0) return { ok: true, value: null };
  const first = json[0] as { lat?: unknown; lon?: unknown } | null;
  const lat = Number(first?.lat);
  const lon = Number(first?.lon);
  const valid =
    (typeof first?.lat === "string" || typeof first?.lat === "number") &&
    (typeof first?.lon === "string" || typeof first?.lon === "number") &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180;
  return valid
    ? { ok: true, value: { lat, lon } }
    : { ok: false, failure: { kind: "malformed", detail: "place without coordinates" } };
}

/** The search address for a query: structured, as Nominatim's /search takes it. */
export function searchUrl(base: string, q: AddressQuery): string {
  const params = new URLSearchParams({
    postalcode: q.postcode,
    city: q.municipality,
    countrycodes: "de",
    format: "jsonv2",
    limit: "1",
    addressdetails: "0",
    "accept-language": "de",
  });
  if (q.precision === "street" && q.street) params.set("street", q.street);
  return `${base}/search?${params.toString()}`;
}

/**
 * Looks one address up, waiting for its turn (one request per second across the installation).
 * Never throws; never waits for the service longer than the timeout.
 */
export async function geocodeAddress(
  db: Db,
  query: AddressQuery,
  options: { now?: () => number; timeoutMs?: number } = {},
): Promise<GeocodeAnswer> {
  const base = outsideConfig().geocoderUrl;
  if (!base) return { kind: "failed", failure: { kind: "refused", detail: "GEOCODER_URL is not set" } };
  const now = options.now ?? Date.now;
  const startAt = reserveRequestSlot(db, "geocoder", now(), GEOCODER_SPACING_MS);
  const wait = startAt - now();
  if (wait > 0) await sleep(wait);
  const result = await callOutside({
    db,
    service: "geocoder",
    url: searchUrl(base, query),
    method: "GET",
    read: readPlaces,
    timeoutMs: options.timeoutMs,
    now,
  });
  if (result.ok) return result.value ? { kind: "found", ...result.value } : { kind: "not_found" };
  if ("paused" in result) return { kind: "paused", until: result.until };
  return { kind: "failed", failure: result.failure };
}
