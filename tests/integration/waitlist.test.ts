import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shifts, signups, volunteerProfiles } from "@db/schema";
import { cancelSignup, signUpForShift } from "~/modules/signups/signups.server";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { certificateCoversShift, fillFromWaitlist } from "~/modules/signups/waitlist.server";
import { zonedIsoDate } from "~/utils/time";
import { createShift, createVolunteer } from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";

const DAY = 24 * 3_600_000;

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const statusOf = (id: number) =>
  temp.db.select({ status: signups.status }).from(signups).where(eq(signups.id, id)).get()?.status;

function signUp(shiftId: number, volunteerId: string): number {
  const result = signUpForShift(temp.db, { shiftId, volunteerId, confirmOverCap: true });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.error)}`);
  return result.signupId;
}

/** A certificate-only shift in ten days, one place, and three volunteers with certificates valid then. */
function certificateShift() {
  const { db } = temp;
  const startsAt = new Date(Date.now() + 10 * DAY);
  const shift = createShift(db, { startsAt, neededCount: 1, requiresCertificate: true });
  const validUntil = zonedIsoDate(Date.now() + 400 * DAY);
  const [first, second, third] = [1, 2, 3].map(
    () =>
      createVolunteer(db, {
        profile: { certificateValidUntil: validUntil, certificateVerifiedAt: new Date() },
      }).user,
  );
  return { db, shift, first: first!, second: second!, third: third! };
}

describe("waitlist promotion re-checks eligibility", () => {
  it("a certificate covers a shift only up to its date (the shift's end, in Berlin)", () => {
    const endsAt = Date.parse("2026-12-10T17:00:00Z");
    expect(certificateCoversShift("2026-12-10", endsAt)).toBe(true);
    expect(certificateCoversShift("2026-12-09", endsAt)).toBe(false);
    expect(certificateCoversShift(null, endsAt)).toBe(false);
  });

  it("a cancellation passes the place to the first in line whose certificate is valid on the shift's date", () => {
    const { db, shift, first, second, third } = certificateShift();
    const a = signUp(shift.id, first.id);
    const b = signUp(shift.id, second.id);
    const c = signUp(shift.id, third.id);
    expect([statusOf(a), statusOf(b), statusOf(c)]).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    // The second person's certificate was revoked after they joined the line.
    db.update(volunteerProfiles)
      .set({ certificateValidUntil: null })
      .where(eq(volunteerProfiles.userId, second.id))
      .run();

    const result = cancelSignup(db, { signupId: a, volunteerId: first.id }, notifySignupChange);
    expect(result).toEqual({ ok: true, promoted: { signupId: c, volunteerId: third.id } });
    expect([statusOf(b), statusOf(c)]).toEqual(["waitlisted", "confirmed"]);
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(1);
  });

  it("a certificate that ends before the shift's date does not count either", () => {
    const { db, shift, first, second } = certificateShift();
    const a = signUp(shift.id, first.id);
    const b = signUp(shift.id, second.id);
    db.update(volunteerProfiles)
      .set({ certificateValidUntil: zonedIsoDate(Date.now() + 5 * DAY) })
      .where(eq(volunteerProfiles.userId, second.id))
      .run();
    expect(cancelSignup(db, { signupId: a, volunteerId: first.id }, notifySignupChange)).toEqual({
      ok: true,
      promoted: null,
    });
    expect(statusOf(b)).toBe("waitlisted");
    // The place stays free rather than going to someone who may not take it.
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(0);
  });

  it("more places on a shift go to eligible people only, in line order", () => {
    const { db, shift, first, second, third } = certificateShift();
    signUp(shift.id, first.id);
    const b = signUp(shift.id, second.id);
    const c = signUp(shift.id, third.id);
    db.update(volunteerProfiles)
      .set({ certificateValidUntil: null })
      .where(eq(volunteerProfiles.userId, second.id))
      .run();
    db.update(shifts).set({ neededCount: 3 }).where(eq(shifts.id, shift.id)).run();
    const promoted = db.transaction((tx) => fillFromWaitlist(tx, shift.id, Date.now(), notifySignupChange), {
      behavior: "immediate",
    });
    expect(promoted).toEqual([{ signupId: c, volunteerId: third.id }]);
    expect([statusOf(b), statusOf(c)]).toEqual(["waitlisted", "confirmed"]);
    expect(db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(2);
  });

  it("a shift without the requirement promotes the first in line as before", () => {
    const { db } = temp;
    const shift = createShift(db, { neededCount: 1 });
    const [x, y] = [createVolunteer(db).user, createVolunteer(db).user];
    const a = signUp(shift.id, x.id);
    const b = signUp(shift.id, y.id);
    expect(cancelSignup(db, { signupId: a, volunteerId: x.id }, notifySignupChange)).toEqual({
      ok: true,
      promoted: { signupId: b, volunteerId: y.id },
    });
  });
});
