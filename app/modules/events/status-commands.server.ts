/**
 * An activity's life: publish, unpublish, cancel (everyone signed up is told), duplicate as a draft.
 * Ownership in every `where`; BEGIN IMMEDIATE like the other commands (commands.server.ts).
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { eventLanguages, events, eventTranslations, shifts, signups } from "@db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { nextWeeklyOccurrence } from "~/utils/time";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import type { ActivityScope } from "./queries.server";
import { loadOwnActivity, notifyLiveVolunteers, type CommandResult } from "./commands.server";

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
    const own = loadOwnActivity(tx, scope, null);
    if (!own.ok) return own;
    const e = own.activity;
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
      const own = loadOwnActivity(tx, scope, null);
      if (!own.ok) return own;
      const e = own.activity;
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
      const own = loadOwnActivity(tx, scope, "events:errors.alreadyCancelled");
      if (!own.ok) return own;
      const e = own.activity;
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
    const own = loadOwnActivity(tx, scope, null);
    if (!own.ok) return own;
    const e = own.activity;
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
