/**
 * "Find work": open shifts of public activities and open needs, for one volunteer, filtered and
 * sorted by day, then distance from home, then time. A fixed number of queries whatever the page
 * holds: neighbourhood centroids, one page query (a UNION with the total as a window count), and one
 * detail query each for the shifts and the needs on the page (work-details.server.ts).
 *
 * Needs are shown as volunteers may see them: category, neighbourhood, time, languages and the plain
 * description. Never who recorded them or anything about the newcomer (the hub holds nothing personal
 * about them, and contact goes through the coordinator).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import { neighbourhoods } from "@db/schema";
import { OPEN_NEED_STATUSES, sqlValueList } from "@db/schema/enums";
import { haversineKm } from "~/modules/matching/geo";
import { locate, type Located } from "~/modules/outside/geo-gate";
import { startOfZonedDay } from "~/utils/time";
import {
  berlinLocalDay,
  berlinLocalSql,
  DAY_MS,
  int,
  minuteOfDaySql,
  weekdaySql,
} from "./berlin-clock-sql.server";
import type { FindViewer, FindWorkResult, ResolvedFindFilter, WorkItem } from "./work-items";
import { loadNeeds, loadShifts } from "./work-details.server";

/** Needs still looking for helpers, as an SQL list for the hand-written queries below. */
const OPEN_NEEDS = sql.raw(sqlValueList(OPEN_NEED_STATUSES));

export const FIND_PAGE_SIZE = 20;

interface Distances {
  /** km from home to each neighbourhood's centroid. */
  byNeighbourhood: Map<number, number>;
  /** km from home to each geocoded place of a published activity (places without a point are absent). */
  byPlace: Map<number, number>;
  /** The largest neighbourhood radius: a place lies at most this far from its centroid. */
  maxRadiusKm: number;
}

const km1 = (home: Located, lat: number, lon: number) =>
  Math.round(haversineKm(home.lat, home.lon, lat, lon) * 10) / 10;

function distancesFromHome(db: Db, home: Located | null): Distances | null {
  if (home === null) return null;
  const all = db
    .select({
      id: neighbourhoods.id,
      lat: neighbourhoods.lat,
      lon: neighbourhoods.lon,
      radiusKm: neighbourhoods.radiusKm,
    })
    .from(neighbourhoods)
    .all();
  // Places of published activities whose address the geocoder placed (inside their neighbourhood).
  const places = db.all<{
    id: number;
    lat: number;
    lon: number;
    nbLat: number;
    nbLon: number;
    radiusKm: number;
  }>(sql`
    select op.id as id, g.lat as lat, g.lon as lon, n.lat as nbLat, n.lon as nbLon, n.radius_km as radiusKm
    from organisation_places op
    join neighbourhoods n on n.id = op.neighbourhood_id
    join geocode_cache g on g.key = op.geocode_key and g.status = 'found'
    where exists (select 1 from events e where e.place_id = op.id and e.status = 'published')`);
  const byPlace = new Map<number, number>();
  for (const p of places) {
    const point = locate({ lat: p.nbLat, lon: p.nbLon, radiusKm: p.radiusKm }, { lat: p.lat, lon: p.lon });
    if (!point.approximate) byPlace.set(p.id, km1(home, point.lat, point.lon));
  }
  return {
    byNeighbourhood: new Map(all.map((n) => [n.id, km1(home, n.lat, n.lon)])),
    byPlace,
    maxRadiusKm: Math.max(0, ...all.map((n) => n.radiusKm)),
  };
}

/** The shifts and needs on one page of results. */
export function findWork(
  db: Db,
  filter: ResolvedFindFilter,
  viewer: FindViewer,
  now: number = Date.now(),
): FindWorkResult {
  const distances = distancesFromHome(db, viewer.home);
  const windowStart = Math.max(now, filter.from ? startOfZonedDay(filter.from) : 0);
  const windowEnd = filter.to ? startOfZonedDay(filter.to) + DAY_MS : null;

  const caseOf = (column: SQL, table: Map<number, number>): SQL | null => {
    if (table.size === 0) return null;
    const whens = [...table].map(([id, km]) => sql`when ${int(id)} then ${sql.raw(km.toFixed(1))}`);
    return sql`(case ${column} ${sql.join(whens, sql` `)} end)`;
  };
  /** km to a row's place (when it has a geocoded one), else to its neighbourhood's centroid. */
  const distanceCase = (nb: SQL, place?: SQL): SQL => {
    if (!distances) return sql`null`;
    const toNeighbourhood = caseOf(nb, distances.byNeighbourhood) ?? sql`null`;
    const toPlace = place ? caseOf(place, distances.byPlace) : null;
    return toPlace ? sql`coalesce(${toPlace}, ${toNeighbourhood})` : toNeighbourhood;
  };
  const nearIdsWithin = (km: number): number[] | null =>
    distances ? [...distances.byNeighbourhood].filter(([, d]) => d <= km).map(([id]) => id) : null;
  const inIds = (column: SQL, ids: number[]): SQL =>
    ids.length > 0 ? sql`${column} in (${sql.join(ids.map(int), sql`, `)})` : sql`0`;
  const placeConditions = (nb: SQL, place?: SQL): SQL[] => {
    const c: SQL[] = [];
    if (filter.neighbourhoodId !== undefined) c.push(sql`${nb} = ${filter.neighbourhoodId}`);
    if (filter.km !== undefined && distances) {
      if (!place) {
        c.push(inIds(nb, nearIdsWithin(filter.km) ?? []));
      } else {
        // A place lies within its neighbourhood's radius: the neighbourhoods that can hold a near place
        // first (an index can use that list), then the exact distance.
        c.push(inIds(nb, nearIdsWithin(filter.km + distances.maxRadiusKm) ?? []));
        c.push(sql`${distanceCase(nb, place)} <= ${sql.raw(filter.km.toFixed(1))}`);
      }
    }
    return c;
  };
  // A window fits when one of the volunteer's weekly slots holds it from start to end on its weekday.
  const fitsWindow = (startsAt: SQL, endsAt: SQL): SQL => {
    const local = berlinLocalSql(startsAt, now);
    return sql`exists (select 1 from volunteer_availability va where va.user_id = ${viewer.userId}
      and va.weekday = ${weekdaySql(local)}
      and va.start_minute <= ${minuteOfDaySql(local)}
      and va.end_minute >= ${minuteOfDaySql(local)} + (cast(${endsAt} as integer) - cast(${startsAt} as integer) + 59999) / 60000)`;
  };

  const parts: SQL[] = [];
  if (filter.what !== "needs") {
    const c: SQL[] = [
      sql`e.status = 'published'`,
      sql`(e.organisation_id is null or exists (select 1 from organisations o where o.id = e.organisation_id and o.verified_at is not null))`,
      sql`s.starts_at > ${windowStart}`,
      ...placeConditions(sql`e.neighbourhood_id`, sql`e.place_id`),
    ];
    if (windowEnd !== null) c.push(sql`s.starts_at < ${windowEnd}`);
    if (filter.categoryId !== undefined) c.push(sql`e.category_id = ${filter.categoryId}`);
    if (filter.language)
      c.push(
        sql`exists (select 1 from event_languages el where el.event_id = e.id and el.language = ${filter.language})`,
      );
    if (filter.fits) c.push(fitsWindow(sql`s.starts_at`, sql`s.ends_at`));
    parts.push(sql`select 'shift' as kind, s.id as id, s.starts_at as sort_at, e.neighbourhood_id as nb, e.place_id as place
      from shifts s join events e on e.id = s.event_id where ${sql.join(c, sql` and `)}`);
  }
  if (filter.what !== "shifts") {
    const c: SQL[] = [
      sql`n.status in ${OPEN_NEEDS}`,
      sql`n.ends_at > ${windowStart}`,
      ...placeConditions(sql`n.neighbourhood_id`),
    ];
    if (windowEnd !== null) c.push(sql`n.starts_at < ${windowEnd}`);
    if (filter.categoryId !== undefined) c.push(sql`n.category_id = ${filter.categoryId}`);
    if (filter.language)
      c.push(
        sql`exists (select 1 from need_languages nl where nl.need_id = n.id and nl.language = ${filter.language})`,
      );
    if (filter.fits) {
      c.push(sql`((n.schedule = 'one_off' and ${fitsWindow(sql`n.starts_at`, sql`n.ends_at`)}) or (n.schedule = 'recurring' and exists (
        select 1 from need_slots ns join volunteer_availability va on va.weekday = ns.weekday
          and va.start_minute <= ns.start_minute and va.end_minute >= ns.end_minute
        where ns.need_id = n.id and va.user_id = ${viewer.userId})))`);
    }
    parts.push(sql`select 'need' as kind, n.id as id, max(n.starts_at, ${int(windowStart)}) as sort_at, n.neighbourhood_id as nb, null as place
      from needs n where ${sql.join(c, sql` and `)}`);
  }

  const pageSize = FIND_PAGE_SIZE;
  const offset = (filter.page - 1) * pageSize;
  const union = sql.join(parts, sql` union all `);
  const localDay = sql`(${berlinLocalSql(sql`w.sort_at`, now)}) / ${int(DAY_MS)}`;
  // The order is by local day first, and a day is a range of sort_at: the page lies within the days up
  // to that of the last item it can hold (the offset + pageSize-th by time). One pass by time alone finds
  // that item and the total; the costly ordering (distance per neighbourhood, local days) then reads
  // only those days' items instead of every upcoming shift of the city.
  const edge = db.get<{ sortAt: number; total: number }>(sql`
    select w.sort_at as sortAt, count(*) over () as total
    from (${union}) w order by w.sort_at limit 1 offset ${int(offset + pageSize - 1)}`);
  const withinDays = edge
    ? sql`w.sort_at < ${int(edge.sortAt + 2 * DAY_MS)} and ${localDay} <= ${int(berlinLocalDay(edge.sortAt, now))}`
    : sql`1`;
  const rows = db.all<{
    kind: "shift" | "need";
    id: number;
    distance: number | null;
    place: number | null;
  }>(sql`
    select w.kind as kind, w.id as id, ${distanceCase(sql`w.nb`, sql`w.place`)} as distance, w.place as place
    from (${union}) w
    where ${withinDays}
    order by ${localDay}, distance is null, distance, w.sort_at, w.kind desc, w.id
    limit ${int(pageSize)} offset ${int(offset)}`);

  // Without an edge this is the last page, holding everything from the offset on; past the last page
  // (an old link) count without paging, to say how many pages there are.
  let total = edge ? edge.total : offset + rows.length;
  if (!edge && rows.length === 0 && offset > 0)
    total = db.get<{ total: number }>(sql`select count(*) as total from (${union})`)?.total ?? 0;
  const shiftIds = rows.filter((r) => r.kind === "shift").map((r) => r.id);
  const needIds = rows.filter((r) => r.kind === "need").map((r) => r.id);
  const shiftsById = loadShifts(db, shiftIds, viewer);
  const needsById = loadNeeds(db, needIds, viewer);
  const items: WorkItem[] = [];
  for (const r of rows) {
    const item = r.kind === "shift" ? shiftsById.get(r.id) : needsById.get(r.id);
    if (!item) continue;
    // Needs have no address by design: a need's distance is always to its neighbourhood's centroid.
    const placeKnown = r.kind === "shift" && r.place !== null && !!distances?.byPlace.has(r.place);
    items.push({
      ...item,
      distanceKm: r.distance,
      distanceApproximate: !!viewer.home?.approximate || !placeKnown,
    });
  }
  return {
    items,
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    hasHome: distances !== null,
    homeApproximate: viewer.home?.approximate ?? true,
  };
}
