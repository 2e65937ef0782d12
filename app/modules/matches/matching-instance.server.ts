import {
  sqlValueList,
  EVER_ACCEPTED_MATCH_STATUSES,
  LIVE_MATCH_STATUSES,
  OPEN_NEED_STATUSES,
  PLACE_TAKING_MATCH_STATUSES,
} from "@db/schema/enums";
import { and, eq, gte, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@db/client";
import {
  appSettings,
  geocodeCache,
  hoursLog,
  matches,
  needLanguages,
  needs,
  needSlots,
  neighbourhoods,
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
import {
  berlinWallClock,
  DEFAULT_WEIGHTS,
  type MatchingInstance,
  type MatchNeed,
  type MatchOffer,
  type WeeklySlot,
} from "~/modules/matching";
import { locate, type NeighbourhoodArea } from "~/modules/outside/geo-gate";

/** Matches that hold a place, as an SQL list for the hand-written queries below. */
const LIVE_MATCHES = sql.raw(sqlValueList(LIVE_MATCH_STATUSES));

/** Which needs (and offers) a run looks at. Offers are never limited by neighbourhood: helpers travel. */
export interface MatchingScope {
  /** Only needs in these neighbourhoods (a coordinator's scope). */
  neighbourhoodIds?: readonly number[];
  /** Only these needs (one need's page). */
  needIds?: readonly number[];
  /** Only offers of these categories (a need's page needs just its category). */
  offerCategoryIds?: readonly number[];
  /**
   * Only these offers, if they are active: one need's candidate set from the reach index (see
   * candidate-reach.server.ts). Any order, duplicates allowed.
   */
  offerIds?: readonly number[];
  /** Offers to load whatever their status or category: the one a coordinator asks "why not?" about. */
  includeOfferIds?: readonly number[];
}

export interface LoadOptions {
  /** "Now" in epoch ms (default Date.now()): validity, certificates and past appointments are judged on it. */
  now?: number;
  /**
   * The offers' own attributes only (the reach index's input): load, experience, acceptance history,
   * the owners' totals and the pairs are left empty, which saves most of the work for a whole city.
   */
  attributesOnly?: boolean;
}

/** Who stands behind an offer: the volunteer's user id, or `org:<id>` (MatchOffer.ownerId). */
const OWNER_KEY = sql<string>`coalesce(${offers.volunteerId}, 'org:' || ${offers.organisationId})`;
/** A proposal without an answer for this long counts as "no response" in the acceptance history. */
const NO_RESPONSE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

function groupBy<K, V>(rows: readonly V[], key: (row: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const toSlots = (
  rows: readonly { weekday: number; startMinute: number; endMinute: number }[] | undefined,
): WeeklySlot[] =>
  (rows ?? []).map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute }));

/** Owner key shared by experience and acceptance history: a volunteer's user id, or `org:<id>`. */
const ownerKeySql = sql<string>`coalesce(${offers.volunteerId}, 'org:' || ${offers.organisationId})`;

/** Open needs that have not ended, in the scope's neighbourhoods and ids. */
function openNeedWhere(scope: MatchingScope, now: number): SQL {
  const needFilters: SQL[] = [
    inArray(needs.status, [...OPEN_NEED_STATUSES]),
    gte(needs.endsAt, new Date(now)),
  ];
  if (scope.neighbourhoodIds) needFilters.push(inArray(needs.neighbourhoodId, [...scope.neighbourhoodIds]));
  if (scope.needIds) needFilters.push(inArray(needs.id, [...scope.needIds]));
  return and(...needFilters) as SQL;
}

/** The needs of the scope with their languages, slots and free helper slots (three statements). */
function loadNeeds(
  db: Db,
  scope: MatchingScope,
  needWhere: SQL,
  centroid: ReadonlyMap<number, { lat: number; lon: number }>,
): MatchNeed[] {
  const scopedNeedIds = db.select({ id: needs.id }).from(needs).where(needWhere);

  // Grouped once for a whole city; for a few needs only their matches (through the need_id index).
  const filling = db
    .select({ needId: matches.needId, count: sql<number>`count(*)`.as("filling_count") })
    .from(matches)
    .where(
      and(
        inArray(matches.status, [...PLACE_TAKING_MATCH_STATUSES]),
        scope.needIds ? inArray(matches.needId, scopedNeedIds) : undefined,
      ),
    )
    .groupBy(matches.needId)
    .as("filling");
  const needRows = db
    .select({
      id: needs.id,
      categoryId: needs.categoryId,
      neighbourhoodId: needs.neighbourhoodId,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
      helpersNeeded: needs.helpersNeeded,
      filled: sql<number>`coalesce(${filling.count}, 0)`,
      requiresCertificate: needs.requiresCertificate,
      genderPreference: needs.genderPreference,
    })
    .from(needs)
    .leftJoin(filling, eq(filling.needId, needs.id))
    .where(needWhere)
    .orderBy(needs.id)
    .all();
  const languagesByNeed = groupBy(
    db
      .select({ needId: needLanguages.needId, language: needLanguages.language })
      .from(needLanguages)
      .where(inArray(needLanguages.needId, scopedNeedIds))
      .orderBy(needLanguages.needId, needLanguages.language)
      .all(),
    (row) => row.needId,
  );
  const slotsByNeed = groupBy(
    db
      .select({
        needId: needSlots.needId,
        weekday: needSlots.weekday,
        startMinute: needSlots.startMinute,
        endMinute: needSlots.endMinute,
      })
      .from(needSlots)
      .where(inArray(needSlots.needId, scopedNeedIds))
      .all(),
    (row) => row.needId,
  );

  const matchNeeds: MatchNeed[] = [];
  for (const row of needRows) {
    const place = centroid.get(row.neighbourhoodId);
    if (!place) continue;
    // Zero when pending proposals already cover every slot: still shown with suggestions (as
    // backups), skipped by bulk assignment.
    const helpersNeeded = Math.max(0, row.helpersNeeded - row.filled);
    const startsAt = row.startsAt.getTime();
    const endsAt = row.endsAt.getTime();
    matchNeeds.push({
      id: row.id,
      categoryId: row.categoryId,
      neighbourhoodId: row.neighbourhoodId,
      lat: place.lat,
      lon: place.lon,
      languages: (languagesByNeed.get(row.id) ?? []).map((l) => l.language),
      // DESIGN.md: at least one language must be shared; the schema has no exception (yet).
      requireSharedLanguage: true,
      schedule:
        row.schedule === "recurring"
          ? { kind: "recurring", startsAt, endsAt, slots: toSlots(slotsByNeed.get(row.id)) }
          : { kind: "one_off", startsAt, endsAt },
      helpersNeeded,
      requiresCertificate: row.requiresCertificate,
      genderPreference: row.genderPreference,
    });
  }

  return matchNeeds;
}

/**
 * One open need as the engine sees it (its neighbourhood's centroid, languages, slots, free helper
 * slots), or null when it is not open: four statements, for a need's page.
 */
export function loadOpenNeed(
  db: Db,
  needId: number,
  options: Pick<LoadOptions, "now"> = {},
): MatchNeed | null {
  const scope = { needIds: [needId] };
  const place = db
    .select({ id: neighbourhoods.id, lat: neighbourhoods.lat, lon: neighbourhoods.lon })
    .from(neighbourhoods)
    .where(
      eq(neighbourhoods.id, db.select({ id: needs.neighbourhoodId }).from(needs).where(eq(needs.id, needId))),
    )
    .all();
  const centroid = new Map(place.map((n) => [n.id, n]));
  return loadNeeds(db, scope, openNeedWhere(scope, options.now ?? Date.now()), centroid)[0] ?? null;
}

/**
 * Builds the matching engine's input from the database with a fixed number of queries, whatever the
 * number of needs and offers (one per table, aggregates in SQL): open needs in scope with their
 * languages and slots, active offers with languages, neighbourhoods and availability (falling back
 * to the volunteer's profile where the offer names none), certificates, homes and radii, current
 * load, experience and acceptance history per owner, the admin's weights, and the declined and
 * already matched pairs of the loaded needs.
 *
 * A volunteer offer's radius is its own when set (> 0), otherwise the profile's, measured from the
 * volunteer's home: the geocoded address when the volunteer gave one and the geocoder placed it inside
 * the home neighbourhood, else that neighbourhood's centroid. An organisation offer's radius is measured
 * from the organisation's first place (lowest id) the same way — its geocoded address, else its
 * neighbourhood's centroid — and without places from its first neighbourhood's centroid (lowest id).
 * A believed address lies within its neighbourhood's radius, so a distance from it differs from the
 * centroid estimate by at most that radius (docs/decisions/086-outside-services.md).
 */
export function loadMatchingInstance(
  db: Db,
  scope: MatchingScope = {},
  options: LoadOptions = {},
): MatchingInstance {
  const now = options.now ?? Date.now();
  const today = berlinWallClock(now).date;

  // ---- Neighbourhoods ---------------------------------------------------------------------------
  const areaRows = db
    .select({
      id: neighbourhoods.id,
      lat: neighbourhoods.lat,
      lon: neighbourhoods.lon,
      radiusKm: neighbourhoods.radiusKm,
    })
    .from(neighbourhoods)
    .orderBy(neighbourhoods.id)
    .all();
  const neighbourhoodRows = areaRows.map(({ id, lat, lon }) => ({ id, lat, lon }));
  const centroid = new Map(neighbourhoodRows.map((n) => [n.id, n]));
  const area = new Map<number, NeighbourhoodArea>(areaRows.map((n) => [n.id, n]));

  // ---- Needs ------------------------------------------------------------------------------------
  const needWhere = openNeedWhere(scope, now);
  const scopedNeedIds = db.select({ id: needs.id }).from(needs).where(needWhere);
  const matchNeeds = loadNeeds(db, scope, needWhere, centroid);

  // ---- Offers -----------------------------------------------------------------------------------
  const activeOffer = and(
    eq(offers.status, "active"),
    or(sql`${offers.validUntil} is null`, gte(offers.validUntil, today)),
  );
  const offerFilters: SQL[] = [activeOffer as SQL];
  if (scope.offerIds) {
    // One JSON parameter: the statement's text is the same however many candidates a need has. The
    // unary + keeps SQLite from walking the category's index instead of looking the ids up.
    offerFilters.push(sql`${offers.id} in (select value from json_each(${JSON.stringify(scope.offerIds)}))`);
    if (scope.offerCategoryIds)
      offerFilters.push(
        sql`+${offers.categoryId} in (select value from json_each(${JSON.stringify(scope.offerCategoryIds)}))`,
      );
  } else if (scope.offerCategoryIds) {
    offerFilters.push(inArray(offers.categoryId, [...scope.offerCategoryIds]));
  }
  let offerWhere = and(...offerFilters) as SQL;
  if (scope.includeOfferIds && scope.includeOfferIds.length > 0) {
    offerWhere = or(offerWhere, inArray(offers.id, [...scope.includeOfferIds])) as SQL;
  }
  const scopedOfferIds = db.select({ id: offers.id }).from(offers).where(offerWhere);
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

  // Grouped once for a whole city; for a need's candidates only theirs, through the indexes.
  const narrowOffers = scope.offerIds !== undefined;
  const load = db
    .select({ offerId: matches.offerId, count: sql<number>`count(*)`.as("load_count") })
    .from(matches)
    .where(
      and(
        inArray(matches.status, [...LIVE_MATCH_STATUSES]),
        narrowOffers ? inArray(matches.offerId, scopedOfferIds) : undefined,
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
      narrowOffers
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
      narrowOffers
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
  const offerRows = db
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

  const languagesByOffer = groupBy(
    db
      .select({ offerId: offerLanguages.offerId, language: offerLanguages.language })
      .from(offerLanguages)
      .where(inArray(offerLanguages.offerId, scopedOfferIds))
      .orderBy(offerLanguages.offerId, offerLanguages.language)
      .all(),
    (row) => row.offerId,
  );
  const neighbourhoodsByOffer = groupBy(
    db
      .select({ offerId: offerNeighbourhoods.offerId, neighbourhoodId: offerNeighbourhoods.neighbourhoodId })
      .from(offerNeighbourhoods)
      .where(inArray(offerNeighbourhoods.offerId, scopedOfferIds))
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
      .where(inArray(offerAvailability.offerId, scopedOfferIds))
      .all(),
    (row) => row.offerId,
  );

  // The volunteer's profile stands in where an offer names no languages, places or times of its own.
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

  // ---- Experience and responsiveness, per owner (all of a volunteer's offers count) --------------
  // Aggregated only for the owners of the loaded offers: a need's page reads a few hundred, not all.
  // For a need's candidates, volunteers and organisations apart, so that each side is found through
  // its column's index (the owner key is an expression no index covers); for a city, one pass.
  const ownerInScope = narrowOffers
    ? or(
        inArray(offers.volunteerId, db.select({ id: offers.volunteerId }).from(offers).where(offerWhere)),
        inArray(
          offers.organisationId,
          db.select({ id: offers.organisationId }).from(offers).where(offerWhere),
        ),
      )
    : inArray(ownerKeySql, db.select({ owner: ownerKeySql }).from(offers).where(offerWhere));
  const dynamic = !options.attributesOnly;
  const completedRows = !dynamic
    ? []
    : db
        .select({ owner: ownerKeySql, categoryId: offers.categoryId, count: sql<number>`count(*)` })
        .from(matches)
        .innerJoin(offers, eq(offers.id, matches.offerId))
        .where(and(eq(matches.status, "completed"), ownerInScope))
        .groupBy(ownerKeySql, offers.categoryId)
        .all();
  const completed = new Map(completedRows.map((r) => [`${r.owner}|${r.categoryId}`, r.count]));
  const hoursRows = !dynamic
    ? []
    : db
        .select({
          volunteerId: hoursLog.volunteerId,
          categoryId: hoursLog.categoryId,
          hours: sql<number>`sum(${hoursLog.hours})`,
        })
        .from(hoursLog)
        .where(
          and(
            inArray(
              hoursLog.volunteerId,
              db.select({ id: offers.volunteerId }).from(offers).where(offerWhere),
            ),
            isNotNull(hoursLog.categoryId),
            isNotNull(hoursLog.confirmedAt),
          ),
        )
        .groupBy(hoursLog.volunteerId, hoursLog.categoryId)
        .all();
  const hours = new Map(hoursRows.map((r) => [`${r.volunteerId}|${r.categoryId}`, r.hours]));
  const staleBefore = new Date(now - NO_RESPONSE_AFTER_MS);
  const historyRows = !dynamic
    ? []
    : db
        .select({
          owner: ownerKeySql,
          accepted: sql<number>`sum(case when ${inArray(matches.status, [...EVER_ACCEPTED_MATCH_STATUSES])} then 1 else 0 end)`,
          declined: sql<number>`sum(case when ${matches.status} = 'declined' then 1 else 0 end)`,
          noResponse: sql<number>`sum(case when ${matches.status} = 'proposed' and ${matches.proposedAt} < ${staleBefore.getTime()} then 1 else 0 end)`,
        })
        .from(matches)
        .innerJoin(offers, eq(offers.id, matches.offerId))
        .where(ownerInScope)
        .groupBy(ownerKeySql)
        .all();
  const history = new Map(historyRows.map((r) => [r.owner, r]));

  // ---- Weights and pairs ------------------------------------------------------------------------
  const settings = db.select().from(appSettings).where(eq(appSettings.id, 1)).get();
  const pairRows = !dynamic
    ? []
    : db
        .select({
          needId: matches.needId,
          offerId: matches.offerId,
          status: matches.status,
          owner: OWNER_KEY,
        })
        .from(matches)
        .innerJoin(offers, eq(offers.id, matches.offerId))
        .where(and(inArray(matches.needId, scopedNeedIds), isNotNull(matches.offerId)))
        .all();
  // The person's live matches and the capacity of their active offers, over all their offers. In
  // chunks (a city has tens of thousands of owners, more than SQLite takes as parameters at once), and
  // volunteers and organisations apart, so that each lookup uses its column's index.
  const ownerLoad = new Map<string, { activeMatches: number; capacity: number }>();
  const ownerTotals = {
    owner: OWNER_KEY,
    capacity: sql<number>`sum(case when ${offers.status} = 'active' then ${offers.capacity} else 0 end)`,
    // Spelled out: inside the subquery a bare "id" would be the match's.
    live: sql<number>`sum((select count(*) from matches m where m.offer_id = offers.id
      and m.status in ${LIVE_MATCHES}))`,
  };
  const volunteerOwners = [...new Set(offerRows.flatMap((r) => (r.volunteerId ? [r.volunteerId] : [])))];
  const organisationOwners = [
    ...new Set(offerRows.flatMap((r) => (r.volunteerId ? [] : [r.organisationId!]))),
  ];
  const ownerChunks: SQL[] = [];
  for (let i = 0; i < volunteerOwners.length; i += 500)
    ownerChunks.push(inArray(offers.volunteerId, volunteerOwners.slice(i, i + 500)));
  for (let i = 0; i < organisationOwners.length; i += 500)
    ownerChunks.push(inArray(offers.organisationId, organisationOwners.slice(i, i + 500)));
  for (const where of dynamic ? ownerChunks : []) {
    for (const r of db.select(ownerTotals).from(offers).where(where).groupBy(OWNER_KEY).all()) {
      ownerLoad.set(r.owner, { activeMatches: r.live, capacity: r.capacity });
    }
  }

  // ---- Assemble -----------------------------------------------------------------------------------
  const matchOffers: MatchOffer[] = offerRows.map((row) => {
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
  });

  // A decline or a live match is the person's, not one offer's: it covers every offer of theirs, so the
  // same person is not suggested again for the need through another offer.
  const offersByOwner = groupBy(matchOffers, (offer) => offer.ownerId);
  const declinedPairs: Array<[number, number]> = [];
  const matchedPairs: Array<[number, number]> = [];
  for (const pair of pairRows) {
    if (pair.offerId === null) continue;
    const target = pair.status === "declined" ? declinedPairs : matchedPairs;
    target.push([pair.needId, pair.offerId]);
    for (const other of offersByOwner.get(pair.owner) ?? []) {
      if (other.id !== pair.offerId) target.push([pair.needId, other.id]);
    }
  }

  return {
    needs: matchNeeds,
    offers: matchOffers,
    neighbourhoods: neighbourhoodRows,
    weights: settings
      ? {
          language: settings.weightLanguage,
          distance: settings.weightDistance,
          availability: settings.weightAvailability,
          load: settings.weightLoad,
          experience: settings.weightExperience,
          responsiveness: settings.weightResponsiveness,
        }
      : DEFAULT_WEIGHTS,
    declinedPairs,
    matchedPairs,
    referenceTime: now,
  };
}
