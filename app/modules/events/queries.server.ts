/**
 * Reading an organisation's activities: the permission resource, the list page and one activity's page.
 * Ownership is part of every `where` (`organisationId`). Writing: commands.server.ts, status-commands.server.ts.
 */
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  eventLanguages,
  events,
  eventTranslations,
  neighbourhoods,
  organisations,
  shifts,
  signups,
  users,
  volunteerProfiles,
} from "@db/schema";
import type { EventStatus } from "@db/schema/enums";
import type { EventResource } from "~/modules/permissions/permissions";
import { nextWeeklyOccurrence, zonedIsoDate } from "~/utils/time";
import type { ActivityStatusFilter, ActivityWhenFilter } from "./organisation-activity-filter";
import { lacksCertificate } from "~/modules/signups/certificate-flags.server";
import { nextOccurrenceKey } from "./occurrence-sql.server";

export interface ActivityScope {
  eventId: number;
  organisationId: number;
}

// ---- permission resource ----------------------------------------------------------------------------

/** The activity as a permission resource (see permissions.ts), or null when there is no such id. */
export function loadEventResource(
  db: Db,
  eventId: number,
): (EventResource & { id: number; status: EventStatus }) | null {
  const row = db
    .select({
      id: events.id,
      organisationId: events.organisationId,
      createdBy: events.createdBy,
      neighbourhoodId: events.neighbourhoodId,
      status: events.status,
      verifiedAt: organisations.verifiedAt,
    })
    .from(events)
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(events.id, eventId))
    .get();
  if (!row) return null;
  return {
    id: row.id,
    organisationId: row.organisationId,
    createdBy: row.createdBy,
    neighbourhoodId: row.neighbourhoodId,
    status: row.status,
    published: row.status === "published",
    organisationVerified: row.organisationId === null || row.verifiedAt !== null,
  };
}

// ---- queries --------------------------------------------------------------------------------------

/**
 * The neighbourhood a new activity of the organisation most likely takes place in: that of its latest
 * activity, if it is still one of the organisation's; else the first the organisation named (its home:
 * registration lists it first). Issue 13, seam 9: the form preselected "Neustadt" for SV Ückendorf.
 */
export function usualNeighbourhoodOf(db: Db, organisationId: number): number | undefined {
  const row = db.get<{ id: number } | undefined>(sql`
    select coalesce(
      (select e.neighbourhood_id from events e
        join organisation_neighbourhoods onb
          on onb.organisation_id = e.organisation_id and onb.neighbourhood_id = e.neighbourhood_id
        where e.organisation_id = ${organisationId}
        order by e.created_at desc, e.id desc limit 1),
      (select neighbourhood_id from organisation_neighbourhoods
        where organisation_id = ${organisationId} order by rowid limit 1)
    ) as id`);
  return row?.id ?? undefined;
}

export const ORGANISATION_ACTIVITIES_PAGE_SIZE = 25;

/** One page of the organisation's activities with their shift figures: two queries. */
export function listOrganisationActivities(
  db: Db,
  organisationId: number,
  filter: { status: ActivityStatusFilter; when: ActivityWhenFilter; page: number },
  now = Date.now(),
) {
  const today = zonedIsoDate(now);
  const running = sql`(${events.endsAt} >= ${now} or (${events.recurrence} = 'weekly' and (${events.recurrenceUntil} is null or ${events.recurrenceUntil} >= ${today})))`;
  const conditions: SQL[] = [eq(events.organisationId, organisationId)];
  if (filter.status !== "all") conditions.push(eq(events.status, filter.status));
  if (filter.when === "upcoming") conditions.push(running);
  if (filter.when === "past") conditions.push(sql`not ${running}`);
  const where = and(...conditions);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(events)
      .where(where)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ORGANISATION_ACTIVITIES_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const rows = db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      recurrence: events.recurrence,
      recurrenceUntil: events.recurrenceUntil,
      neighbourhoodName: neighbourhoods.name,
      categorySlug: categories.slug,
      categoryName: categories.name,
      shiftCount: sql<number>`(select count(*) from ${shifts} where ${shifts.eventId} = ${events.id})`,
      needed: sql<number>`(select coalesce(sum(${shifts.neededCount}), 0) from ${shifts} where ${shifts.eventId} = ${events.id})`,
      confirmed: sql<number>`(select coalesce(sum(${shifts.confirmedCount}), 0) from ${shifts} where ${shifts.eventId} = ${events.id})`,
      waitlisted: sql<number>`(select count(*) from ${signups} join ${shifts} on ${shifts.id} = ${signups.shiftId} where ${shifts.eventId} = ${events.id} and ${signups.status} = 'waitlisted')`,
    })
    .from(events)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .innerJoin(categories, eq(categories.id, events.categoryId))
    .where(where)
    .orderBy(filter.when === "past" ? desc(events.startsAt) : asc(nextOccurrenceKey(now)), asc(events.id))
    .limit(ORGANISATION_ACTIVITIES_PAGE_SIZE)
    .offset((page - 1) * ORGANISATION_ACTIVITIES_PAGE_SIZE)
    .all();
  const items = rows.map((r) => {
    const weekly = r.recurrence === "weekly";
    const next = weekly
      ? nextWeeklyOccurrence(r.startsAt.getTime(), r.endsAt.getTime(), now, r.recurrenceUntil)
      : null;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      weekly,
      recurrenceUntil: r.recurrenceUntil,
      startsAt: next?.startsAt ?? r.startsAt.getTime(),
      endsAt: next?.endsAt ?? r.endsAt.getTime(),
      neighbourhoodName: r.neighbourhoodName,
      categorySlug: r.categorySlug,
      categoryName: r.categoryName,
      shiftCount: r.shiftCount,
      needed: r.needed,
      confirmed: r.confirmed,
      waitlisted: r.waitlisted,
    };
  });
  return { items, total, page, pageCount };
}

export interface ManagedSignup {
  id: number;
  volunteerId: string;
  displayName: string;
  email: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  attendance: "present" | "no_show" | null;
  createdAt: number;
  cancelledAt: number | null;
  promotedAt: number | null;
  /** A live sign-up on a shift that needs a certificate of conduct the person lacks on its date. */
  certificateMissing: boolean;
  /** When the volunteer checked in themselves with the shift's code (the club then confirms or corrects). */
  checkedInAt: number | null;
}

/** Everything the organisation's page of one activity shows: five queries whatever the numbers. */
export function getManagedActivity(db: Db, scope: ActivityScope, now = Date.now()) {
  const row = db
    .select({
      event: events,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      organisationVerified: sql<number>`${organisations.verifiedAt} is not null`,
    })
    .from(events)
    .innerJoin(categories, eq(categories.id, events.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .innerJoin(organisations, eq(organisations.id, events.organisationId))
    .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
    .get();
  if (!row) return null;
  const languages = db
    .select({ language: eventLanguages.language })
    .from(eventLanguages)
    .where(eq(eventLanguages.eventId, scope.eventId))
    .orderBy(asc(eventLanguages.language))
    .all()
    .map((l) => l.language);
  const translations = db
    .select({
      locale: eventTranslations.locale,
      title: eventTranslations.title,
      description: eventTranslations.description,
      machineTranslated: eventTranslations.machineTranslated,
    })
    .from(eventTranslations)
    .where(eq(eventTranslations.eventId, scope.eventId))
    .orderBy(asc(eventTranslations.locale))
    .all();
  const shiftRows = db
    .select()
    .from(shifts)
    .where(eq(shifts.eventId, scope.eventId))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all();
  const signupRows = shiftRows.length
    ? db
        .select({
          id: signups.id,
          shiftId: signups.shiftId,
          volunteerId: signups.volunteerId,
          displayName: users.displayName,
          email: users.email,
          status: signups.status,
          attendance: signups.attendance,
          createdAt: signups.createdAt,
          cancelledAt: signups.cancelledAt,
          promotedAt: signups.promotedAt,
          certificateValidUntil: volunteerProfiles.certificateValidUntil,
          checkedInAt: signups.checkedInAt,
        })
        .from(signups)
        .innerJoin(users, eq(users.id, signups.volunteerId))
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.volunteerId))
        .where(eq(shifts.eventId, scope.eventId))
        .orderBy(asc(signups.id))
        .all()
    : [];
  const e = row.event;
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    originalLanguage: e.originalLanguage,
    status: e.status,
    categoryId: e.categoryId,
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    neighbourhoodId: e.neighbourhoodId,
    neighbourhoodName: row.neighbourhoodName,
    organisationVerified: row.organisationVerified === 1,
    place: e.place,
    placeId: e.placeId,
    startsAt: e.startsAt.getTime(),
    endsAt: e.endsAt.getTime(),
    weekly: e.recurrence === "weekly",
    recurrenceUntil: e.recurrenceUntil,
    accessibility: e.accessibility,
    targetGroup: e.targetGroup,
    costCents: e.costCents,
    participantPlaces: e.participantPlaces,
    participantsRegistered: e.participantsRegistered,
    publishedAt: e.publishedAt?.getTime() ?? null,
    cancelledAt: e.cancelledAt?.getTime() ?? null,
    languages,
    translations,
    shifts: shiftRows.map((s) => {
      const mine = signupRows.filter((r) => r.shiftId === s.id);
      const toItem = (r: (typeof signupRows)[number]): ManagedSignup => ({
        id: r.id,
        volunteerId: r.volunteerId,
        displayName: r.displayName,
        email: r.email,
        status: r.status,
        attendance: r.attendance,
        createdAt: r.createdAt.getTime(),
        cancelledAt: r.cancelledAt?.getTime() ?? null,
        promotedAt: r.promotedAt?.getTime() ?? null,
        // From current data, so a certificate that simply ran out shows as well as a revoked one.
        certificateMissing:
          r.status !== "cancelled" &&
          s.endsAt.getTime() > now &&
          e.status !== "cancelled" &&
          lacksCertificate(
            { requiresCertificate: s.requiresCertificate, endsAt: s.endsAt.getTime() },
            r.certificateValidUntil ?? null,
          ),
        checkedInAt: r.checkedInAt?.getTime() ?? null,
      });
      return {
        id: s.id,
        title: s.title,
        startsAt: s.startsAt.getTime(),
        endsAt: s.endsAt.getTime(),
        neededCount: s.neededCount,
        confirmedCount: s.confirmedCount,
        requiresCertificate: s.requiresCertificate,
        confirmed: mine.filter((r) => r.status === "confirmed").map(toItem),
        // Waitlist order is sign-up order (ids ascending), as cancelSignup promotes.
        waitlisted: mine.filter((r) => r.status === "waitlisted").map(toItem),
        cancelled: mine.filter((r) => r.status === "cancelled").map(toItem),
      };
    }),
  };
}

export type ManagedActivity = NonNullable<ReturnType<typeof getManagedActivity>>;
