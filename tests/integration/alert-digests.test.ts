/**
 * Alerts for volunteers (issue 16, point 2): the opt-in digest of new shifts and needs that fit, through
 * the persisted scheduler and the outbox. Only fitting items (the matching engine's candidates), at most
 * DIGEST_MAX_ITEMS, nothing when nothing fits or nothing is new, and a signed unsubscribe link that works
 * without login and refuses expired or forged tokens.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  alertDigests,
  emailOutbox,
  eventLanguages,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
} from "@db/schema";
import type { Db } from "@db/client";
import type { Language } from "@db/schema/enums";
import {
  ALERT_DIGEST_JOB,
  alertDigestSetting,
  DIGEST_MAX_ITEMS,
  periodStart,
  runAlertDigests,
  setAlertDigest,
} from "~/modules/reach/alert-digests.server";
import {
  createDigestUnsubscribeToken,
  DIGEST_UNSUBSCRIBE_DAYS,
} from "~/modules/notifications/unsubscribe.server";
import { JOB_HANDLERS, PERIODIC_JOBS } from "~/modules/scheduler/background.server";
import { ensurePeriodicJobs } from "~/modules/scheduler/schedule.server";
import { runDueJobs } from "~/modules/scheduler/scheduler.server";
import { signUpForShift } from "~/modules/signups/signups.server";
import * as settingsPage from "~/routes/settings.notifications";
import * as unsubscribePage from "~/routes/unsubscribe";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createEvent,
  createNeed,
  createNeighbourhood,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, noticesOf, sessionCookieFor } from "../helpers/route-calls";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A volunteer whose one offer fits the category in `nbId`: Arabic, every day, all day. */
function volunteerWithOffer(db: Db, categoryId: number, nbId: number, name: string) {
  const home = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
  const user = createVolunteer(db, {
    user: { displayName: name },
    profile: { homeNeighbourhoodId: home.id, radiusKm: 10, hoursCapPerWeek: 40 },
  }).user;
  const offer = db
    .insert(offers)
    .values({ volunteerId: user.id, categoryId, title: "Helfen", capacity: 3 })
    .returning({ id: offers.id })
    .get();
  db.insert(offerLanguages).values({ offerId: offer.id, language: "ar" }).run();
  db.insert(offerNeighbourhoods).values({ offerId: offer.id, neighbourhoodId: nbId }).run();
  db.insert(offerAvailability)
    .values(
      Array.from({ length: 7 }, (_, weekday) => ({
        offerId: offer.id,
        weekday,
        startMinute: 0,
        endMinute: 1440,
      })),
    )
    .run();
  return user;
}

/** A published activity (no organisation) with one shift in `inDays` days, in a language. */
function shiftOf(
  db: Db,
  categoryId: number,
  neighbourhoodId: number,
  inDays: number,
  language: Language = "ar",
  publishedAt = new Date(),
) {
  const startsAt = new Date(Date.now() + inDays * DAY);
  const event = createEvent(db, { categoryId, neighbourhoodId, organisationId: null, startsAt, publishedAt });
  db.insert(eventLanguages).values({ eventId: event.id, language }).run();
  const shift = createShift(db, { eventId: event.id, startsAt, title: `Schicht in ${inDays} Tagen` });
  return { event, shift };
}

function digestsTo(db: Db, userId: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, "alert_digest")))
    .orderBy(emailOutbox.id)
    .all();
}

/** Runs the digest job through the persisted scheduler, as the background loop does. */
function runScheduled(db: Db, now: number) {
  ensurePeriodicJobs(db, PERIODIC_JOBS, now);
  return runDueJobs({ db, handlers: JOB_HANDLERS, workerId: "digest-test", now: () => now });
}

describe("what goes into a digest", () => {
  it("only new shifts and needs the engine finds fitting, to those who opted in, through the scheduler", () => {
    const db = getDb();
    const nb = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
    const far = createNeighbourhood(db, { lat: 52.5, lon: 13.4 });
    const category = createCategory(db);
    const other = createCategory(db);
    const ada = volunteerWithOffer(db, category.id, nb.id, "Ada");
    const ben = volunteerWithOffer(db, other.id, nb.id, "Ben"); // another category: nothing fits
    const cem = volunteerWithOffer(db, category.id, nb.id, "Cem"); // fits, but did not opt in
    const now = Date.now();
    setAlertDigest(db, ada.id, "daily", now - HOUR);
    setAlertDigest(db, ben.id, "weekly", now - HOUR);
    const fits = shiftOf(db, category.id, nb.id, 3);
    shiftOf(db, category.id, far.id, 3); // too far from Ada's neighbourhoods and radius
    shiftOf(db, category.id, nb.id, 4, "uk"); // no shared language
    const need = createNeed(db, {
      categoryId: category.id,
      neighbourhoodId: nb.id,
      title: "Begleitung zum Bürgeramt",
      startsAt: new Date(now + 5 * DAY),
    });
    createNeed(db, { categoryId: other.id, neighbourhoodId: far.id, startsAt: new Date(now + 5 * DAY) });

    const report = runScheduled(db, now + 1000);
    expect(report.done).toBeGreaterThan(0);
    const [mail, ...more] = digestsTo(db, ada.id);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe("2 neue Einsätze passen zu Ihnen");
    expect(mail!.bodyText).toContain(`/activities/${fits.event.id}`);
    expect(mail!.bodyText).toContain("Begleitung zum Bürgeramt");
    expect(mail!.bodyText).toContain("/volunteer/find?what=needs");
    expect(mail!.bodyText).toContain("/unsubscribe?token=");
    expect(mail!.bodyHtml).toContain(`<li><a href="http`);
    expect(mail!.bodyText.match(/^- /gm)).toHaveLength(2);
    expect(need.id).toBeGreaterThan(0);
    // Nothing fits Ben: nothing is sent, but his period is done. Cem never opted in.
    expect(digestsTo(db, ben.id)).toHaveLength(0);
    expect(
      db.select().from(alertDigests).where(eq(alertDigests.userId, ben.id)).get()!.lastRunAt,
    ).not.toBeNull();
    expect(digestsTo(db, cem.id)).toHaveLength(0);
  });

  it(`at most ${DIGEST_MAX_ITEMS} items, the soonest first; a shift one signed up for is left out`, () => {
    const db = getDb();
    const nb = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
    const category = createCategory(db);
    const ada = volunteerWithOffer(db, category.id, nb.id, "Ada");
    const now = Date.now();
    setAlertDigest(db, ada.id, "weekly", now - HOUR);
    const made = Array.from({ length: DIGEST_MAX_ITEMS + 3 }, (_, i) =>
      shiftOf(db, category.id, nb.id, 2 + i),
    );
    const taken = signUpForShift(db, { shiftId: made[0]!.shift.id, volunteerId: ada.id });
    expect(taken.ok).toBe(true);

    runAlertDigests({ tx: db, db, now: now + 1000 });
    const [mail] = digestsTo(db, ada.id);
    expect(mail!.bodyText.match(/^- /gm)).toHaveLength(DIGEST_MAX_ITEMS);
    expect(mail!.bodyText).not.toContain(`/activities/${made[0]!.event.id}\n`);
    expect(mail!.bodyText).toContain(`/activities/${made[1]!.event.id}`);
    expect(mail!.bodyText).not.toContain(`/activities/${made[DIGEST_MAX_ITEMS + 1]!.event.id}`);
  });

  it("only what is new since the last digest: nothing new, nothing sent; once per period", () => {
    const db = getDb();
    const nb = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
    const category = createCategory(db);
    const ada = volunteerWithOffer(db, category.id, nb.id, "Ada");
    const now = Date.now();
    setAlertDigest(db, ada.id, "daily", now - HOUR);
    shiftOf(db, category.id, nb.id, 3);
    expect(runAlertDigests({ tx: db, db, now: now + 1000 }).sent).toBeGreaterThan(0);
    expect(digestsTo(db, ada.id)).toHaveLength(1);
    // The same period again: Ada is not due.
    runAlertDigests({ tx: db, db, now: now + 2000 });
    expect(digestsTo(db, ada.id)).toHaveLength(1);
    // The next day's period: due, but nothing appeared since — nothing is sent.
    const tomorrow = periodStart("daily", now) + DAY + HOUR;
    runAlertDigests({ tx: db, db, now: tomorrow });
    expect(digestsTo(db, ada.id)).toHaveLength(1);
    // Something new after that (published later that day): the day after, only that one.
    const fresh = shiftOf(db, category.id, nb.id, 4, "ar", new Date(tomorrow + HOUR));
    runAlertDigests({ tx: db, db, now: tomorrow + DAY });
    const mails = digestsTo(db, ada.id);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.bodyText.match(/^- /gm)).toHaveLength(1);
    expect(mails[1]!.bodyText).toContain(`/activities/${fresh.event.id}`);
  });

  it("the weekly period begins on Monday 07:00 in Berlin, the daily one at 07:00", () => {
    // Wednesday 9 December 2026, 10:00 in Berlin (09:00 UTC).
    const wednesday = Date.UTC(2026, 11, 9, 9, 0);
    expect(new Date(periodStart("daily", wednesday)).toISOString()).toBe("2026-12-09T06:00:00.000Z");
    expect(new Date(periodStart("weekly", wednesday)).toISOString()).toBe("2026-12-07T06:00:00.000Z");
    // Monday 05:00 in Berlin: still last week's period.
    expect(new Date(periodStart("weekly", Date.UTC(2026, 11, 7, 4, 0))).toISOString()).toBe(
      "2026-11-30T06:00:00.000Z",
    );
  });

  it("the job is one of the persisted scheduler's periodic jobs", () => {
    expect(PERIODIC_JOBS.map((j) => j.kind)).toContain(ALERT_DIGEST_JOB);
    expect(JOB_HANDLERS[ALERT_DIGEST_JOB]).toBeTypeOf("function");
  });
});

describe("the settings and the unsubscribe link", () => {
  it("a volunteer opts in on the notification settings page (without JavaScript); others are not asked", async () => {
    const db = getDb();
    const ada = createVolunteer(db, { user: { displayName: "Ada" } }).user;
    const cookie = await sessionCookieFor(ada.id);
    const page = await callLoader(settingsPage.loader, "/settings/notifications", { cookie });
    const loaded = page.data as { alertDigest: string; preferences: { kind: string; channel: string }[] };
    expect(loaded.alertDigest).toBe("off");
    // The page as the browser sends it: every kind's channel, the urgent question, the digest.
    const channels = Object.fromEntries(loaded.preferences.map((p) => [p.kind, p.channel]));
    expect(Object.keys(channels)).not.toContain("alert_digest");
    const saved = await callAction(settingsPage.action, "/settings/notifications", {
      cookie,
      form: { ...channels, alertDigest: "weekly", urgentRequests: "on" },
    });
    expect(saved.status).toBe(302);
    expect(await noticesOf(saved)).toEqual([{ key: "notifications:settings.saved" }]);
    expect(alertDigestSetting(db, ada.id)).toBe("weekly");
    const bad = await callAction(settingsPage.action, "/settings/notifications", {
      cookie,
      form: { ...channels, alertDigest: "hourly", urgentRequests: "on" },
    });
    expect(bad.status).toBe(400);
    expect(alertDigestSetting(db, ada.id)).toBe("weekly");
    // An organisation member has no volunteer profile: no question, and a posted value changes nothing.
    const member = createUser(db, { role: "org_member" });
    const memberCookie = await sessionCookieFor(member.id);
    const memberPage = await callLoader(settingsPage.loader, "/settings/notifications", {
      cookie: memberCookie,
    });
    expect((memberPage.data as { alertDigest: unknown }).alertDigest).toBeNull();
    const memberSaved = await callAction(settingsPage.action, "/settings/notifications", {
      cookie: memberCookie,
      form: { ...channels, alertDigest: "daily" },
    });
    expect(memberSaved.status).toBe(302);
    expect(db.select().from(alertDigests).where(eq(alertDigests.userId, member.id)).get()).toBeUndefined();
  });

  it("the link in the digest switches it off without login; expired and forged links are refused", async () => {
    const db = getDb();
    const nb = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
    const category = createCategory(db);
    const ada = volunteerWithOffer(db, category.id, nb.id, "Ada");
    const now = Date.now();
    setAlertDigest(db, ada.id, "daily", now - HOUR);
    shiftOf(db, category.id, nb.id, 3);
    runAlertDigests({ tx: db, db, now: now + 1000 });
    const [mail] = digestsTo(db, ada.id);
    const link = new URL(/(https?:\/\/\S+\/unsubscribe\?token=\S+)/.exec(mail!.bodyText)![1]!);
    const path = `${link.pathname}${link.search}`;

    // Forged: one letter of the signature changed; another person's id under the same signature.
    const token = link.searchParams.get("token")!;
    const forged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const bob = createVolunteer(db).user;
    const swapped = `${bob.id}${token.slice(token.indexOf("."))}`;
    for (const bad of [forged, swapped, "x.y.z", "a".repeat(500)]) {
      const url = `/unsubscribe?token=${encodeURIComponent(bad)}`;
      expect((await callLoader(unsubscribePage.loader, url)).status).toBe(400);
      expect((await callAction(unsubscribePage.action, url, { form: {} })).status).toBe(400);
    }
    // Expired: signed by this server, but its time is over.
    const old = createDigestUnsubscribeToken(ada.id, Date.now() - (DIGEST_UNSUBSCRIBE_DAYS + 1) * DAY);
    const oldUrl = `/unsubscribe?token=${encodeURIComponent(old)}`;
    expect((await callLoader(unsubscribePage.loader, oldUrl)).status).toBe(410);
    expect((await callAction(unsubscribePage.action, oldUrl, { form: {} })).status).toBe(410);
    expect(alertDigestSetting(db, ada.id)).toBe("daily");

    // The real link, no session: a confirmation page (GET changes nothing), then the button.
    const shown = await callLoader(unsubscribePage.loader, path);
    expect(shown.status).toBe(200);
    expect((shown.data as { kind: string }).kind).toBe("alert_digest");
    expect(alertDigestSetting(db, ada.id)).toBe("daily");
    const done = await callAction(unsubscribePage.action, path, { form: {} });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ done: true, kind: "alert_digest" });
    expect(alertDigestSetting(db, ada.id)).toBe("off");
    // Off means off: the next period sends nothing, whatever is new.
    shiftOf(db, category.id, nb.id, 5);
    runAlertDigests({ tx: db, db, now: periodStart("daily", now) + DAY + HOUR });
    expect(digestsTo(db, ada.id)).toHaveLength(1);
  });
});
