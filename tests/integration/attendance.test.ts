import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hoursLog, notifications, signups } from "@db/schema";
import { markAttendance, shiftHours } from "~/modules/attendance/attendance.server";
import { createEvent, createOrganisation, createShift, createUser, createVolunteer } from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";

const HOUR = 3_600_000;

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

/** A shift that ran yesterday from 10:00 to 12:30 (UTC) with one confirmed volunteer. */
function pastShiftWithVolunteer() {
  const { db } = temp;
  const member = createUser(db, { role: "org_member" });
  const organisation = createOrganisation(db, { ownerId: member.id });
  const startsAt = new Date(Math.floor((Date.now() - 26 * HOUR) / HOUR) * HOUR);
  const event = createEvent(db, { organisationId: organisation.id, startsAt, title: "Sommerfest" });
  const shift = createShift(db, {
    eventId: event.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2.5 * HOUR),
    neededCount: 3,
    confirmedCount: 1,
  });
  const volunteer = createVolunteer(db).user;
  // Sign-ups for past shifts can't go through signUpForShift (it refuses the past): written directly.
  const signup = db
    .insert(signups)
    .values({ shiftId: shift.id, volunteerId: volunteer.id, status: "confirmed" })
    .returning()
    .get();
  return { db, member, organisation, event, shift, volunteer, signup };
}

describe("markAttendance", () => {
  it("logs the shift's hours once for 'present', confirmed by the member, however often it is marked", () => {
    const s = pastShiftWithVolunteer();
    const first = markAttendance(s.db, {
      signupId: s.signup.id,
      eventId: s.event.id,
      organisationId: s.organisation.id,
      attendance: "present",
      memberId: s.member.id,
    });
    expect(first).toEqual({ ok: true, attendance: "present", hoursLogged: 2.5 });
    const again = markAttendance(s.db, {
      signupId: s.signup.id,
      eventId: s.event.id,
      organisationId: s.organisation.id,
      attendance: "present",
      memberId: s.member.id,
    });
    expect(again).toEqual({ ok: true, attendance: "present", hoursLogged: null });

    const rows = s.db.select().from(hoursLog).where(eq(hoursLog.signupId, s.signup.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      volunteerId: s.volunteer.id,
      hours: 2.5,
      source: "shift",
      signupId: s.signup.id,
      organisationId: s.organisation.id,
      categoryId: s.event.categoryId,
      activity: "Sommerfest",
      confirmedBy: s.member.id,
    });
    expect(rows[0]!.confirmedAt).toBeInstanceOf(Date);
    expect(s.db.select().from(signups).where(eq(signups.id, s.signup.id)).get()?.attendance).toBe("present");
    const told = s.db.select().from(notifications).where(eq(notifications.kind, "hours_confirmed")).all();
    expect(told.map((n) => n.userId)).toEqual([s.volunteer.id]);
  });

  it("logs nothing for a no-show, and turning 'present' into 'no-show' takes the hours back out", () => {
    const s = pastShiftWithVolunteer();
    const args = {
      signupId: s.signup.id,
      eventId: s.event.id,
      organisationId: s.organisation.id,
      memberId: s.member.id,
    };
    expect(markAttendance(s.db, { ...args, attendance: "present" }).ok).toBe(true);
    expect(markAttendance(s.db, { ...args, attendance: "no_show" })).toEqual({
      ok: true,
      attendance: "no_show",
      hoursLogged: null,
    });
    expect(s.db.select().from(hoursLog).all()).toHaveLength(0);
    expect(s.db.select().from(signups).where(eq(signups.id, s.signup.id)).get()?.attendance).toBe("no_show");
    expect(markAttendance(s.db, { ...args, attendance: "present" })).toMatchObject({
      ok: true,
      hoursLogged: 2.5,
    });
    expect(s.db.select().from(hoursLog).all()).toHaveLength(1);
  });

  it("refuses a sign-up of another activity of the same organisation (the page's activity decides)", () => {
    const s = pastShiftWithVolunteer();
    const otherActivity = createEvent(s.db, { organisationId: s.organisation.id, title: "Anderes" });
    expect(
      markAttendance(s.db, {
        signupId: s.signup.id,
        eventId: otherActivity.id,
        organisationId: s.organisation.id,
        attendance: "present",
        memberId: s.member.id,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(s.db.select().from(hoursLog).all()).toHaveLength(0);
  });

  it("refuses another organisation, a shift not yet started and a sign-up that is not confirmed", () => {
    const s = pastShiftWithVolunteer();
    const other = createOrganisation(s.db);
    expect(
      markAttendance(s.db, {
        signupId: s.signup.id,
        eventId: s.event.id,
        organisationId: other.id,
        attendance: "present",
        memberId: s.member.id,
      }),
    ).toEqual({ ok: false, error: "not_found" });

    const future = createShift(s.db, { eventId: s.event.id, startsAt: new Date(Date.now() + 5 * HOUR) });
    const early = s.db
      .insert(signups)
      .values({ shiftId: future.id, volunteerId: s.volunteer.id, status: "confirmed" })
      .returning()
      .get();
    expect(
      markAttendance(s.db, {
        signupId: early.id,
        eventId: s.event.id,
        organisationId: s.organisation.id,
        attendance: "present",
        memberId: s.member.id,
      }),
    ).toEqual({ ok: false, error: "not_started" });

    const waiting = s.db
      .insert(signups)
      .values({ shiftId: s.shift.id, volunteerId: createVolunteer(s.db).user.id, status: "waitlisted" })
      .returning()
      .get();
    expect(
      markAttendance(s.db, {
        signupId: waiting.id,
        eventId: s.event.id,
        organisationId: s.organisation.id,
        attendance: "present",
        memberId: s.member.id,
      }),
    ).toEqual({ ok: false, error: "not_confirmed" });
    expect(s.db.select().from(hoursLog).all()).toHaveLength(0);
  });
});

describe("shiftHours", () => {
  it("rounds to the quarter hour and stays within hours_log's bounds", () => {
    expect(shiftHours(0, 2 * HOUR)).toBe(2);
    expect(shiftHours(0, 100 * 60_000)).toBe(1.75);
    expect(shiftHours(0, 5 * 60_000)).toBe(0.25);
    expect(shiftHours(0, 30 * HOUR)).toBe(24);
  });
});
