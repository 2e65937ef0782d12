import { and, asc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@db/client";
import { events, organisations, shifts, signups, volunteerProfiles } from "@db/schema";
import { isoWeekBounds } from "./week";
import { certificateCoversShift, fillFromWaitlist } from "./waitlist.server";

export type SignupError =
  | { code: "not_found" }
  | { code: "past" }
  | { code: "no_profile" }
  | { code: "already_signed_up"; status: "confirmed" | "waitlisted" }
  | { code: "certificate_required" }
  | { code: "overlap"; other: { shiftTitle: string; eventTitle: string; startsAt: number; endsAt: number } }
  | { code: "over_cap"; plannedHours: number; capHours: number };

export type SignupResult =
  | { ok: true; signupId: number; status: "confirmed" | "waitlisted"; waitlistPosition: number | null }
  | { ok: false; error: SignupError };

export interface SignUpInput {
  shiftId: number;
  volunteerId: string;
  /** The volunteer saw the hours-cap warning and wants to go over it anyway. */
  confirmOverCap?: boolean;
  now?: number;
}

/** Hook for the caller to write notifications in the same transaction (e.g. "sign-up confirmed"). */
export type SignupNotifier = (
  tx: DbOrTx,
  event:
    | {
        kind: "signup_confirmed" | "signup_waitlisted";
        signupId: number;
        volunteerId: string;
        shiftId: number;
      }
    | {
        kind: "waitlist_promoted" | "signup_cancelled";
        signupId: number;
        volunteerId: string;
        shiftId: number;
      },
) => void;

const noNotifier: SignupNotifier = () => {};

/**
 * Signs a volunteer up for a shift: confirmed while places are left, otherwise on the waitlist.
 * Everything that decides (capacity, overlap, hours cap, certificate) is read and written inside one
 * BEGIN IMMEDIATE transaction, so concurrent sign-ups can never exceed the shift's capacity.
 */
export function signUpForShift(
  db: Db,
  input: SignUpInput,
  notify: SignupNotifier = noNotifier,
): SignupResult {
  const now = input.now ?? Date.now();
  return db.transaction(
    (tx) => {
      const shift = tx
        .select({
          id: shifts.id,
          title: shifts.title,
          startsAt: shifts.startsAt,
          endsAt: shifts.endsAt,
          neededCount: shifts.neededCount,
          confirmedCount: shifts.confirmedCount,
          requiresCertificate: shifts.requiresCertificate,
          eventStatus: events.status,
          organisationId: events.organisationId,
          verifiedAt: organisations.verifiedAt,
        })
        .from(shifts)
        .innerJoin(events, eq(events.id, shifts.eventId))
        .leftJoin(organisations, eq(organisations.id, events.organisationId))
        .where(eq(shifts.id, input.shiftId))
        .get();
      const isPublic =
        shift &&
        shift.eventStatus === "published" &&
        (shift.organisationId === null || shift.verifiedAt !== null);
      if (!shift || !isPublic) return fail({ code: "not_found" });
      if (shift.startsAt.getTime() <= now) return fail({ code: "past" });

      const profile = tx
        .select({
          certificateValidUntil: volunteerProfiles.certificateValidUntil,
          hoursCapPerWeek: volunteerProfiles.hoursCapPerWeek,
        })
        .from(volunteerProfiles)
        .where(eq(volunteerProfiles.userId, input.volunteerId))
        .get();
      if (!profile) return fail({ code: "no_profile" });

      const existing = tx
        .select({ status: signups.status })
        .from(signups)
        .where(
          and(
            eq(signups.shiftId, shift.id),
            eq(signups.volunteerId, input.volunteerId),
            ne(signups.status, "cancelled"),
          ),
        )
        .get();
      if (existing?.status === "confirmed" || existing?.status === "waitlisted") {
        return fail({ code: "already_signed_up", status: existing.status });
      }

      if (
        shift.requiresCertificate &&
        !certificateCoversShift(profile.certificateValidUntil, shift.endsAt.getTime())
      ) {
        return fail({ code: "certificate_required" });
      }

      const overlapping = tx
        .select({
          shiftTitle: shifts.title,
          eventTitle: events.title,
          startsAt: shifts.startsAt,
          endsAt: shifts.endsAt,
        })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(events, eq(events.id, shifts.eventId))
        .where(
          and(
            eq(signups.volunteerId, input.volunteerId),
            inArray(signups.status, ["confirmed", "waitlisted"]),
            lt(shifts.startsAt, shift.endsAt),
            gt(shifts.endsAt, shift.startsAt),
          ),
        )
        .orderBy(asc(shifts.startsAt))
        .get();
      if (overlapping) {
        return fail({
          code: "overlap",
          other: {
            shiftTitle: overlapping.shiftTitle,
            eventTitle: overlapping.eventTitle,
            startsAt: overlapping.startsAt.getTime(),
            endsAt: overlapping.endsAt.getTime(),
          },
        });
      }

      const { start, end } = isoWeekBounds(shift.startsAt.getTime());
      const planned = tx
        .select({
          hours: sql<number>`coalesce(sum((${shifts.endsAt} - ${shifts.startsAt}) / 3600000.0), 0)`,
        })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .where(
          and(
            eq(signups.volunteerId, input.volunteerId),
            eq(signups.status, "confirmed"),
            sql`${shifts.startsAt} >= ${start} and ${shifts.startsAt} < ${end}`,
          ),
        )
        .get();
      const shiftHours = (shift.endsAt.getTime() - shift.startsAt.getTime()) / 3_600_000;
      const plannedHours = round1((planned?.hours ?? 0) + shiftHours);
      if (plannedHours > profile.hoursCapPerWeek && !input.confirmOverCap) {
        return fail({ code: "over_cap", plannedHours, capHours: profile.hoursCapPerWeek });
      }

      const hasPlace = shift.confirmedCount < shift.neededCount;
      const status = hasPlace ? "confirmed" : "waitlisted";
      const created = tx
        .insert(signups)
        .values({ shiftId: shift.id, volunteerId: input.volunteerId, status })
        .returning({ id: signups.id })
        .get();
      let waitlistPosition: number | null = null;
      if (hasPlace) {
        tx.update(shifts)
          .set({ confirmedCount: sql`${shifts.confirmedCount} + 1` })
          .where(eq(shifts.id, shift.id))
          .run();
      } else {
        waitlistPosition = waitlistPositionOf(tx, shift.id, created.id);
      }
      notify(tx, {
        kind: hasPlace ? "signup_confirmed" : "signup_waitlisted",
        signupId: created.id,
        volunteerId: input.volunteerId,
        shiftId: shift.id,
      });
      return { ok: true as const, signupId: created.id, status, waitlistPosition };
    },
    { behavior: "immediate" },
  );
}

export type CancelResult =
  | { ok: true; promoted: { signupId: number; volunteerId: string } | null }
  | { ok: false; error: "not_found" | "already_cancelled" | "past" };

/**
 * Cancels a sign-up. Ownership is part of the `where`: a volunteer can only cancel their own sign-up
 * (pass `volunteerId`), an organisation only sign-ups on the shifts of the activity whose page it is on
 * (pass `organisationId` and `eventId`).
 * A confirmed place that becomes free goes to the first on the waitlist, in the same transaction.
 * When the organisation cancels, the volunteer is told (and the promoted person, as always).
 */
export function cancelSignup(
  db: Db,
  input: {
    signupId: number;
    volunteerId?: string;
    organisationId?: number;
    eventId?: number;
    now?: number;
  },
  notify: SignupNotifier = noNotifier,
): CancelResult {
  return db.transaction((tx) => cancelSignupIn(tx, input, notify), { behavior: "immediate" });
}

/** cancelSignup inside a transaction the caller holds (erasing an account cancels each of its sign-ups). */
export function cancelSignupIn(
  tx: DbOrTx,
  input: {
    signupId: number;
    volunteerId?: string;
    organisationId?: number;
    eventId?: number;
    now?: number;
  },
  notify: SignupNotifier = noNotifier,
): CancelResult {
  const now = input.now ?? Date.now();
  const row = tx
    .select({
      id: signups.id,
      status: signups.status,
      shiftId: signups.shiftId,
      volunteerId: signups.volunteerId,
      startsAt: shifts.startsAt,
      eventId: events.id,
      organisationId: events.organisationId,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .where(eq(signups.id, input.signupId))
    .get();
  const owns =
    row &&
    ((input.volunteerId !== undefined && row.volunteerId === input.volunteerId) ||
      (input.organisationId !== undefined &&
        input.eventId !== undefined &&
        row.organisationId === input.organisationId &&
        row.eventId === input.eventId));
  if (!row || !owns) return { ok: false as const, error: "not_found" as const };
  if (row.status === "cancelled") return { ok: false as const, error: "already_cancelled" as const };
  if (row.startsAt.getTime() <= now) return { ok: false as const, error: "past" as const };

  tx.update(signups)
    .set({ status: "cancelled", cancelledAt: new Date(now) })
    .where(eq(signups.id, row.id))
    .run();
  // Cancelled by the organisation: the volunteer must know they are no longer expected.
  if (input.volunteerId === undefined) {
    notify(tx, {
      kind: "signup_cancelled",
      signupId: row.id,
      volunteerId: row.volunteerId,
      shiftId: row.shiftId,
    });
  }
  if (row.status !== "confirmed") return { ok: true as const, promoted: null };

  // The freed place goes to the first in line who may take it (waitlist.server.ts).
  tx.update(shifts)
    .set({ confirmedCount: sql`${shifts.confirmedCount} - 1` })
    .where(eq(shifts.id, row.shiftId))
    .run();
  const [promoted] = fillFromWaitlist(tx, row.shiftId, now, notify);
  return { ok: true as const, promoted: promoted ?? null };
}

/** 1-based place on the waitlist (ordered by sign-up id). */
export function waitlistPositionOf(db: Pick<Db, "select">, shiftId: number, signupId: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(signups)
    .where(
      and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted"), sql`${signups.id} <= ${signupId}`),
    )
    .get();
  return row?.n ?? 0;
}

function fail(error: SignupError): SignupResult {
  return { ok: false, error };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
