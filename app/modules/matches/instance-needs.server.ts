/**
 * The matching engine's input, part one: the neighbourhoods (centroids and areas) and the open needs of a
 * scope with their languages, slots and free helper places. Composed by matching-instance.server.ts.
 */
import { and, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { matches, needLanguages, needs, needSlots, neighbourhoods } from "@db/schema";
import { OPEN_NEED_STATUSES, PLACE_TAKING_MATCH_STATUSES } from "@db/schema/enums";
import type { MatchNeed } from "~/modules/matching";
import type { NeighbourhoodArea } from "~/modules/outside/geo-gate";
import { groupBy, toSlots, type MatchingScope } from "./instance-scope.server";

export interface Neighbourhoods {
  rows: { id: number; lat: number; lon: number }[];
  centroid: Map<number, { id: number; lat: number; lon: number }>;
  area: Map<number, NeighbourhoodArea>;
}

/** Every neighbourhood: its centroid (needs are placed there) and its area (offers' homes are judged on it). */
export function loadNeighbourhoods(db: DbOrTx): Neighbourhoods {
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
  const rows = areaRows.map(({ id, lat, lon }) => ({ id, lat, lon }));
  return {
    rows,
    centroid: new Map(rows.map((n) => [n.id, n])),
    area: new Map<number, NeighbourhoodArea>(areaRows.map((n) => [n.id, n])),
  };
}

/** Open needs that have not ended, in the scope's neighbourhoods and ids. */
export function openNeedWhere(scope: MatchingScope, now: number): SQL {
  const needFilters: SQL[] = [
    inArray(needs.status, [...OPEN_NEED_STATUSES]),
    gte(needs.endsAt, new Date(now)),
  ];
  if (scope.neighbourhoodIds) needFilters.push(inArray(needs.neighbourhoodId, [...scope.neighbourhoodIds]));
  if (scope.needIds) needFilters.push(inArray(needs.id, [...scope.needIds]));
  return and(...needFilters) as SQL;
}

/** The needs of the scope with their languages, slots and free helper slots (three statements). */
export function loadNeeds(
  db: DbOrTx,
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
