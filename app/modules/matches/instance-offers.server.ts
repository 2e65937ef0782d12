/**
 * The matching engine's input, part two: the selected offers with their owners' homes, certificates and
 * current load (one statement with joins), the offers' own languages, places and times, and the
 * volunteer's profile where an offer names none; and the engine's view of one offer built from them.
 * Composed by matching-instance.server.ts.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@db/client";
import {
  geocodeCache,
  matches,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
  organisationNeighbourhoods,
  organisationPlaces,
  users,
  volunteerAvailability,
  volunteerLanguages,
  volunteerNeighbourhoods,
  volunteerProfiles,
} from "@db/schema";
import { LIVE_MATCH_STATUSES } from "@db/schema/enums";
import type { MatchOffer } from "~/modules/matching";
import { locate, type NeighbourhoodArea } from "~/modules/outside/geo-gate";
import type { OwnerRecord } from "./instance-history.server";
import { groupBy, selectedOfferIds, toSlots, type OfferSelection } from "./instance-scope.server";

/**
 * The selected offers in id order, each with its load (live matches), the volunteer's profile and home
 * point, or the organisation's first neighbourhood and first place. Grouped once for a whole city; for a
 * need's candidates only theirs, through the indexes.
 */
export function loadOfferRows(db: DbOrTx, selection: OfferSelection) {
  const offerWhere = selection.where;
  // Grouped once for a whole city; for a need's candidates only theirs, through the indexes.
  const load = db
    .select({ offerId: matches.offerId, count: sql<number>`count(*)`.as("load_count") })
    .from(matches)
    .where(
      and(
        inArray(matches.status, [...LIVE_MATCH_STATUSES]),
        selection.narrow ? inArray(matches.offerId, selectedOfferIds(db, selection)) : undefined,
      ),
    )
    .groupBy(matches.offerId)
    .as("load");
  const orgHome = db
    .select({
      organisationId: organisationNeighbourhoods.organisationId,
      neighbourhoodId: sql<number>`min(${organisationNeighbourhoods.neighbourhoodId})`.as("home_nb"),
    })
    .from(organisationNeighbourhoods)
    .where(
      selection.narrow
        ? inArray(
            organisationNeighbourhoods.organisationId,
            db.select({ id: offers.organisationId }).from(offers).where(offerWhere),
          )
        : undefined,
    )
    .groupBy(organisationNeighbourhoods.organisationId)
    .as("org_home");
  const orgPlace = db
    .select({
      organisationId: organisationPlaces.organisationId,
      placeId: sql<number>`min(${organisationPlaces.id})`.as("first_place_id"),
    })
    .from(organisationPlaces)
    .where(
      selection.narrow
        ? inArray(
            organisationPlaces.organisationId,
            db.select({ id: offers.organisationId }).from(offers).where(offerWhere),
          )
        : undefined,
    )
    .groupBy(organisationPlaces.organisationId)
    .as("org_place");
  const firstPlace = alias(organisationPlaces, "first_place");
  // The geocoder's answers for the volunteer's home and the organisation's first place ("found" only).
  const homePoint = alias(geocodeCache, "home_point");
  const placePoint = alias(geocodeCache, "place_point");
  return db
    .select({
      id: offers.id,
      volunteerId: offers.volunteerId,
      organisationId: offers.organisationId,
      categoryId: offers.categoryId,
      capacity: offers.capacity,
      radiusKm: offers.radiusKm,
      validUntil: offers.validUntil,
      status: offers.status,
      load: sql<number>`coalesce(${load.count}, 0)`,
      homeNeighbourhoodId: volunteerProfiles.homeNeighbourhoodId,
      profileRadiusKm: volunteerProfiles.radiusKm,
      hoursCapPerWeek: volunteerProfiles.hoursCapPerWeek,
      certificateValidUntil: volunteerProfiles.certificateValidUntil,
      certificateVerifiedAt: volunteerProfiles.certificateVerifiedAt,
      gender: users.gender,
      orgHomeNeighbourhoodId: orgHome.neighbourhoodId,
      placeNeighbourhoodId: firstPlace.neighbourhoodId,
      homeLat: homePoint.lat,
      homeLon: homePoint.lon,
      placeLat: placePoint.lat,
      placeLon: placePoint.lon,
    })
    .from(offers)
    .leftJoin(load, eq(load.offerId, offers.id))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, offers.volunteerId))
    .leftJoin(users, eq(users.id, offers.volunteerId))
    .leftJoin(orgHome, eq(orgHome.organisationId, offers.organisationId))
    .leftJoin(
      homePoint,
      and(eq(homePoint.key, volunteerProfiles.homeGeocodeKey), eq(homePoint.status, "found")),
    )
    .leftJoin(orgPlace, eq(orgPlace.organisationId, offers.organisationId))
    .leftJoin(firstPlace, eq(firstPlace.id, orgPlace.placeId))
    .leftJoin(placePoint, and(eq(placePoint.key, firstPlace.geocodeKey), eq(placePoint.status, "found")))
    .where(offerWhere)
    .orderBy(offers.id)
    .all();
}

export type OfferRow = ReturnType<typeof loadOfferRows>[number];

/** The offers' own languages, neighbourhoods and weekly times (three statements). */
export function loadOwnAttributes(db: DbOrTx, selection: OfferSelection) {
  const offerIds = selectedOfferIds(db, selection);
  const languagesByOffer = groupBy(
    db
      .select({ offerId: offerLanguages.offerId, language: offerLanguages.language })
      .from(offerLanguages)
      .where(inArray(offerLanguages.offerId, offerIds))
      .orderBy(offerLanguages.offerId, offerLanguages.language)
      .all(),
    (row) => row.offerId,
  );
  const neighbourhoodsByOffer = groupBy(
    db
      .select({ offerId: offerNeighbourhoods.offerId, neighbourhoodId: offerNeighbourhoods.neighbourhoodId })
      .from(offerNeighbourhoods)
      .where(inArray(offerNeighbourhoods.offerId, offerIds))
      .all(),
    (row) => row.offerId,
  );
  const availabilityByOffer = groupBy(
    db
      .select({
        offerId: offerAvailability.offerId,
        weekday: offerAvailability.weekday,
        startMinute: offerAvailability.startMinute,
        endMinute: offerAvailability.endMinute,
      })
      .from(offerAvailability)
      .where(inArray(offerAvailability.offerId, offerIds))
      .all(),
    (row) => row.offerId,
  );
  return { languagesByOffer, neighbourhoodsByOffer, availabilityByOffer };
}

/**
 * The volunteer's profile stands in where an offer names no languages, places or times of its own: only
 * the profiles of volunteers whose offers leave one of them out are read (three statements).
 */
export function loadProfileFallbacks(db: DbOrTx, selection: OfferSelection) {
  const offerWhere = selection.where;
  // Volunteers whose offers leave languages, places or times to the profile: only theirs are read.
  const volunteersFallingBackTo = (
    table: typeof offerLanguages | typeof offerNeighbourhoods | typeof offerAvailability,
  ) =>
    db
      .select({ id: offers.volunteerId })
      .from(offers)
      .where(
        and(
          offerWhere,
          isNotNull(offers.volunteerId),
          sql`not exists (select 1 from ${table} where ${table.offerId} = ${offers.id})`,
        ),
      );
  const languagesByVolunteer = groupBy(
    db
      .select({ userId: volunteerLanguages.userId, language: volunteerLanguages.language })
      .from(volunteerLanguages)
      .where(inArray(volunteerLanguages.userId, volunteersFallingBackTo(offerLanguages)))
      .orderBy(volunteerLanguages.userId, volunteerLanguages.language)
      .all(),
    (row) => row.userId,
  );
  const neighbourhoodsByVolunteer = groupBy(
    db
      .select({
        userId: volunteerNeighbourhoods.userId,
        neighbourhoodId: volunteerNeighbourhoods.neighbourhoodId,
      })
      .from(volunteerNeighbourhoods)
      .where(inArray(volunteerNeighbourhoods.userId, volunteersFallingBackTo(offerNeighbourhoods)))
      .all(),
    (row) => row.userId,
  );
  const availabilityByVolunteer = groupBy(
    db
      .select({
        userId: volunteerAvailability.userId,
        weekday: volunteerAvailability.weekday,
        startMinute: volunteerAvailability.startMinute,
        endMinute: volunteerAvailability.endMinute,
      })
      .from(volunteerAvailability)
      .where(inArray(volunteerAvailability.userId, volunteersFallingBackTo(offerAvailability)))
      .all(),
    (row) => row.userId,
  );
  return { languagesByVolunteer, neighbourhoodsByVolunteer, availabilityByVolunteer };
}

export interface OfferContext {
  today: string;
  area: ReadonlyMap<number, NeighbourhoodArea>;
  attributes: ReturnType<typeof loadOwnAttributes>;
  profile: ReturnType<typeof loadProfileFallbacks>;
  record: OwnerRecord;
  ownerLoad: ReadonlyMap<string, { activeMatches: number; capacity: number }>;
}

/** The engine's view of one offer: its own languages, places and times, else its volunteer's profile's. */
export function toMatchOffer(row: OfferRow, ctx: OfferContext): MatchOffer {
  const { today, area, ownerLoad } = ctx;
  const { languagesByOffer, neighbourhoodsByOffer, availabilityByOffer } = ctx.attributes;
  const { languagesByVolunteer, neighbourhoodsByVolunteer, availabilityByVolunteer } = ctx.profile;
  const { completed, hours, history } = ctx.record;
  const volunteer = row.volunteerId;
  const owner = volunteer ?? `org:${row.organisationId}`;
  const own = {
    languages: (languagesByOffer.get(row.id) ?? []).map((l) => l.language as string),
    neighbourhoods: (neighbourhoodsByOffer.get(row.id) ?? []).map((n) => n.neighbourhoodId),
    slots: toSlots(availabilityByOffer.get(row.id)),
  };
  const homeId = volunteer
    ? row.homeNeighbourhoodId
    : (row.placeNeighbourhoodId ?? row.orgHomeNeighbourhoodId);
  const homeArea = homeId === null ? undefined : area.get(homeId);
  const [lat, lon] = volunteer ? [row.homeLat, row.homeLon] : [row.placeLat, row.placeLon];
  const home = homeArea ? locate(homeArea, lat !== null && lon !== null ? { lat, lon } : null) : undefined;
  const record = history.get(owner);
  const sums = {
    accepted: record?.accepted ?? 0,
    declined: record?.declined ?? 0,
    noResponse: record?.noResponse ?? 0,
  };
  return {
    id: row.id,
    kind: volunteer ? "volunteer" : "organisation",
    ownerId: owner,
    categoryId: row.categoryId,
    languages:
      own.languages.length > 0 || !volunteer
        ? own.languages
        : (languagesByVolunteer.get(volunteer) ?? []).map((l) => l.language as string),
    neighbourhoodIds:
      own.neighbourhoods.length > 0 || !volunteer
        ? own.neighbourhoods
        : [
            ...(row.homeNeighbourhoodId === null ? [] : [row.homeNeighbourhoodId]),
            ...(neighbourhoodsByVolunteer.get(volunteer) ?? []).map((n) => n.neighbourhoodId),
          ],
    home: home ? { lat: home.lat, lon: home.lon } : null,
    radiusKm: row.radiusKm > 0 || !volunteer ? row.radiusKm : (row.profileRadiusKm ?? 0),
    availability:
      own.slots.length > 0 || !volunteer ? own.slots : toSlots(availabilityByVolunteer.get(volunteer)),
    active: row.status === "active" && (row.validUntil === null || row.validUntil >= today),
    capacity: row.capacity,
    activeMatches: row.load,
    ownerLoad: ownerLoad.get(owner) ?? { activeMatches: row.load, capacity: row.capacity },
    validUntil: row.validUntil,
    // The CHECK on volunteer_profiles ties a date to a verification; test both anyway.
    certificateValidUntil: row.certificateVerifiedAt ? row.certificateValidUntil : null,
    gender: volunteer ? (row.gender ?? null) : null,
    hoursCapPerWeek: volunteer ? (row.hoursCapPerWeek ?? null) : null,
    experienceInCategory: {
      completedMatches: completed.get(`${owner}|${row.categoryId}`) ?? 0,
      hours: volunteer ? (hours.get(`${volunteer}|${row.categoryId}`) ?? 0) : 0,
    },
    acceptanceHistory: sums,
  };
}
