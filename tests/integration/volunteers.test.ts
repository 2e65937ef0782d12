import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hoursLog, volunteerAvailability, volunteerLanguages, volunteerProfiles } from "@db/schema";
import { getOptionalUser } from "~/modules/auth/session.server";
import { listVolunteerHours, listVolunteerMatches, logMatchHours } from "~/modules/volunteers/hours.server";
import { getVolunteerProfile, saveVolunteerProfile } from "~/modules/volunteers/volunteer-profile.server";
import { action as profileAction, loader as profileLoader } from "~/routes/volunteer.profile";
import { action as hoursAction } from "~/routes/volunteer.hours";
import { loader as findLoader } from "~/routes/volunteer.find";
import { getDb } from "~/utils/db.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createUser,
  createVolunteer,
} from "../factories";
import { buildRequest, callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";
import { createMatch, createNeed, createRawOffer } from "./volunteers-fixture";

// Links in feeds and pages are built from the installation's public address (APP_URL).
process.env.APP_URL = "http://localhost";

const today = () => zonedIsoDate(Date.now());

function validProfileForm(
  nb: number,
  extra: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    intent: "save",
    "languages.0.language": "de",
    "languages.0.level": "native",
    "languages.1.language": "uk",
    "languages.1.level": "basic",
    skills: "Kochen\nFahrrad reparieren",
    homeNeighbourhoodId: String(nb),
    radiusKm: "2,5",
    availability: ["1-afternoon", "1-evening", "5-morning"],
    hoursCapPerWeek: "5",
    bio: "Ich bin Rentnerin und habe Zeit.",
    ...extra,
  };
}

describe("saving and reading a volunteer profile", () => {
  it("replaces languages, skills, neighbourhoods and times as a whole, in one transaction", () => {
    const db = getDb();
    const [home, other] = [createNeighbourhood(db), createNeighbourhood(db)];
    const { user } = createVolunteer(db);
    const first = saveVolunteerProfile(db, user.id, {
      languages: [
        { language: "ar", level: "native" },
        { language: "de", level: "good" },
      ],
      skills: ["Nähen"],
      homeNeighbourhoodId: home.id,
      radiusKm: 4,
      neighbourhoodIds: [other.id],
      availability: [{ weekday: 2, startMinute: 480, endMinute: 720 }],
      hoursCapPerWeek: 3,
      bio: "",
    });
    expect(first).toEqual({ ok: true, created: false });
    saveVolunteerProfile(db, user.id, {
      languages: [{ language: "tr", level: "fluent" }],
      skills: [],
      homeNeighbourhoodId: null,
      radiusKm: 0,
      neighbourhoodIds: [home.id],
      availability: [],
      hoursCapPerWeek: 8,
      bio: "Neu",
    });
    const profile = getVolunteerProfile(db, user.id, today());
    expect(profile).toMatchObject({
      languages: [{ language: "tr", level: "fluent" }],
      skills: [],
      homeNeighbourhoodId: null,
      neighbourhoodIds: [home.id],
      availability: [],
      hoursCapPerWeek: 8,
      bio: "Neu",
    });
  });

  it("refuses unknown neighbourhoods with a field error and changes nothing", () => {
    const db = getDb();
    const { user } = createVolunteer(db, { profile: { bio: "vorher" } });
    const result = saveVolunteerProfile(db, user.id, {
      languages: [{ language: "de", level: "native" }],
      skills: [],
      homeNeighbourhoodId: 999_999,
      radiusKm: 1,
      neighbourhoodIds: [999_998],
      availability: [],
      hoursCapPerWeek: 2,
      bio: "nachher",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        homeNeighbourhoodId: "volunteer:errors.neighbourhoodUnknown",
        neighbourhoodIds: "volunteer:errors.neighbourhoodUnknown",
      },
    });
    expect(db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id)).get()?.bio).toBe(
      "vorher",
    );
  });

  it("shows the certificate as the coordinator recorded it: valid, expiring soon, expired, with who checked it", () => {
    const db = getDb();
    const coordinator = createCoordinator(db, []);
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const soon = createVolunteer(db, {
      profile: {
        certificateValidUntil: inDays(20),
        certificateVerifiedAt: new Date(),
        certificateVerifiedBy: coordinator.id,
      },
    }).user;
    const expired = createVolunteer(db, {
      profile: { certificateValidUntil: "2020-01-01", certificateVerifiedAt: new Date(0) },
    }).user;
    expect(getVolunteerProfile(db, soon.id, today())?.certificate).toMatchObject({
      state: "expiring",
      verifiedByName: coordinator.displayName,
    });
    expect(getVolunteerProfile(db, expired.id, today())?.certificate.state).toBe("expired");
    expect(getVolunteerProfile(db, createVolunteer(db).user.id, today())?.certificate.state).toBe("none");
  });
});

describe("the profile page without JavaScript", () => {
  it("adds and removes language rows by plain form posts without saving anything", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const cookie = await sessionCookieFor(user.id);
    const form = {
      "languages.0.language": "fa",
      "languages.0.level": "good",
      radiusKm: "3",
      hoursCapPerWeek: "4",
    };
    const added = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: { ...form, intent: "add-language" },
    });
    expect(added.status).toBe(200);
    expect(added.data).toEqual({
      errors: {},
      values: { ...form, intent: "add-language", "languages.1.language": "", "languages.1.level": "good" },
    });
    const removed = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: { ...form, intent: "remove-language:0" },
    });
    expect(removed.data).toEqual({
      errors: {},
      values: { radiusKm: "3", hoursCapPerWeek: "4", intent: "remove-language:0" },
    });
    expect(db.select().from(volunteerLanguages).where(eq(volunteerLanguages.userId, user.id)).all()).toEqual(
      [],
    );
  });

  it("answers a wrong post with every error and what was sent (unticked boxes stay unticked), and saves a right one", async () => {
    const db = getDb();
    const nb = createNeighbourhood(db);
    const { user } = createVolunteer(db);
    const cookie = await sessionCookieFor(user.id);
    const bad = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: validProfileForm(nb.id, {
        "languages.1.language": "de",
        hoursCapPerWeek: "viel",
        availability: [],
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      errors: {
        "languages.1.language": "volunteer:errors.languageTwice",
        hoursCapPerWeek: "volunteer:errors.hoursCapInvalid",
      },
      values: { hoursCapPerWeek: "viel", bio: "Ich bin Rentnerin und habe Zeit." },
    });
    expect((bad.data as { values: Record<string, unknown> }).values.availability).toBeUndefined();

    const good = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: validProfileForm(nb.id),
    });
    expect(good.status).toBe(302);
    expect(good.location).toBe("/volunteer/profile");
    expect(await noticesOf(good)).toEqual([{ key: "volunteer:profile.notice.saved" }]);
    const saved = getVolunteerProfile(db, user.id, today());
    expect(saved).toMatchObject({
      languages: [
        { language: "de", level: "native" },
        { language: "uk", level: "basic" },
      ],
      radiusKm: 2.5,
      hoursCapPerWeek: 5,
      skills: ["Fahrrad reparieren", "Kochen"],
    });
    expect(
      db.select().from(volunteerAvailability).where(eq(volunteerAvailability.userId, user.id)).all(),
    ).toHaveLength(2);
    const page = await callLoader(profileLoader, "/volunteer/profile", { cookie });
    expect(page.data).toMatchObject({
      mode: "edit",
      defaults: { "languages.1.language": "uk", "languages.2.language": "", radiusKm: "2.5" },
    });
  });

  it("lets an organisation member become a volunteer, and refuses staff", async () => {
    const db = getDb();
    const nb = createNeighbourhood(db);
    const member = createUser(db, { role: "org_member" });
    const cookie = await sessionCookieFor(member.id);
    const page = await callLoader(profileLoader, "/volunteer/profile", { cookie });
    expect(page.data).toMatchObject({ mode: "create", certificate: null, calendarUrl: null });
    // Until then the volunteer pages send them here.
    expect((await callLoader(findLoader, "/volunteer/find", { cookie })).location).toBe("/volunteer/profile");
    const created = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: validProfileForm(nb.id),
    });
    expect(created.location).toBe("/volunteer/profile");
    expect(await noticesOf(created)).toEqual([{ key: "volunteer:profile.notice.created" }]);
    const user = await getOptionalUser(db, buildRequest("/", { cookie }));
    expect(user).toMatchObject({ role: "org_member", isVolunteer: true });

    const coordinator = createCoordinator(db, [nb.id]);
    const staff = await callAction(profileAction, "/volunteer/profile", {
      cookie: await sessionCookieFor(coordinator.id),
      form: validProfileForm(nb.id),
    });
    expect(staff.status).toBe(403);
  });

  it("creates, shows and revokes the personal calendar link", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const cookie = await sessionCookieFor(user.id);
    const created = await callAction(profileAction, "/volunteer/profile", {
      cookie,
      form: { intent: "calendar-create" },
    });
    expect(created.location).toBe("/volunteer/profile#calendar");
    expect(await noticesOf(created)).toEqual([{ key: "volunteer:profile.notice.calendarCreated" }]);
    const token = db
      .select()
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, user.id))
      .get()?.calendarToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await callLoader(profileLoader, "/volunteer/profile", { cookie });
    expect((page.data as { calendarUrl: string }).calendarUrl).toBe(
      `http://localhost/feeds/volunteers/${token}.ics`,
    );
    await callAction(profileAction, "/volunteer/profile", { cookie, form: { intent: "calendar-revoke" } });
    expect(
      db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id)).get()?.calendarToken,
    ).toBeNull();
  });
});

describe("logging hours for a match", () => {
  function setup() {
    const db = getDb();
    const nb = createNeighbourhood(db);
    const category = createCategory(db);
    const { user } = createVolunteer(db);
    // The appointment was today, 10:00–12:00 in Berlin: hours can be logged for today.
    const appointment = startOfZonedDay(today()) + 10 * 3_600_000;
    const need = createNeed(db, {
      categoryId: category.id,
      neighbourhoodId: nb.id,
      title: "Begleitung zum Bürgeramt",
      startsAt: new Date(appointment),
      endsAt: new Date(appointment + 2 * 3_600_000),
    });
    const offer = createRawOffer(db, {
      volunteerId: user.id,
      categoryId: category.id,
      title: "Begleitung auf Arabisch",
    });
    const match = createMatch(db, { needId: need.id, offerId: offer.id, status: "active" });
    return { db, user, match, category };
  }

  it("writes unconfirmed match hours with the match id, category and what was done (the need)", () => {
    const { db, user, match, category } = setup();
    const result = logMatchHours(
      db,
      user.id,
      { matchId: match.id, date: today(), hours: 1.5, note: "Termin im Bürgeramt" },
      today(),
    );
    expect(result.ok).toBe(true);
    const row = db.select().from(hoursLog).where(eq(hoursLog.matchId, match.id)).get();
    expect(row).toMatchObject({
      volunteerId: user.id,
      source: "match",
      hours: 1.5,
      categoryId: category.id,
      activity: "Begleitung zum Bürgeramt",
      confirmedAt: null,
    });
    expect(listVolunteerMatches(db, user.id, today())).toMatchObject([
      {
        matchId: match.id,
        needTitle: "Begleitung zum Bürgeramt",
        hoursPending: 1.5,
        hoursConfirmed: 0,
        canLogHours: true,
        window: { first: today(), last: today(), notYet: false },
      },
    ]);
    expect(listVolunteerHours(db, user.id, today()).entries[0]?.what).toBe("Begleitung zum Bürgeramt");
    expect(listVolunteerHours(db, user.id, today())).toMatchObject({
      pendingThisYear: 1.5,
      confirmedThisYear: 0,
    });
  });

  it("treats another person's match as unknown, and refuses future dates, proposed matches and full days", () => {
    const { db, user, match, category } = setup();
    const stranger = createVolunteer(db).user;
    const input = { matchId: match.id, date: today(), hours: 2, note: "" };
    expect(logMatchHours(db, stranger.id, input, today())).toEqual({
      ok: false,
      errors: { matchId: "volunteer:errors.matchUnknown" },
    });
    const tomorrow = zonedIsoDate(Date.now() + 86_400_000);
    expect(logMatchHours(db, user.id, { ...input, date: tomorrow }, today())).toEqual({
      ok: false,
      errors: { date: "volunteer:errors.dateFuture" },
    });
    // Three days before the appointment: not a day of this match.
    const before = zonedIsoDate(Date.now() - 3 * 86_400_000);
    expect(logMatchHours(db, user.id, { ...input, date: before }, today())).toEqual({
      ok: false,
      errors: { date: "volunteer:errors.dateOutsideMatch" },
    });
    expect(logMatchHours(db, user.id, { ...input, hours: 23 }, today()).ok).toBe(true);
    expect(logMatchHours(db, user.id, { ...input, hours: 2 }, today())).toEqual({
      ok: false,
      errors: { hours: "volunteer:errors.hoursDayFull" },
    });
    const nb = createNeighbourhood(db);
    const need = createNeed(db, { categoryId: category.id, neighbourhoodId: nb.id });
    const offer = createRawOffer(db, { volunteerId: user.id, categoryId: category.id });
    const proposed = createMatch(db, { needId: need.id, offerId: offer.id, status: "proposed" });
    expect(logMatchHours(db, user.id, { ...input, matchId: proposed.id }, today())).toEqual({
      ok: false,
      errors: { matchId: "volunteer:errors.matchNotActive" },
    });
  });

  it("works through the hours page as a plain form post", async () => {
    const { user, match } = setup();
    const cookie = await sessionCookieFor(user.id);
    const bad = await callAction(hoursAction, "/volunteer/hours", {
      cookie,
      form: { matchId: String(match.id), date: today(), hours: "zwei", note: "" },
    });
    expect(bad).toMatchObject({
      status: 400,
      data: { errors: { hours: "volunteer:errors.hoursInvalid" }, values: { hours: "zwei" } },
    });
    const ok = await callAction(hoursAction, "/volunteer/hours", {
      cookie,
      form: { matchId: String(match.id), date: today(), hours: "2,5", note: "" },
    });
    expect(ok.location).toBe("/volunteer/hours");
    expect(await noticesOf(ok)).toEqual([{ key: "volunteer:hours.logged" }]);
  });
});
