/** The public JSON feed of activities (the same rules as the calendar feeds in feeds.server.ts). */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  eventLanguages,
  events,
  eventTranslations,
  neighbourhoods,
  organisations,
  shifts,
} from "@db/schema";
import { nextWeeklyOccurrence } from "~/utils/time";
import { runningSince, scopeConditions } from "./feeds.server";

export const JSON_FEED_DEFAULT_LIMIT = 100;

export const JSON_FEED_MAX_LIMIT = 500;

// ---- JSON feed ------------------------------------------------------------------------------------

export interface JsonFeedQuery {
  neighbourhoodId?: number;
  categoryId?: number;
  page: number;
  limit: number;
}

export interface JsonFeedItem {
  id: number;
  url: string;
  icsUrl: string;
  title: string;
  description: string;
  language: string;
  translations: Record<string, { title: string; description: string }>;
  startsAt: string;
  endsAt: string;
  recurrence: "none" | "weekly";
  recurrenceUntil: string | null;
  nextOccurrence: { startsAt: string; endsAt: string } | null;
  category: { slug: string; name: string };
  neighbourhood: { slug: string; name: string; lat: number; lon: number };
  place: string;
  languages: string[];
  accessibility: string;
  targetGroup: string;
  costCents: number;
  currency: "EUR";
  participantPlaces: number;
  participantPlacesLeft: number;
  openVolunteerPlaces: number;
  organiser: { name: string; website: string | null } | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** One page of the public activities still running, for municipal apps: three queries. */
export function listJsonFeed(db: Db, query: JsonFeedQuery, origin: string, now = Date.now()) {
  const where = and(
    ...scopeConditions({ neighbourhoodId: query.neighbourhoodId, categoryId: query.categoryId }),
    runningSince(now),
  );
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(events)
      .leftJoin(organisations, eq(organisations.id, events.organisationId))
      .where(where)
      .get()?.n ?? 0;
  const rows = db
    .select({
      event: events,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodSlug: neighbourhoods.slug,
      neighbourhoodName: neighbourhoods.name,
      lat: neighbourhoods.lat,
      lon: neighbourhoods.lon,
      organisationName: organisations.name,
      organisationWebsite: organisations.website,
      languages: sql<
        string | null
      >`(select group_concat(language) from (select ${eventLanguages.language} as language from ${eventLanguages} where ${eventLanguages.eventId} = ${events.id} order by 1))`,
      openVolunteerPlaces: sql<number>`(select coalesce(sum(${shifts.neededCount} - ${shifts.confirmedCount}), 0) from ${shifts} where ${shifts.eventId} = ${events.id} and ${shifts.startsAt} > ${now})`,
    })
    .from(events)
    .innerJoin(categories, eq(categories.id, events.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
    .all();
  const ids = rows.map((r) => r.event.id);
  const translations = ids.length
    ? db
        .select({
          eventId: eventTranslations.eventId,
          locale: eventTranslations.locale,
          title: eventTranslations.title,
          description: eventTranslations.description,
        })
        .from(eventTranslations)
        .where(inArray(eventTranslations.eventId, ids))
        .orderBy(asc(eventTranslations.locale))
        .all()
    : [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const items = rows.map((r): JsonFeedItem => {
    const e = r.event;
    const weekly = e.recurrence === "weekly";
    const next = weekly
      ? nextWeeklyOccurrence(e.startsAt.getTime(), e.endsAt.getTime(), now, e.recurrenceUntil)
      : e.endsAt.getTime() >= now
        ? { startsAt: e.startsAt.getTime(), endsAt: e.endsAt.getTime() }
        : null;
    return {
      id: e.id,
      url: `${origin}/activities/${e.id}`,
      icsUrl: `${origin}/activities/${e.id}.ics`,
      title: e.title,
      description: e.description,
      language: e.originalLanguage,
      translations: Object.fromEntries(
        translations
          .filter((t) => t.eventId === e.id)
          .map((t) => [t.locale, { title: t.title, description: t.description }]),
      ),
      startsAt: iso(e.startsAt.getTime()),
      endsAt: iso(e.endsAt.getTime()),
      recurrence: weekly ? "weekly" : "none",
      recurrenceUntil: e.recurrenceUntil,
      nextOccurrence: next ? { startsAt: iso(next.startsAt), endsAt: iso(next.endsAt) } : null,
      category: { slug: r.categorySlug, name: r.categoryName },
      neighbourhood: { slug: r.neighbourhoodSlug, name: r.neighbourhoodName, lat: r.lat, lon: r.lon },
      place: e.place,
      languages: r.languages ? r.languages.split(",") : [],
      accessibility: e.accessibility,
      targetGroup: e.targetGroup,
      costCents: e.costCents,
      currency: "EUR",
      participantPlaces: e.participantPlaces,
      participantPlacesLeft: Math.max(0, e.participantPlaces - e.participantsRegistered),
      openVolunteerPlaces: r.openVolunteerPlaces,
      organiser: r.organisationName ? { name: r.organisationName, website: r.organisationWebsite } : null,
      publishedAt: e.publishedAt ? iso(e.publishedAt.getTime()) : null,
      updatedAt: iso(e.updatedAt.getTime()),
    };
  });
  return { total, items };
}
