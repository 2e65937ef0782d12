import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { events, notifications, shifts, signups } from "@db/schema";
import { COMMITMENTS_PATH, notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { cancelSignup, signUpForShift } from "~/modules/signups/signups.server";
import { createTempDb, type TempDb } from "../helpers/db";
import { createEvent, createShift, createVolunteer } from "../factories";

const HOUR = 3_600_000;
let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

describe("signUpForShift", () => {
  it("confirms while places are left, then waitlists in order, never exceeding capacity", () => {
    const { db } = temp;
    const shift = createShift(db, { neededCount: 2 });
    const people = Array.from({ length: 4 }, () => createVolunteer(db).user);
    const results = people.map((p) => signUpForShift(db, { shiftId: shift.id, volunteerId: p.id }));
    expect(results.map((r) => (r.ok ? r.status : r.error.code))).toEqual([
      "confirmed",
      "confirmed",
      "waitlisted",
      "waitlisted",
    ]);
    expect(results.map((r) => (r.ok ? r.waitlistPosition : null))).toEqual([null, null, 1, 2]);
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(2);
  });

  it("refuses a second sign-up for the same shift", () => {
    const { db } = temp;
    const shift = createShift(db);
    const { user } = createVolunteer(db);
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: user.id }).ok).toBe(true);
    const again = signUpForShift(db, { shiftId: shift.id, volunteerId: user.id });
    expect(again).toEqual({ ok: false, error: { code: "already_signed_up", status: "confirmed" } });
  });

  it("names the other shift when two would overlap", () => {
    const { db } = temp;
    const start = new Date(Date.now() + 48 * HOUR);
    const first = createShift(db, {
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * HOUR),
      title: "Ausgabe",
    });
    const second = createShift(db, {
      startsAt: new Date(start.getTime() + HOUR),
      endsAt: new Date(start.getTime() + 3 * HOUR),
    });
    const { user } = createVolunteer(db);
    expect(signUpForShift(db, { shiftId: first.id, volunteerId: user.id }).ok).toBe(true);
    const result = signUpForShift(db, { shiftId: second.id, volunteerId: user.id });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.code === "overlap") expect(result.error.other.shiftTitle).toBe("Ausgabe");
    else throw new Error(`expected overlap, got ${JSON.stringify(result)}`);
  });

  it("asks before going over the weekly hours cap, and accepts when confirmed", () => {
    const { db } = temp;
    const start = new Date(Date.now() + 72 * HOUR);
    const long = createShift(db, { startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR) });
    const { user } = createVolunteer(db, { profile: { hoursCapPerWeek: 2 } });
    const refused = signUpForShift(db, { shiftId: long.id, volunteerId: user.id });
    expect(refused).toEqual({ ok: false, error: { code: "over_cap", plannedHours: 3, capHours: 2 } });
    const accepted = signUpForShift(db, { shiftId: long.id, volunteerId: user.id, confirmOverCap: true });
    expect(accepted.ok && accepted.status).toBe("confirmed");
  });

  it("refuses shifts that need a certificate of conduct from people without a valid one", () => {
    const { db } = temp;
    const shift = createShift(db, { requiresCertificate: true });
    const none = createVolunteer(db).user;
    const expired = createVolunteer(db, {
      profile: { certificateValidUntil: "2020-01-01", certificateVerifiedAt: new Date(0) },
    }).user;
    const valid = createVolunteer(db, {
      profile: { certificateValidUntil: "2099-01-01", certificateVerifiedAt: new Date(0) },
    }).user;
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: none.id })).toEqual({
      ok: false,
      error: { code: "certificate_required" },
    });
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: expired.id }).ok).toBe(false);
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: valid.id }).ok).toBe(true);
  });

  it("does not sign up for unpublished activities or shifts that have started", () => {
    const { db } = temp;
    const draft = createEvent(db, { status: "draft" });
    const shiftOfDraft = createShift(db, { eventId: draft.id, startsAt: draft.startsAt });
    const { user } = createVolunteer(db);
    expect(signUpForShift(db, { shiftId: shiftOfDraft.id, volunteerId: user.id })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    const started = createShift(db, {
      startsAt: new Date(Date.now() - HOUR),
      endsAt: new Date(Date.now() + HOUR),
    });
    expect(signUpForShift(db, { shiftId: started.id, volunteerId: user.id })).toEqual({
      ok: false,
      error: { code: "past" },
    });
  });
});

describe("cancelSignup", () => {
  it("promotes exactly the first on the waitlist and keeps the count", () => {
    const { db } = temp;
    const shift = createShift(db, { neededCount: 1 });
    const [a, b, c] = [createVolunteer(db).user, createVolunteer(db).user, createVolunteer(db).user];
    const first = signUpForShift(db, { shiftId: shift.id, volunteerId: a.id });
    signUpForShift(db, { shiftId: shift.id, volunteerId: b.id });
    signUpForShift(db, { shiftId: shift.id, volunteerId: c.id });
    if (!first.ok) throw new Error("first sign-up failed");

    const promotedTo: string[] = [];
    const result = cancelSignup(db, { signupId: first.signupId, volunteerId: a.id }, (_tx, event) => {
      if (event.kind === "waitlist_promoted") promotedTo.push(event.volunteerId);
    });
    expect(result).toEqual({ ok: true, promoted: { signupId: expect.any(Number), volunteerId: b.id } });
    expect(promotedTo).toEqual([b.id]);
    const rows = db.select().from(signups).where(eq(signups.shiftId, shift.id)).all();
    expect(rows.map((r) => [r.volunteerId, r.status])).toEqual([
      [a.id, "cancelled"],
      [b.id, "confirmed"],
      [c.id, "waitlisted"],
    ]);
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(1);
  });

  it("frees the place when nobody waits, and cannot cancel someone else's sign-up", () => {
    const { db } = temp;
    const shift = createShift(db, { neededCount: 1 });
    const { user } = createVolunteer(db);
    const other = createVolunteer(db).user;
    const signup = signUpForShift(db, { shiftId: shift.id, volunteerId: user.id });
    if (!signup.ok) throw new Error("sign-up failed");
    expect(cancelSignup(db, { signupId: signup.signupId, volunteerId: other.id })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(cancelSignup(db, { signupId: signup.signupId, volunteerId: user.id })).toEqual({
      ok: true,
      promoted: null,
    });
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(0);
    // Signing up again after cancelling is allowed (the old row stays as history).
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: user.id }).ok).toBe(true);
  });

  it("tells the volunteer when the organisation cancels their sign-up, and nobody when they cancel it themselves", () => {
    const { db } = temp;
    const shift = createShift(db, { neededCount: 1 });
    const organisationId = db
      .select({ o: events.organisationId })
      .from(events)
      .where(eq(events.id, shift.eventId))
      .get()!.o!;
    const [a, b, c] = [createVolunteer(db).user, createVolunteer(db).user, createVolunteer(db).user];
    const ids = [a, b, c].map((v) => {
      const r = signUpForShift(db, { shiftId: shift.id, volunteerId: v.id });
      if (!r.ok) throw new Error("sign-up failed");
      return r.signupId;
    });
    const inbox = () =>
      db
        .select({ userId: notifications.userId, kind: notifications.kind, link: notifications.link })
        .from(notifications)
        .all();

    // Another organisation cannot cancel it; this one can.
    expect(
      cancelSignup(
        db,
        { signupId: ids[0]!, organisationId: organisationId + 1, eventId: shift.eventId },
        notifySignupChange,
      ),
    ).toEqual({
      ok: false,
      error: "not_found",
    });
    // Nor can it from the page of another of its activities.
    const otherActivity = createEvent(db, { organisationId });
    expect(
      cancelSignup(db, { signupId: ids[0]!, organisationId, eventId: otherActivity.id }, notifySignupChange),
    ).toEqual({ ok: false, error: "not_found" });
    expect(inbox()).toEqual([]);
    const own = { organisationId, eventId: shift.eventId };
    expect(cancelSignup(db, { signupId: ids[0]!, ...own }, notifySignupChange).ok).toBe(true);
    expect(inbox()).toEqual([
      { userId: a.id, kind: "signup_cancelled", link: COMMITMENTS_PATH },
      { userId: b.id, kind: "waitlist_promoted", link: COMMITMENTS_PATH },
    ]);
    const params = db.select().from(notifications).where(eq(notifications.userId, a.id)).get()!.params;
    expect(params).toEqual({
      eventTitle: expect.any(String),
      shiftTitle: shift.title,
      startsAt: shift.startsAt.getTime(),
    });

    // A waitlisted sign-up cancelled by the organisation is told too; one's own cancellation is not.
    expect(cancelSignup(db, { signupId: ids[2]!, ...own }, notifySignupChange).ok).toBe(true);
    expect(cancelSignup(db, { signupId: ids[1]!, volunteerId: b.id }, notifySignupChange).ok).toBe(true);
    expect(inbox().map((n) => [n.userId, n.kind])).toEqual([
      [a.id, "signup_cancelled"],
      [b.id, "waitlist_promoted"],
      [c.id, "signup_cancelled"],
    ]);
  });
});
