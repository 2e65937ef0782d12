/**
 * The matching engine's input from the database: one loader per table group (instance-needs.server.ts,
 * instance-offers.server.ts, instance-history.server.ts), composed here.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { needs, neighbourhoods } from "@db/schema";
import { type MatchingInstance, type MatchNeed } from "~/modules/matching";
import { zonedWallClock } from "~/utils/time";
import {
  loadOwnerLoad,
  loadOwnerRecord,
  loadPairRows,
  loadWeights,
  NO_OWNER_RECORD,
  personPairs,
} from "./instance-history.server";
import { loadNeeds, loadNeighbourhoods, openNeedWhere } from "./instance-needs.server";
import {
  loadOfferRows,
  loadOwnAttributes,
  loadProfileFallbacks,
  toMatchOffer,
} from "./instance-offers.server";
import { selectOffers, type LoadOptions, type MatchingScope } from "./instance-scope.server";

/**
 * One open need as the engine sees it (its neighbourhood's centroid, languages, slots, free helper
 * slots), or null when it is not open: four statements, for a need's page.
 */
export function loadOpenNeed(
  db: DbOrTx,
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
  db: DbOrTx,
  scope: MatchingScope = {},
  options: LoadOptions = {},
): MatchingInstance {
  const now = options.now ?? Date.now();
  const today = zonedWallClock(now).date;
  // The offers' own attributes only (the reach index) leave out everything about owners and pairs.
  const dynamic = !options.attributesOnly;

  const places = loadNeighbourhoods(db);
  const needWhere = openNeedWhere(scope, now);
  const matchNeeds = loadNeeds(db, scope, needWhere, places.centroid);

  const selection = selectOffers(scope, today);
  const offerRows = loadOfferRows(db, selection);
  const attributes = loadOwnAttributes(db, selection);
  const profile = loadProfileFallbacks(db, selection);
  const record = dynamic ? loadOwnerRecord(db, selection, now) : NO_OWNER_RECORD;
  const weights = loadWeights(db);
  const pairRows = dynamic ? loadPairRows(db, needWhere) : [];
  const ownerLoad = dynamic ? loadOwnerLoad(db, offerRows) : new Map();

  const context = { today, area: places.area, attributes, profile, record, ownerLoad };
  const matchOffers = offerRows.map((row) => toMatchOffer(row, context));

  return {
    needs: matchNeeds,
    offers: matchOffers,
    neighbourhoods: places.rows,
    weights,
    ...personPairs(matchOffers, pairRows),
    referenceTime: now,
  };
}
