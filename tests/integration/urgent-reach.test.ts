/**
 * Urgent needs reach suitable volunteers in waves (issue 16): the waves driven by the persisted
 * scheduler with an injected clock, restart safety, exactly one request per person and need, the
 * weekly limit, the opt-out, the signed one-click answers (expired, reused, tampered), proposals and
 * auto-accept, and the planner that catches needs made urgent by any writer.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@db/client";
import {
  emailOutbox,
  matches,
  needLanguages,
  needs,
  notifications,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
  scheduledJobs,
  urgentReach,
  urgentRequests,
  volunteerProfiles,
} from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { createNeed } from "~/modules/needs/commands.server";
import { answerPath, createAnswerToken, verifyAnswerToken } from "~/modules/reach/answer-token.server";
import { startUrgentReach, URGENT_WAVE_JOB } from "~/modules/reach/start.server";
import { answerUrgentRequest, checkAnswerToken } from "~/modules/reach/answers.server";
import { askNow, confirmYes, releaseYes, setAutoAccept, stopAsking } from "~/modules/reach/commands.server";
import { chooseWave, planUrgentReach } from "~/modules/reach/wave-jobs.server";
import { getUrgentPanel } from "~/modules/reach/queries.server";
import { ANSWER_WINDOW_MS, WAVE_INTERVAL_MS } from "~/modules/reach/waves";
import { JOB_HANDLERS } from "~/modules/scheduler/background.server";
import {
  claimDueJobs,
  DEFAULT_LEASE_MS,
  runClaimedJob,
  runDueJobs,
} from "~/modules/scheduler/scheduler.server";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { needInput } from "./coordination-fixture";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let temp: TempDb;
let extra: Db[] = [];
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const db of extra) if (db.$client.open) closeDatabase(db);
  extra = [];
  temp.cleanup();
});

interface World {
  db: Db;
  nbId: number;
  categoryId: number;
  coordinator: AuthUser;
  /** Volunteers in the order the engine ranks them (all alike but for their distance). */
  volunteers: { id: string; offerId: number; name: string }[];
}

/**
 * A neighbourhood with a coordinator and `count` volunteers whose offers fit any need of the category
 * there (Arabic, all week, every hour). Volunteer i lives a little further away than volunteer i-1, so
 * the engine ranks them in order.
 */
function world(count: number): World {
  const { db } = temp;
  const nb = createNeighbourhood(db, { lat: 51.5, lon: 7.1 });
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const volunteers = Array.from({ length: count }, (_, i) => {
    const home = createNeighbourhood(db, { lat: 51.5 + (i + 1) * 0.002, lon: 7.1 });
    const name = `Helfer ${String(i + 1).padStart(2, "0")}`;
    const user = createVolunteer(db, {
      user: { displayName: name },
      profile: { homeNeighbourhoodId: home.id, radiusKm: 20, hoursCapPerWeek: 40 },
    }).user;
    const offerRow = db
      .insert(offers)
      .values({ volunteerId: user.id, categoryId: category.id, title: "Begleitung", capacity: 3 })
      .returning({ id: offers.id })
      .get();
    db.insert(offerLanguages).values({ offerId: offerRow.id, language: "ar" }).run();
    db.insert(offerNeighbourhoods).values({ offerId: offerRow.id, neighbourhoodId: nb.id }).run();
    db.insert(offerAvailability)
      .values(
        Array.from({ length: 7 }, (_, weekday) => ({
          offerId: offerRow.id,
          weekday,
          startMinute: 0,
          endMinute: 1440,
        })),
      )
      .run();
    return { id: user.id, offerId: offerRow.id, name };
  });
  return { db, nbId: nb.id, categoryId: category.id, coordinator, volunteers };
}

/** A need recorded through the app (so a need marked urgent starts asking at once). */
function recordNeed(
  w: World,
  now: number,
  options: { urgency?: "urgent" | "normal"; inDays?: number; helpers?: number } = {},
): number {
  const startsAt = now + (options.inDays ?? 5) * DAY;
  const result = createNeed(
    w.db,
    w.coordinator,
    needInput({
      categoryId: w.categoryId,
      neighbourhoodId: w.nbId,
      urgency: options.urgency ?? "urgent",
      helpersNeeded: options.helpers ?? 1,
      schedule: { kind: "one_off", startsAt, endsAt: startsAt + 2 * HOUR },
    }),
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.id;
}

function runJobs(db: Db, now: number, workerId = "worker-a") {
  return runDueJobs({ db, handlers: JOB_HANDLERS, workerId, now: () => now });
}

function requestsOf(db: Db, needId: number) {
  return db
    .select()
    .from(urgentRequests)
    .where(eq(urgentRequests.needId, needId))
    .orderBy(urgentRequests.id)
    .all();
}

/** The signed token of a request, as its inbox entry links to it. */
function tokenOf(db: Db, volunteerId: string): string {
  const row = db
    .select({ link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, volunteerId), eq(notifications.kind, "urgent_request")))
    .orderBy(sql`${notifications.id} desc`)
    .get();
  const match = /^\/urgent\/([^?]+)\?/.exec(row?.link ?? "");
  if (!match) throw new Error(`no urgent request in ${volunteerId}'s inbox`);
  return match[1]!;
}

describe("waves through the persisted scheduler", () => {
  it("asks the best five at once, the next ones two hours later, each person once", () => {
    const w = world(8);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);

    expect(runJobs(w.db, t0).done).toBeGreaterThanOrEqual(1);
    const wave1 = requestsOf(w.db, needId);
    expect(wave1.map((r) => r.volunteerId)).toEqual(w.volunteers.slice(0, 5).map((v) => v.id));
    expect(wave1.every((r) => r.wave === 1)).toBe(true);
    // Each asked person: an inbox entry and an e-mail (urgent requests e-mail by default).
    for (const v of w.volunteers.slice(0, 5)) {
      const mails = w.db.select().from(emailOutbox).where(eq(emailOutbox.userId, v.id)).all();
      expect(mails.map((m) => m.kind)).toEqual(["urgent_request"]);
      expect(mails[0]!.bodyText).toContain("Begleitung zum Jobcenter");
      expect(mails[0]!.bodyText).toContain("Die Begleitung erklärt auf Arabisch");
      expect(mails[0]!.bodyText).toMatch(/Ich kann:\n.*\/urgent\/.*answer=yes/);
      expect(mails[0]!.bodyText).toMatch(/Ich kann nicht:\n.*\/urgent\/.*answer=no/);
    }
    // The description stays out of the inbox row: the inbox shows one line.
    const inbox = w.db.select().from(notifications).where(eq(notifications.kind, "urgent_request")).all();
    expect(inbox).toHaveLength(5);
    expect(JSON.stringify(inbox.map((n) => n.params))).not.toContain("erklärt auf Arabisch");

    // Nothing more before two hours have passed, however often the loop runs.
    runJobs(w.db, t0 + HOUR);
    runJobs(w.db, t0 + WAVE_INTERVAL_MS - 1);
    expect(requestsOf(w.db, needId)).toHaveLength(5);

    runJobs(w.db, t0 + WAVE_INTERVAL_MS);
    const all = requestsOf(w.db, needId);
    expect(all.filter((r) => r.wave === 2).map((r) => r.volunteerId)).toEqual(
      w.volunteers.slice(5).map((v) => v.id),
    );
    // Wave 3 finds nobody left: asking ends by itself.
    runJobs(w.db, t0 + 2 * WAVE_INTERVAL_MS);
    expect(requestsOf(w.db, needId)).toHaveLength(8);
    const panel = getUrgentPanel(w.db, needId);
    expect(panel).toMatchObject({ wavesSent: 2, endReason: "no_candidates" });
    expect(new Set(all.map((r) => r.volunteerId)).size).toBe(8);
  });

  it("sends a wave once when its job exists twice or runs again", () => {
    const w = world(6);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    // A second job for wave 1 (e.g. a coordinator pressed "ask now" as the hub started).
    w.db
      .insert(scheduledJobs)
      .values({
        kind: URGENT_WAVE_JOB,
        dedupeKey: `${URGENT_WAVE_JOB}:${needId}:1:${t0 + 1}`,
        runAt: new Date(t0 + 1),
        payload: { needId, wave: 1 },
      })
      .run();
    runJobs(w.db, t0 + 10);
    expect(requestsOf(w.db, needId)).toHaveLength(5);
    expect(
      w.db.select().from(notifications).where(eq(notifications.kind, "urgent_request")).all(),
    ).toHaveLength(5);
    // Starting again is nothing new.
    expect(w.db.transaction((tx) => startUrgentReach(tx, needId, { startedBy: null, now: t0 + 20 }))).toBe(
      false,
    );
    runJobs(w.db, t0 + 30);
    expect(requestsOf(w.db, needId)).toHaveLength(5);
  });

  it("is restart safe: a wave claimed by a worker that died is sent once by the next", () => {
    const w = world(5);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    const other = openDatabase(temp.path);
    extra.push(other);
    // Worker A claims the wave and dies before running it.
    const claimed = claimDueJobs({ db: w.db, handlers: JOB_HANDLERS, workerId: "dead", now: () => t0 });
    expect(claimed.map((j) => j.kind)).toContain(URGENT_WAVE_JOB);
    // Until the lease runs out nobody else runs it …
    expect(runJobs(other, t0 + DEFAULT_LEASE_MS - 1, "worker-b").done).toBe(0);
    expect(requestsOf(w.db, needId)).toHaveLength(0);
    // … then worker B (another connection, as another process) does, once.
    runJobs(other, t0 + DEFAULT_LEASE_MS, "worker-b");
    expect(requestsOf(w.db, needId)).toHaveLength(5);
    // The dead worker's late attempt finds the job no longer its own.
    const waveJob = claimed.find((j) => j.kind === URGENT_WAVE_JOB)!;
    expect(
      runClaimedJob({ db: w.db, handlers: JOB_HANDLERS, workerId: "dead", now: () => t0 }, waveJob),
    ).toBe("lost");
    expect(requestsOf(w.db, needId)).toHaveLength(5);
    expect(
      w.db.select().from(notifications).where(eq(notifications.kind, "urgent_request")).all(),
    ).toHaveLength(5);
  });

  it("rolls a wave back with its job when the handler fails half-way, and sends it once on retry", () => {
    const w = world(5);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    const failing = {
      ...JOB_HANDLERS,
      [URGENT_WAVE_JOB]: (ctx: Parameters<(typeof JOB_HANDLERS)[string]>[0]) => {
        JOB_HANDLERS[URGENT_WAVE_JOB]!(ctx);
        throw new Error("crash after the wave was written");
      },
    };
    const report = runDueJobs({ db: w.db, handlers: failing, workerId: "w", now: () => t0 });
    expect(report.retrying).toBeGreaterThanOrEqual(1);
    expect(requestsOf(w.db, needId)).toHaveLength(0);
    expect(w.db.select().from(emailOutbox).all()).toHaveLength(0);
    runJobs(w.db, t0 + 2 * 60_000);
    expect(requestsOf(w.db, needId)).toHaveLength(5);
  });
});

describe("who is asked", () => {
  it("never asks anyone more than URGENT_MAX_PER_WEEK times in seven days", () => {
    vi.stubEnv("URGENT_MAX_PER_WEEK", "2");
    const w = world(1);
    const [helper] = w.volunteers;
    const t0 = Date.now();
    const first = recordNeed(w, t0);
    const second = recordNeed(w, t0);
    const third = recordNeed(w, t0);
    runJobs(w.db, t0);
    expect([first, second, third].map((id) => requestsOf(w.db, id).map((r) => r.volunteerId))).toEqual([
      [helper!.id],
      [helper!.id],
      [],
    ]);
    expect(getUrgentPanel(w.db, third).endReason).toBe("no_candidates");
    // Seven days after the first two requests the helper may be asked again (a coordinator asks anew).
    expect(chooseWave(w.db, third, 5, { now: t0 + 6 * DAY })).toEqual([]);
    const fourth = recordNeed(w, t0 + 7 * DAY + 1);
    runJobs(w.db, t0 + 7 * DAY + 1);
    expect(requestsOf(w.db, fourth).map((r) => r.volunteerId)).toEqual([helper!.id]);

    vi.stubEnv("URGENT_MAX_PER_WEEK", "0");
    const fifth = recordNeed(w, t0 + 30 * DAY);
    runJobs(w.db, t0 + 30 * DAY);
    expect(requestsOf(w.db, fifth)).toHaveLength(0);
  });

  it("leaves out volunteers who switched urgent requests off, and offers that break a hard constraint", () => {
    const w = world(3);
    const t0 = Date.now();
    w.db
      .update(volunteerProfiles)
      .set({ acceptsUrgentRequests: false })
      .where(eq(volunteerProfiles.userId, w.volunteers[0]!.id))
      .run();
    // The third speaks no Arabic any more: the need requires a shared language.
    w.db.delete(offerLanguages).where(eq(offerLanguages.offerId, w.volunteers[2]!.offerId)).run();
    w.db.insert(offerLanguages).values({ offerId: w.volunteers[2]!.offerId, language: "uk" }).run();
    const needId = recordNeed(w, t0);
    runJobs(w.db, t0);
    expect(requestsOf(w.db, needId).map((r) => r.volunteerId)).toEqual([w.volunteers[1]!.id]);
  });

  it("starts by itself for needs made urgent by any writer or beginning within 72 hours, not for others", () => {
    const w = world(2);
    const t0 = Date.now();
    const raw = (values: { urgency: "urgent" | "normal"; inHours: number }) => {
      const need = w.db
        .insert(needs)
        .values({
          categoryId: w.categoryId,
          neighbourhoodId: w.nbId,
          title: "Erster Schritt",
          description: "Begleitung zur Anmeldung.",
          urgency: values.urgency,
          startsAt: new Date(t0 + values.inHours * HOUR),
          endsAt: new Date(t0 + (values.inHours + 2) * HOUR),
        })
        .returning({ id: needs.id })
        .get();
      w.db.insert(needLanguages).values({ needId: need.id, language: "ar" }).run();
      return need.id;
    };
    const urgentLater = raw({ urgency: "urgent", inHours: 24 * 10 });
    const soon = raw({ urgency: "normal", inHours: 48 });
    const later = raw({ urgency: "normal", inHours: 24 * 10 });
    const past = raw({ urgency: "urgent", inHours: -3 });
    expect(w.db.transaction((tx) => planUrgentReach(tx, t0))).toBe(2);
    runJobs(w.db, t0);
    expect(requestsOf(w.db, urgentLater)).toHaveLength(2);
    expect(requestsOf(w.db, soon)).toHaveLength(2);
    expect(requestsOf(w.db, later)).toHaveLength(0);
    expect(requestsOf(w.db, past)).toHaveLength(0);
    expect(getUrgentPanel(w.db, soon).startedByHub).toBe(true);
    // Planning again starts nothing twice.
    expect(w.db.transaction((tx) => planUrgentReach(tx, t0 + 5 * 60_000))).toBe(0);
  });
});

describe("signed one-click answers", () => {
  it("turns the first fitting 'Ich kann' into a proposal the coordinator confirms", () => {
    const w = world(3);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    runJobs(w.db, t0);
    const [a, b] = w.volunteers;
    expect(answerUrgentRequest(w.db, tokenOf(w.db, a!.id), "yes")).toEqual({
      status: "recorded",
      answer: "yes",
      outcome: "proposed",
    });
    // The coordinator hears of it; the need is covered by the waiting "yes": asking ends.
    const told = w.db.select().from(notifications).where(eq(notifications.userId, w.coordinator.id)).all();
    expect(told.map((n) => n.kind)).toEqual(["urgent_answered"]);
    expect(getUrgentPanel(w.db, needId).endReason).toBe("covered");
    // A second "yes" is thanked: not needed.
    expect(answerUrgentRequest(w.db, tokenOf(w.db, b!.id), "yes").status).toBe("recorded");
    expect(requestsOf(w.db, needId).find((r) => r.volunteerId === b!.id)?.outcome).toBe("not_needed");
    // No match yet: the coordinator confirms.
    expect(w.db.select().from(matches).all()).toHaveLength(0);
    const request = requestsOf(w.db, needId).find((r) => r.volunteerId === a!.id)!;
    expect(confirmYes(w.db, w.coordinator, needId, request.id)).toEqual({ ok: true });
    const match = w.db.select().from(matches).get();
    expect(match).toMatchObject({
      needId,
      offerId: a!.offerId,
      status: "accepted",
      proposedBy: w.coordinator.id,
    });
    expect(w.db.select({ status: needs.status }).from(needs).where(eq(needs.id, needId)).get()?.status).toBe(
      "matched",
    );
    const toHelper = w.db.select().from(notifications).where(eq(notifications.userId, a!.id)).all();
    expect(toHelper.map((n) => n.kind)).toEqual(["urgent_request", "urgent_confirmed"]);
    // Confirming twice does nothing.
    expect(confirmYes(w.db, w.coordinator, needId, request.id).ok).toBe(false);
  });

  it("accepts at once with auto-accept, and a released 'yes' lets asking go on", () => {
    const w = world(7);
    const t0 = Date.now();
    const needId = recordNeed(w, t0, { helpers: 2 });
    setAutoAccept(w.db, w.coordinator, needId, true);
    runJobs(w.db, t0);
    const [a] = w.volunteers;
    expect(answerUrgentRequest(w.db, tokenOf(w.db, a!.id), "yes").status).toBe("recorded");
    expect(w.db.select().from(matches).all()).toMatchObject([{ offerId: a!.offerId, status: "accepted" }]);
    expect(getUrgentPanel(w.db, needId).endReason).toBeNull();

    setAutoAccept(w.db, w.coordinator, needId, false);
    const b = w.volunteers[1]!;
    answerUrgentRequest(w.db, tokenOf(w.db, b.id), "yes");
    expect(getUrgentPanel(w.db, needId).endReason).toBe("covered");
    const request = requestsOf(w.db, needId).find((r) => r.volunteerId === b.id)!;
    expect(releaseYes(w.db, w.coordinator, needId, request.id)).toEqual({ ok: true });
    expect(getUrgentPanel(w.db, needId).endReason).toBeNull();
    runJobs(w.db, t0 + 60_000);
    expect(requestsOf(w.db, needId).filter((r) => r.wave === 2)).toHaveLength(2);
  });

  it("refuses expired, reused and tampered links and changes nothing", () => {
    const w = world(2);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    runJobs(w.db, t0);
    const [a, b] = w.volunteers;
    const token = tokenOf(w.db, a!.id);
    const request = requestsOf(w.db, needId).find((r) => r.volunteerId === a!.id)!;
    expect(request.expiresAt.getTime()).toBe(t0 + ANSWER_WINDOW_MS);

    // Tampered: another request id, another expiry, a changed signature, garbage.
    const [id, expiry, sig] = token.split(".") as [string, string, string];
    const otherId = requestsOf(w.db, needId).find((r) => r.volunteerId === b!.id)!.id;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    for (const bad of [
      `${otherId}.${expiry}.${sig}`,
      `${id}.${(Number.parseInt(expiry, 36) + DAY).toString(36)}.${sig}`,
      `${id}.${expiry}.${flipped}`,
      "1.2.3",
      `${token}x`,
    ]) {
      expect(answerUrgentRequest(w.db, bad, "yes")).toEqual({ status: "invalid" });
      expect(checkAnswerToken(w.db, bad, "de").status).toBe("invalid");
    }
    // A genuine signature for an expiry the request does not have is not this request's link.
    const forged = createAnswerToken(request.id, request.expiresAt.getTime() + DAY);
    expect(verifyAnswerToken(forged)).not.toBeNull();
    expect(answerUrgentRequest(w.db, forged, "yes")).toEqual({ status: "invalid" });
    expect(requestsOf(w.db, needId).every((r) => r.answer === null)).toBe(true);

    // Expired: from the expiry on, nothing is recorded.
    const late = t0 + ANSWER_WINDOW_MS;
    expect(checkAnswerToken(w.db, token, "de", late).status).toBe("expired");
    expect(answerUrgentRequest(w.db, token, "yes", late)).toEqual({ status: "expired" });
    expect(requestsOf(w.db, needId).every((r) => r.answer === null)).toBe(true);

    // Reused: the first answer stands.
    expect(answerUrgentRequest(w.db, token, "no").status).toBe("recorded");
    expect(answerUrgentRequest(w.db, token, "yes")).toEqual({
      status: "answered",
      answer: "no",
      outcome: null,
    });
    expect(checkAnswerToken(w.db, token, "de")).toMatchObject({ status: "answered", answer: "no" });
    expect(answerPath(token, "yes", "ar")).toBe(`/urgent/${token}?answer=yes&lng=ar`);
  });

  it("brings the next wave forward when everyone asked said no", () => {
    const w = world(7);
    const t0 = Date.now();
    const needId = recordNeed(w, t0);
    runJobs(w.db, t0);
    for (const v of w.volunteers.slice(0, 4))
      answerUrgentRequest(w.db, tokenOf(w.db, v.id), "no", t0 + 60_000);
    expect(
      w.db
        .select()
        .from(scheduledJobs)
        .where(like(scheduledJobs.dedupeKey, `${URGENT_WAVE_JOB}:${needId}:2:%`))
        .get()
        ?.runAt.getTime(),
    ).toBe(t0 + WAVE_INTERVAL_MS);
    answerUrgentRequest(w.db, tokenOf(w.db, w.volunteers[4]!.id), "no", t0 + 120_000);
    runJobs(w.db, t0 + 120_000);
    expect(requestsOf(w.db, needId).filter((r) => r.wave === 2)).toHaveLength(2);
  });
});

describe("the coordinator's commands", () => {
  it("asks for a need that is not urgent on request, stops, and only for the need's coordinators", () => {
    const w = world(7);
    const t0 = Date.now();
    const needId = recordNeed(w, t0, { urgency: "normal", inDays: 10 });
    runJobs(w.db, t0);
    expect(requestsOf(w.db, needId)).toHaveLength(0);
    expect(getUrgentPanel(w.db, needId).startedAt).toBeNull();

    const outsider = authUserOf(w.db, createCoordinator(w.db, [createNeighbourhood(w.db).id]).id);
    expect(() => askNow(w.db, outsider, needId, t0)).toThrow();
    expect(askNow(w.db, w.coordinator, needId, t0)).toEqual({ ok: true });
    runJobs(w.db, t0);
    expect(requestsOf(w.db, needId)).toHaveLength(5);
    // "Next wave now" does not wait two hours.
    expect(askNow(w.db, w.coordinator, needId, t0 + 60_000)).toEqual({ ok: true });
    runJobs(w.db, t0 + 60_000);
    expect(requestsOf(w.db, needId)).toHaveLength(7);

    expect(stopAsking(w.db, w.coordinator, needId, t0 + 120_000)).toEqual({ ok: true });
    expect(getUrgentPanel(w.db, needId)).toMatchObject({ endReason: "stopped" });
    expect(
      w.db.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get()?.endedAt,
    ).not.toBeNull();
  });
});
