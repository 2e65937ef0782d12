/**
 * The pages of urgent requests as a browser without JavaScript uses them: the answer page (no login,
 * GET changes nothing), the coordinator's panel on the need page, the volunteer's setting.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  needLanguages,
  needs,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
  urgentRequests,
  volunteerProfiles,
} from "@db/schema";
import { CONFIGURABLE_KINDS } from "~/modules/notifications/kinds";
import { createAnswerToken } from "~/modules/reach/answer-token.server";
import { JOB_HANDLERS } from "~/modules/scheduler/background.server";
import { runDueJobs } from "~/modules/scheduler/scheduler.server";
import * as needPage from "~/routes/coordination.needs.$id._index";
import * as settings from "~/routes/settings.notifications";
import * as answerPage from "~/routes/urgent.$token";
import { getDb } from "~/utils/db.server";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";

const HOUR = 3_600_000;
/** The settings form sends a channel for every kind (radio buttons). */
const everyKind = Object.fromEntries(CONFIGURABLE_KINDS.map((kind) => [kind, "inbox_email"]));

let needId = 0;
let coordinatorId = "";
let helperId = "";

beforeAll(() => {
  const db = getDb();
  const nb = createNeighbourhood(db);
  const category = createCategory(db);
  coordinatorId = createCoordinator(db, [nb.id]).id;
  helperId = createVolunteer(db, {
    user: { displayName: "Samira Helferin" },
    profile: { homeNeighbourhoodId: nb.id },
  }).user.id;
  const offer = db
    .insert(offers)
    .values({ volunteerId: helperId, categoryId: category.id, title: "Begleitung" })
    .returning({ id: offers.id })
    .get();
  db.insert(offerLanguages).values({ offerId: offer.id, language: "ar" }).run();
  db.insert(offerNeighbourhoods).values({ offerId: offer.id, neighbourhoodId: nb.id }).run();
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
  const startsAt = Date.now() + 30 * HOUR;
  needId = db
    .insert(needs)
    .values({
      categoryId: category.id,
      neighbourhoodId: nb.id,
      createdBy: coordinatorId,
      title: "Begleitung zur Kita-Anmeldung",
      description: "Eine Mutter braucht Begleitung zur Anmeldung in der Kita.",
      urgency: "urgent",
      startsAt: new Date(startsAt),
      endsAt: new Date(startsAt + 2 * HOUR),
    })
    .returning({ id: needs.id })
    .get().id;
  db.insert(needLanguages).values({ needId, language: "ar" }).run();
});

function requestRow() {
  return getDb().select().from(urgentRequests).where(eq(urgentRequests.needId, needId)).get();
}

describe("urgent requests in the pages", () => {
  it("the coordinator starts asking from the need page and sees who was asked", async () => {
    const cookie = await sessionCookieFor(coordinatorId);
    const params = { id: String(needId) };
    const started = await callAction(needPage.action, `/coordination/needs/${needId}`, {
      cookie,
      params,
      form: { intent: "urgent-ask-now" },
    });
    expect(started.location).toBe(`/coordination/needs/${needId}#urgent`);
    expect((await noticesOf(started))?.map((n) => n.key)).toEqual(["coordination:notices.urgent-asked"]);
    runDueJobs({ db: getDb(), handlers: JOB_HANDLERS, workerId: "test" });
    const page = await callLoader(needPage.loader, `/coordination/needs/${needId}`, { cookie, params });
    const urgent = (page.data as { urgent: { requests: { volunteerName: string; answer: string | null }[] } })
      .urgent;
    expect(urgent.requests).toEqual([
      expect.objectContaining({ volunteerName: "Samira Helferin", answer: null }),
    ]);
    // A bad command is a message next to the panel, not a 500.
    const bad = await callAction(needPage.action, `/coordination/needs/${needId}`, {
      cookie,
      params,
      form: { intent: "urgent-confirm", requestId: "x".repeat(50) },
    });
    expect(bad.status).toBe(400);
  });

  it("the answer page shows the need without login and changes nothing on GET; the POST answers once", async () => {
    const request = requestRow()!;
    const token = createAnswerToken(request.id, request.expiresAt.getTime());
    const shown = await callLoader(answerPage.loader, `/urgent/${token}?answer=yes`, { params: { token } });
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({
      preselected: "yes",
      check: { status: "open", need: { title: "Begleitung zur Kita-Anmeldung", stillNeeded: true } },
    });
    // Nothing about people: no names of the newcomer (none stored) nor of the coordinator or helper.
    expect(JSON.stringify(shown.data)).not.toContain("Samira");
    expect(requestRow()!.answer).toBeNull();

    const answered = await callAction(answerPage.action, `/urgent/${token}`, {
      params: { token },
      form: { intent: "yes" },
    });
    expect(answered.data).toEqual({ result: { status: "recorded", answer: "yes", outcome: "proposed" } });
    const again = await callAction(answerPage.action, `/urgent/${token}`, {
      params: { token },
      form: { intent: "no" },
    });
    expect(again.data).toEqual({ result: { status: "answered", answer: "yes", outcome: "proposed" } });
    expect(requestRow()).toMatchObject({ answer: "yes", outcome: "proposed" });

    const garbage = await callLoader(answerPage.loader, "/urgent/nonsense", {
      params: { token: "nonsense" },
    });
    expect(garbage.status).toBe(400);
    const tooLong = await callAction(answerPage.action, "/urgent/x", {
      params: { token: "x".repeat(5000) },
      form: { intent: "yes" },
    });
    expect(tooLong.status).toBe(400);
    const wrongIntent = await callAction(answerPage.action, `/urgent/${token}`, {
      params: { token },
      form: { intent: "vielleicht" },
    });
    expect(wrongIntent.status).toBe(400);
  });

  it("a volunteer switches urgent requests off in the settings or from the answer page", async () => {
    const cookie = await sessionCookieFor(helperId);
    const page = await callLoader(settings.loader, "/settings/notifications", { cookie });
    expect(page.data).toMatchObject({ urgentRequests: true, urgentMaxPerWeek: 2 });
    const saved = await callAction(settings.action, "/settings/notifications", {
      cookie,
      form: { ...everyKind, urgentRequests: "off" },
    });
    expect(await noticesOf(saved)).toEqual([{ key: "notifications:settings.saved" }]);
    const accepts = () =>
      getDb().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, helperId)).get()!
        .acceptsUrgentRequests;
    expect(accepts()).toBe(false);
    const wrong = await callAction(settings.action, "/settings/notifications", {
      cookie,
      form: { ...everyKind, urgentRequests: "maybe" },
    });
    expect(wrong.status).toBe(400);
    expect(accepts()).toBe(false);
    await callAction(settings.action, "/settings/notifications", {
      cookie,
      form: { ...everyKind, urgentRequests: "on" },
    });
    expect(accepts()).toBe(true);

    const request = requestRow()!;
    const token = createAnswerToken(request.id, request.expiresAt.getTime());
    const optOut = await callAction(answerPage.action, `/urgent/${token}`, {
      params: { token },
      form: { intent: "opt-out" },
    });
    expect(optOut.data).toEqual({ result: { status: "opted_out" } });
    expect(accepts()).toBe(false);
  });
});
