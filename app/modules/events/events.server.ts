/**
 * Activities (events) as their organisation manages them: create, edit with shifts, publish,
 * unpublish, duplicate, cancel, translations; and the queries behind the organisation's pages.
 * Ownership is part of every `where` (`organisationId`), so an id from another organisation finds
 * nothing. Commands that read before they write run in BEGIN IMMEDIATE transactions, like sign-ups,
 * so a concurrent sign-up can never slip between "needed ≥ confirmed" and the update.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  eventLanguages,
  events,
  eventTranslations,
  neighbourhoods,
  organisationPlaces,
  organisations,
  shifts,
  signups,
  users,
  volunteerProfiles,
} from "@db/schema";
import type { EventStatus, Language, UiLocale } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { keepsMachineMark } from "~/modules/outside/machine-mark";
import type { EventResource } from "~/modules/permissions/permissions";
import { categoryAllowed } from "~/modules/places/places.server";
import type { FieldErrors } from "~/utils/form-validation";
import { nextWeeklyOccurrence, zonedIsoDate } from "~/utils/time";
import type { ActivityInput, ShiftInput, TranslationsFormValues } from "./activity.schema";
import type { ActivityStatusFilter, ActivityWhenFilter } from "./organisation-activity-filter";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { fillFromWaitlist } from "~/modules/signups/waitlist.server";
import {
  flagAfterShiftChange,
  lacksCertificate,
  type ShiftBefore,
} from "~/modules/signups/certificate-flags.server";
import { nextOccurrenceKey } from "./occurrence-sql.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface ActivityScope {
  eventId: number;
  organisationId: number;
}

export type CommandResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; errors: FieldErrors; status?: 404 | 409 };

const NOT_FOUND = { ok: false as const, errors: { form: "events:errors.notFound" }, status: 404 as const };

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

// ---- create and edit ----------------------------------------------------------------------------------

/** `currentCategoryId`: the one an edited activity already has, which it keeps when no longer offered. */
function checkReferences(
  tx: Tx,
  input: ActivityInput,
  organisationId: number | null,
  currentCategoryId: number | null = null,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!categoryAllowed(tx, input.categoryId, currentCategoryId)) errors.categoryId = "events:errors.choose";
  const nb = tx
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.id, input.neighbourhoodId))
    .get();
  if (!nb) errors.neighbourhoodId = "events:errors.choose";
  if (input.placeId !== null) {
    // Ownership in the where: only a place of this organisation.
    const place =
      organisationId === null
        ? undefined
        : tx
            .select({ neighbourhoodId: organisationPlaces.neighbourhoodId })
            .from(organisationPlaces)
            .where(
              and(
                eq(organisationPlaces.id, input.placeId),
                eq(organisationPlaces.organisationId, organisationId),
              ),
            )
            .get();
    if (!place) errors.placeId = "events:errors.choose";
    else if (place.neighbourhoodId !== input.neighbourhoodId)
      errors.placeId = "events:errors.placeNeighbourhood";
  }
  return errors;
}

function eventValues(input: ActivityInput) {
  return {
    title: input.title,
    description: input.description,
    originalLanguage: input.originalLanguage,
    categoryId: input.categoryId,
    neighbourhoodId: input.neighbourhoodId,
    place: input.place,
    placeId: input.placeId,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    recurrence: input.recurrence,
    recurrenceUntil: input.recurrenceUntil,
    accessibility: input.accessibility,
    targetGroup: input.targetGroup,
    costCents: input.costCents,
    participantPlaces: input.participantPlaces,
    participantsRegistered: input.participantsRegistered,
  };
}

function writeLanguages(tx: Tx, eventId: number, languages: readonly Language[]): void {
  tx.delete(eventLanguages).where(eq(eventLanguages.eventId, eventId)).run();
  if (languages.length)
    tx.insert(eventLanguages)
      .values(languages.map((language) => ({ eventId, language })))
      .run();
}

function shiftValues(shift: ShiftInput) {
  return {
    title: shift.title,
    startsAt: new Date(shift.startsAt),
    endsAt: new Date(shift.endsAt),
    neededCount: shift.neededCount,
    requiresCertificate: shift.requiresCertificate,
  };
}

/** Creates a draft activity of the organisation with its shifts and languages. */
export function createActivity(
  db: Db,
  owner: { organisationId: number | null; userId: string },
  input: ActivityInput,
): CommandResult<{ eventId: number }> {
  return db.transaction((tx) => {
    const errors = checkReferences(tx, input, owner.organisationId);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const created = tx
      .insert(events)
      .values({
        ...eventValues(input),
        organisationId: owner.organisationId,
        createdBy: owner.userId,
        status: "draft",
      })
      .returning({ id: events.id })
      .get();
    writeLanguages(tx, created.id, input.languages);
    const rows = input.shifts.filter((s) => s.id === null);
    if (rows.length)
      tx.insert(shifts)
        .values(rows.map((s) => ({ ...shiftValues(s), eventId: created.id })))
        .run();
    return { ok: true as const, eventId: created.id };
  });
}

/**
 * Saves an edited activity and its shifts. Refused with field errors (nothing changes): a shift's
 * needed count below the volunteers already confirmed, removing a shift that has sign-ups, a shift
 * id of another activity. A raised needed count promotes people from the waitlist at once. When a
 * published activity's time or place changes, everyone signed up is told (one message per person).
 * Sign-ups that lose the certificate their shift needs (turned on, or the shift moved past the
 * certificate's date) are flagged to the volunteer and the organisation's other members.
 */
export function updateActivity(
  db: Db,
  scope: ActivityScope,
  input: ActivityInput,
  now = Date.now(),
  actorId: string | null = null,
): CommandResult<{ notified: number; promoted: number; flagged: number; changedShift: number | null }> {
  return db.transaction(
    (tx) => {
      const before = tx
        .select()
        .from(events)
        .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
        .get();
      if (!before) return NOT_FOUND;
      if (before.status === "cancelled")
        return {
          ok: false as const,
          errors: { form: "events:errors.cancelledReadOnly" },
          status: 409 as const,
        };
      const errors = checkReferences(tx, input, scope.organisationId, before.categoryId);

      const existing = tx
        .select({
          id: shifts.id,
          startsAt: shifts.startsAt,
          endsAt: shifts.endsAt,
          neededCount: shifts.neededCount,
          confirmedCount: shifts.confirmedCount,
          requiresCertificate: shifts.requiresCertificate,
          live: sql<number>`(select count(*) from ${signups} where ${signups.shiftId} = ${shifts.id} and ${signups.status} <> 'cancelled')`,
        })
        .from(shifts)
        .where(eq(shifts.eventId, scope.eventId))
        .all();
      const byId = new Map(existing.map((s) => [s.id, s]));
      for (const shift of input.shifts) {
        if (shift.id === null) continue;
        const old = byId.get(shift.id);
        if (!old) errors.form = "events:errors.shiftGone";
        else if (shift.neededCount < old.confirmedCount)
          errors[`shifts.${shift.index}.neededCount`] = "events:errors.neededBelowConfirmed";
      }
      for (const removal of input.removeShifts) {
        const old = byId.get(removal.id);
        if (!old) errors.form = "events:errors.shiftGone";
        else if (old.live > 0) errors[`shifts.${removal.index}.remove`] = "events:errors.shiftHasSignups";
      }
      if (Object.keys(errors).length) return { ok: false as const, errors };

      tx.update(events).set(eventValues(input)).where(eq(events.id, scope.eventId)).run();
      writeLanguages(tx, scope.eventId, input.languages);

      const changedShiftIds: number[] = [];
      const editedShifts: ShiftBefore[] = [];
      let promoted = 0;
      for (const shift of input.shifts) {
        if (shift.id === null) {
          tx.insert(shifts)
            .values({ ...shiftValues(shift), eventId: scope.eventId })
            .run();
          continue;
        }
        const old = byId.get(shift.id)!;
        editedShifts.push({
          id: old.id,
          requiresCertificate: old.requiresCertificate,
          endsAt: old.endsAt.getTime(),
        });
        tx.update(shifts).set(shiftValues(shift)).where(eq(shifts.id, shift.id)).run();
        if (old.startsAt.getTime() !== shift.startsAt || old.endsAt.getTime() !== shift.endsAt)
          changedShiftIds.push(shift.id);
        if (shift.neededCount > old.neededCount)
          promoted += fillFromWaitlist(tx, shift.id, now, notifySignupChange).length;
      }
      if (input.removeShifts.length) {
        tx.delete(shifts)
          .where(
            inArray(
              shifts.id,
              input.removeShifts.map((r) => r.id),
            ),
          )
          .run();
      }

      let notified = 0;
      let changedShift: number | null = null;
      if (before.status === "published") {
        const eventChanged =
          before.startsAt.getTime() !== input.startsAt ||
          before.endsAt.getTime() !== input.endsAt ||
          before.place !== input.place ||
          before.placeId !== input.placeId ||
          before.recurrence !== input.recurrence ||
          before.recurrenceUntil !== input.recurrenceUntil;
        const affected = eventChanged ? "all" : changedShiftIds;
        // One moved shift: the message offered afterwards goes to that shift's helpers only.
        if (!eventChanged && changedShiftIds.length === 1) changedShift = changedShiftIds[0]!;
        notified = notifyLiveVolunteers(tx, scope.eventId, affected, now, (userId) =>
          notify(tx, {
            userId,
            kind: "event_changed",
            params: { eventTitle: input.title, startsAt: input.startsAt },
            link: `/activities/${scope.eventId}`,
          }),
        );
      }
      const flagged = flagAfterShiftChange(tx, editedShifts, actorId, now);
      return { ok: true as const, notified, promoted, flagged, changedShift };
    },
    { behavior: "immediate" },
  );
}

/** Moves waitlisted people (in order) onto free places of the shift; returns how many. */
/**
 * Calls `send` once per volunteer with a live (confirmed or waitlisted) sign-up on a shift of the
 * activity that has not started yet — on all its shifts, or only on the listed ones.
 */
function notifyLiveVolunteers(
  tx: Tx,
  eventId: number,
  shiftIds: "all" | number[],
  now: number,
  send: (userId: string) => void,
): number {
  if (shiftIds !== "all" && shiftIds.length === 0) return 0;
  const conditions: SQL[] = [
    eq(shifts.eventId, eventId),
    inArray(signups.status, ["confirmed", "waitlisted"]),
    sql`${shifts.startsAt} > ${now}`,
  ];
  if (shiftIds !== "all") conditions.push(inArray(shifts.id, shiftIds));
  const people = tx
    .selectDistinct({ volunteerId: signups.volunteerId })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(and(...conditions))
    .orderBy(asc(signups.volunteerId))
    .all();
  for (const p of people) send(p.volunteerId);
  return people.length;
}

// ---- status changes -----------------------------------------------------------------------------------

/** The activity is over: a one-off has ended, a weekly series has no occurrence left. */
function isOver(
  e: { startsAt: Date; endsAt: Date; recurrence: string; recurrenceUntil: string | null },
  now: number,
): boolean {
  if (e.recurrence === "weekly")
    return nextWeeklyOccurrence(e.startsAt.getTime(), e.endsAt.getTime(), now, e.recurrenceUntil) === null;
  return e.endsAt.getTime() < now;
}

/** Draft → published. Public once the organisation is verified (see isPublicActivity). */
export function publishActivity(db: Db, scope: ActivityScope, now = Date.now()): CommandResult {
  return db.transaction((tx) => {
    const e = tx
      .select({
        status: events.status,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        recurrence: events.recurrence,
        recurrenceUntil: events.recurrenceUntil,
      })
      .from(events)
      .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
      .get();
    if (!e) return NOT_FOUND;
    if (e.status !== "draft")
      return { ok: false as const, errors: { form: "events:errors.notDraft" }, status: 409 as const };
    if (isOver(e, now))
      return { ok: false as const, errors: { form: "events:errors.publishPast" }, status: 409 as const };
    tx.update(events)
      .set({ status: "published", publishedAt: new Date(now) })
      .where(eq(events.id, scope.eventId))
      .run();
    return { ok: true as const };
  });
}

/**
 * Published → draft, while nobody has signed up yet. With sign-ups the activity must be cancelled
 * instead, so the people signed up are told rather than left with a page that has disappeared.
 */
export function unpublishActivity(db: Db, scope: ActivityScope): CommandResult {
  return db.transaction(
    (tx) => {
      const e = tx
        .select({ status: events.status })
        .from(events)
        .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
        .get();
      if (!e) return NOT_FOUND;
      if (e.status !== "published")
        return { ok: false as const, errors: { form: "events:errors.notPublished" }, status: 409 as const };
      const live = tx
        .select({ n: sql<number>`count(*)` })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .where(and(eq(shifts.eventId, scope.eventId), ne(signups.status, "cancelled")))
        .get();
      if ((live?.n ?? 0) > 0)
        return {
          ok: false as const,
          errors: { form: "events:errors.unpublishHasSignups" },
          status: 409 as const,
        };
      tx.update(events).set({ status: "draft", publishedAt: null }).where(eq(events.id, scope.eventId)).run();
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * Cancels the activity: status cancelled; every live sign-up on a shift that has not started is
 * cancelled, and each person concerned (confirmed or waitlisted) is notified — all in one transaction.
 * Sign-ups of shifts already under way or past stay, with their attendance and hours.
 */
export function cancelActivity(
  db: Db,
  scope: ActivityScope,
  now = Date.now(),
): CommandResult<{ notified: number }> {
  return db.transaction(
    (tx) => {
      const e = tx
        .select()
        .from(events)
        .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
        .get();
      if (!e) return NOT_FOUND;
      if (e.status === "cancelled")
        return {
          ok: false as const,
          errors: { form: "events:errors.alreadyCancelled" },
          status: 409 as const,
        };
      tx.update(events)
        .set({ status: "cancelled", cancelledAt: new Date(now) })
        .where(eq(events.id, scope.eventId))
        .run();

      const occurrence =
        e.recurrence === "weekly"
          ? nextWeeklyOccurrence(e.startsAt.getTime(), e.endsAt.getTime(), now, e.recurrenceUntil)
          : null;
      const startsAt = occurrence?.startsAt ?? e.startsAt.getTime();
      const notified = notifyLiveVolunteers(tx, scope.eventId, "all", now, (userId) =>
        notify(tx, {
          userId,
          kind: "event_cancelled",
          params: { eventTitle: e.title, startsAt },
          link: COMMITMENTS_PATH,
        }),
      );

      const upcoming = tx
        .select({ id: shifts.id })
        .from(shifts)
        .where(and(eq(shifts.eventId, scope.eventId), sql`${shifts.startsAt} > ${now}`))
        .all()
        .map((s) => s.id);
      if (upcoming.length) {
        tx.update(signups)
          .set({ status: "cancelled", cancelledAt: new Date(now) })
          .where(and(inArray(signups.shiftId, upcoming), ne(signups.status, "cancelled")))
          .run();
        tx.update(shifts).set({ confirmedCount: 0 }).where(inArray(shifts.id, upcoming)).run();
      }
      return { ok: true as const, notified };
    },
    { behavior: "immediate" },
  );
}

/** A draft copy of the activity with its languages, translations and shifts (no sign-ups). */
export function duplicateActivity(
  db: Db,
  scope: ActivityScope,
  userId: string,
): CommandResult<{ eventId: number }> {
  return db.transaction((tx) => {
    const e = tx
      .select()
      .from(events)
      .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
      .get();
    if (!e) return NOT_FOUND;
    const copy = tx
      .insert(events)
      .values({
        organisationId: e.organisationId,
        createdBy: userId,
        categoryId: e.categoryId,
        neighbourhoodId: e.neighbourhoodId,
        title: e.title,
        description: e.description,
        originalLanguage: e.originalLanguage,
        place: e.place,
        placeId: e.placeId,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        recurrence: e.recurrence,
        recurrenceUntil: e.recurrenceUntil,
        accessibility: e.accessibility,
        targetGroup: e.targetGroup,
        costCents: e.costCents,
        participantPlaces: e.participantPlaces,
        participantsRegistered: 0,
        status: "draft",
      })
      .returning({ id: events.id })
      .get();
    tx.run(
      sql`insert into ${eventLanguages} (event_id, language) select ${copy.id}, language from ${eventLanguages} where event_id = ${e.id}`,
    );
    tx.run(
      sql`insert into ${eventTranslations} (event_id, locale, title, description, machine_translated) select ${copy.id}, locale, title, description, machine_translated from ${eventTranslations} where event_id = ${e.id}`,
    );
    tx.run(
      sql`insert into ${shifts} (event_id, title, starts_at, ends_at, needed_count, requires_certificate)
          select ${copy.id}, title, starts_at, ends_at, needed_count, requires_certificate from ${shifts} where event_id = ${e.id} order by starts_at, id`,
    );
    return { ok: true as const, eventId: copy.id };
  });
}

/**
 * Replaces the translations; a language left empty loses its translation. Languages in `machineDrafts`
 * were just filled by the translation service and are stored marked as machine-made; a stored machine
 * draft keeps its mark while its text is unchanged and nobody ticked "reviewed".
 */
export function saveTranslations(
  db: Db,
  scope: ActivityScope,
  values: TranslationsFormValues,
  machineDrafts: ReadonlySet<UiLocale> = new Set(),
): CommandResult {
  return db.transaction((tx) => {
    const e = tx
      .select({ status: events.status, originalLanguage: events.originalLanguage })
      .from(events)
      .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
      .get();
    if (!e) return NOT_FOUND;
    if (e.status === "cancelled")
      return {
        ok: false as const,
        errors: { form: "events:errors.cancelledReadOnly" },
        status: 409 as const,
      };
    const stored = new Map(
      tx
        .select()
        .from(eventTranslations)
        .where(eq(eventTranslations.eventId, scope.eventId))
        .all()
        .map((r) => [r.locale, { texts: [r.title, r.description], machineTranslated: r.machineTranslated }]),
    );
    tx.delete(eventTranslations).where(eq(eventTranslations.eventId, scope.eventId)).run();
    const rows = Object.entries(values.translations)
      .filter(([locale, t]) => locale !== e.originalLanguage && t && t.title && t.description)
      .map(([locale, t]) => ({
        eventId: scope.eventId,
        locale: locale as UiLocale,
        title: t!.title,
        description: t!.description,
        machineTranslated:
          machineDrafts.has(locale as UiLocale) ||
          keepsMachineMark(stored.get(locale as UiLocale), [t!.title, t!.description], t!.reviewed ?? false),
      }));
    if (rows.length) tx.insert(eventTranslations).values(rows).run();
    return { ok: true as const };
  });
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
