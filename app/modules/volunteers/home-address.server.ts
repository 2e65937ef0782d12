/**
 * A volunteer's home address for distances, at the precision they chose. Saving it only stores it
 * (with the key of the geocoder's cache); the scheduler asks the geocoder within about a minute, and
 * until an answer is there — or when there is none — distances are measured from the neighbourhood's
 * centroid and pages say "ungefähr". Nothing here calls the network.
 */
import { eq } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { neighbourhoods, volunteerProfiles } from "@db/schema";
import { pruneGeocodeCache } from "~/modules/outside/geocode-cache.server";
import { geocodeKey } from "~/modules/outside/geocoder.server";
import type { FieldErrors } from "~/utils/form-validation";
import type { HomeAddressInput } from "./home-address.schema";

/** The profile's address columns for `input` in the home neighbourhood `neighbourhoodId`. */
function addressColumns(
  input: HomeAddressInput,
  neighbourhood: { id: number; municipality: string } | null,
): {
  homePrecision: HomeAddressInput["precision"];
  homeStreet: string | null;
  homePostcode: string | null;
  homeGeocodeKey: string | null;
} {
  if (input.precision === "neighbourhood" || input.postcode === null || !neighbourhood) {
    return { homePrecision: "neighbourhood", homeStreet: null, homePostcode: null, homeGeocodeKey: null };
  }
  return {
    homePrecision: input.precision,
    homeStreet: input.street,
    homePostcode: input.postcode,
    homeGeocodeKey: geocodeKey({
      precision: input.precision,
      street: input.street,
      postcode: input.postcode,
      municipality: neighbourhood.municipality,
      neighbourhoodId: neighbourhood.id,
    }),
  };
}

function homeNeighbourhoodOf(tx: DbOrTx, userId: string) {
  return tx
    .select({ id: neighbourhoods.id, municipality: neighbourhoods.municipality })
    .from(volunteerProfiles)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, volunteerProfiles.homeNeighbourhoodId))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
}

export function saveHomeAddress(
  db: Db,
  userId: string,
  input: HomeAddressInput,
): { ok: true } | { ok: false; errors: FieldErrors } {
  return db.transaction(
    (tx) => {
      const neighbourhood = homeNeighbourhoodOf(tx, userId) ?? null;
      if (!neighbourhood && input.precision !== "neighbourhood")
        return { ok: false as const, errors: { homePrecision: "volunteer:errors.homeNeighbourhoodFirst" } };
      const changed = tx
        .update(volunteerProfiles)
        .set(addressColumns(input, neighbourhood))
        .where(eq(volunteerProfiles.userId, userId))
        .run().changes;
      if (changed === 0) return { ok: false as const, errors: { form: "volunteer:errors.noProfile" } };
      pruneGeocodeCache(tx);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * After the home neighbourhood changed: the address is judged against the new neighbourhood (a new
 * cache key, looked up again), or dropped when there is no home neighbourhood any more.
 */
export function rekeyHomeAddress(tx: DbOrTx, userId: string): void {
  const row = tx
    .select({
      precision: volunteerProfiles.homePrecision,
      street: volunteerProfiles.homeStreet,
      postcode: volunteerProfiles.homePostcode,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row || row.precision === "neighbourhood") return;
  const neighbourhood = homeNeighbourhoodOf(tx, userId) ?? null;
  tx.update(volunteerProfiles)
    .set(
      addressColumns({ precision: row.precision, street: row.street, postcode: row.postcode }, neighbourhood),
    )
    .where(eq(volunteerProfiles.userId, userId))
    .run();
  pruneGeocodeCache(tx);
}
