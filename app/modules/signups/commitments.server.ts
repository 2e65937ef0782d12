/**
 * What a volunteer has signed up for, read for the activity page (per shift) and for "my commitments".
 * Each function runs a fixed number of queries whatever the number of shifts or sign-ups.
 */
import { and, asc, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  events,
  hoursLog,
  neighbourhoods,
  organisations,
  shifts,
  signups,
  volunteerProfiles,
} from "@db/schema";
import type { Attendance } from "@db/schema/enums";
import type { EventResource } from "~/modules/permissions/permissions";
import { lacksCertificate } from "./certificate-flags.server";

export interface ShiftSignupState {
  shiftId: number;
  /** People on the waitlist now. */
  waitlistCount: number;
  /** The shift has begun: nobody can sign up or cancel any more. */
  started: boolean;
  /** The viewer's live sign-up for this shift, if any. */
  mine: { signupId: number; status: "confirmed" | "waitlisted"; position: number | null } | null;
}

/** For each shift: the waitlist length and the viewer's sign-up with their place in line. One query. */
export function getShiftSignupStates(
  db: Db,
  shiftIds: readonly number[],
  viewerId: string | null,
  now: number = Date.now(),
): Record<number, ShiftSignupState> {
  if (shiftIds.length === 0) return {};
  const rows = db
    .select({
      shiftId: shifts.id,
      startsAt: shifts.startsAt,
      waitlistCount: sql<number>`(select count(*) from ${signups} w where w.shift_id = ${shifts.id} and w.status = 'waitlisted')`,
      signupId: signups.id,
      status: signups.status,
      position: sql<number | null>`case when ${signups.status} = 'waitlisted' then
        (select count(*) from ${signups} w where w.shift_id = ${shifts.id} and w.status = 'waitlisted' and w.id <= ${signups.id}) end`,
    })
    .from(shifts)
    .leftJoin(
      signups,
      and(
        eq(signups.shiftId, shifts.id),
        eq(signups.volunteerId, viewerId ?? ""),
        sql`${signups.status} <> 'cancelled'`,
      ),
    )
    .where(inArray(shifts.id, [...shiftIds]))
    .all();
  const states: Record<number, ShiftSignupState> = {};
  for (const r of rows) {
    states[r.shiftId] = {
      shiftId: r.shiftId,
      waitlistCount: r.waitlistCount,
      started: r.startsAt.getTime() <= now,
      mine:
        viewerId && r.signupId !== null && (r.status === "confirmed" || r.status === "waitlisted")
          ? { signupId: r.signupId, status: r.status, position: r.position }
          : null,
    };
  }
  return states;
}

export interface CommitmentItem {
  signupId: number;
  status: "confirmed" | "waitlisted";
  position: number | null;
  shiftId: number;
  shiftTitle: string;
  startsAt: number;
  endsAt: number;
  eventId: number;
  eventTitle: string;
  place: string;
  neighbourhoodName: string;
  /** The shift has started: it can no longer be cancelled here. */
  started: boolean;
  /** The shift needs a certificate of conduct the volunteer does not have on its date. */
  certificateMissing: boolean;
}

export interface PastCommitmentItem {
  signupId: number;
  shiftTitle: string;
  startsAt: number;
  endsAt: number;
  eventId: number;
  eventTitle: string;
  attendance: Attendance | null;
  hours: number | null;
  hoursConfirmed: boolean;
}

/** How many past shifts "my commitments" shows. */
export const PAST_COMMITMENTS_LIMIT = 50;

/**
 * Upcoming (and running) confirmed and waitlisted sign-ups in date order with the place in line, and
 * the latest past confirmed shifts with attendance and hours. Two queries.
 */
export function listCommitments(
  db: Db,
  volunteerId: string,
  now: number,
): { upcoming: CommitmentItem[]; past: PastCommitmentItem[] } {
  const upcoming = db
    .select({
      signupId: signups.id,
      status: signups.status,
      position: sql<number | null>`case when ${signups.status} = 'waitlisted' then
        (select count(*) from ${signups} w where w.shift_id = ${signups.shiftId} and w.status = 'waitlisted' and w.id <= ${signups.id}) end`,
      shiftId: shifts.id,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      eventId: events.id,
      eventTitle: events.title,
      place: events.place,
      neighbourhoodName: neighbourhoods.name,
      requiresCertificate: shifts.requiresCertificate,
      certificateValidUntil: volunteerProfiles.certificateValidUntil,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.volunteerId))
    .where(
      and(
        eq(signups.volunteerId, volunteerId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        gt(shifts.endsAt, new Date(now)),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all();

  const past = db
    .select({
      signupId: signups.id,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      eventId: events.id,
      eventTitle: events.title,
      attendance: signups.attendance,
      hours: hoursLog.hours,
      confirmedAt: hoursLog.confirmedAt,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .leftJoin(hoursLog, eq(hoursLog.signupId, signups.id))
    .where(
      and(
        eq(signups.volunteerId, volunteerId),
        eq(signups.status, "confirmed"),
        lte(shifts.endsAt, new Date(now)),
      ),
    )
    .orderBy(desc(shifts.startsAt), desc(shifts.id))
    .limit(PAST_COMMITMENTS_LIMIT)
    .all();

  return {
    upcoming: upcoming.map(({ requiresCertificate, certificateValidUntil, ...r }) => ({
      ...r,
      status: r.status as "confirmed" | "waitlisted",
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      started: r.startsAt.getTime() <= now,
      certificateMissing: lacksCertificate(
        { requiresCertificate, endsAt: r.endsAt.getTime() },
        certificateValidUntil ?? null,
      ),
    })),
    past: past.map((r) => ({
      signupId: r.signupId,
      shiftTitle: r.shiftTitle,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      eventId: r.eventId,
      eventTitle: r.eventTitle,
      attendance: r.attendance,
      hours: r.hours,
      hoursConfirmed: r.confirmedAt !== null,
    })),
  };
}

export interface SignupShift {
  id: number;
  title: string;
  startsAt: number;
  endsAt: number;
  neededCount: number;
  placesLeft: number;
  past: boolean;
  requiresCertificate: boolean;
  eventId: number;
  eventTitle: string;
  organisationId: number | null;
  createdBy: string | null;
  neighbourhoodId: number;
  published: boolean;
  organisationVerified: boolean;
}

/** A shift with what its sign-up page and the permission check need, or null for an unknown id. */
export function getSignupShift(db: Db, shiftId: number, now: number = Date.now()): SignupShift | null {
  const row = db
    .select({
      id: shifts.id,
      title: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      neededCount: shifts.neededCount,
      confirmedCount: shifts.confirmedCount,
      requiresCertificate: shifts.requiresCertificate,
      eventId: events.id,
      eventTitle: events.title,
      organisationId: events.organisationId,
      createdBy: events.createdBy,
      neighbourhoodId: events.neighbourhoodId,
      status: events.status,
      verifiedAt: organisations.verifiedAt,
    })
    .from(shifts)
    .innerJoin(events, eq(events.id, shifts.eventId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(shifts.id, shiftId))
    .get();
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    neededCount: row.neededCount,
    placesLeft: Math.max(0, row.neededCount - row.confirmedCount),
    past: row.startsAt.getTime() <= now,
    requiresCertificate: row.requiresCertificate,
    eventId: row.eventId,
    eventTitle: row.eventTitle,
    organisationId: row.organisationId,
    createdBy: row.createdBy,
    neighbourhoodId: row.neighbourhoodId,
    published: row.status === "published",
    organisationVerified: row.organisationId === null || row.verifiedAt !== null,
  };
}

/** The shift's activity as a permission resource (`event:read`, `signup:create`). */
export function shiftEventResource(shift: SignupShift): EventResource {
  return {
    organisationId: shift.organisationId,
    createdBy: shift.createdBy,
    neighbourhoodId: shift.neighbourhoodId,
    published: shift.published,
    organisationVerified: shift.organisationVerified,
  };
}
