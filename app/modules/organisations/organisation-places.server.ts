/**
 * An organisation's places (club house, sports hall): name and address in a neighbourhood. Saving a
 * place only stores it; the scheduler has the geocoder turn the address into a point within about a
 * minute. Activities may name one as their place; the organisation's offers are measured from its
 * first place (else its first neighbourhood's centroid).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { geocodeCache, neighbourhoods, organisationPlaces } from "@db/schema";
import { pruneGeocodeCache, type AddressStatus } from "~/modules/outside/geocode-cache.server";
import { geocodeKey } from "~/modules/outside/geocoder.server";
import type { FieldErrors } from "~/utils/form-validation";
import type { OrganisationPlaceValues } from "./organisation.schema";

/** Enough for the largest club; a cap keeps the geocoder's queue and the activity form small. */
export const MAX_PLACES = 30;

export interface OrganisationPlace {
  id: number;
  name: string;
  street: string;
  postcode: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  status: AddressStatus;
}

export function listOrganisationPlaces(db: Db, organisationId: number): OrganisationPlace[] {
  return db
    .select({
      id: organisationPlaces.id,
      name: organisationPlaces.name,
      street: organisationPlaces.street,
      postcode: organisationPlaces.postcode,
      neighbourhoodId: organisationPlaces.neighbourhoodId,
      neighbourhoodName: neighbourhoods.name,
      status: sql<AddressStatus>`coalesce(${geocodeCache.status}, 'pending')`,
    })
    .from(organisationPlaces)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, organisationPlaces.neighbourhoodId))
    .leftJoin(geocodeCache, eq(geocodeCache.key, organisationPlaces.geocodeKey))
    .where(eq(organisationPlaces.organisationId, organisationId))
    .orderBy(asc(organisationPlaces.id))
    .all();
}

export function addOrganisationPlace(
  db: Db,
  organisationId: number,
  values: OrganisationPlaceValues,
): { ok: true; id: number } | { ok: false; errors: FieldErrors } {
  return db.transaction(
    (tx) => {
      const neighbourhood = tx
        .select({ id: neighbourhoods.id, municipality: neighbourhoods.municipality })
        .from(neighbourhoods)
        .where(eq(neighbourhoods.id, Number(values.neighbourhoodId)))
        .get();
      if (!neighbourhood)
        return { ok: false as const, errors: { neighbourhoodId: "organisations:errors.choose" } };
      const count =
        tx
          .select({ n: sql<number>`count(*)` })
          .from(organisationPlaces)
          .where(eq(organisationPlaces.organisationId, organisationId))
          .get()?.n ?? 0;
      if (count >= MAX_PLACES)
        return { ok: false as const, errors: { form: "organisations:places.errors.tooMany" } };
      const place = tx
        .insert(organisationPlaces)
        .values({
          organisationId,
          name: values.name,
          street: values.street,
          postcode: values.postcode,
          neighbourhoodId: neighbourhood.id,
          geocodeKey: geocodeKey({
            precision: "street",
            street: values.street,
            postcode: values.postcode,
            municipality: neighbourhood.municipality,
            neighbourhoodId: neighbourhood.id,
          }),
        })
        .returning({ id: organisationPlaces.id })
        .get();
      return { ok: true as const, id: place.id };
    },
    { behavior: "immediate" },
  );
}

/** Removes a place of this organisation (ownership in the where); activities naming it keep their label. */
export function removeOrganisationPlace(db: Db, organisationId: number, placeId: number): boolean {
  return db.transaction((tx) => {
    const removed = tx
      .delete(organisationPlaces)
      .where(and(eq(organisationPlaces.id, placeId), eq(organisationPlaces.organisationId, organisationId)))
      .run().changes;
    if (removed > 0) pruneGeocodeCache(tx);
    return removed > 0;
  });
}
