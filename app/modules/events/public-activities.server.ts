import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  eventLanguages,
  events,
  eventTranslations,
  neighbourhoods,
  organisationPlaces,
  organisations,
  organisationTranslations,
  shifts,
} from "@db/schema";
import { nextWeeklyOccurrence, startOfZonedDay } from "~/utils/time";
import type { ActivityFilter } from "./activity-filter.schema";
import { nextOccurrenceKey } from "./occurrence-sql.server";

export const ACTIVITIES_PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An activity is public when published and posted by a coordinator or a verified organisation. */
export const isPublicActivity = and(
  eq(events.status, "published"),
  sql`(${events.organisationId} is null or ${organisations.verifiedAt} is not null)`,
) as SQL;

export interface ActivityListItem {
  id: number;
  title: string;
  translated: boolean;
  /** The title is a machine draft nobody has checked yet (shown with the mark). */
  machineTranslated: boolean;
  originalLanguage: string;
  startsAt: number;
  endsAt: number;
  weekly: boolean;
  recurrenceUntil: string | null;
  place: string;
  costCents: number;
  placesLeft: number;
  participantPlaces: number;
  categorySlug: string;
  categoryName: string;
  neighbourhoodName: string;
  organisationName: string | null;
  languages: string[];
  openSlots: number;
}

/**
 * The neighbourhood, category and language a reader chose, as conditions on the events table alone (the
 * slugs looked up as ids, no join): shared by the list and the week of shifts.
 */
export function activityChoiceConditions(filter: {
  neighbourhood?: string;
  category?: string;
  language?: string;
}): SQL[] {
  const conditions: SQL[] = [];
  if (filter.neighbourhood) {
    conditions.push(
      sql`${events.neighbourhoodId} = (select ${neighbourhoods.id} from ${neighbourhoods} where ${neighbourhoods.slug} = ${filter.neighbourhood})`,
    );
  }
  if (filter.category) {
    conditions.push(
      sql`${events.categoryId} = (select ${categories.id} from ${categories} where ${categories.slug} = ${filter.category})`,
    );
  }
  if (filter.language) {
    conditions.push(
      sql`exists (select 1 from ${eventLanguages} where ${eventLanguages.eventId} = ${events.id} and ${eventLanguages.language} = ${filter.language})`,
    );
  }
  return conditions;
}

/**
 * The list's conditions on the events table alone (no join), in a form SQLite answers from
 * events_public_list_idx without reading the activities' rows: isPublicActivity with the verified
 * organisations as a list, the filters' slugs as ids. `+` keeps SQLite from the organisation index (it
 * would read rows) and, with a neighbourhood, from the status-led indexes: that neighbourhood's own index
 * finds its few activities faster (ADR 082).
 */
function filterConditions(filter: ActivityFilter, fromMs: number): SQL[] {
  const conditions: SQL[] = [
    filter.neighbourhood ? sql`+${events.status} = 'published'` : eq(events.status, "published"),
    sql`(+${events.organisationId} is null or +${events.organisationId} in (select ${organisations.id} from ${organisations} where ${organisations.verifiedAt} is not null))`,
  ];
  conditions.push(...activityChoiceConditions(filter));
  const fromDate = new Date(fromMs).toISOString().slice(0, 10);
  // A weekly series is shown while any of its occurrences is still ahead.
  conditions.push(
    sql`(${events.endsAt} >= ${fromMs} or (${events.recurrence} = 'weekly' and (${events.recurrenceUntil} is null or ${events.recurrenceUntil} >= ${fromDate})))`,
  );
  if (filter.to) {
    const toMs = startOfZonedDay(filter.to) + DAY_MS;
    conditions.push(sql`${events.startsAt} < ${toMs}`);
  }
  return conditions;
}

/**
 * One page of public activities, in date order, with a fixed number of queries whatever the page size.
 * `now` is the reference instant: without a `from` filter, activities that are over are left out.
 */
export function listPublicActivities(db: Db, filter: ActivityFilter, locale: string, now = Date.now()) {
  const fromMs = filter.from ? Math.max(startOfZonedDay(filter.from), 0) : now;
  const where = and(...filterConditions(filter, fromMs));
  const sortKey = nextOccurrenceKey(fromMs);

  const base = db
    .select({ total: sql<number>`count(*)` })
    .from(events)
    .where(where)
    .get();
  const total = base?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ACTIVITIES_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);

  // The page's ids first, from the index; the languages and open places (one subquery each) only for
  // those 20. In one query, SQLite computed both for every upcoming activity before sorting.
  const pageIds = db
    .select({ id: events.id })
    .from(events)
    .where(where)
    .orderBy(asc(sortKey), asc(events.id))
    .limit(ACTIVITIES_PAGE_SIZE)
    .offset((page - 1) * ACTIVITIES_PAGE_SIZE)
    .all()
    .map((row) => row.id);
  const position = new Map(pageIds.map((id, index) => [id, index]));

  const rows = (
    pageIds.length === 0
      ? []
      : db
          .select({
            id: events.id,
            title: events.title,
            translatedTitle: eventTranslations.title,
            machineTranslated: eventTranslations.machineTranslated,
            originalLanguage: events.originalLanguage,
            startsAt: events.startsAt,
            endsAt: events.endsAt,
            recurrence: events.recurrence,
            recurrenceUntil: events.recurrenceUntil,
            place: events.place,
            costCents: events.costCents,
            participantPlaces: events.participantPlaces,
            participantsRegistered: events.participantsRegistered,
            categorySlug: categories.slug,
            categoryName: categories.name,
            neighbourhoodName: neighbourhoods.name,
            organisationName: organisations.name,
            languages: sql<
              string | null
            >`(select group_concat(${eventLanguages.language}) from ${eventLanguages} where ${eventLanguages.eventId} = ${events.id})`,
            openSlots: sql<number>`(select coalesce(sum(${shifts.neededCount} - ${shifts.confirmedCount}), 0) from ${shifts} where ${shifts.eventId} = ${events.id} and ${shifts.startsAt} >= ${now})`,
          })
          .from(events)
          .innerJoin(categories, eq(categories.id, events.categoryId))
          .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
          .leftJoin(organisations, eq(organisations.id, events.organisationId))
          .leftJoin(
            eventTranslations,
            and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, locale as "de")),
          )
          .where(inArray(events.id, pageIds))
          .all()
  ).sort((a, b) => position.get(a.id)! - position.get(b.id)!);

  const items: ActivityListItem[] = rows.map((row) => {
    const weekly = row.recurrence === "weekly";
    const occurrence = weekly
      ? nextWeeklyOccurrence(row.startsAt.getTime(), row.endsAt.getTime(), fromMs, row.recurrenceUntil)
      : null;
    return {
      id: row.id,
      title: row.translatedTitle ?? row.title,
      translated: row.translatedTitle !== null || row.originalLanguage === locale,
      machineTranslated: row.translatedTitle !== null && row.machineTranslated === true,
      originalLanguage: row.originalLanguage,
      startsAt: occurrence?.startsAt ?? row.startsAt.getTime(),
      endsAt: occurrence?.endsAt ?? row.endsAt.getTime(),
      weekly,
      recurrenceUntil: row.recurrenceUntil,
      place: row.place,
      costCents: row.costCents,
      placesLeft: Math.max(0, row.participantPlaces - row.participantsRegistered),
      participantPlaces: row.participantPlaces,
      categorySlug: row.categorySlug,
      categoryName: row.categoryName,
      neighbourhoodName: row.neighbourhoodName,
      organisationName: row.organisationName,
      languages: row.languages ? row.languages.split(",").sort() : [],
      openSlots: row.openSlots,
    };
  });

  return { items, total, page, pageCount, pageSize: ACTIVITIES_PAGE_SIZE };
}

/** One public activity with its shifts, or null when it does not exist or is not public. */
export function getPublicActivity(db: Db, id: number, locale: string, now = Date.now()) {
  const row = db
    .select({
      event: events,
      translatedTitle: eventTranslations.title,
      translatedDescription: eventTranslations.description,
      machineTranslated: eventTranslations.machineTranslated,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      neighbourhoodSlug: neighbourhoods.slug,
      lat: neighbourhoods.lat,
      lon: neighbourhoods.lon,
      organisationName: organisations.name,
      organisationWebsite: organisations.website,
      organisationDescription: organisations.description,
      organisationLanguage: organisations.originalLanguage,
      organisationTranslation: organisationTranslations.description,
      organisationMachineTranslated: organisationTranslations.machineTranslated,
      placeName: organisationPlaces.name,
      placeStreet: organisationPlaces.street,
      placePostcode: organisationPlaces.postcode,
    })
    .from(events)
    .innerJoin(categories, eq(categories.id, events.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .leftJoin(
      eventTranslations,
      and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, locale as "de")),
    )
    .leftJoin(
      organisationTranslations,
      and(
        eq(organisationTranslations.organisationId, events.organisationId),
        eq(organisationTranslations.locale, locale as "de"),
      ),
    )
    .leftJoin(
      organisationPlaces,
      and(
        eq(organisationPlaces.id, events.placeId),
        eq(organisationPlaces.organisationId, events.organisationId),
      ),
    )
    .where(and(eq(events.id, id), isPublicActivity))
    .get();
  if (!row) return null;

  const languages = db
    .select({ language: eventLanguages.language })
    .from(eventLanguages)
    .where(eq(eventLanguages.eventId, id))
    .all()
    .map((l) => l.language)
    .sort();
  const shiftRows = db
    .select({
      id: shifts.id,
      title: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      neededCount: shifts.neededCount,
      confirmedCount: shifts.confirmedCount,
      requiresCertificate: shifts.requiresCertificate,
    })
    .from(shifts)
    .where(eq(shifts.eventId, id))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all();

  const e = row.event;
  const weekly = e.recurrence === "weekly";
  const occurrence = weekly
    ? nextWeeklyOccurrence(e.startsAt.getTime(), e.endsAt.getTime(), now, e.recurrenceUntil)
    : null;
  const translated = row.translatedTitle !== null;
  return {
    id: e.id,
    title: row.translatedTitle ?? e.title,
    description: row.translatedDescription ?? e.description,
    translated: translated || e.originalLanguage === locale,
    machineTranslated: translated && row.machineTranslated === true,
    originalLanguage: e.originalLanguage,
    place: e.place,
    /** The organisation's place the activity names, with its address. */
    placeAddress:
      row.placeName !== null
        ? { name: row.placeName, street: row.placeStreet ?? "", postcode: row.placePostcode ?? "" }
        : null,
    startsAt: occurrence?.startsAt ?? e.startsAt.getTime(),
    endsAt: occurrence?.endsAt ?? e.endsAt.getTime(),
    firstStartsAt: e.startsAt.getTime(),
    weekly,
    recurrenceUntil: e.recurrenceUntil,
    accessibility: e.accessibility,
    targetGroup: e.targetGroup,
    costCents: e.costCents,
    participantPlaces: e.participantPlaces,
    placesLeft: Math.max(0, e.participantPlaces - e.participantsRegistered),
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    neighbourhoodName: row.neighbourhoodName,
    neighbourhoodSlug: row.neighbourhoodSlug,
    lat: row.lat,
    lon: row.lon,
    organisationName: row.organisationName,
    organisationWebsite: row.organisationWebsite,
    /** The organiser's description in the reader's language where there is one. */
    organisationAbout:
      row.organisationName !== null && (row.organisationTranslation ?? row.organisationDescription)
        ? {
            text: row.organisationTranslation ?? row.organisationDescription ?? "",
            translated: row.organisationTranslation !== null || row.organisationLanguage === locale,
            machineTranslated:
              row.organisationTranslation !== null && row.organisationMachineTranslated === true,
            originalLanguage: row.organisationLanguage ?? "de",
          }
        : null,
    languages,
    shifts: shiftRows.map((s) => ({
      ...s,
      startsAt: s.startsAt.getTime(),
      endsAt: s.endsAt.getTime(),
      placesLeft: s.neededCount - s.confirmedCount,
      past: s.endsAt.getTime() < now,
    })),
  };
}

export type PublicActivity = NonNullable<ReturnType<typeof getPublicActivity>>;
