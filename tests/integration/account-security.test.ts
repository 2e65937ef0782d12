import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { authTokens, emailOutbox, organisations, sessions, users } from "@db/schema";
import { throttleScopeOf } from "~/modules/auth/client-ip.server";
import { hashPassword } from "~/modules/auth/password.server";
import type * as PasswordModule from "~/modules/auth/password.server";
import { deliverDueEmails, type MailTransport } from "~/modules/notifications/delivery.server";
import * as accountEmail from "~/routes/account.email";
import * as accountPassword from "~/routes/account.password";
import * as adminInvites from "~/routes/admin.invites";
import * as outboxMessage from "~/routes/admin.outbox.$id";
import * as confirmEmail from "~/routes/confirm-email";
import * as forgotPassword from "~/routes/forgot-password";
import * as login from "~/routes/login";
import * as members from "~/routes/organisations.$id.members";
import * as registerOrganisation from "~/routes/register.organisation";
import * as register from "~/routes/register._index";
import * as resetPassword from "~/routes/reset-password";
import { getDb } from "~/utils/db.server";
import { createOrganisation, createUser } from "../factories";
import { callAction, callLoader, sessionCookieFor } from "../helpers/route-calls";

// Counts the argon2 hashes (the bulk of a registration's time) without changing them.
vi.mock("~/modules/auth/password.server", async (importOriginal) => {
  const actual = await importOriginal<typeof PasswordModule>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});

const PASSWORD = "Rhein und Ruhr 2026";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

function person(role: "volunteer" | "org_member" | "coordinator" | "admin" = "volunteer") {
  return createUser(getDb(), { role, passwordHash });
}

function mailsTo(address: string) {
  return getDb()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(desc(emailOutbox.id))
    .all();
}

function tokenIn(body: string, path: string): string {
  const match = body.match(new RegExp(`${path.replace("?", "\\?")}([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return match[1]!;
}

const registerWith = (email: string, clientIp: string, displayName = "Mia") =>
  callAction(register.action, "/register", { form: { displayName, email, password: PASSWORD }, clientIp });

describe("registration", () => {
  it("does the same work for a taken and a free address (one argon2 hash each, same answer)", async () => {
    const existing = person();
    const hashes = vi.mocked(hashPassword);
    hashes.mockClear();
    const free = await registerWith("gleich-frei@beispiel.test", "192.0.2.50");
    expect(hashes).toHaveBeenCalledTimes(1);
    hashes.mockClear();
    const taken = await registerWith(existing.email, "192.0.2.51");
    expect(hashes).toHaveBeenCalledTimes(1);
    expect([taken.status, taken.headers.get("Set-Cookie")]).toEqual([
      free.status,
      free.headers.get("Set-Cookie"),
    ]);
    expect(Object.keys(taken.data as object)).toEqual(Object.keys(free.data as object));
    // Both wrote one e-mail to the address: a confirmation link, or the note to the owner.
    expect(mailsTo("gleich-frei@beispiel.test").map((m) => m.kind)).toEqual(["account_confirmation"]);
    expect(mailsTo(existing.email).map((m) => m.kind)).toEqual(["account_exists"]);
  });

  it("counts every attempt per network, taken address or free, an IPv6 network by its /64", async () => {
    const statuses = [];
    for (let i = 1; i <= 21; i++) {
      const email = i % 2 === 0 ? person().email : `netz${i}@beispiel.test`;
      statuses.push((await registerWith(email, `2001:db8:a:b::${i.toString(16)}`)).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Another address of the same /64 is the same client.
    const refused = await registerWith("netz-neu@beispiel.test", "2001:db8:a:b:ffff:1:2:3");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((refused.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.throttled" });
    expect(
      getDb().select().from(users).where(eq(users.email, "netz-neu@beispiel.test")).get(),
    ).toBeUndefined();
    // The next /64 is someone else; so is the organisation form from there.
    expect((await registerWith("netz-nachbar@beispiel.test", "2001:db8:a:c::1")).status).toBe(200);
    const org = await callAction(registerOrganisation.action, "/register/organisation", {
      form: {
        organisationName: "Netzverein",
        kind: "initiative",
        displayName: "N",
        email: "netzverein@beispiel.test",
        password: PASSWORD,
      },
      clientIp: "2001:db8:a:b::99",
    });
    expect(org.status).toBe(429);
  });

  it("sends at most three e-mails an hour to one address, whoever asks", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await registerWith("postfach@beispiel.test", `198.18.7.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(mailsTo("postfach@beispiel.test").map((m) => m.kind)).toEqual([
      "account_exists",
      "account_exists",
      "account_confirmation",
    ]);
  });

  it("a login to an unconfirmed account sends a new link, a few times an hour at most", async () => {
    await registerWith("spaet@beispiel.test", "198.18.8.1");
    for (let i = 0; i < 5; i++) {
      const result = await callAction(login.action, "/login", {
        form: { email: "spaet@beispiel.test", password: PASSWORD, redirectTo: "" },
        clientIp: `198.18.8.${10 + i}`,
      });
      expect((result.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.emailNotConfirmed" });
    }
    expect(mailsTo("spaet@beispiel.test").filter((m) => m.kind === "account_confirmation")).toHaveLength(4);
    // Only the newest link works.
    const [newest, older] = mailsTo("spaet@beispiel.test");
    const stale = await callAction(confirmEmail.action, "/confirm-email", {
      form: { token: tokenIn(older!.bodyText, "/confirm-email?token=") },
    });
    expect(stale.status).toBe(400);
    const fresh = await callAction(confirmEmail.action, "/confirm-email", {
      form: { token: tokenIn(newest!.bodyText, "/confirm-email?token=") },
    });
    expect(fresh.location).toBe("/volunteer");
  });
});

describe("IPv6 clients count by their /64", () => {
  it.each([
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::7", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["203.0.113.9", "203.0.113.9"],
    ["unknown", "unknown"],
  ])("%s → %s", (ip, scope) => {
    expect(throttleScopeOf(ip)).toBe(scope);
  });

  it("failed logins from one /64 lock it, whatever address in it they come from", async () => {
    const results = [];
    for (let i = 0; i < 22; i++)
      results.push(
        await callAction(login.action, "/login", {
          form: { email: `v6-${i}@beispiel.test`, password: "falsches passwort", redirectTo: "" },
          clientIp: `2001:db8:77:1:${i.toString(16)}::1`,
        }),
      );
    expect(results[19]!.status).toBe(400);
    expect(results[21]!.status).toBe(429);
  });
});

describe("the current password on the password and e-mail forms", () => {
  it("is throttled like a login: after a few wrong ones even the right one is refused, everywhere", async () => {
    const user = person();
    const cookie = await sessionCookieFor(user.id);
    const change = (currentPassword: string) =>
      callAction(accountPassword.action, "/account/password", {
        cookie,
        form: { currentPassword, newPassword: "Ein neues langes Passwort" },
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await change(`falsch-${i}-falsch`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const locked = await change("noch einmal falsch");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((locked.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.throttled" });
    expect((await change(PASSWORD)).status).toBe(429);
    const viaEmail = await callAction(accountEmail.action, "/account/email", {
      cookie,
      form: { newEmail: "anders@beispiel.test", currentPassword: PASSWORD },
    });
    expect(viaEmail.status).toBe(429);
    const viaLogin = await callAction(login.action, "/login", {
      form: { email: user.email, password: PASSWORD, redirectTo: "" },
      clientIp: "198.18.9.9",
    });
    expect(viaLogin.status).toBe(429);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.passwordHash).toBe(passwordHash);
  });
});

describe("e-mail change", () => {
  const ask = (cookie: string, newEmail: string) =>
    callAction(accountEmail.action, "/account/email", {
      cookie,
      form: { newEmail, currentPassword: PASSWORD },
    });

  it("sends at most three change e-mails an hour per account", async () => {
    const user = person();
    const cookie = await sessionCookieFor(user.id);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(cookie, `ziel${i}@beispiel.test`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(mailsTo("ziel3@beispiel.test")).toHaveLength(0);
  });

  it("answers a taken new address like a free one; its owner is told and no link is made", async () => {
    const user = person();
    const other = person();
    const cookie = await sessionCookieFor(user.id);
    const asked = await ask(cookie, other.email);
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({ sentTo: other.email });
    expect(mailsTo(other.email).map((m) => m.kind)).toEqual(["account_exists"]);
    expect(
      getDb()
        .select()
        .from(authTokens)
        .where(and(eq(authTokens.userId, user.id), eq(authTokens.purpose, "email_change")))
        .all(),
    ).toHaveLength(0);
  });

  it("confirming ends the other sessions, voids reset links sent to the old address and tells it", async () => {
    const user = person();
    const here = await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    await callAction(forgotPassword.action, "/forgot-password", {
      form: { email: user.email },
      clientIp: "198.18.10.1",
    });
    const resetToken = tokenIn(mailsTo(user.email)[0]!.bodyText, "/reset-password?token=");
    await ask(here, "neu-adresse@beispiel.test");
    const token = tokenIn(mailsTo("neu-adresse@beispiel.test")[0]!.bodyText, "/confirm-email?token=");

    const confirmed = await callAction(confirmEmail.action, "/confirm-email", {
      cookie: here,
      form: { token },
    });
    expect(confirmed.data).toEqual({ confirmed: "neu-adresse@beispiel.test" });
    const left = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(left).toHaveLength(1);
    // The session that confirmed is the one left.
    expect((await callLoader(accountEmail.loader, "/account/email", { cookie: here })).data).toEqual({
      email: "neu-adresse@beispiel.test",
    });

    const reset = await callAction(resetPassword.action, "/reset-password", {
      form: { token: resetToken, password: "Ein ganz neues Passwort" },
    });
    expect(reset.status).toBe(400);
    expect((reset.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.tokenInvalid" });

    const told = mailsTo(user.email)[0]!;
    expect(told.kind).toBe("email_changed");
    expect(told.bodyText).toContain("n…@beispiel.test");
    expect(told.bodyText).not.toContain("neu-adresse@beispiel.test");
  });

  it("takes along an organisation's address that was the old one; another address stays", async () => {
    const user = person("org_member");
    const copied = createOrganisation(getDb(), { ownerId: user.id, email: user.email });
    const own = createOrganisation(getDb(), { ownerId: user.id, email: "buero@verein.test" });
    // Not theirs: the same address on an organisation they are no member of stays untouched.
    const stranger = createOrganisation(getDb(), { email: user.email });
    const cookie = await sessionCookieFor(user.id);
    await ask(cookie, "umgezogen@beispiel.test");
    const token = tokenIn(mailsTo("umgezogen@beispiel.test")[0]!.bodyText, "/confirm-email?token=");
    await callAction(confirmEmail.action, "/confirm-email", { cookie, form: { token } });
    const emailOf = (id: number) =>
      getDb()
        .select({ email: organisations.email })
        .from(organisations)
        .where(eq(organisations.id, id))
        .get()!.email;
    expect([emailOf(copied.id), emailOf(own.id), emailOf(stranger.id)]).toEqual([
      "umgezogen@beispiel.test",
      "buero@verein.test",
      user.email,
    ]);
  });

  it("confirmed from a device that is not logged in, it ends every session", async () => {
    const user = person();
    const cookie = await sessionCookieFor(user.id);
    await ask(cookie, "woanders@beispiel.test");
    const token = tokenIn(mailsTo("woanders@beispiel.test")[0]!.bodyText, "/confirm-email?token=");
    await callAction(confirmEmail.action, "/confirm-email", { form: { token } });
    expect(getDb().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });
});

describe("invitations", () => {
  it("an admin sends at most 20 invitations an hour", async () => {
    const admin = person("admin");
    const cookie = await sessionCookieFor(admin.id);
    const statuses = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (
          await callAction(adminInvites.action, "/admin/invites", {
            cookie,
            form: { intent: "invite", email: `eingeladen${i}@stadt.test`, role: "coordinator" },
          })
        ).status,
      );
    // Each sent one answers with the redirect that says so.
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(mailsTo("eingeladen20@stadt.test")).toHaveLength(0);
  });

  it("an organisation owner too, per person", async () => {
    const owner = person("org_member");
    const org = createOrganisation(getDb(), { ownerId: owner.id });
    const cookie = await sessionCookieFor(owner.id);
    const invite = (i: number) =>
      callAction(members.action, `/organisations/${org.id}/members`, {
        cookie,
        params: { id: String(org.id) },
        form: { intent: "invite", email: `mitglied${i}@verein.test` },
      });
    for (let i = 0; i < 20; i++) expect((await invite(i)).status).toBe(302);
    const refused = await invite(20);
    expect(refused.status).toBe(429);
    expect((refused.data as { errors: unknown }).errors).toEqual({ form: "auth:errors.throttled" });
  });
});

describe("the outbox keeps no secret link once a mail is sent", () => {
  it("the server gets the link; the stored copy and the viewer say it was removed", async () => {
    const user = person();
    const admin = person("admin");
    await callAction(forgotPassword.action, "/forgot-password", {
      form: { email: user.email },
      clientIp: "198.18.11.1",
    });
    const stored = mailsTo(user.email)[0]!;
    const token = tokenIn(stored.bodyText, "/reset-password?token=");
    const delivered: { text?: unknown; html?: unknown }[] = [];
    const transport: MailTransport = {
      sendMail: async (message) => {
        delivered.push(message);
      },
    };
    await deliverDueEmails({ db: getDb(), transport, maxMessages: 1000 });

    const sent = delivered.find((m) => String(m.text).includes(token));
    expect(sent, "the recipient gets the link").toBeDefined();
    expect(String(sent!.html)).toContain(`token=${token}`);
    const after = getDb().select().from(emailOutbox).where(eq(emailOutbox.id, stored.id)).get()!;
    expect(after.status).toBe("sent");
    expect(after.bodyText).not.toContain(token);
    expect(after.bodyHtml).not.toContain(token);
    expect(after.bodyText).toContain("Der Link wurde nach dem Versand aus der gespeicherten Kopie entfernt.");
    expect(after.bodyText).toContain(stored.bodyText.split("\n")[0]);

    const viewed = await callLoader(outboxMessage.loader, `/admin/outbox/${stored.id}`, {
      cookie: await sessionCookieFor(admin.id),
      params: { id: String(stored.id) },
    });
    expect((viewed.data as { message: { linkRemoved: boolean } }).message.linkRemoved).toBe(true);
    // The link still works for the person who got it.
    const reset = await callAction(resetPassword.action, "/reset-password", {
      form: { token, password: "Ein ganz neues Passwort" },
    });
    expect(reset.status).toBe(302);
    // Every other kind of mail keeps its links (they open nothing).
    const ordinary = getDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.kind, "account_exists"), eq(emailOutbox.status, "sent")))
      .all();
    expect(ordinary.length).toBeGreaterThan(0);
    for (const mail of ordinary) expect(mail.bodyText).toContain("/forgot-password");
  });

  it("removes the link of every kind of mail whose link is a key: invite, e-mail change, confirmation", async () => {
    const admin = person("admin");
    const user = person();
    await callAction(adminInvites.action, "/admin/invites", {
      cookie: await sessionCookieFor(admin.id),
      form: { intent: "invite", email: "schluessel-einladung@stadt.test", role: "admin" },
    });
    await callAction(accountEmail.action, "/account/email", {
      cookie: await sessionCookieFor(user.id),
      form: { newEmail: "schluessel-neu@beispiel.test", currentPassword: PASSWORD },
    });
    await registerWith("schluessel-konto@beispiel.test", "198.18.11.2");
    const stored = [
      "schluessel-einladung@stadt.test",
      "schluessel-neu@beispiel.test",
      "schluessel-konto@beispiel.test",
    ].map((address) => mailsTo(address)[0]!);
    expect(stored.map((m) => m.kind)).toEqual(["invite", "email_change", "account_confirmation"]);
    const tokens = stored.map((m) => tokenIn(m.bodyText, "token="));
    const delivered: string[] = [];
    await deliverDueEmails({
      db: getDb(),
      transport: {
        sendMail: async (message) => {
          delivered.push(`${String(message.text)}${String(message.html)}`);
        },
      },
      maxMessages: 1000,
    });
    for (const [i, mail] of stored.entries()) {
      expect(
        delivered.some((body) => body.includes(tokens[i]!)),
        `${mail.kind} reached its reader`,
      ).toBe(true);
      const after = getDb().select().from(emailOutbox).where(eq(emailOutbox.id, mail.id)).get()!;
      expect(after.status).toBe("sent");
      expect(after.bodyText + after.bodyHtml, mail.kind).not.toContain(tokens[i]);
      expect(after.bodyText, mail.kind).toContain(
        "Der Link wurde nach dem Versand aus der gespeicherten Kopie entfernt.",
      );
    }
  });
});
