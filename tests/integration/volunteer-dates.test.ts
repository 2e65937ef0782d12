/**
 * A volunteer's dates are all of their commitments: the shifts they signed up for and the appointments
 * of matches they said yes to — on "Meine Termine", on their home page and in their calendar feed
 * (issue 13, seam 3: an accepted accompaniment on Thursday 15:30 appeared nowhere).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { needSlots, needs } from "@db/schema";
import { createCalendarToken } from "~/modules/feeds/calendar-token.server";
import { proposeMatch } from "~/modules/matches/proposals.server";
import { respondToMatch } from "~/modules/matches/lifecycle-commands.server";
import { loader as feedLoader } from "~/routes/feeds.volunteers.$token[.ics]";
import { loader as commitmentsLoader } from "~/routes/volunteer.commitments";
import { loader as homeLoader } from "~/routes/volunteer._index";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";
import { candidateFor, insertNeed, insertOffer } from "./coordination-fixture";

const DAY = 86_400_000;

/** Thursday of next week, 15:30–17:00 in Berlin. */
function nextThursdayAt(hour: number, minute: number): number {
  // Berlin's calendar, not UTC's: between 23:00 and midnight UTC, Berlin is already on the next day.
  let day = Date.now() + 7 * DAY;
  while (new Date(`${zonedIsoDate(day)}T12:00:00Z`).getUTCDay() !== 4) day += DAY;
  const [y, m, d] = zonedIsoDate(day).split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, hour, minute);
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");

let cookie: string;
let volunteerId: string;
const oneOff = { title: "Begleitung zur Ausländerbehörde", startsAt: 0, matchId: 0 };
const weekly = { title: "Hausaufgabenhilfe dienstags", matchId: 0 };
const onlyProposed = { title: "Nur angefragt" };

beforeAll(async () => {
  const db = getDb();
  const nb = createNeighbourhood(db, { name: "Ückendorf" });
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const { user } = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } });
  volunteerId = user.id;
  const volunteer = authUserOf(db, user.id);
  const offer = insertOffer(db, {
    categoryId: category.id,
    neighbourhoodIds: [nb.id],
    volunteerId: user.id,
    capacity: 5,
  });

  // A one-off appointment, accepted.
  const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id, title: oneOff.title });
  oneOff.startsAt = nextThursdayAt(15, 30);
  db.update(needs)
    .set({ startsAt: new Date(oneOff.startsAt), endsAt: new Date(oneOff.startsAt + 90 * 60_000) })
    .where(eq(needs.id, need.id))
    .run();
  const proposed = proposeMatch(db, coordinator, need.id, candidateFor(offer.id));
  if (!proposed.ok) throw new Error("propose");
  oneOff.matchId = proposed.value.id;
  expect(respondToMatch(db, volunteer, oneOff.matchId, { answer: "accept", reason: "" }).ok).toBe(true);

  // A recurring need (Tuesdays 10:00–11:00 for eight weeks), accepted.
  const start = Date.now() - DAY;
  const recurring = db
    .insert(needs)
    .values({
      categoryId: category.id,
      neighbourhoodId: nb.id,
      title: weekly.title,
      description: "Jede Woche Hilfe bei den Hausaufgaben.",
      schedule: "recurring",
      startsAt: new Date(start),
      endsAt: new Date(start + 56 * DAY),
    })
    .returning()
    .get();
  db.insert(needSlots).values({ needId: recurring.id, weekday: 1, startMinute: 600, endMinute: 660 }).run();
  const second = proposeMatch(db, coordinator, recurring.id, candidateFor(offer.id));
  if (!second.ok) throw new Error("propose");
  weekly.matchId = second.value.id;
  respondToMatch(db, volunteer, weekly.matchId, { answer: "accept", reason: "" });

  // A proposal not answered yet is no date.
  const third = insertNeed(db, {
    categoryId: category.id,
    neighbourhoodId: nb.id,
    title: onlyProposed.title,
  });
  proposeMatch(db, coordinator, third.id, candidateFor(offer.id));

  cookie = await sessionCookieFor(user.id);
});

describe("an accepted match is one of the volunteer's dates", () => {
  it("on “Meine Termine”", async () => {
    const result = await callLoader(commitmentsLoader, "/volunteer/commitments", { cookie });
    expect(result.status).toBe(200);
    const { matchDates } = result.data as { matchDates: { needTitle: string; startsAt: number }[] };
    const titles = matchDates.map((d) => d.needTitle);
    expect(titles).toContain(oneOff.title);
    expect(titles).toContain(weekly.title);
    expect(titles).not.toContain(onlyProposed.title);
    expect(matchDates.find((d) => d.needTitle === oneOff.title)?.startsAt).toBe(oneOff.startsAt);
    // The weekly one shows its next Tuesday, 10:00 in Berlin.
    const next = matchDates.find((d) => d.needTitle === weekly.title)!;
    expect(
      new Date(next.startsAt).toLocaleString("de-DE", {
        timeZone: "Europe/Berlin",
        weekday: "long",
        hour: "2-digit",
        minute: "2-digit",
      }),
    ).toBe("Dienstag, 10:00");
    expect(next.startsAt).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("under “Ihre nächsten Termine” on the home page, and counted there", async () => {
    const result = await callLoader(homeLoader, "/volunteer", { cookie });
    const { matchDates } = result.data as { matchDates: { needTitle: string }[] };
    expect(matchDates.map((d) => d.needTitle)).toEqual(expect.arrayContaining([oneOff.title, weekly.title]));
  });

  it("in the personal calendar feed: the appointment, and the weekly time as a series", async () => {
    const token = createCalendarToken(getDb(), volunteerId)!;
    const response = (await feedLoader({
      request: new Request(`http://localhost/feeds/volunteers/${token}.ics`),
      params: { token },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    const lines = unfold(await response.text());
    expect(lines).toContain(`SUMMARY:${oneOff.title} (Vermittlung)`);
    expect(lines).toContain(`UID:match-${oneOff.matchId}@localhost`);
    const thursday = zonedIsoDate(oneOff.startsAt).replaceAll("-", "");
    expect(lines).toContain(`DTSTART;TZID=Europe/Berlin:${thursday}T153000`);
    expect(lines).toContain(`SUMMARY:${weekly.title} (Vermittlung)`);
    expect(lines.some((l) => l.startsWith("RRULE:FREQ=WEEKLY;UNTIL="))).toBe(true);
    expect(lines.join("\n")).not.toContain(onlyProposed.title);
  });
});
