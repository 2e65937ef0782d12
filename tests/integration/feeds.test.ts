import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { eventLanguages, eventTranslations, events, signups } from "@db/schema";
import { loader as activityIcsLoader } from "~/routes/activities.$id[.ics]";
import { loader as jsonFeedLoader } from "~/routes/feeds.activities[.json]";
import { loader as categoryFeedLoader } from "~/routes/feeds.categories.$slug[.ics]";
import { loader as neighbourhoodFeedLoader } from "~/routes/feeds.neighbourhoods.$slug[.ics]";
import { loader as volunteerFeedLoader } from "~/routes/feeds.volunteers.$token[.ics]";
import {
  createCalendarToken,
  getCalendarToken,
  revokeCalendarToken,
} from "~/modules/feeds/calendar-token.server";
import { buildCalendar, escapeText, foldLine, formatBerlinLocal, untilOfDate } from "~/modules/feeds/ical";
import { signUpForShift } from "~/modules/signups/signups.server";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createVolunteer,
} from "../factories";

// Links in feeds and pages are built from the installation's public address (APP_URL).
process.env.APP_URL = "http://localhost";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const encoder = new TextEncoder();

/** Unfolds content lines (RFC 5545 §3.1): CRLF followed by one space continues the line. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
}

function call(
  loader: (args: never) => unknown,
  path: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const request = new Request(`http://localhost${path}`, { headers });
  return (
    loader as (args: {
      request: Request;
      params: Record<string, string>;
      context: object;
    }) => Promise<Response>
  )({ request, params, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a UTF-8 character, and unfolds to the original", () => {
    const line = `DESCRIPTION:${"Ümläute und Emoji 🎉 in einer sehr langen Zeile, ".repeat(8)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, part] of physical.entries()) {
      expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      expect(part).not.toContain("\uFFFD");
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SUMMARY:kurz")).toBe("SUMMARY:kurz");
  });

  it("writes CRLF only, a Berlin VTIMEZONE, TZID times, DTSTAMP in UTC and a weekly RRULE with UNTIL in UTC", () => {
    // Tue 3 Nov 2026, 17:00 in Berlin (CET, UTC+1); the series runs over the switch to summer time.
    const startsAt = Date.UTC(2026, 10, 3, 16, 0);
    const ics = buildCalendar({
      name: "Test; Kalender, mit Komma",
      events: [
        {
          uid: "activity-7@example.org",
          summary: "Fußball, für Kinder; 8–12",
          description: "Zeile 1\nZeile 2",
          location: "Halle, Bochumer Str. 1",
          url: "https://example.org/activities/7",
          startsAt,
          endsAt: startsAt + 2 * HOUR,
          updatedAt: Date.UTC(2026, 9, 1, 8, 30, 5),
          weekly: true,
          weeklyUntil: "2027-04-27",
        },
      ],
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(ics);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("X-WR-CALNAME:Test\\; Kalender\\, mit Komma");
    expect(lines).toContain("BEGIN:VTIMEZONE");
    expect(lines).toContain("TZID:Europe/Berlin");
    expect(lines).toContain("UID:activity-7@example.org");
    expect(lines).toContain("DTSTAMP:20261001T083005Z");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20261103T170000");
    expect(lines).toContain("DTEND;TZID=Europe/Berlin:20261103T190000");
    // 27 April 2027 ends at 23:59:59 CEST = 21:59:59 UTC.
    expect(lines).toContain("RRULE:FREQ=WEEKLY;UNTIL=20270427T215959Z");
    expect(lines).toContain("SUMMARY:Fußball\\, für Kinder\\; 8–12");
    expect(lines).toContain("DESCRIPTION:Zeile 1\\nZeile 2");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("formats wall-clock time in Berlin across daylight saving and the end of a day for UNTIL", () => {
    expect(formatBerlinLocal(Date.UTC(2026, 6, 1, 15, 0))).toBe("20260701T170000");
    expect(formatBerlinLocal(Date.UTC(2026, 0, 15, 16, 0))).toBe("20260115T170000");
    expect(untilOfDate("2026-12-31")).toBe("20261231T225959Z");
  });
});

describe("feed routes", () => {
  const db = getDb();
  let nb: ReturnType<typeof createNeighbourhood>;
  let category: ReturnType<typeof createCategory>;
  let publicEvent: ReturnType<typeof createEvent>;
  let weeklyEvent: ReturnType<typeof createEvent>;
  let draftEvent: ReturnType<typeof createEvent>;
  let unverifiedEvent: ReturnType<typeof createEvent>;

  beforeAll(() => {
    nb = createNeighbourhood(db, { slug: "feedtest-nb", name: "Feedtest-Quartier" });
    category = createCategory(db, { slug: "feedtest_cat" });
    const verified = createOrganisation(db, { name: "SV Feed, e.V.", website: "https://sv.example" });
    const unverified = createOrganisation(db, { verifiedAt: null });
    const base = { neighbourhoodId: nb.id, categoryId: category.id, organisationId: verified.id };
    publicEvent = createEvent(db, {
      ...base,
      title: "Öffentlich, mit Komma",
      startsAt: new Date(Date.now() + 2 * DAY),
      place: "Halle; Eingang B",
    });
    weeklyEvent = createEvent(db, {
      ...base,
      title: "Jede Woche",
      startsAt: new Date(Date.now() + 3 * DAY),
      recurrence: "weekly",
      recurrenceUntil: new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10),
    });
    draftEvent = createEvent(db, { ...base, title: "Entwurf", status: "draft", publishedAt: null });
    unverifiedEvent = createEvent(db, { ...base, organisationId: unverified.id, title: "Ungeprüft" });
    db.insert(eventLanguages)
      .values([
        { eventId: publicEvent.id, language: "de" },
        { eventId: publicEvent.id, language: "ar" },
      ])
      .run();
    db.insert(eventTranslations)
      .values({
        eventId: publicEvent.id,
        locale: "en",
        title: "Public, with comma",
        description: "In English.",
      })
      .run();
    createShift(db, { eventId: publicEvent.id, neededCount: 3 });
  });

  it("a neighbourhood feed holds the public activities only, each once, weekly ones with RRULE", async () => {
    const response = await call(neighbourhoodFeedLoader, "/feeds/neighbourhoods/feedtest-nb.ics", {
      slug: "feedtest-nb",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("ETag")).toMatch(/^"[\w-]+"$/);
    const lines = unfold(await response.text());
    const uids = lines.filter((l) => l.startsWith("UID:"));
    expect(uids).toEqual([
      `UID:activity-${publicEvent.id}@localhost`,
      `UID:activity-${weeklyEvent.id}@localhost`,
    ]);
    expect(lines).toContain("SUMMARY:Öffentlich\\, mit Komma");
    expect(lines.some((l) => l.startsWith("LOCATION:Halle\\; Eingang B\\, Feedtest-Quartier"))).toBe(true);
    expect(lines.filter((l) => l.startsWith("RRULE:FREQ=WEEKLY;UNTIL="))).toHaveLength(1);
    expect(lines.join("\n")).not.toContain("Entwurf");
    expect(lines.join("\n")).not.toContain("Ungeprüft");
  });

  it("a category feed and an English feed with the people's translation", async () => {
    const response = await call(categoryFeedLoader, "/feeds/categories/feedtest_cat.ics?lng=en", {
      slug: "feedtest_cat",
    });
    const lines = unfold(await response.text());
    expect(lines).toContain("SUMMARY:Public\\, with comma");
    expect((await call(categoryFeedLoader, "/feeds/categories/nope.ics", { slug: "nope" })).status).toBe(404);
    expect(
      (await call(neighbourhoodFeedLoader, "/feeds/neighbourhoods/NOPE.ics", { slug: "NOPE" })).status,
    ).toBe(404);
  });

  it("answers a conditional request with 304 when nothing changed", async () => {
    const first = await call(neighbourhoodFeedLoader, "/feeds/neighbourhoods/feedtest-nb.ics", {
      slug: "feedtest-nb",
    });
    const etag = first.headers.get("ETag")!;
    const second = await call(
      neighbourhoodFeedLoader,
      "/feeds/neighbourhoods/feedtest-nb.ics",
      { slug: "feedtest-nb" },
      { "If-None-Match": etag },
    );
    expect(second.status).toBe(304);
    expect(await second.text()).toBe("");
  });

  it("offers one public activity as a download; drafts and unverified organisations' activities do not exist", async () => {
    const response = await call(activityIcsLoader, `/activities/${publicEvent.id}.ics`, {
      id: String(publicEvent.id),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="activity-${publicEvent.id}.ics"`,
    );
    expect(unfold(await response.text()).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    for (const hidden of [draftEvent, unverifiedEvent]) {
      expect(
        (await call(activityIcsLoader, `/activities/${hidden.id}.ics`, { id: String(hidden.id) })).status,
      ).toBe(404);
    }
    expect((await call(activityIcsLoader, "/activities/abc.ics", { id: "abc" })).status).toBe(404);
  });

  it("the JSON feed lists the documented fields, pages with next, and supports ETag and Last-Modified", async () => {
    const response = await call(
      jsonFeedLoader,
      "/feeds/activities.json?neighbourhood=feedtest-nb&limit=1",
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await response.json()) as {
      total: number;
      page: number;
      pageSize: number;
      next: string | null;
      items: Record<string, unknown>[];
    };
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(body.next).toBe("http://localhost/feeds/activities.json?neighbourhood=feedtest-nb&limit=1&page=2");
    expect(response.headers.get("Link")).toBe(`<${body.next}>; rel="next"`);
    const item = body.items[0]!;
    expect(Object.keys(item).sort()).toEqual(
      [
        "id",
        "url",
        "icsUrl",
        "title",
        "description",
        "language",
        "translations",
        "startsAt",
        "endsAt",
        "recurrence",
        "recurrenceUntil",
        "nextOccurrence",
        "category",
        "neighbourhood",
        "place",
        "languages",
        "accessibility",
        "targetGroup",
        "costCents",
        "currency",
        "participantPlaces",
        "participantPlacesLeft",
        "openVolunteerPlaces",
        "organiser",
        "publishedAt",
        "updatedAt",
      ].sort(),
    );
    expect(item).toMatchObject({
      id: publicEvent.id,
      url: `http://localhost/activities/${publicEvent.id}`,
      icsUrl: `http://localhost/activities/${publicEvent.id}.ics`,
      title: "Öffentlich, mit Komma",
      translations: { en: { title: "Public, with comma", description: "In English." } },
      languages: ["ar", "de"],
      recurrence: "none",
      neighbourhood: { slug: "feedtest-nb", name: "Feedtest-Quartier" },
      organiser: { name: "SV Feed, e.V.", website: "https://sv.example" },
      openVolunteerPlaces: 3,
      currency: "EUR",
    });
    const page2 = (await (
      await call(jsonFeedLoader, "/feeds/activities.json?neighbourhood=feedtest-nb&limit=1&page=2", {})
    ).json()) as typeof body;
    expect(page2.items[0]).toMatchObject({ id: weeklyEvent.id, recurrence: "weekly" });
    expect(page2.next).toBeNull();

    const etag = response.headers.get("ETag")!;
    const lastModified = response.headers.get("Last-Modified")!;
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    const path = "/feeds/activities.json?neighbourhood=feedtest-nb&limit=1";
    expect((await call(jsonFeedLoader, path, {}, { "If-None-Match": etag })).status).toBe(304);
    expect((await call(jsonFeedLoader, path, {}, { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await call(jsonFeedLoader, path, {}, { "If-None-Match": '"something-else"' })).status).toBe(200);

    // A change to an activity changes the answer.
    db.update(events).set({ title: "Öffentlich, neu" }).where(eq(events.id, publicEvent.id)).run();
    expect((await call(jsonFeedLoader, path, {}, { "If-None-Match": etag })).status).toBe(200);
  });

  it("the JSON feed refuses bad parameters with 400, never a 500", async () => {
    for (const query of [
      "limit=0",
      "limit=501",
      "page=-1",
      "page=x",
      "neighbourhood=atlantis",
      "category=%00",
    ]) {
      const response = await call(jsonFeedLoader, `/feeds/activities.json?${query}`, {});
      expect(response.status, query).toBe(400);
    }
  });

  it("the personal feed lists the volunteer's confirmed shifts at a secret URL that can be revoked and rotated", async () => {
    const { user } = createVolunteer(db);
    const shift = createShift(db, {
      eventId: publicEvent.id,
      startsAt: publicEvent.startsAt,
      title: "Aufbau, früh",
      neededCount: 1,
    });
    const waitlistShift = createShift(db, {
      eventId: weeklyEvent.id,
      startsAt: weeklyEvent.startsAt,
      title: "Voll",
      neededCount: 1,
    });
    expect(signUpForShift(db, { shiftId: shift.id, volunteerId: user.id, confirmOverCap: true }).ok).toBe(
      true,
    );
    signUpForShift(db, {
      shiftId: waitlistShift.id,
      volunteerId: createVolunteer(db).user.id,
      confirmOverCap: true,
    });
    expect(
      signUpForShift(db, { shiftId: waitlistShift.id, volunteerId: user.id, confirmOverCap: true }),
    ).toMatchObject({ ok: true, status: "waitlisted" });

    const token = createCalendarToken(db, user.id)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(getCalendarToken(db, user.id)).toBe(token);
    const response = await call(volunteerFeedLoader, `/feeds/volunteers/${token}.ics`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=300");
    const lines = unfold(await response.text());
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual([`UID:shift-${shift.id}@localhost`]);
    expect(lines).toContain("SUMMARY:Aufbau\\, früh – Öffentlich\\, neu");

    // A cancelled sign-up leaves the feed.
    db.update(signups)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(signups.volunteerId, user.id))
      .run();
    expect(
      unfold(
        await (await call(volunteerFeedLoader, `/feeds/volunteers/${token}.ics`, { token })).text(),
      ).filter((l) => l.startsWith("UID:")),
    ).toEqual([]);

    const rotated = createCalendarToken(db, user.id)!;
    expect(rotated).not.toBe(token);
    expect((await call(volunteerFeedLoader, `/feeds/volunteers/${token}.ics`, { token })).status).toBe(404);
    expect(
      (await call(volunteerFeedLoader, `/feeds/volunteers/${rotated}.ics`, { token: rotated })).status,
    ).toBe(200);
    revokeCalendarToken(db, user.id);
    expect(getCalendarToken(db, user.id)).toBeNull();
    expect(
      (await call(volunteerFeedLoader, `/feeds/volunteers/${rotated}.ics`, { token: rotated })).status,
    ).toBe(404);
    expect((await call(volunteerFeedLoader, "/feeds/volunteers/short.ics", { token: "short" })).status).toBe(
      404,
    );
  });

  it("has no calendar token for a person without a volunteer profile", () => {
    expect(createCalendarToken(db, "no-such-user")).toBeNull();
  });
});
