import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "@db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import * as deleteRoute from "~/routes/account.delete";
import * as exportRoute from "~/routes/account.export";
import * as privacyRoute from "~/routes/privacy";
import { getDb } from "~/utils/db.server";
import { createUser, createVolunteer } from "../factories";
import { callAction, callLoader, noticesOf, sessionCookieFor } from "../helpers/route-calls";

// The routes against the app's own per-file database, with real sessions: what a browser without
// JavaScript gets, minus the HTML.

const PASSWORD = "Ein langer Satz als Passwort 7";

async function volunteerWithPassword() {
  const db = getDb();
  const { user } = createVolunteer(db, { profile: { bio: "Ich koche gern." } });
  db.update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, user.id))
    .run();
  return { user, cookie: await sessionCookieFor(user.id) };
}

describe("/privacy", () => {
  it("is public and states the configured periods", async () => {
    getDb().$client.prepare("UPDATE app_settings SET retention_days_closed_needs = 180").run();
    const result = await callLoader(privacyRoute.loader, "/privacy");
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ facts: { closedNeedTextDays: 180, sentEmailDays: 90 } });
  });
});

describe("/account/export", () => {
  it("sends anonymous visitors to the login", async () => {
    const result = await callLoader(exportRoute.loader, "/account/export");
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login\?redirectTo=%2Faccount%2Fexport/);
  });

  it("downloads the person's own data as an uncached JSON attachment, and records that it did", async () => {
    const { user, cookie } = await volunteerWithPassword();
    const other = createVolunteer(getDb(), { profile: { bio: "Fremder Text" } });
    const response = (await exportRoute.loader({
      request: new Request("http://localhost/account/export", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="miteinander-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as {
      subject: { userId: string };
      data: Record<string, Record<string, Record<string, unknown>[]>>;
    };
    expect(body.subject.userId).toBe(user.id);
    expect(body.data.volunteer_profiles!.yourProfile![0]!.bio).toBe("Ich koche gern.");
    expect(JSON.stringify(body)).not.toContain(other.user.email);
    expect(JSON.stringify(body)).not.toContain("$argon2id");
    const audit = getDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "user.data_exported"))
      .all();
    expect(audit.map((a) => a.entityId)).toContain(user.id);
  });
});

describe("/account/delete", () => {
  it("sends anonymous visitors to the login, for the page and the action", async () => {
    expect((await callLoader(deleteRoute.loader, "/account/delete")).status).toBe(302);
    const action = await callAction(deleteRoute.action, "/account/delete", { form: { password: "x" } });
    expect(action.status).toBe(302);
    expect(action.location).toMatch(/^\/login/);
  });

  it("refuses a missing or wrong password with a field error and deletes nothing", async () => {
    const { user, cookie } = await volunteerWithPassword();
    const missing = await callAction(deleteRoute.action, "/account/delete", { cookie, form: {} });
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({ errors: { password: "privacy:delete.errors.passwordRequired" } });
    const wrong = await callAction(deleteRoute.action, "/account/delete", {
      cookie,
      form: { password: "falsch" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ errors: { password: "privacy:delete.errors.passwordWrong" } });
    // The password is never sent back.
    expect(JSON.stringify(wrong.data)).not.toContain("falsch");
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()).toBeDefined();
  });

  it("counts wrong passwords against the login throttle", async () => {
    const { user, cookie } = await volunteerWithPassword();
    let last = 0;
    for (let i = 0; i < 8; i += 1) {
      last = (
        await callAction(deleteRoute.action, "/account/delete", { cookie, form: { password: `falsch-${i}` } })
      ).status;
    }
    expect(last).toBe(429);
    // Even the right password waits now.
    const right = await callAction(deleteRoute.action, "/account/delete", {
      cookie,
      form: { password: PASSWORD },
    });
    expect(right.status).toBe(429);
    expect(right.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()).toBeDefined();
  });

  it("erases the account with the right password, ends the session and removes the cookie", async () => {
    const { user, cookie } = await volunteerWithPassword();
    const result = await callAction(deleteRoute.action, "/account/delete", {
      cookie,
      form: { password: PASSWORD },
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/privacy");
    expect(await noticesOf(result)).toEqual([{ key: "privacy:page.erased" }]);
    expect(result.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()).toBeUndefined();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    // The old cookie is worthless now.
    expect((await callLoader(exportRoute.loader, "/account/export", { cookie })).status).toBe(302);
  });

  it("does not let the last admin erase themselves", async () => {
    const db = getDb();
    db.update(users).set({ role: "volunteer" }).where(eq(users.role, "admin")).run();
    const admin = createUser(db, { role: "admin", passwordHash: await hashPassword(PASSWORD) });
    const cookie = await sessionCookieFor(admin.id);
    const result = await callAction(deleteRoute.action, "/account/delete", {
      cookie,
      form: { password: PASSWORD },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { form: "privacy:delete.errors.lastAdmin" } });
    expect(db.select().from(users).where(eq(users.id, admin.id)).get()).toBeDefined();
  });
});
