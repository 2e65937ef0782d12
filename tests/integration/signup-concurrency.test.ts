/**
 * 200 volunteers sign up for a shift with 10 places at the same moment, through the real production
 * server (scripts/start.ts, its own process, its own database file): exactly 10 are confirmed, 190 are
 * on the waitlist in a gapless order, nobody gets an error, and one cancellation promotes exactly one.
 * Capacity is decided inside one BEGIN IMMEDIATE transaction (signups.server.ts), so this holds however
 * the requests interleave.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase } from "@db/client";
import { users, volunteerProfiles } from "@db/schema";
import { ensureFreshBuild, startServer, type RunningServer } from "../../scripts/bench/lib/production-server";
import { server as msw } from "../mocks/server";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createUser,
  UNUSABLE_PASSWORD_HASH,
} from "../factories";

const VOLUNTEERS = 200;
const PLACES = 10;
const DAY = 86_400_000;

let dir: string;
let databasePath: string;
let app: RunningServer | undefined;
let organisationId: number;
let neighbourhoodId: number;
let categoryId: number;
let round = 0;

// The production server under test is on loopback: its requests are the point, not an outside host.
// (Also before the server starts in beforeAll, whose health checks go out before any beforeEach.)
const allowLoopback = () => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
beforeEach(allowLoopback);

/** A session the way session.server.ts keeps them: the cookie holds a token, the row its SHA-256. */
function sessionToken(): { token: string; id: string } {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const token = Array.from(randomBytes(40), (b) => alphabet[b % 32]).join("");
  return { token, id: createHash("sha256").update(token).digest("hex") };
}

beforeAll(async () => {
  await ensureFreshBuild();
  dir = mkdtempSync(join(tmpdir(), "miteinander-concurrency-"));
  databasePath = join(dir, "app.db");
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  neighbourhoodId = createNeighbourhood(db).id;
  organisationId = createOrganisation(db).id;
  categoryId = createCategory(db).id;
  // A database with real people in it: started as in production, never seeded with demo data.
  createUser(db, { role: "admin" });
  closeDatabase(db);
  allowLoopback();
  app = await startServer({ databasePath, production: true });
}, 300_000);

/**
 * A fresh shift with PLACES places and VOLUNTEERS volunteers with a session each, written straight into
 * the running server's database file (WAL: the server keeps serving meanwhile). Each run (also under
 * `vitest --repeat`) gets its own, so runs do not depend on each other.
 */
function prepareRound(): { shiftId: number; eventId: number; cookies: Map<string, string> } {
  round += 1;
  const db = openDatabase(databasePath);
  try {
    const event = createEvent(db, {
      organisationId,
      neighbourhoodId,
      categoryId,
      startsAt: new Date(Date.now() + (2 + round) * DAY),
    });
    const shiftId = createShift(db, {
      eventId: event.id,
      startsAt: event.startsAt,
      neededCount: PLACES,
      title: "Andrang",
    }).id;
    const insertSession = db.$client.prepare(
      "insert into sessions (id, user_id, expires_at) values (?, ?, ?)",
    );
    const expiresAt = Math.floor((Date.now() + 7 * DAY) / 1000);
    const cookies = new Map<string, string>();
    db.transaction((tx) => {
      for (let i = 0; i < VOLUNTEERS; i++) {
        const id = `concurrency-${round}-${i}-${randomBytes(4).toString("hex")}`;
        tx.insert(users)
          .values({
            id,
            email: `ansturm-${round}-${i}@beispiel.test`,
            passwordHash: UNUSABLE_PASSWORD_HASH,
            displayName: `Person ${i}`,
            role: "volunteer",
          })
          .run();
        tx.insert(volunteerProfiles).values({ userId: id, hoursCapPerWeek: 20 }).run();
        const { token, id: sessionId } = sessionToken();
        insertSession.run(sessionId, id, expiresAt);
        // A production start (NODE_ENV=production, APP_URL given): the cookie is __Host-session.
        cookies.set(id, `__Host-session=${token}`);
      }
    });
    return { shiftId, eventId: event.id, cookies };
  } finally {
    closeDatabase(db);
  }
}

afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(path: string, cookie: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${app!.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: app!.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

function readSignups(shiftId: number) {
  const db = new Database(databasePath, { readonly: true });
  try {
    return {
      rows: db
        .prepare("select id, volunteer_id as volunteerId, status from signups where shift_id = ? order by id")
        .all(shiftId) as {
        id: number;
        volunteerId: string;
        status: string;
      }[],
      confirmedCount: (
        db.prepare("select confirmed_count as n from shifts where id = ?").get(shiftId) as { n: number }
      ).n,
      promotedNotices: (
        db
          .prepare(
            "select n.user_id as userId from notifications n join signups s on s.volunteer_id = n.user_id where n.kind = 'waitlist_promoted' and s.shift_id = ?",
          )
          .all(shiftId) as { userId: string }[]
      ).map((r) => r.userId),
    };
  } finally {
    db.close();
  }
}

/** `SIGNUP_CONCURRENCY_REPEATS=19` runs 20 rounds against one server (each round on a fresh shift and people). */
const repeats = Number(process.env.SIGNUP_CONCURRENCY_REPEATS ?? 0);

it(
  `confirms exactly ${PLACES} of ${VOLUNTEERS} concurrent sign-ups, waitlists the rest, and promotes exactly one on a cancellation`,
  { timeout: 60_000, repeats },
  async () => {
    const { shiftId, eventId, cookies } = prepareRound();
    const started = Date.now();
    const responses = await Promise.all(
      [...cookies.values()].map((cookie) =>
        post(`/shifts/${shiftId}/signup`, cookie, { returnTo: `/activities/${eventId}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const errors = statuses.filter((s) => s >= 400);
    expect(errors, `error responses:\n${app!.output().slice(-3000)}`).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([303]));
    expect(new Set(responses.map((r) => r.headers.get("Location")))).toEqual(
      new Set([`/activities/${eventId}#shift-${shiftId}`]),
    );

    const before = readSignups(shiftId);
    expect(before.rows).toHaveLength(VOLUNTEERS);
    expect(before.rows.filter((r) => r.status === "confirmed")).toHaveLength(PLACES);
    expect(before.rows.filter((r) => r.status === "waitlisted")).toHaveLength(VOLUNTEERS - PLACES);
    expect(new Set(before.rows.map((r) => r.volunteerId)).size).toBe(VOLUNTEERS);
    expect(before.confirmedCount).toBe(PLACES);
    // First come, first served: the confirmed ones are the first ten sign-ups written.
    expect(before.rows.slice(0, PLACES).every((r) => r.status === "confirmed")).toBe(true);

    const leaving = before.rows[3]!;
    const firstInLine = before.rows.find((r) => r.status === "waitlisted")!;
    const cancel = await post(`/signups/${leaving.id}/cancel`, cookies.get(leaving.volunteerId)!, {
      returnTo: "/volunteer/commitments",
    });
    expect(cancel.status).toBe(303);

    const after = readSignups(shiftId);
    const statusOf = (id: number) => after.rows.find((r) => r.id === id)?.status;
    expect(statusOf(leaving.id)).toBe("cancelled");
    expect(statusOf(firstInLine.id)).toBe("confirmed");
    expect(after.rows.filter((r) => r.status === "confirmed")).toHaveLength(PLACES);
    expect(after.rows.filter((r) => r.status === "waitlisted")).toHaveLength(VOLUNTEERS - PLACES - 1);
    expect(after.confirmedCount).toBe(PLACES);
    expect(after.promotedNotices).toEqual([firstInLine.volunteerId]);
    expect(Date.now() - started).toBeLessThan(20_000);
  },
);
