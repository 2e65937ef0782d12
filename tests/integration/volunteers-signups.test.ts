import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hoursLog, notifications, signups } from "@db/schema";
import { getShiftSignupStates, listCommitments } from "~/modules/signups/commitments.server";
import { loader as activityLoader } from "~/routes/activities.$id";
import { loader as commitmentsLoader } from "~/routes/volunteer.commitments";
import { action as signupAction, loader as signupLoader } from "~/routes/shifts.$id.signup";
import { action as cancelAction } from "~/routes/signups.$id.cancel";
import { getDb } from "~/utils/db.server";
import { createEvent, createShift, createUser, createVolunteer } from "../factories";
import { callAction, callLoader, sessionCookieFor } from "../helpers/route-calls";

const HOUR = 3_600_000;

async function signUp(userId: string, shiftId: number, form: Record<string, string> = {}) {
  return callAction(signupAction, `/shifts/${shiftId}/signup`, {
    cookie: await sessionCookieFor(userId),
    params: { id: String(shiftId) },
    form: { returnTo: "/volunteer/find?what=shifts", ...form },
  });
}

describe("signing up through /shifts/:id/signup", () => {
  it("confirms, goes back where the person came from and tells them in the inbox", async () => {
    const db = getDb();
    const shift = createShift(db, { neededCount: 1, title: "Kuchenstand" });
    const { user } = createVolunteer(db);
    const result = await signUp(user.id, shift.id);
    expect(result).toMatchObject({ status: 303, location: `/volunteer/find?what=shifts#shift-${shift.id}` });
    const inbox = db.select().from(notifications).where(eq(notifications.userId, user.id)).all();
    expect(inbox).toMatchObject([
      { kind: "signup_confirmed", link: "/volunteer/commitments", params: { shiftTitle: "Kuchenstand" } },
    ]);
  });

  it("puts people on the waitlist in order once the shift is full, and shows their place", async () => {
    const db = getDb();
    const shift = createShift(db, { neededCount: 1 });
    const [a, b, c] = [createVolunteer(db).user, createVolunteer(db).user, createVolunteer(db).user];
    for (const person of [a, b, c]) expect((await signUp(person.id, shift.id)).status).toBe(303);
    const states = getShiftSignupStates(db, [shift.id], c.id);
    expect(states[shift.id]).toMatchObject({
      waitlistCount: 2,
      started: false,
      mine: { status: "waitlisted", position: 2 },
    });
    const page = await callLoader(signupLoader, `/shifts/${shift.id}/signup`, {
      cookie: await sessionCookieFor(b.id),
      params: { id: String(shift.id) },
    });
    expect(page.data).toMatchObject({
      state: { mine: { status: "waitlisted", position: 1 } },
      shift: { placesLeft: 0 },
    });
  });

  it("asks before going over the weekly hours cap and signs up after the confirmation", async () => {
    const db = getDb();
    const start = new Date(Date.now() + 5 * 24 * HOUR);
    const shift = createShift(db, { startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR) });
    const { user } = createVolunteer(db, { profile: { hoursCapPerWeek: 2 } });
    const first = await signUp(user.id, shift.id);
    expect(first).toMatchObject({
      status: 409,
      data: { ok: false, error: { code: "over_cap", plannedHours: 3, capHours: 2 } },
    });
    expect(db.select().from(signups).where(eq(signups.volunteerId, user.id)).all()).toEqual([]);
    expect((await signUp(user.id, shift.id, { confirmOverCap: "1" })).status).toBe(303);
  });

  it("names the other shift on an overlap and explains a missing certificate", async () => {
    const db = getDb();
    const start = new Date(Date.now() + 6 * 24 * HOUR);
    const event = createEvent(db, { title: "Sommerfest", startsAt: start });
    const a = createShift(db, {
      eventId: event.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * HOUR),
      title: "Grill",
    });
    const b = createShift(db, {
      eventId: event.id,
      startsAt: new Date(start.getTime() + HOUR),
      endsAt: new Date(start.getTime() + 3 * HOUR),
    });
    const kids = createShift(db, { requiresCertificate: true });
    const { user } = createVolunteer(db);
    await signUp(user.id, a.id);
    expect((await signUp(user.id, b.id)).data).toMatchObject({
      error: { code: "overlap", other: { shiftTitle: "Grill", eventTitle: "Sommerfest" } },
    });
    expect((await signUp(user.id, kids.id)).data).toEqual({
      ok: false,
      error: { code: "certificate_required" },
    });
  });

  it("tells an organisation member without a profile to create one, and ignores a foreign returnTo", async () => {
    const db = getDb();
    const shift = createShift(db);
    const member = createUser(db, { role: "org_member" });
    expect((await signUp(member.id, shift.id)).data).toEqual({ ok: false, error: { code: "no_profile" } });
    const { user } = createVolunteer(db);
    const result = await signUp(user.id, shift.id, { returnTo: "https://evil.example/" });
    expect(result.location).toBe(`/activities/${shift.eventId}#shift-${shift.id}`);
  });
});

describe("cancelling", () => {
  it("promotes exactly the first on the waitlist, who is told, and only the owner can cancel", async () => {
    const db = getDb();
    const shift = createShift(db, { neededCount: 1, title: "Ausgabe" });
    const [a, b, c] = [createVolunteer(db).user, createVolunteer(db).user, createVolunteer(db).user];
    for (const person of [a, b, c]) await signUp(person.id, shift.id);
    const mineOf = (id: string) =>
      db
        .select()
        .from(signups)
        .where(and(eq(signups.shiftId, shift.id), eq(signups.volunteerId, id)))
        .get()!;
    const signupOfA = mineOf(a.id);
    const params = { id: String(signupOfA.id) };

    const foreign = await callAction(cancelAction, `/signups/${signupOfA.id}/cancel`, {
      cookie: await sessionCookieFor(c.id),
      params,
      form: {},
    });
    expect(foreign.status).toBe(404);
    const own = await callAction(cancelAction, `/signups/${signupOfA.id}/cancel`, {
      cookie: await sessionCookieFor(a.id),
      params,
      form: { returnTo: "/volunteer/commitments" },
    });
    expect(own).toMatchObject({ status: 303, location: "/volunteer/commitments" });
    expect([mineOf(a.id).status, mineOf(b.id).status, mineOf(c.id).status]).toEqual([
      "cancelled",
      "confirmed",
      "waitlisted",
    ]);
    expect(
      db
        .select({ kind: notifications.kind })
        .from(notifications)
        .where(eq(notifications.userId, b.id))
        .all()
        .map((n) => n.kind),
    ).toContain("waitlist_promoted");
    expect(getShiftSignupStates(db, [shift.id], c.id)[shift.id]?.mine).toMatchObject({ position: 1 });
  });
});

describe("my commitments and the activity page", () => {
  it("lists upcoming confirmed and waitlisted shifts with the place in line, and past ones with attendance and hours", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const full = createShift(db, { neededCount: 1 });
    await signUp(createVolunteer(db).user.id, full.id);
    await signUp(user.id, full.id);
    const open = createShift(db, { startsAt: new Date(Date.now() + 9 * 24 * HOUR) });
    await signUp(user.id, open.id);
    const pastStart = new Date(Date.now() - 3 * 24 * HOUR);
    const past = createShift(db, {
      startsAt: pastStart,
      endsAt: new Date(pastStart.getTime() + 2 * HOUR),
      confirmedCount: 1,
    });
    const pastSignup = db
      .insert(signups)
      .values({ shiftId: past.id, volunteerId: user.id, status: "confirmed", attendance: "present" })
      .returning()
      .get();
    db.insert(hoursLog)
      .values({
        volunteerId: user.id,
        date: pastStart.toISOString().slice(0, 10),
        hours: 2,
        source: "shift",
        signupId: pastSignup.id,
      })
      .run();

    const { upcoming, past: done } = listCommitments(db, user.id, Date.now());
    expect(upcoming.map((c) => [c.shiftId, c.status, c.position])).toEqual([
      [full.id, "waitlisted", 1],
      [open.id, "confirmed", null],
    ]);
    expect(done).toMatchObject([
      { signupId: pastSignup.id, attendance: "present", hours: 2, hoursConfirmed: false },
    ]);
    const page = await callLoader(commitmentsLoader, "/volunteer/commitments", {
      cookie: await sessionCookieFor(user.id),
    });
    expect((page.data as { upcoming: unknown[] }).upcoming).toHaveLength(2);
  });

  it("gives the activity page each shift's waitlist and the viewer's own sign-up", async () => {
    const db = getDb();
    const shift = createShift(db, { neededCount: 1 });
    const { user } = createVolunteer(db);
    await signUp(user.id, shift.id);
    const params = { id: String(shift.eventId) };
    const mine = await callLoader(activityLoader, `/activities/${shift.eventId}`, {
      cookie: await sessionCookieFor(user.id),
      params,
    });
    expect(mine.data).toMatchObject({
      viewer: { signedIn: true, isVolunteer: true },
      signups: { [shift.id]: { waitlistCount: 0, mine: { status: "confirmed" } } },
    });
    const visitor = await callLoader(activityLoader, `/activities/${shift.eventId}`, { params });
    expect(visitor.data).toMatchObject({
      viewer: { signedIn: false },
      signups: { [shift.id]: { mine: null } },
    });
  });
});
