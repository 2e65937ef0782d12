import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  authTokens,
  coordinatorNeighbourhoods,
  emailOutbox,
  memberships,
  organisations,
  sessions,
  users,
  volunteerProfiles,
} from "@db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { TOKEN_TTL_MS } from "~/modules/auth/tokens.server";
import { listVerificationQueue } from "~/modules/verification/queries.server";
import * as accountEmail from "~/routes/account.email";
import * as accountPassword from "~/routes/account.password";
import * as adminInvites from "~/routes/admin.invites";
import * as adminUser from "~/routes/admin.users.$id";
import * as confirmEmail from "~/routes/confirm-email";
import * as forgotPassword from "~/routes/forgot-password";
import * as invite from "~/routes/invite";
import * as login from "~/routes/login";
import * as members from "~/routes/organisations.$id.members";
import * as registerOrganisation from "~/routes/register.organisation";
import * as register from "~/routes/register._index";
import * as resetPassword from "~/routes/reset-password";
import { getDb } from "~/utils/db.server";
import { createNeighbourhood, createOrganisation, createUser, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callAction, callLoader, cookiePair, noticesOf, sessionCookieFor } from "../helpers/route-calls";

const PASSWORD = "Rhein und Ruhr 2026";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

function person(role: "volunteer" | "org_member" | "coordinator" | "admin" = "volunteer") {
  return createUser(getDb(), { role, passwordHash });
}

const loginAs = (email: string, password = PASSWORD, clientIp = "198.51.100.7") =>
  callAction(login.action, "/login", { form: { email, password, redirectTo: "" }, clientIp });

function latestMailTo(address: string) {
  return getDb()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(desc(emailOutbox.id))
    .get();
}

function linkIn(body: string, path: string): string {
  const match = body.match(new RegExp(`https?://[^\\s]+${path.replace("?", "\\?")}[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

function confirmationLinkOf(address: string): string {
  const mail = latestMailTo(address)!;
  expect(mail.kind).toBe("account_confirmation");
  return linkIn(mail.bodyText, "/confirm-email?token=");
}

const tokenOf = (link: string) => new URL(`http://x${link}`).searchParams.get("token")!;

describe("registration", () => {
  it("creates an unconfirmed volunteer with a profile; the e-mailed link confirms and logs in", async () => {
    const result = await callAction(register.action, "/register", {
      form: { displayName: "Ana K.", email: "  Ana@Beispiel.test ", password: PASSWORD },
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ sentTo: "ana@beispiel.test" });
    expect(result.headers.get("Set-Cookie")).toBeNull();
    const user = getDb().select().from(users).where(eq(users.email, "ana@beispiel.test")).get()!;
    expect(user.role).toBe("volunteer");
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(
      getDb().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id)).get(),
    ).toBeDefined();

    // No login before the address is confirmed: the right password sends a new link instead.
    const early = await loginAs("ana@beispiel.test");
    expect(early.status).toBe(400);
    expect((early.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.emailNotConfirmed" });
    expect(early.headers.get("Set-Cookie")).toBeNull();
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    // A wrong password to the unconfirmed account says only that.
    expect(
      ((await loginAs("ana@beispiel.test", "falsch falsch")).data as { errors: unknown }).errors,
    ).toEqual({
      form: "auth:errors.invalidCredentials",
    });

    const link = confirmationLinkOf("ana@beispiel.test");
    expect((await callLoader(confirmEmail.loader, link)).data).toMatchObject({
      purpose: "account_confirmation",
      email: "ana@beispiel.test",
    });
    const confirmed = await callAction(confirmEmail.action, "/confirm-email", {
      form: { token: tokenOf(link) },
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toBe("/volunteer");
    expect(confirmed.headers.get("Set-Cookie")).toMatch(/^session=/);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.emailVerifiedAt).not.toBeNull();
    expect((await loginAs("ana@beispiel.test")).status).toBe(302);
    // The link is single-use.
    const again = await callAction(confirmEmail.action, "/confirm-email", { form: { token: tokenOf(link) } });
    expect(again.status).toBe(400);
  });

  it.each([
    [{ password: "kurz" }, "password", "auth:errors.passwordTooShort"],
    [{ password: "passwort123" }, "password", "auth:errors.passwordTooCommon"],
    [
      { email: "lang.name@beispiel.test", password: "lang.name@beispiel.test" },
      "password",
      "auth:errors.passwordIsEmail",
    ],
    [{ email: "kein-at-zeichen" }, "email", "auth:errors.emailInvalid"],
    [{ displayName: "   " }, "displayName", "auth:errors.nameRequired"],
  ])(
    "refuses %o with an error next to the field and keeps what was typed",
    async (overrides, field, message) => {
      const form = {
        displayName: "Bo",
        email: `bo${Math.random()}@beispiel.test`,
        password: PASSWORD,
        ...overrides,
      };
      const result = await callAction(register.action, "/register", { form });
      expect(result.status).toBe(400);
      const data = result.data as { errors: Record<string, string>; values: Record<string, string> };
      expect(data.errors[field]).toBe(message);
      expect(data.values.displayName).toBe(form.displayName);
      expect(data.values).not.toHaveProperty("password");
    },
  );

  it("answers a taken address exactly like a free one and e-mails its owner instead", async () => {
    const existing = person();
    const before = getDb().select().from(users).all().length;
    const free = await callAction(register.action, "/register", {
      form: { displayName: "Y", email: "frei@beispiel.test", password: PASSWORD },
      clientIp: "198.51.100.20",
    });
    const taken = await callAction(register.action, "/register", {
      form: { displayName: "X", email: existing.email, password: "Ein anderes Passwort 1" },
      clientIp: "198.51.100.21",
    });
    expect(taken.status).toBe(free.status);
    expect([...taken.headers]).toEqual([...free.headers]);
    expect(taken.data).toEqual({ sentTo: existing.email });
    expect(free.data).toEqual({ sentTo: "frei@beispiel.test" });
    // The account is untouched; its owner hears of the attempt, with a way back in.
    expect(getDb().select().from(users).all()).toHaveLength(before + 1);
    const owner = getDb().select().from(users).where(eq(users.id, existing.id)).get()!;
    expect(owner.passwordHash).toBe(existing.passwordHash);
    expect(owner.displayName).toBe(existing.displayName);
    const mail = latestMailTo(existing.email)!;
    expect(mail.kind).toBe("account_exists");
    expect(mail.bodyText).toContain("/forgot-password");
    expect(getDb().select().from(authTokens).where(eq(authTokens.email, existing.email)).all()).toHaveLength(
      0,
    );
    // The organisation form answers the same way and creates no organisation for a taken address.
    const orgs = getDb().select().from(organisations).all().length;
    const orgTaken = await callAction(registerOrganisation.action, "/register/organisation", {
      form: {
        organisationName: "Schattenverein",
        kind: "initiative",
        displayName: "X",
        email: existing.email,
        password: "Ein anderes Passwort 1",
      },
      clientIp: "198.51.100.22",
    });
    expect(orgTaken.status).toBe(200);
    expect(orgTaken.data).toEqual({ sentTo: existing.email });
    expect(getDb().select().from(organisations).all()).toHaveLength(orgs);
  });

  it("registers an organisation, unverified, with the person as owner once the address is confirmed", async () => {
    const result = await callAction(registerOrganisation.action, "/register/organisation", {
      form: {
        organisationName: "Türkischer Kulturverein e.V.",
        kind: "cultural_group",
        displayName: "Emre",
        email: "emre@verein.test",
        password: PASSWORD,
      },
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ sentTo: "emre@verein.test" });
    const user = getDb().select().from(users).where(eq(users.email, "emre@verein.test")).get()!;
    expect(user.role).toBe("org_member");
    const org = getDb()
      .select()
      .from(organisations)
      .where(eq(organisations.slug, "tuerkischer-kulturverein-e-v"))
      .get()!;
    expect(org.verifiedAt).toBeNull();
    expect(getDb().select().from(memberships).where(eq(memberships.userId, user.id)).all()).toEqual([
      expect.objectContaining({ organisationId: org.id, role: "owner" }),
    ]);
    // Coordinators see it once its owner has confirmed the address.
    const admin = authUserOf(getDb(), person("admin").id);
    const queued = () => listVerificationQueue(getDb(), admin).organisations.some((o) => o.id === org.id);
    expect(queued()).toBe(false);
    const confirmed = await callAction(confirmEmail.action, "/confirm-email", {
      form: { token: tokenOf(confirmationLinkOf("emre@verein.test")) },
    });
    expect(confirmed.location).toBe("/organisation");
    expect(queued()).toBe(true);
  });

  it("a password reset confirms an unconfirmed address (the link came to it)", async () => {
    await callAction(register.action, "/register", {
      form: { displayName: "Lea", email: "lea@beispiel.test", password: PASSWORD },
    });
    await callAction(forgotPassword.action, "/forgot-password", { form: { email: "lea@beispiel.test" } });
    const token = tokenOf(linkIn(latestMailTo("lea@beispiel.test")!.bodyText, "/reset-password?token="));
    await callAction(resetPassword.action, "/reset-password", {
      form: { token, password: "Ein ganz neues Passwort" },
    });
    expect((await loginAs("lea@beispiel.test", "Ein ganz neues Passwort")).status).toBe(302);
  });
});

describe("login", () => {
  it.each([
    ["volunteer", "/volunteer"],
    ["org_member", "/organisation"],
    ["coordinator", "/coordination"],
    ["admin", "/admin"],
  ] as const)("a %s lands on %s", async (role, home) => {
    const user = person(role);
    const result = await loginAs(user.email);
    expect(result.status).toBe(302);
    expect(result.location).toBe(home);
  });

  it("goes back to the page that asked for login, but only on this site", async () => {
    const user = person();
    const back = await callAction(login.action, "/login", {
      form: { email: user.email, password: PASSWORD, redirectTo: "/account/sessions" },
    });
    expect(back.location).toBe("/account/sessions");
    const evil = await callAction(login.action, "/login", {
      form: { email: user.email, password: PASSWORD, redirectTo: "//evil.example/x" },
    });
    expect(evil.location).toBe("/volunteer");
  });

  it("answers a wrong password and an unknown address the same way", async () => {
    const user = person();
    const wrong = await loginAs(user.email, "falsches passwort");
    const unknown = await loginAs("niemand@beispiel.test", "falsches passwort");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((wrong.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.invalidCredentials" });
    expect((unknown.data as { errors: unknown }).errors).toEqual((wrong.data as { errors: unknown }).errors);
  });

  it("redirects a signed-in visitor of /login to their home page", async () => {
    const user = person("coordinator");
    const result = await callLoader(login.loader, "/login", { cookie: await sessionCookieFor(user.id) });
    expect(result.location).toBe("/coordination");
  });

  it("sends a signed-in visitor of the login and registration pages on, to a page of this site only", async () => {
    const cookie = await sessionCookieFor(person("volunteer").id);
    for (const [loader, path] of [
      [login.loader, "/login"],
      [register.loader, "/register"],
      [registerOrganisation.loader, "/register/organisation"],
    ] as const) {
      expect((await callLoader(loader, path, { cookie })).location).toBe("/volunteer");
      const back = await callLoader(loader, `${path}?redirectTo=%2Factivities%3Fweek%3D1`, { cookie });
      expect(back.location).toBe("/activities?week=1");
      const away = await callLoader(loader, `${path}?redirectTo=%2F%2Fevil.example`, { cookie });
      expect(away.location).toBe("/volunteer");
      expect((await callLoader(loader, path)).status).toBe(200);
    }
  });
});

describe("throttling", () => {
  it("throttles 20 wrong passwords in a row with a clear message and Retry-After, also after a restart", async () => {
    const user = person();
    const results = [];
    for (let i = 0; i < 20; i++)
      results.push(await loginAs(user.email, `falsch-${i}-passwort`, `192.0.2.${i}`));
    expect(results.slice(0, 5).every((r) => r.status === 400)).toBe(true);
    const last = results.at(-1)!;
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((last.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.throttled" });
    // Even the right password is refused while locked: a locked account answers nothing.
    expect((await loginAs(user.email, PASSWORD, "192.0.2.200")).status).toBe(429);

    // "Restart": the same file opened by a new connection.
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    const copy = join(mkdtempSync(join(tmpdir(), "miteinander-restart-")), "app.db");
    copyFileSync(process.env.DATABASE_PATH!, copy);
    const before = process.env.DATABASE_PATH;
    process.env.DATABASE_PATH = copy;
    try {
      const afterRestart = await loginAs(user.email, PASSWORD, "192.0.2.201");
      expect(afterRestart.status).toBe(429);
      expect(Number(afterRestart.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      process.env.DATABASE_PATH = before;
    }
  });

  it("throttles one address trying many accounts", async () => {
    const ip = "203.0.113.99";
    const results = [];
    for (let i = 0; i < 22; i++)
      results.push(await loginAs(`probe${i}@beispiel.test`, "falsches passwort", ip));
    expect(results[19]!.status).toBe(400);
    expect(results[21]!.status).toBe(429);
    // Someone else, elsewhere, is not affected.
    const user = person();
    expect((await loginAs(user.email, PASSWORD, "203.0.113.100")).status).toBe(302);
  });

  it("a successful login forgets the account's earlier failures", async () => {
    const user = person();
    for (let i = 0; i < 4; i++) await loginAs(user.email, "falsches passwort", `198.18.0.${i}`);
    expect((await loginAs(user.email)).status).toBe(302);
    for (let i = 0; i < 4; i++)
      expect((await loginAs(user.email, "falsches passwort", `198.18.1.${i}`)).status).toBe(400);
  });
});

describe("password reset", () => {
  it("sends a single-use link through the outbox, sets the password and ends every session", async () => {
    const user = person();
    const oldSession = await sessionCookieFor(user.id);
    const asked = await callAction(forgotPassword.action, "/forgot-password", {
      form: { email: user.email },
    });
    expect(asked.data).toEqual({ sent: true });
    const mail = latestMailTo(user.email)!;
    expect(mail.kind).toBe("password_reset");
    const link = linkIn(mail.bodyText, "/reset-password?token=");
    const token = new URL(`http://x${link}`).searchParams.get("token")!;
    expect(
      getDb()
        .select()
        .from(authTokens)
        .all()
        .some((t) => t.tokenHash === token),
    ).toBe(false);

    expect((await callLoader(resetPassword.loader, link)).data).toMatchObject({ usable: true });
    const done = await callAction(resetPassword.action, "/reset-password", {
      form: { token, password: "Ein ganz neues Passwort" },
    });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/login");
    expect(await noticesOf(done)).toEqual([{ key: "auth:reset.done" }]);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
    void oldSession;

    expect((await loginAs(user.email, PASSWORD)).status).toBe(400);
    expect((await loginAs(user.email, "Ein ganz neues Passwort")).status).toBe(302);

    const again = await callAction(resetPassword.action, "/reset-password", {
      form: { token, password: "Noch ein neues Passwort" },
    });
    expect(again.status).toBe(400);
    expect((again.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.tokenInvalid" });
  });

  it("answers the same for unknown addresses and sends nothing", async () => {
    const before = getDb().select().from(emailOutbox).all().length;
    const asked = await callAction(forgotPassword.action, "/forgot-password", {
      form: { email: "unbekannt@beispiel.test" },
    });
    expect(asked.data).toEqual({ sent: true });
    expect(getDb().select().from(emailOutbox).all()).toHaveLength(before);
  });

  it("refuses an expired link", async () => {
    const user = person();
    await callAction(forgotPassword.action, "/forgot-password", { form: { email: user.email } });
    const token = new URL(
      `http://x${linkIn(latestMailTo(user.email)!.bodyText, "/reset-password?token=")}`,
    ).searchParams.get("token")!;
    getDb()
      .update(authTokens)
      .set({
        createdAt: new Date(Date.now() - TOKEN_TTL_MS.password_reset - 2000),
        expiresAt: new Date(Date.now() - 1000),
      })
      .where(eq(authTokens.userId, user.id))
      .run();
    const result = await callAction(resetPassword.action, "/reset-password", {
      form: { token, password: "Ein ganz neues Passwort" },
    });
    expect(result.status).toBe(400);
  });

  it("throttles reset requests per address", async () => {
    const user = person();
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await callAction(forgotPassword.action, "/forgot-password", {
            form: { email: user.email },
            clientIp: `100.64.0.${i}`,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe("signed-in changes", () => {
  it("changing the password ends the other sessions, not this one", async () => {
    const user = person();
    const here = await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    const wrong = await callAction(accountPassword.action, "/account/password", {
      cookie: here,
      form: { currentPassword: "falsch falsch", newPassword: "Ein neues langes Passwort" },
    });
    expect((wrong.data as { errors: Record<string, string> }).errors.currentPassword).toBe(
      "auth:errors.currentPasswordWrong",
    );
    const ok = await callAction(accountPassword.action, "/account/password", {
      cookie: here,
      form: { currentPassword: PASSWORD, newPassword: "Ein neues langes Passwort" },
    });
    expect(ok.location).toBe("/account/password");
    expect(await noticesOf(ok)).toEqual([{ key: "auth:changePassword.done" }]);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
  });

  it("changes the e-mail address only after the link to the new one is confirmed", async () => {
    const user = person();
    const cookie = await sessionCookieFor(user.id);
    const asked = await callAction(accountEmail.action, "/account/email", {
      cookie,
      form: { newEmail: "neu@beispiel.test", currentPassword: PASSWORD },
    });
    expect(asked.data).toEqual({ sentTo: "neu@beispiel.test" });
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.email).toBe(user.email);
    const token = new URL(
      `http://x${linkIn(latestMailTo("neu@beispiel.test")!.bodyText, "/confirm-email?token=")}`,
    ).searchParams.get("token")!;
    const confirmed = await callAction(confirmEmail.action, "/confirm-email", { form: { token } });
    expect(confirmed.data).toEqual({ confirmed: "neu@beispiel.test" });
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.email).toBe("neu@beispiel.test");
  });
});

describe("invitations", () => {
  it("an admin invites a coordinator who creates the account with the link", async () => {
    const admin = person("admin");
    const sent = await callAction(adminInvites.action, "/admin/invites", {
      cookie: await sessionCookieFor(admin.id),
      form: { intent: "invite", email: "koordination-neu@stadt.test", role: "coordinator" },
    });
    expect(sent.location).toBe("/admin/invites");
    expect(await noticesOf(sent)).toEqual([{ key: "admin:invites.sent" }]);
    const link = linkIn(latestMailTo("koordination-neu@stadt.test")!.bodyText, "/invite?token=");
    const token = new URL(`http://x${link}`).searchParams.get("token")!;
    expect((await callLoader(invite.loader, link)).data).toMatchObject({
      invite: { role: "coordinator", email: "koordination-neu@stadt.test" },
    });
    const accepted = await callAction(invite.action, "/invite", {
      form: { token, displayName: "Kim", password: PASSWORD },
    });
    expect(accepted.location).toBe("/coordination");
    expect(
      getDb().select().from(users).where(eq(users.email, "koordination-neu@stadt.test")).get()!.role,
    ).toBe("coordinator");
    const reuse = await callAction(invite.action, "/invite", {
      form: { token, displayName: "Kim", password: PASSWORD },
    });
    expect(reuse.status).toBe(400);
  });

  it("a coordinator invite carries the neighbourhoods: the new account starts with that scope", async () => {
    const db = getDb();
    const admin = person("admin");
    const [a, b] = [createNeighbourhood(db), createNeighbourhood(db)];
    const cookie = await sessionCookieFor(admin.id);
    const before = db.select().from(authTokens).all().length;
    // An unknown neighbourhood is refused next to the field, and no invite is made.
    const refused = await callAction(adminInvites.action, "/admin/invites", {
      cookie,
      form: {
        intent: "invite",
        email: "quartier@stadt.test",
        role: "coordinator",
        neighbourhoodIds: [String(a.id), "99999"],
      },
    });
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string> }).errors).toEqual({
      neighbourhoodIds: "auth:errors.neighbourhoodInvalid",
    });
    expect(db.select().from(authTokens).all().length).toBe(before);

    const sent = await callAction(adminInvites.action, "/admin/invites", {
      cookie,
      form: {
        intent: "invite",
        email: "quartier@stadt.test",
        role: "coordinator",
        neighbourhoodIds: [String(a.id), String(b.id)],
      },
    });
    expect(sent.location).toBe("/admin/invites");
    expect(await noticesOf(sent)).toEqual([{ key: "admin:invites.sent" }]);
    const pending = (await callLoader(adminInvites.loader, "/admin/invites", { cookie })).data as {
      invites: { email: string; neighbourhoodIds: number[] }[];
    };
    expect(pending.invites.find((i) => i.email === "quartier@stadt.test")?.neighbourhoodIds).toEqual([
      a.id,
      b.id,
    ]);

    const link = linkIn(latestMailTo("quartier@stadt.test")!.bodyText, "/invite?token=");
    const token = new URL(`http://x${link}`).searchParams.get("token")!;
    const accepted = await callAction(invite.action, "/invite", {
      form: { token, displayName: "Quinn", password: PASSWORD },
    });
    expect(accepted.location).toBe("/coordination");
    const userId = db.select().from(users).where(eq(users.email, "quartier@stadt.test")).get()!.id;
    expect(
      db
        .select({ id: coordinatorNeighbourhoods.neighbourhoodId })
        .from(coordinatorNeighbourhoods)
        .where(eq(coordinatorNeighbourhoods.userId, userId))
        .all()
        .map((r) => r.id)
        .sort((x, y) => x - y),
    ).toEqual([a.id, b.id].sort((x, y) => x - y));
  });

  it("an admin invite ignores neighbourhoods (admins see every neighbourhood)", async () => {
    const db = getDb();
    const admin = person("admin");
    const nb = createNeighbourhood(db);
    await callAction(adminInvites.action, "/admin/invites", {
      cookie: await sessionCookieFor(admin.id),
      form: {
        intent: "invite",
        email: "verwaltung-neu@stadt.test",
        role: "admin",
        neighbourhoodIds: [String(nb.id)],
      },
    });
    expect(
      db.select().from(authTokens).where(eq(authTokens.email, "verwaltung-neu@stadt.test")).get()!
        .neighbourhoodIds,
    ).toBeNull();
  });

  it("an owner invites an existing volunteer, who joins after logging in with that address", async () => {
    const db = getDb();
    const owner = person("org_member");
    const org = createOrganisation(db, { ownerId: owner.id });
    const { user: volunteer } = createVolunteer(db);
    const sent = await callAction(members.action, `/organisations/${org.id}/members`, {
      cookie: await sessionCookieFor(owner.id),
      params: { id: String(org.id) },
      form: { intent: "invite", email: volunteer.email },
    });
    expect(sent.location).toBe(`/organisations/${org.id}/members`);
    expect(await noticesOf(sent)).toEqual([{ key: "home:members.invited" }]);
    const token = new URL(
      `http://x${linkIn(latestMailTo(volunteer.email)!.bodyText, "/invite?token=")}`,
    ).searchParams.get("token")!;

    const stranger = person();
    const refused = await callAction(invite.action, "/invite", {
      cookie: await sessionCookieFor(stranger.id),
      form: { intent: "join", token },
    });
    expect((refused.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.inviteOtherEmail" });

    const joined = await callAction(invite.action, "/invite", {
      cookie: await sessionCookieFor(volunteer.id),
      form: { intent: "join", token },
    });
    expect(joined.location).toBe("/organisation");
    expect(db.select().from(memberships).where(eq(memberships.userId, volunteer.id)).all()).toEqual([
      expect.objectContaining({ organisationId: org.id, role: "member" }),
    ]);
  });
});

describe("cookies from the login action", () => {
  it("set the session and, on a first visit, the account's language", async () => {
    const user = createUser(getDb(), { passwordHash, locale: "en" });
    const result = await loginAs(user.email);
    const setCookies = result.headers.getSetCookie();
    expect(setCookies.map(cookiePair).map((c) => c.split("=")[0])).toEqual(["session", "lng"]);
  });
});

describe("administration of people", () => {
  it("a role change ends the person's sessions and is audited; an admin cannot change their own role", async () => {
    const db = getDb();
    const admin = person("admin");
    const adminCookie = await sessionCookieFor(admin.id);
    const { user: volunteer } = createVolunteer(db);
    await sessionCookieFor(volunteer.id);
    const changed = await callAction(adminUser.action, `/admin/users/${volunteer.id}`, {
      cookie: adminCookie,
      params: { id: volunteer.id },
      form: { intent: "role", role: "coordinator" },
    });
    expect(await noticesOf(changed)).toEqual([{ key: "admin:users.roleSaved" }]);
    expect(db.select().from(users).where(eq(users.id, volunteer.id)).get()!.role).toBe("coordinator");
    expect(db.select().from(sessions).where(eq(sessions.userId, volunteer.id)).all()).toHaveLength(0);
    expect(db.select().from(auditEvents).where(eq(auditEvents.entityId, volunteer.id)).all()).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: "user.role_changed",
        details: { from: "volunteer", to: "coordinator" },
      }),
    ]);

    const nb = createNeighbourhood(db);
    const scoped = await callAction(adminUser.action, `/admin/users/${volunteer.id}`, {
      cookie: adminCookie,
      params: { id: volunteer.id },
      form: { intent: "neighbourhoods", neighbourhoodIds: [String(nb.id)] },
    });
    expect(await noticesOf(scoped)).toEqual([{ key: "admin:users.scopeSaved" }]);
    expect(
      db
        .select()
        .from(coordinatorNeighbourhoods)
        .where(eq(coordinatorNeighbourhoods.userId, volunteer.id))
        .all(),
    ).toEqual([expect.objectContaining({ neighbourhoodId: nb.id })]);

    const own = await callAction(adminUser.action, `/admin/users/${admin.id}`, {
      cookie: adminCookie,
      params: { id: admin.id },
      form: { intent: "role", role: "volunteer" },
    });
    expect(own.status).toBe(400);
    expect(db.select().from(users).where(eq(users.id, admin.id)).get()!.role).toBe("admin");
  });

  it("an invited new member gets an account and the membership", async () => {
    const db = getDb();
    const owner = person("org_member");
    const org = createOrganisation(db, { ownerId: owner.id });
    await callAction(members.action, `/organisations/${org.id}/members`, {
      cookie: await sessionCookieFor(owner.id),
      params: { id: String(org.id) },
      form: { intent: "invite", email: "neues-mitglied@verein.test" },
    });
    const token = new URL(
      `http://x${linkIn(latestMailTo("neues-mitglied@verein.test")!.bodyText, "/invite?token=")}`,
    ).searchParams.get("token")!;
    const accepted = await callAction(invite.action, "/invite", {
      form: { token, displayName: "Neu", password: PASSWORD },
    });
    expect(accepted.location).toBe("/organisation");
    const member = db.select().from(users).where(eq(users.email, "neues-mitglied@verein.test")).get()!;
    expect(member.role).toBe("org_member");
    expect(db.select().from(memberships).where(eq(memberships.userId, member.id)).all()).toEqual([
      expect.objectContaining({ organisationId: org.id, role: "member" }),
    ]);
  });
});
