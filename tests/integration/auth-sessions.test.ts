import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberships, sessions, users } from "@db/schema";
import {
  createUserSession,
  getOptionalUser,
  listUserSessions,
  logout,
  requireRole,
  requireUser,
  returnPathOf,
  revokeAllSessions,
  revokeOtherSessions,
  revokeSession,
  SESSION_POLICY,
} from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import {
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { buildRequest, cookiePair, sessionCookieFor } from "../helpers/route-calls";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function sessionRow(userId: string) {
  return getDb().select().from(sessions).where(eq(sessions.userId, userId)).get()!;
}

/** Moves a session's clock back, as if it had been created / last used `ms` ago. */
function age(userId: string, { createdAgo, lastSeenAgo }: { createdAgo: number; lastSeenAgo: number }) {
  const now = Date.now();
  const row = sessionRow(userId);
  getDb()
    .update(sessions)
    .set({
      createdAt: new Date(now - createdAgo),
      lastSeenAt: new Date(now - lastSeenAgo),
      expiresAt: Math.floor((now + DAY * 60) / 1000),
    })
    .where(eq(sessions.id, row.id))
    .run();
}

const userFor = (cookie: string) => getOptionalUser(getDb(), buildRequest("/", { cookie }));

describe("sessions", () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env.NODE_ENV = env.NODE_ENV;
    vi.useRealTimers();
  });

  it("creates an HttpOnly, SameSite=Lax cookie whose token is not what the table stores", async () => {
    const { user } = createVolunteer(getDb());
    const setCookie = await createUserSession(
      getDb(),
      user.id,
      buildRequest("/login", { headers: { "User-Agent": "Firefox/1" } }),
    );
    expect(setCookie).toMatch(/^session=[a-z2-7]{40};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(setCookie).toMatch(new RegExp(`Max-Age=${(30 * DAY) / 1000}`));
    const token = cookiePair(setCookie).split("=")[1]!;
    const row = sessionRow(user.id);
    expect(row.id).not.toBe(token);
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.userAgent).toBe("Firefox/1");
  });

  it("uses Secure and the __Host- prefix in production, but for a demo on http://localhost", async () => {
    const { user } = createVolunteer(getDb());
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://miteinander.example.de");
    const secure = await createUserSession(getDb(), user.id, buildRequest("/login"));
    expect(secure).toMatch(/^__Host-session=/);
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/Path=\//);
    expect(secure).not.toMatch(/Domain=/i);
    expect(await userFor(cookiePair(secure))).toMatchObject({ id: user.id });
    // A demo served over plain http on this machine: browsers would drop Secure cookies for some clients.
    vi.stubEnv("MITEINANDER_DEMO", "1");
    vi.stubEnv("APP_URL", "http://localhost:3000");
    const insecure = await createUserSession(getDb(), user.id, buildRequest("/login"));
    expect(insecure).toMatch(/^session=/);
    expect(insecure).not.toMatch(/Secure/i);
    // A demo reachable from elsewhere, or a production start on plain http: still Secure.
    vi.stubEnv("APP_URL", "http://miteinander.example.de");
    expect(await createUserSession(getDb(), user.id, buildRequest("/login"))).toMatch(/^__Host-session=/);
    vi.stubEnv("MITEINANDER_DEMO", "");
    vi.stubEnv("APP_URL", "http://localhost:3000");
    expect(await createUserSession(getDb(), user.id, buildRequest("/login"))).toMatch(/^__Host-session=/);
    vi.unstubAllEnvs();
  });

  it("loads the user with memberships, scope and volunteer flag in one query", async () => {
    const db = getDb();
    const nb = createNeighbourhood(db);
    const coordinator = createCoordinator(db, [nb.id]);
    const org = createOrganisation(db, { ownerId: coordinator.id });
    const cookie = await sessionCookieFor(coordinator.id);
    const prepare = vi.spyOn(db.$client, "prepare");
    const user = await userFor(cookie);
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();
    expect(user).toEqual({
      id: coordinator.id,
      email: coordinator.email,
      displayName: coordinator.displayName,
      role: "coordinator",
      locale: "de",
      isVolunteer: false,
      memberships: [{ organisationId: org.id, role: "owner" }],
      coordinatorNeighbourhoodIds: [nb.id],
    });
  });

  it("shares one lookup between the loaders of one request", async () => {
    const { user } = createVolunteer(getDb());
    const request = buildRequest("/", { cookie: await sessionCookieFor(user.id) });
    const prepare = vi.spyOn(getDb().$client, "prepare");
    await Promise.all([
      getOptionalUser(getDb(), request),
      getOptionalUser(getDb(), request),
      requireUser(getDb(), request),
    ]);
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();
  });

  it("ignores missing, malformed and unknown cookies", async () => {
    expect(await getOptionalUser(getDb(), buildRequest("/"))).toBeNull();
    expect(await userFor("session=not-a-token")).toBeNull();
    expect(await userFor(`session=${"a".repeat(40)}`)).toBeNull();
  });

  it("ends volunteer sessions after 7 days idle and 30 days in all", async () => {
    const { user } = createVolunteer(getDb());
    const cookie = await sessionCookieFor(user.id);
    age(user.id, { createdAgo: 20 * DAY, lastSeenAgo: 6 * DAY });
    expect(await userFor(cookie)).not.toBeNull();
    age(user.id, { createdAgo: 20 * DAY, lastSeenAgo: 7 * DAY + MINUTE });
    expect(await userFor(cookie)).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);

    const again = await sessionCookieFor(user.id);
    age(user.id, { createdAgo: 30 * DAY + MINUTE, lastSeenAgo: MINUTE });
    expect(await userFor(again)).toBeNull();
  });

  it("ends coordinator and admin sessions after 30 minutes idle and 12 hours in all", async () => {
    const db = getDb();
    for (const role of ["coordinator", "admin"] as const) {
      const user = createUser(db, { role });
      const cookie = await sessionCookieFor(user.id);
      age(user.id, { createdAgo: 2 * HOUR, lastSeenAgo: 29 * MINUTE });
      expect(await userFor(cookie)).not.toBeNull();
      age(user.id, { createdAgo: 2 * HOUR, lastSeenAgo: 31 * MINUTE });
      expect(await userFor(cookie)).toBeNull();
      const again = await sessionCookieFor(user.id);
      age(user.id, { createdAgo: 12 * HOUR + MINUTE, lastSeenAgo: MINUTE });
      expect(await userFor(again)).toBeNull();
    }
    expect(SESSION_POLICY.privileged).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
  });

  it("slides the idle deadline on use, but never past the absolute one", async () => {
    const user = createUser(getDb(), { role: "admin" });
    const cookie = await sessionCookieFor(user.id);
    age(user.id, { createdAgo: 12 * HOUR - 10 * MINUTE, lastSeenAgo: 5 * MINUTE });
    expect(await userFor(cookie)).not.toBeNull();
    const row = sessionRow(user.id);
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(5_000);
    const absoluteSeconds = Math.floor((row.createdAt.getTime() + 12 * HOUR) / 1000);
    expect(row.expiresAt).toBeLessThanOrEqual(absoluteSeconds);
  });

  it("applies a new role's stricter policy at the next request", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const cookie = await sessionCookieFor(user.id);
    age(user.id, { createdAgo: DAY, lastSeenAgo: HOUR });
    expect(await userFor(cookie)).not.toBeNull();
    age(user.id, { createdAgo: DAY, lastSeenAgo: HOUR });
    db.update(users).set({ role: "coordinator" }).where(eq(users.id, user.id)).run();
    expect(await userFor(cookie)).toBeNull();
  });

  it("requireUser redirects visitors to login with the page to come back to", async () => {
    const thrown = await requireUser(getDb(), buildRequest("/account/sessions?x=1")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent("/account/sessions?x=1")}`,
    );
    expect(returnPathOf(new Request("http://x/volunteer.data?_routes=routes%2Fvolunteer"))).toBe(
      "/volunteer",
    );
    expect(returnPathOf(new Request("http://x/_root.data"))).toBe("/");
  });

  it("requireUser clears a cookie that names no live session", async () => {
    const thrown = (await requireUser(
      getDb(),
      buildRequest("/account", { cookie: `session=${"b".repeat(40)}` }),
    ).catch((e: unknown) => e)) as Response;
    expect(thrown.headers.get("Set-Cookie")).toMatch(/^session=;.*Max-Age=0/);
  });

  it("requireRole answers 403 for other roles", async () => {
    const { user } = createVolunteer(getDb());
    const request = buildRequest("/admin", { cookie: await sessionCookieFor(user.id) });
    const thrown = (await requireRole(getDb(), request, "admin").catch((e: unknown) => e)) as Response;
    expect(thrown.status).toBe(403);
    await expect(requireRole(getDb(), request, "volunteer", "admin")).resolves.toMatchObject({ id: user.id });
  });

  it("logout ends only this session; the revoke helpers keep ownership in the query", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const other = createVolunteer(db).user;
    const a = await sessionCookieFor(user.id);
    const b = await sessionCookieFor(user.id);
    const c = await sessionCookieFor(user.id);
    const foreign = await sessionCookieFor(other.id);
    const response = await logout(db, buildRequest("/logout", { cookie: a, method: "POST" }));
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await userFor(a)).toBeNull();
    expect(await userFor(b)).not.toBeNull();

    const foreignId = listUserSessions(db, other.id)[0]!.id;
    expect(await revokeSession(db, user.id, foreignId)).toBe(false);
    expect(await userFor(foreign)).not.toBeNull();

    const keep = listUserSessions(db, user.id).find(() => true)!.id;
    expect(await revokeOtherSessions(db, user.id, keep)).toBe(1);
    expect(listUserSessions(db, user.id).map((s) => s.id)).toEqual([keep]);
    await revokeAllSessions(db, user.id);
    expect(await userFor(b)).toBeNull();
    expect(await userFor(c)).toBeNull();
    expect(await userFor(foreign)).not.toBeNull();
  });

  it("sees a membership added after login at the next request", async () => {
    const db = getDb();
    const { user } = createVolunteer(db);
    const cookie = await sessionCookieFor(user.id);
    const org = createOrganisation(db);
    db.insert(memberships).values({ organisationId: org.id, userId: user.id, role: "member" }).run();
    expect((await userFor(cookie))?.memberships).toEqual([{ organisationId: org.id, role: "member" }]);
  });
});
