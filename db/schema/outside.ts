import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { oneOf } from "./columns";
import { GEOCODE_STATUS, OUTSIDE_SERVICE } from "./enums";

/**
 * What the geocoder answered for one address, looked up once and shared by everyone with the same
 * address. The key is a SHA-256 of the normalised query (precision, street, postcode, municipality,
 * neighbourhood): the address itself is not stored here, only on the profile or place that names it,
 * and a row nobody names any more is deleted (docs/decisions/086-outside-services.md).
 */
export const geocodeCache = sqliteTable(
  "geocode_cache",
  {
    key: text("key").primaryKey(),
    status: text("status", { enum: GEOCODE_STATUS }).notNull(),
    lat: real("lat"),
    lon: real("lon"),
    /** Failed lookups so far (a found or not-found answer is final). */
    attempts: integer("attempts").notNull().default(0),
    /** A failed lookup is tried again from then on. */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lookedUpAt: integer("looked_up_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
  },
  (t) => [
    index("geocode_cache_retry_idx").on(t.status, t.nextAttemptAt),
    check("geocode_cache_status_check", oneOf("status", GEOCODE_STATUS)),
    check(
      "geocode_cache_point",
      sql`(status in ('found', 'outside')) = (lat is not null and lon is not null)`,
    ),
    check("geocode_cache_lat_range", sql`lat is null or lat between -90 and 90`),
    check("geocode_cache_lon_range", sql`lon is null or lon between -180 and 180`),
  ],
);

/**
 * The state of each outside service as every process sees it: the circuit breaker (consecutive
 * failures, closed again from `open_until`), the next moment a rate-limited request may go out, and
 * what the admin page shows (last success, last failure and why).
 */
export const outsideServices = sqliteTable(
  "outside_services",
  {
    name: text("name", { enum: OUTSIDE_SERVICE }).primaryKey(),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** While in the future, nobody calls the service. */
    openUntil: integer("open_until", { mode: "timestamp_ms" }),
    /** The earliest moment the next request may start (Nominatim: one per second). */
    nextRequestAt: integer("next_request_at", { mode: "timestamp_ms" }),
    lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
    lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    calls: integer("calls").notNull().default(0),
    failures: integer("failures").notNull().default(0),
  },
  () => [
    check("outside_services_name_check", oneOf("name", OUTSIDE_SERVICE)),
    check("outside_services_counts", sql`consecutive_failures >= 0 and calls >= 0 and failures >= 0`),
  ],
);
