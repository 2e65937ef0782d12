import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@db/client";
import {
  appSettings,
  emailOutbox,
  events,
  matches,
  needs,
  needTranslations,
  notifications,
  offers,
  scheduledJobs,
  shifts,
  signups,
  volunteerProfiles,
} from "@db/schema";
import { createSmtpTransport } from "~/modules/notifications/delivery.server";
import {
  createBackgroundWork,
  JOB_HANDLERS,
  PERIODIC_JOBS,
  startBackgroundWork,
  stopBackgroundWork,
} from "~/modules/scheduler/background.server";
import {
  CERTIFICATE_EXPIRING_JOB,
  planCertificateReminders,
} from "~/modules/scheduler/certificate-reminders.server";
import { applyRetention, ERASED_TITLE } from "~/modules/scheduler/retention.server";
import {
  claimDueJobs,
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  retryDelayMs,
  runClaimedJob,
  runDueJobs,
  type JobHandlers,
} from "~/modules/scheduler/scheduler.server";
import { ensurePeriodicJobs, schedule, scheduleMany } from "~/modules/scheduler/schedule.server";
import {
  planShiftReminders,
  scheduleShiftReminder,
  SHIFT_REMINDER_JOB,
  shiftReminderKey,
} from "~/modules/scheduler/shift-reminders.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";
import { logger } from "~/utils/logger.server";
import { startTestSmtpServer } from "../mocks/smtp";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let temp: TempDb;
let extraConnections: Db[] = [];
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of extraConnections) if (db.$client.open) closeDatabase(db);
  extraConnections = [];
  temp.cleanup();
});

function anotherConnection(): Db {
  const db = openDatabase(temp.path);
  extraConnections.push(db);
  return db;
}

function manualClock(start = Date.now() + 1000) {
  let t = start;
  return {
    now: () => t,
    set: (value: number) => {
      t = value;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** A job kind whose only effect is an inbox row naming the job: effects are countable per job. */
const EFFECT_JOB = "test_effect";
function effectHandlers(options: { failFirst?: boolean } = {}): JobHandlers {
  const failedOnce = new Set<string>();
  return {
    [EFFECT_JOB]: ({ tx, job }) => {
      tx.insert(notifications)
        .values({
          userId: String(job.payload.userId),
          kind: "hours_confirmed",
          params: { key: job.dedupeKey },
        })
        .run();
      if (options.failFirst && !failedOnce.has(job.dedupeKey)) {
        failedOnce.add(job.dedupeKey);
        throw new Error("handler crashed half-way");
      }
    },
  };
}

function effectsByKey(): Map<string, number> {
  const rows = temp.db
    .select({
      key: sql<string>`json_extract(${notifications.params}, '$.key')`,
      count: sql<number>`count(*)`,
    })
    .from(notifications)
    .groupBy(sql`1`)
    .all();
  return new Map(rows.map((r) => [r.key, r.count]));
}

function scheduleEffects(count: number, runAt: number): string[] {
  const user = createUser(temp.db);
  const keys = Array.from({ length: count }, (_, i) => `effect:${i}`);
  scheduleMany(
    temp.db,
    keys.map((dedupeKey) => ({ kind: EFFECT_JOB, dedupeKey, runAt, payload: { userId: user.id } })),
  );
  return keys;
}

function job(dedupeKey: string) {
  return temp.db.select().from(scheduledJobs).where(eq(scheduledJobs.dedupeKey, dedupeKey)).get()!;
}

describe("schedule", () => {
  it("is idempotent per dedupe key", () => {
    const runAt = Date.now();
    expect(schedule(temp.db, { kind: EFFECT_JOB, dedupeKey: "once", runAt, payload: { a: 1 } })).toBe(true);
    expect(
      schedule(temp.db, { kind: EFFECT_JOB, dedupeKey: "once", runAt: runAt + DAY, payload: { a: 2 } }),
    ).toBe(false);
    expect(
      scheduleMany(temp.db, [
        { kind: EFFECT_JOB, dedupeKey: "once", runAt },
        { kind: EFFECT_JOB, dedupeKey: "twice", runAt },
      ]),
    ).toBe(1);
    expect(temp.db.select().from(scheduledJobs).all()).toHaveLength(2);
    expect(job("once")).toMatchObject({ payload: { a: 1 }, status: "pending", attempts: 0 });
    expect(job("once").runAt.getTime()).toBe(runAt);
  });

  it("runs a job only once it is due, then never again", () => {
    const clock = manualClock();
    const [key] = scheduleEffects(1, clock.now() + HOUR) as [string];
    const options = { db: temp.db, handlers: effectHandlers(), workerId: "w1", now: clock.now };

    expect(runDueJobs(options).done).toBe(0);
    clock.advance(HOUR);
    expect(runDueJobs(options).done).toBe(1);
    expect(job(key)).toMatchObject({ status: "done", lockedBy: null, attempts: 1 });
    clock.advance(DAY);
    expect(runDueJobs(options).done).toBe(0);
    expect(effectsByKey().get(key)).toBe(1);
  });

  it("leaves jobs of kinds it has no handler for to a process that has one", () => {
    const clock = manualClock();
    schedule(temp.db, { kind: "from_a_newer_version", dedupeKey: "future", runAt: clock.now() });
    expect(runDueJobs({ db: temp.db, handlers: effectHandlers(), workerId: "w1", now: clock.now }).done).toBe(
      0,
    );
    expect(job("future").status).toBe("pending");
  });
});

describe("restarts and crashes", () => {
  it("a restart neither loses nor duplicates a job: a dead worker's claims run once, after its lease", () => {
    const clock = manualClock();
    const keys = scheduleEffects(5, clock.now());
    const handlers = effectHandlers();

    // Worker A claims everything, then its process dies before running anything.
    const dead = { db: anotherConnection(), handlers, workerId: "dead-worker", now: clock.now };
    const claimed = claimDueJobs(dead);
    expect(claimed).toHaveLength(5);
    closeDatabase(dead.db);

    // The restarted process (new worker id, new connection) must wait for the lease.
    const restarted = { db: anotherConnection(), handlers, workerId: "restarted", now: clock.now };
    clock.advance(DEFAULT_LEASE_MS - 1);
    expect(runDueJobs(restarted).done).toBe(0);
    clock.advance(1);
    expect(runDueJobs(restarted).done).toBe(5);
    clock.advance(DAY);
    expect(runDueJobs(restarted).done).toBe(0);

    for (const key of keys) {
      expect(effectsByKey().get(key), key).toBe(1);
      expect(job(key)).toMatchObject({ status: "done", attempts: 2 });
    }
  });

  it("a worker that wakes up after its lease was taken over does not run the job again", () => {
    const clock = manualClock();
    const [key] = scheduleEffects(1, clock.now()) as [string];
    const handlers = effectHandlers();
    const slow = { db: temp.db, handlers, workerId: "slow", now: clock.now };
    const [claimed] = claimDueJobs(slow);

    clock.advance(DEFAULT_LEASE_MS);
    const other = { db: anotherConnection(), handlers, workerId: "other", now: clock.now };
    expect(runDueJobs(other).done).toBe(1);

    expect(runClaimedJob(slow, claimed!)).toBe("lost");
    expect(effectsByKey().get(key)).toBe(1);
  });

  it("a handler that fails half-way leaves no effect, and is retried later with backoff", () => {
    const clock = manualClock();
    const [key] = scheduleEffects(1, clock.now()) as [string];
    const options = {
      db: temp.db,
      handlers: effectHandlers({ failFirst: true }),
      workerId: "w1",
      now: clock.now,
    };

    expect(runDueJobs(options)).toMatchObject({ done: 0, retrying: 1 });
    expect(effectsByKey().get(key)).toBeUndefined();
    expect(job(key)).toMatchObject({ status: "pending", attempts: 1, lockedBy: null });
    expect(job(key).lastError).toContain("half-way");
    expect(job(key).runAt.getTime()).toBe(clock.now() + retryDelayMs(1));

    clock.advance(retryDelayMs(1) - 1);
    expect(runDueJobs(options).done).toBe(0);
    clock.advance(1);
    expect(runDueJobs(options).done).toBe(1);
    expect(effectsByKey().get(key)).toBe(1);
  });

  it("gives a job up after the last attempt", () => {
    const warn = vi.spyOn(logger(), "warn").mockImplementation(() => {});
    const clock = manualClock();
    const [key] = scheduleEffects(1, clock.now()) as [string];
    const options = {
      db: temp.db,
      handlers: {
        [EFFECT_JOB]: () => {
          throw new Error("always broken");
        },
      },
      workerId: "w1",
      now: clock.now,
    };
    for (let i = 1; i <= DEFAULT_MAX_ATTEMPTS; i++) {
      runDueJobs(options);
      clock.advance(DAY);
    }
    expect(job(key)).toMatchObject({ status: "failed", attempts: DEFAULT_MAX_ATTEMPTS });
    expect(runDueJobs(options)).toMatchObject({ done: 0, retrying: 0, failed: 0 });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ problem: "always broken" }),
      "job failed for good",
    );
  });

  it("gives a job up that keeps killing its worker", () => {
    const clock = manualClock();
    const [key] = scheduleEffects(1, clock.now()) as [string];
    for (let i = 1; i <= DEFAULT_MAX_ATTEMPTS; i++) {
      expect(
        claimDueJobs({ db: temp.db, handlers: effectHandlers(), workerId: `dies-${i}`, now: clock.now }),
      ).toHaveLength(1);
      clock.advance(DEFAULT_LEASE_MS);
    }
    expect(
      claimDueJobs({ db: temp.db, handlers: effectHandlers(), workerId: "next", now: clock.now }),
    ).toHaveLength(0);
    expect(job(key).status).toBe("failed");
    expect(job(key).lastError).toContain("abandoned");
  });
});

describe("two workers", () => {
  it("on two connections, claiming in turns, run every job exactly once", () => {
    const clock = manualClock();
    const keys = scheduleEffects(40, clock.now());
    const handlers = effectHandlers();
    const a = { db: anotherConnection(), handlers, workerId: "a", now: clock.now, batchSize: 3 };
    const b = { db: anotherConnection(), handlers, workerId: "b", now: clock.now, batchSize: 3 };

    let done = 0;
    for (;;) {
      const fromA = claimDueJobs(a);
      const fromB = claimDueJobs(b);
      if (fromA.length + fromB.length === 0) break;
      expect(fromA.map((j) => j.id).filter((id) => fromB.some((j) => j.id === id))).toEqual([]);
      for (const j of fromB) done += runClaimedJob(b, j) === "done" ? 1 : 0;
      for (const j of fromA) done += runClaimedJob(a, j) === "done" ? 1 : 0;
    }
    expect(done).toBe(40);
    for (const key of keys) expect(effectsByKey().get(key), key).toBe(1);
  });

  it("in two processes on the same database file, run every job exactly once", async () => {
    const clock = manualClock(Date.now());
    const keys = scheduleEffects(200, clock.now() - MINUTE);
    temp.db.$client.pragma("wal_checkpoint(TRUNCATE)");

    const script = resolve(import.meta.dirname, "scheduler-worker.process.ts");
    const start = () => {
      const child = spawn(process.execPath, ["--import", "tsx", script, temp.path], {
        cwd: resolve(import.meta.dirname, "../.."),
        env: { ...process.env, NODE_ENV: "test" },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      let onReady: () => void = () => {};
      const ready = new Promise<void>((r) => (onReady = r));
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.startsWith("ready\n")) onReady();
      });
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      const result = new Promise<{ done: number }>((done, fail) => {
        child.on("error", fail);
        child.on("exit", (code) => {
          if (code !== 0) fail(new Error(`worker exited with ${code}: ${err}`));
          else done(JSON.parse(out.trim().split("\n").pop()!) as { done: number });
        });
      });
      return { child, ready, result };
    };

    const workers = [start(), start()];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.end("go\n");
    const results = await Promise.all(workers.map((w) => w.result));

    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(200);
    const effects = effectsByKey();
    for (const key of keys) expect(effects.get(key), key).toBe(1);
  }, 60_000);
});

describe("the background loop", () => {
  it("runs on its own timer once started, and stops cleanly", async () => {
    schedule(temp.db, {
      kind: SHIFT_REMINDER_JOB,
      dedupeKey: "reminder:unknown",
      runAt: Date.now() - MINUTE,
      payload: { signupId: 999999, shiftStartsAt: 0 },
    });
    const work = startBackgroundWork({ db: anotherConnection(), transport: null, intervalMs: 20 });
    expect(startBackgroundWork({ db: temp.db })).toBe(work);
    try {
      // Generous polling, no timing assumptions: the periodic jobs and the due job get done.
      await vi.waitFor(
        () => {
          expect(job("reminder:unknown").status).toBe("done");
          expect(
            temp.db.select().from(scheduledJobs).where(eq(scheduledJobs.status, "done")).all().length,
          ).toBe(PERIODIC_JOBS.length + 1);
        },
        { timeout: 20_000, interval: 50 },
      );
    } finally {
      await stopBackgroundWork();
    }
  });
});

describe("periodic jobs", () => {
  it("exist once per period, however often and by however many processes they are ensured", () => {
    const clock = manualClock(Date.UTC(2026, 10, 23, 10, 7));
    ensurePeriodicJobs(temp.db, PERIODIC_JOBS, clock.now());
    ensurePeriodicJobs(anotherConnection(), PERIODIC_JOBS, clock.now() + MINUTE);
    expect(temp.db.select().from(scheduledJobs).all()).toHaveLength(PERIODIC_JOBS.length);
    expect(job("plan_shift_reminders@2026-11-23T10:00:00.000Z")).toBeDefined();

    const before = clock.now();
    clock.advance(15 * MINUTE);
    ensurePeriodicJobs(temp.db, PERIODIC_JOBS, clock.now());
    // One more job for each periodic kind whose period changed in these 15 minutes.
    const newPeriods = PERIODIC_JOBS.filter(
      ({ everyMs }) => Math.floor(before / everyMs) !== Math.floor(clock.now() / everyMs),
    ).length;
    expect(newPeriods).toBeGreaterThanOrEqual(1);
    expect(temp.db.select().from(scheduledJobs).all()).toHaveLength(PERIODIC_JOBS.length + newPeriods);
  });
});

describe("shift reminders", () => {
  function confirmedSignup(
    shiftId: number,
    volunteerId: string,
    overrides: Partial<typeof signups.$inferInsert> = {},
  ) {
    return temp.db
      .insert(signups)
      .values({ shiftId, volunteerId, status: "confirmed", ...overrides })
      .returning()
      .get();
  }

  function setup() {
    const startsAt = Math.floor((Date.now() + 3 * DAY) / MINUTE) * MINUTE;
    const event = createEvent(temp.db, {
      title: "Sprachcafé",
      place: "Bürgerhaus Ückendorf",
      startsAt: new Date(startsAt),
    });
    const shift = createShift(temp.db, {
      eventId: event.id,
      title: "Aufbau",
      startsAt: new Date(startsAt),
      neededCount: 10,
    });
    return { event, shift, startsAt };
  }

  function reminders() {
    return temp.db.select().from(notifications).where(eq(notifications.kind, "shift_reminder")).all();
  }

  it("are planned for confirmed sign-ups only, keyed by sign-up and shift start, idempotently", () => {
    const { shift, startsAt } = setup();
    const confirmed = confirmedSignup(shift.id, createVolunteer(temp.db).user.id);
    confirmedSignup(shift.id, createVolunteer(temp.db).user.id, { status: "waitlisted" });
    confirmedSignup(shift.id, createVolunteer(temp.db).user.id, {
      status: "cancelled",
      cancelledAt: new Date(),
    });

    const now = Date.now();
    expect(planShiftReminders(temp.db, now)).toBe(1);
    expect(planShiftReminders(temp.db, now)).toBe(0);
    expect(scheduleShiftReminder(temp.db, confirmed.id, now)).toBe(false);
    const reminder = job(shiftReminderKey(confirmed.id, startsAt));
    expect(reminder).toMatchObject({
      kind: SHIFT_REMINDER_JOB,
      payload: { signupId: confirmed.id, shiftStartsAt: startsAt },
    });
    expect(reminder.runAt.getTime()).toBe(startsAt - 24 * HOUR);
  });

  it("follow app_settings.reminder_hours_before", () => {
    const { shift, startsAt } = setup();
    const signup = confirmedSignup(shift.id, createVolunteer(temp.db).user.id);
    temp.db.update(appSettings).set({ reminderHoursBefore: 48 }).where(eq(appSettings.id, 1)).run();
    expect(scheduleShiftReminder(temp.db, signup.id)).toBe(true);
    expect(job(shiftReminderKey(signup.id, startsAt)).runAt.getTime()).toBe(startsAt - 48 * HOUR);
  });

  it("are not planned for someone who got their place after the reminder time", () => {
    const { shift } = setup();
    temp.db.update(appSettings).set({ reminderHoursBefore: 168 }).where(eq(appSettings.id, 1)).run();
    const signup = confirmedSignup(shift.id, createVolunteer(temp.db).user.id);
    expect(scheduleShiftReminder(temp.db, signup.id)).toBe(false);
    expect(planShiftReminders(temp.db, Date.now())).toBe(0);
  });

  it("go out at their time, once, in the volunteer's language with an e-mail", () => {
    const { shift, event, startsAt } = setup();
    const { user } = createVolunteer(temp.db, { user: { locale: "en" } });
    const signup = confirmedSignup(shift.id, user.id);
    const clock = manualClock();
    planShiftReminders(temp.db, clock.now());
    const options = { db: temp.db, handlers: JOB_HANDLERS, workerId: "w1", now: clock.now };

    expect(runDueJobs(options).done).toBe(0);
    clock.set(startsAt - 24 * HOUR);
    expect(runDueJobs(options).done).toBe(1);
    clock.advance(HOUR);
    planShiftReminders(temp.db, clock.now());
    runDueJobs(options);

    const sent = reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ userId: user.id, link: `/activities/${event.id}` });
    expect(sent[0]!.params).toEqual({
      eventTitle: "Sprachcafé",
      shiftTitle: "Aufbau",
      startsAt,
      place: "Bürgerhaus Ückendorf",
    });
    const mails = temp.db.select().from(emailOutbox).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Reminder: Sprachcafé on /);
    expect(job(shiftReminderKey(signup.id, startsAt)).status).toBe("done");
  });

  it("are skipped at run time for a cancelled sign-up, a cancelled activity or a moved shift", () => {
    const { shift, event, startsAt } = setup();
    const cancelled = confirmedSignup(shift.id, createVolunteer(temp.db).user.id);
    const moved = confirmedSignup(shift.id, createVolunteer(temp.db).user.id);
    const clock = manualClock();
    planShiftReminders(temp.db, clock.now());

    temp.db
      .update(signups)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(signups.id, cancelled.id))
      .run();
    const newStart = startsAt + 2 * HOUR;
    temp.db
      .update(shifts)
      .set({ startsAt: new Date(newStart), endsAt: new Date(newStart + 2 * HOUR) })
      .where(eq(shifts.id, shift.id))
      .run();

    clock.set(startsAt - 24 * HOUR);
    const options = { db: temp.db, handlers: JOB_HANDLERS, workerId: "w1", now: clock.now };
    expect(runDueJobs(options).done).toBe(2);
    expect(reminders()).toHaveLength(0);

    // The moved shift gets a reminder of its own, for its new time — unless the activity is cancelled.
    expect(planShiftReminders(temp.db, clock.now())).toBe(1);
    expect(job(shiftReminderKey(moved.id, newStart)).runAt.getTime()).toBe(newStart - 24 * HOUR);
    temp.db
      .update(events)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(events.id, event.id))
      .run();
    clock.set(newStart - 24 * HOUR);
    runDueJobs(options);
    expect(reminders()).toHaveLength(0);
  });

  it("survive a restart: a crashed loop's claimed reminders are sent by the next loop, and e-mailed exactly once", async () => {
    const smtp = await startTestSmtpServer();
    try {
      const { shift, startsAt } = setup();
      const people = Array.from({ length: 3 }, () => createVolunteer(temp.db).user);
      for (const p of people) confirmedSignup(shift.id, p.id);
      const clock = manualClock();
      planShiftReminders(temp.db, clock.now());

      // The first process claims the due reminders and dies before sending any.
      clock.set(startsAt - 24 * HOUR);
      const crashed = claimDueJobs({
        db: anotherConnection(),
        handlers: JOB_HANDLERS,
        workerId: "crashed",
        now: clock.now,
      });
      expect(crashed.map((j) => j.kind)).toEqual(Array(3).fill(SHIFT_REMINDER_JOB));

      // The restarted process runs its loop after the lease has run out.
      clock.advance(DEFAULT_LEASE_MS);
      const work = createBackgroundWork({
        db: anotherConnection(),
        transport: createSmtpTransport(smtp.url),
        now: clock.now,
        intervalMs: 60_000,
      });
      await work.tick();
      await work.tick();
      await work.stop();

      expect(
        reminders()
          .map((r) => r.userId)
          .sort(),
      ).toEqual(people.map((p) => p.id).sort());
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(people.map((p) => p.email).sort());
      expect(
        temp.db
          .select()
          .from(emailOutbox)
          .all()
          .every((m) => m.status === "sent"),
      ).toBe(true);
    } finally {
      await smtp.close();
    }
  });
});

describe("certificate of conduct reminders", () => {
  it("notify 60 days before expiry, once per certificate, and not after a renewal", () => {
    const clock = manualClock();
    const today = zonedIsoDate(clock.now());
    const inDays = (days: number) => zonedIsoDate(startOfZonedDay(today) + days * DAY + 12 * HOUR);
    const verifier = createUser(temp.db, { role: "coordinator" });
    const verified = { certificateVerifiedAt: new Date(), certificateVerifiedBy: verifier.id };
    const soon = createVolunteer(temp.db, {
      profile: { certificateValidUntil: inDays(50), ...verified },
    }).user;
    const renewed = createVolunteer(temp.db, {
      profile: { certificateValidUntil: inDays(55), ...verified },
    }).user;
    const later = createVolunteer(temp.db, {
      profile: { certificateValidUntil: inDays(200), ...verified },
    }).user;

    expect(planCertificateReminders(temp.db, clock.now())).toBe(2);
    expect(planCertificateReminders(temp.db, clock.now())).toBe(0);
    const soonJob = job(`certificate:${soon.id}:${inDays(50)}`);
    expect(soonJob.kind).toBe(CERTIFICATE_EXPIRING_JOB);
    expect(soonJob.runAt.getTime()).toBe(startOfZonedDay(inDays(-10)) + 9 * HOUR);

    temp.db
      .update(volunteerProfiles)
      .set({ certificateValidUntil: inDays(900) })
      .where(eq(volunteerProfiles.userId, renewed.id))
      .run();
    const options = { db: temp.db, handlers: JOB_HANDLERS, workerId: "w1", now: clock.now };
    expect(runDueJobs(options).done).toBe(2);
    expect(runDueJobs(options).done).toBe(0);

    const sent = temp.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "certificate_expiring"))
      .all();
    expect(sent.map((n) => [n.userId, n.params])).toEqual([[soon.id, { validUntil: inDays(50) }]]);
    expect(sent.some((n) => n.userId === later.id)).toBe(false);
  });
});

describe("retention", () => {
  it("erases the free text of needs closed longer than the retention period, keeping the rest", () => {
    const now = Date.now();
    const categoryId = createCategory(temp.db).id;
    const neighbourhoodId = createNeighbourhood(temp.db).id;
    temp.db.update(appSettings).set({ retentionDaysClosedNeeds: 180 }).run();
    const need = (status: "open" | "closed" | "cancelled", closedDaysAgo: number | null) =>
      temp.db
        .insert(needs)
        .values({
          categoryId,
          neighbourhoodId,
          title: `Begleitung (${status}, ${closedDaysAgo})`,
          description: "Frau mit zwei Kindern braucht Begleitung zum Kinderarzt.",
          startsAt: new Date(now - 400 * DAY),
          endsAt: new Date(now - 399 * DAY),
          status,
          closedAt: closedDaysAgo === null ? null : new Date(now - closedDaysAgo * DAY),
        })
        .returning()
        .get();
    const old = need("closed", 181);
    const oldCancelled = need("cancelled", 400);
    const recent = need("closed", 179);
    const open = need("open", null);
    temp.db
      .insert(needTranslations)
      .values({ needId: old.id, locale: "en", title: "Escort", description: "Doctor" })
      .run();
    const volunteer = createVolunteer(temp.db).user;
    const offer = temp.db
      .insert(offers)
      .values({
        volunteerId: volunteer.id,
        categoryId,
        title: "Begleitung",
        description: "Ich begleite gern.",
      })
      .returning()
      .get();
    temp.db
      .insert(matches)
      .values({
        needId: old.id,
        offerId: offer.id,
        score: 50,
        proposedAt: new Date(now - 300 * DAY),
        status: "declined",
        declineReason: "Die Familie wohnt zu weit weg.",
      })
      .run();

    const quoted = (needId: number, needTitle: string) =>
      temp.db
        .insert(notifications)
        .values({ userId: volunteer.id, kind: "match_proposed", params: { needId, needTitle } })
        .returning()
        .get().id;
    const aboutOld = quoted(old.id, old.title);
    const aboutRecent = quoted(recent.id, recent.title);

    expect(applyRetention(temp.db, now).needsErased).toBe(2);
    expect(applyRetention(temp.db, now).needsErased).toBe(0);

    const byId = (id: number) => temp.db.select().from(needs).where(eq(needs.id, id)).get()!;
    for (const erased of [old, oldCancelled]) {
      expect(byId(erased.id)).toMatchObject({
        title: ERASED_TITLE,
        description: "",
        status: erased.status,
        categoryId,
      });
      expect(byId(erased.id).textErasedAt?.getTime()).toBe(now);
    }
    for (const kept of [recent, open])
      expect(byId(kept.id)).toMatchObject({ title: kept.title, textErasedAt: null });
    expect(temp.db.select().from(needTranslations).all()).toHaveLength(0);
    expect(temp.db.select().from(matches).get()!.declineReason).toBeNull();
    const params = (id: number) =>
      temp.db.select().from(notifications).where(eq(notifications.id, id)).get()!.params;
    expect(params(aboutOld)).toEqual({ needId: old.id, needTitle: ERASED_TITLE });
    expect(params(aboutRecent)).toEqual({ needId: recent.id, needTitle: recent.title });
  });

  it("drops old sent e-mails and finished jobs, keeping recent and unsent ones", () => {
    const now = Date.now();
    const user = createUser(temp.db);
    const mail = (status: "sent" | "failed" | "pending", daysAgo: number) =>
      temp.db
        .insert(emailOutbox)
        .values({
          messageId: `<${status}-${daysAgo}@test>`,
          userId: user.id,
          toAddress: user.email,
          kind: "shift_reminder",
          subject: "s",
          bodyText: "t",
          bodyHtml: "h",
          status,
          sentAt: status === "sent" ? new Date(now - daysAgo * DAY) : null,
          createdAt: new Date(now - daysAgo * DAY),
        })
        .run();
    mail("sent", 91);
    mail("sent", 89);
    mail("failed", 200);
    mail("pending", 200);
    schedule(temp.db, { kind: EFFECT_JOB, dedupeKey: "old", runAt: now - 100 * DAY });
    temp.db
      .update(scheduledJobs)
      .set({ status: "done", doneAt: new Date(now - 91 * DAY) })
      .run();

    const report = applyRetention(temp.db, now);
    expect(report).toMatchObject({ emailsDeleted: 1, jobsDeleted: 1 });
    expect(
      temp.db
        .select({ id: emailOutbox.messageId })
        .from(emailOutbox)
        .all()
        .map((r) => r.id)
        .sort(),
    ).toEqual(["<failed-200@test>", "<pending-200@test>", "<sent-89@test>"]);
  });
});
