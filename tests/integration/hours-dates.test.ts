/**
 * Hours of a match are for the match's time (issue 13, seam 6): the forms suggest the appointment's day,
 * a day outside it is refused — 7 December for an appointment on 10 December — and what the hours were
 * for is the need (what was done), not the offer (seam 7).
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hoursLog, needs } from "@db/schema";
import { completeMatch, respondToMatch } from "~/modules/matches/lifecycle-commands.server";
import { proposeMatch } from "~/modules/matches/proposals.server";
import { defaultHoursDate, isInWindow, matchWindow } from "~/modules/matches/match-window";
import { periodOf } from "~/modules/dashboard/periods";
import { loadProof } from "~/modules/proof/proof.server";
import { logMatchHours } from "~/modules/volunteers/hours.server";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { candidateFor, insertNeed, insertOffer } from "./coordination-fixture";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const DEC_10 = zonedTimeToInstant(2026, 12, 10, 15, 30);
const TODAY = "2026-12-14";

function acceptedMatch(startsAt = DEC_10, endsAt = DEC_10 + 90 * 60_000) {
  const { db } = temp;
  const nb = createNeighbourhood(db);
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const volunteer = createVolunteer(db).user;
  const offer = insertOffer(db, {
    categoryId: category.id,
    neighbourhoodIds: [nb.id],
    volunteerId: volunteer.id,
    title: "Begleitung zu Ämtern und Ärzt*innen",
  });
  const need = insertNeed(db, {
    categoryId: category.id,
    neighbourhoodId: nb.id,
    title: "Begleitung zur Ausländerbehörde",
  });
  db.update(needs)
    .set({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) })
    .where(eq(needs.id, need.id))
    .run();
  const proposed = proposeMatch(db, coordinator, need.id, candidateFor(offer.id));
  if (!proposed.ok) throw new Error("propose");
  respondToMatch(db, authUserOf(db, volunteer.id), proposed.value.id, { answer: "accept", reason: "" });
  return { db, coordinator, volunteer, matchId: proposed.value.id };
}

describe("the days hours can be for", () => {
  it("are the appointment's day, never after today", () => {
    const day = matchWindow({ startsAt: DEC_10, endsAt: DEC_10 + 3_600_000 }, TODAY);
    expect(day).toEqual({
      first: "2026-12-10",
      last: "2026-12-10",
      weekdays: [],
      opens: "2026-12-10",
      notYet: false,
    });
    expect(defaultHoursDate(day)).toBe("2026-12-10");
    expect(matchWindow({ startsAt: DEC_10, endsAt: DEC_10 + 1 }, "2026-12-01").notYet).toBe(true);
    // Thursdays from 2 November to the end of the year: the last Thursday so far is suggested, a
    // Tuesday is no day of this match.
    const thursdays = matchWindow(
      {
        startsAt: zonedTimeToInstant(2026, 11, 2),
        endsAt: zonedTimeToInstant(2027, 1, 1),
        slots: [{ weekday: 3 }],
      },
      TODAY,
    );
    expect(thursdays).toMatchObject({ first: "2026-11-02", last: TODAY, weekdays: [3] });
    expect(defaultHoursDate(thursdays)).toBe("2026-12-10");
    expect(isInWindow("2026-12-03", thursdays)).toBe(true);
    expect(isInWindow("2026-12-08", thursdays)).toBe(false);
  });

  it("open on a recurring need's first time, not on the first day of its period", () => {
    // Saturdays from Sunday 13 December: nothing can be logged before Saturday the 19th.
    const need = {
      startsAt: zonedTimeToInstant(2026, 12, 13),
      endsAt: zonedTimeToInstant(2027, 5, 16),
      slots: [{ weekday: 5 }],
    };
    expect(matchWindow(need, "2026-12-07")).toMatchObject({ opens: "2026-12-19", notYet: true });
    const monday = matchWindow(need, "2026-12-14");
    expect(monday).toMatchObject({ first: "2026-12-13", opens: "2026-12-19", notYet: true });
    expect(isInWindow("2026-12-13", monday)).toBe(false);
    const saturday = matchWindow(need, "2026-12-19");
    expect(saturday).toMatchObject({ opens: "2026-12-19", notYet: false });
    expect(defaultHoursDate(saturday)).toBe("2026-12-19");
  });

  it("completing suggests the appointment's day and refuses another", () => {
    const { db, coordinator, volunteer, matchId } = acceptedMatch();
    const now = zonedTimeToInstant(2026, 12, 14, 9, 0);
    expect(completeMatch(db, coordinator, matchId, { hours: 2, date: "2026-12-07" }, now)).toEqual({
      ok: false,
      errors: { date: "matches:errors.dateOutsideMatch" },
    });
    expect(completeMatch(db, coordinator, matchId, { hours: 2, date: null }, now).ok).toBe(true);
    expect(db.select().from(hoursLog).where(eq(hoursLog.matchId, matchId)).get()).toMatchObject({
      date: "2026-12-10",
      hours: 2,
      activity: "Begleitung zur Ausländerbehörde",
    });
    // The proof names what was done (the need), not the offer.
    const proof = loadProof(db, volunteer.id, periodOf("2026-12-01", "2026-12-31"))!;
    expect(proof.activities.map((a) => a.activity)).toEqual(["Begleitung zur Ausländerbehörde"]);
  });

  it("the volunteer cannot log hours for a day before the appointment", () => {
    const { db, volunteer, matchId } = acceptedMatch();
    const input = { matchId, hours: 1.5, note: "" };
    expect(logMatchHours(db, volunteer.id, { ...input, date: "2026-12-07" }, TODAY)).toEqual({
      ok: false,
      errors: { date: "volunteer:errors.dateOutsideMatch" },
    });
    expect(logMatchHours(db, volunteer.id, { ...input, date: "2026-12-10" }, TODAY).ok).toBe(true);
    expect(zonedIsoDate(DEC_10)).toBe("2026-12-10");
  });
});
