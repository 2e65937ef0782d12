/**
 * Self check-in (issue 16, point 5): the shift's signed short code, the window (30 minutes before the
 * start to 30 after the end), the wrong person, twice, a tampered code; the club confirms or corrects
 * with the attendance it already records; the page as a browser without JavaScript uses it.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { hoursLog, signups } from "@db/schema";
import type { Db } from "@db/client";
import { markAttendance } from "~/modules/attendance/attendance.server";
import {
  checkIn,
  checkInCode,
  checkInState,
  verifyCheckInCode,
} from "~/modules/attendance/self-check-in.server";
import { getManagedActivity } from "~/modules/events/queries.server";
import { signUpForShift } from "~/modules/signups/signups.server";
import * as page from "~/routes/checkin";
import * as managePage from "~/routes/organisations.$id.activities.$eventId._index";
import { getDb } from "~/utils/db.server";
import { createEvent, createOrganisation, createShift, createUser, createVolunteer } from "../factories";
import { callAction, callLoader, sessionCookieFor } from "../helpers/route-calls";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A shift tomorrow 2 h long with two places: Ada and Ben confirmed, Cem waiting, Dora not signed up. */
function setting(db: Db) {
  const member = createUser(db, { role: "org_member" });
  const organisation = createOrganisation(db, { ownerId: member.id });
  const event = createEvent(db, { organisationId: organisation.id });
  const shift = createShift(db, { eventId: event.id, neededCount: 2, startsAt: event.startsAt });
  const [ada, ben, cem, dora] = ["Ada", "Ben", "Cem", "Dora"].map(
    (displayName) => createVolunteer(db, { user: { displayName } }).user,
  );
  const signupOf: Record<string, number> = {};
  for (const person of [ada!, ben!, cem!]) {
    const r = signUpForShift(db, { shiftId: shift.id, volunteerId: person.id, confirmOverCap: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    signupOf[person.displayName] = r.signupId;
  }
  const start = shift.startsAt.getTime();
  const end = shift.endsAt.getTime();
  return {
    member,
    organisation,
    event,
    shift,
    ada: ada!,
    ben: ben!,
    cem: cem!,
    dora: dora!,
    signupOf,
    start,
    end,
  };
}

const checkedInAt = (db: Db, id: number) =>
  db.select({ at: signups.checkedInAt }).from(signups).where(eq(signups.id, id)).get()?.at?.getTime() ?? null;

describe("the code", () => {
  it("is short, belongs to one shift, and a changed letter or another shift's id is refused", () => {
    const code = checkInCode(42);
    expect(code).toMatch(/^42-[A-Z2-9]{8}$/);
    expect(verifyCheckInCode(code)).toBe(42);
    expect(verifyCheckInCode(` ${code.toLowerCase()} `)).toBe(42);
    const letters = code.slice(3);
    const flipped = letters[0] === "A" ? `B${letters.slice(1)}` : `A${letters.slice(1)}`;
    expect(verifyCheckInCode(`42-${flipped}`)).toBeNull();
    expect(verifyCheckInCode(`43-${letters}`)).toBeNull();
    expect(verifyCheckInCode("x".repeat(10_000))).toBeNull();
    expect(verifyCheckInCode("42-AAAA'--")).toBeNull();
  });
});

describe("checking in", () => {
  it("opens 30 minutes before the start and closes 30 minutes after the end", () => {
    const db = getDb();
    const s = setting(db);
    const code = checkInCode(s.shift.id);
    expect(checkInState(db, code, s.ada.id, s.start - 31 * MIN)).toMatchObject({ state: "too_early" });
    expect(checkInState(db, code, s.ada.id, s.start - 30 * MIN)).toMatchObject({ state: "open" });
    expect(checkInState(db, code, s.ada.id, s.end + 30 * MIN)).toMatchObject({ state: "open" });
    expect(checkInState(db, code, s.ada.id, s.end + 31 * MIN)).toMatchObject({ state: "too_late" });
    // Too early changes nothing.
    expect(checkIn(db, code, s.ada.id, s.start - HOUR)).toMatchObject({ state: "too_early" });
    expect(checkedInAt(db, s.signupOf.Ada!)).toBeNull();
    expect(checkIn(db, code, s.ada.id, s.end + HOUR)).toMatchObject({ state: "too_late" });
    expect(checkedInAt(db, s.signupOf.Ada!)).toBeNull();
  });

  it("the wrong person: not signed up, or only waiting, changes nothing, even inside the window", () => {
    const db = getDb();
    const s = setting(db);
    const code = checkInCode(s.shift.id);
    expect(checkIn(db, code, s.dora.id, s.start)).toMatchObject({ state: "not_signed_up" });
    expect(checkIn(db, code, s.cem.id, s.start)).toMatchObject({ state: "not_signed_up" });
    expect(checkedInAt(db, s.signupOf.Cem!)).toBeNull();
    // Another shift's code does not check Ada in here.
    const other = createShift(db, { startsAt: new Date(s.start) });
    expect(checkIn(db, checkInCode(other.id), s.ada.id, s.start)).toMatchObject({ state: "not_signed_up" });
    expect(checkedInAt(db, s.signupOf.Ada!)).toBeNull();
  });

  it("twice: the first time counts, the second changes nothing and says since when", () => {
    const db = getDb();
    const s = setting(db);
    const code = checkInCode(s.shift.id);
    expect(checkIn(db, code, s.ada.id, s.start + 5 * MIN)).toMatchObject({
      state: "already",
      checkedInAt: s.start + 5 * MIN,
    });
    expect(checkIn(db, code, s.ada.id, s.start + 20 * MIN)).toMatchObject({
      state: "already",
      checkedInAt: s.start + 5 * MIN,
    });
    expect(checkedInAt(db, s.signupOf.Ada!)).toBe(s.start + 5 * MIN);
    // Only Ada: Ben's sign-up on the same shift is untouched.
    expect(checkedInAt(db, s.signupOf.Ben!)).toBeNull();
    // No hours yet: the club confirms first.
    expect(db.select().from(hoursLog).where(eq(hoursLog.signupId, s.signupOf.Ada!)).all()).toHaveLength(0);
  });

  it("the club sees it in the sign-up list and confirms (hours logged) or corrects it", () => {
    const db = getDb();
    const s = setting(db);
    const code = checkInCode(s.shift.id);
    checkIn(db, code, s.ada.id, s.start);
    checkIn(db, code, s.ben.id, s.start);
    const listed = getManagedActivity(db, { eventId: s.event.id, organisationId: s.organisation.id })!;
    const confirmed = listed.shifts[0]!.confirmed;
    expect(confirmed.map((p) => [p.displayName, p.checkedInAt])).toEqual([
      ["Ada", s.start],
      ["Ben", s.start],
    ]);
    const base = {
      eventId: s.event.id,
      organisationId: s.organisation.id,
      memberId: s.member.id,
      now: s.end,
    };
    expect(markAttendance(db, { ...base, signupId: s.signupOf.Ada!, attendance: "present" })).toMatchObject({
      ok: true,
      hoursLogged: 2,
    });
    // Ben pressed the button but was not there: the club corrects it.
    expect(markAttendance(db, { ...base, signupId: s.signupOf.Ben!, attendance: "no_show" })).toMatchObject({
      ok: true,
      hoursLogged: null,
    });
    const after = db
      .select({ id: signups.id, attendance: signups.attendance })
      .from(signups)
      .where(eq(signups.shiftId, s.shift.id))
      .all();
    expect(after.find((r) => r.id === s.signupOf.Ada)?.attendance).toBe("present");
    expect(after.find((r) => r.id === s.signupOf.Ben)?.attendance).toBe("no_show");
  });
});

describe("the pages, without JavaScript", () => {
  let s: ReturnType<typeof setting>;
  beforeAll(() => {
    s = setting(getDb());
  });

  it("the club's page shows each shift's code and QR code", async () => {
    const db = getDb();
    const running = createShift(db, {
      eventId: s.event.id,
      neededCount: 1,
      startsAt: new Date(Date.now() - 10 * MIN),
    });
    const result = await callLoader(
      managePage.loader,
      `/organisations/${s.organisation.id}/activities/${s.event.id}`,
      {
        cookie: await sessionCookieFor(s.member.id),
        params: { id: String(s.organisation.id), eventId: String(s.event.id) },
      },
    );
    const checkIns = (
      result.data as { checkIns: Record<string, { code: string; path: string; qr: { d: string } }> }
    ).checkIns;
    expect(checkIns[String(running.id)]?.code).toBe(checkInCode(running.id));
    expect(checkIns[String(running.id)]?.path).toBe(`/checkin?code=${checkInCode(running.id)}`);
    expect(checkIns[String(running.id)]?.qr.d).toMatch(/^M\d+ \d+h1v1h-1z/);
  });

  it("a volunteer opens the QR link, presses the button once, and the page says so", async () => {
    const db = getDb();
    // A shift that began half an hour ago: the real clock is inside its window.
    const running = createShift(db, {
      eventId: s.event.id,
      neededCount: 1,
      startsAt: new Date(Date.now() - 30 * MIN),
    });
    const r = signUpForShift(db, { shiftId: running.id, volunteerId: s.dora.id, now: Date.now() - DAY });
    expect(r.ok).toBe(true);
    const cookie = await sessionCookieFor(s.dora.id);
    const code = checkInCode(running.id);
    const shown = await callLoader(page.loader, `/checkin?code=${code}`, { cookie });
    expect((shown.data as { result: { state: string } }).result.state).toBe("open");
    const sent = await callAction(page.action, "/checkin", { cookie, form: { code } });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/checkin?code=${encodeURIComponent(code)}&done=1`);
    const again = await callLoader(page.loader, `/checkin?code=${code}`, { cookie });
    expect((again.data as { result: { state: string } }).result.state).toBe("already");
    // A typed code that is not one: a message, no error page; too long is treated the same.
    for (const bad of ["123-XXXXXXXX", "x".repeat(5000)]) {
      const wrong = await callLoader(page.loader, `/checkin?code=${bad}`, { cookie });
      expect(wrong.status).toBe(200);
      expect(wrong.data).toMatchObject({ typed: true });
      expect((wrong.data as { result: { state: string } | null }).result?.state ?? "invalid").toBe("invalid");
    }
    const wrongPost = await callAction(page.action, "/checkin", { cookie, form: { code: "123-XXXXXXXX" } });
    expect(wrongPost.status).toBe(302);
    expect(wrongPost.location).not.toContain("done=1");
  });
});
