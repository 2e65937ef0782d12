import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, notificationPreferences, notifications } from "@db/schema";
import { NOTIFICATION_KIND, type NotificationKind } from "@db/schema/enums";
import { getAppSecret } from "~/modules/notifications/app-secret.server";
import { getMailConfig } from "~/modules/notifications/config.server";
import { renderEmail } from "~/modules/notifications/email-templates.server";
import {
  countUnread,
  listInbox,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/modules/notifications/inbox.server";
import {
  CONFIGURABLE_KINDS,
  DEFAULT_CHANNEL,
  type NotificationParamsByKind,
} from "~/modules/notifications/kinds";
import { notify } from "~/modules/notifications/notify.server";
import {
  getNotificationChannel,
  listNotificationPreferences,
  setNotificationChannel,
  setNotificationPreferences,
} from "~/modules/notifications/preferences.server";
import { renderNotificationText, TEXT_LOCALES } from "~/modules/notifications/texts.server";
import {
  createUnsubscribeToken,
  unsubscribeWithToken,
  verifyUnsubscribeToken,
} from "~/modules/notifications/unsubscribe.server";
import { createUser } from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const STARTS_AT = Date.UTC(2026, 11, 5, 16, 30); // Sat 5 Dec 2026, 17:30 in Berlin

/** What some kinds add for the e-mail only (notify's emailOnlyParams): longer text, a second link. */
const EMAIL_ONLY_PARAMS: Partial<Record<NotificationKind, Record<string, string | number>>> = {
  urgent_request: {
    description: "Eine Familie braucht Begleitung.",
    expiresAt: STARTS_AT,
    secondaryUrl: "https://x.test/urgent/t?answer=no",
  },
};

/** Example params for every kind, as the callers pass them. */
const SAMPLE_PARAMS: { [K in NotificationKind]: NotificationParamsByKind[K] } = {
  match_proposed: { needId: 1, needTitle: "Begleitung zum Jobcenter" },
  match_accepted: { needId: 1, needTitle: "Begleitung zum Jobcenter", helperName: "Jana" },
  match_declined: { needId: 1, needTitle: "Begleitung zum Jobcenter", helperName: "Jana" },
  signup_confirmed: { eventTitle: "Sprachcafé", shiftTitle: "Aufbau", startsAt: STARTS_AT },
  waitlist_promoted: { eventTitle: "Sprachcafé", shiftTitle: "Aufbau", startsAt: STARTS_AT },
  event_cancelled: { eventTitle: "Sprachcafé", startsAt: STARTS_AT },
  event_changed: { eventTitle: "Sprachcafé", startsAt: STARTS_AT },
  shift_reminder: {
    eventTitle: "Sprachcafé",
    shiftTitle: "Aufbau",
    startsAt: STARTS_AT,
    place: "Bürgerhaus",
  },
  password_reset: { minutes: 30, url: "https://x.test/reset?token=secret-token" },
  invite: {
    inviter: "Frau Koch",
    role: "Koordination",
    days: 7,
    url: "https://x.test/invite?token=secret-token",
  },
  email_change: { hours: 24, url: "https://x.test/confirm?token=secret-token" },
  certificate_expiring: { validUntil: "2027-01-31" },
  organisation_verified: { organisationName: "SV Ückendorf 1920 e.V." },
  hours_confirmed: { hours: 3, date: "2026-11-20" },
  signup_cancelled: { eventTitle: "Sprachcafé", shiftTitle: "Aufbau", startsAt: STARTS_AT },
  match_ended_by_coordination: { needId: 1, needTitle: "Begleitung zum Jobcenter" },
  match_ended_by_helper: { needId: 1, needTitle: "Begleitung zum Jobcenter", helperName: "Jana" },
  account_confirmation: { hours: 48, url: "https://x.test/confirm-email?token=secret-token" },
  account_exists: { url: "https://x.test/forgot-password" },
  email_changed: { newEmail: "n…@beispiel.test" },
  signup_certificate_missing: { eventTitle: "Sprachcafé", shiftTitle: "Aufbau", startsAt: STARTS_AT },
  signups_certificate_missing: { eventTitle: "Sprachcafé", count: 2 },
  urgent_request: {
    needId: 1,
    needTitle: "Begleitung zum Jobcenter",
    startsAt: STARTS_AT,
    neighbourhood: "Ückendorf",
  },
  urgent_answered: { needId: 1, needTitle: "Begleitung zum Jobcenter", helperName: "Jana", matched: 0 },
  urgent_confirmed: { needId: 1, needTitle: "Begleitung zum Jobcenter" },
  urgent_released: { needId: 1, needTitle: "Begleitung zum Jobcenter" },
  shift_message: {
    about: "Sprachcafé – Aufbau",
    from: "SV Ückendorf 1920 e.V.",
    message: "Wir treffen uns diesmal in der kleinen Halle.",
  },
  alert_digest: { count: 2, frequency: "weekly", settingsUrl: "https://x.test/settings/notifications" },
};

function notifyOne<K extends NotificationKind>(userId: string, kind: K, link: string | null = "/somewhere") {
  return temp.db.transaction((tx) => notify(tx, { userId, kind, params: SAMPLE_PARAMS[kind], link }));
}

function outboxRows() {
  return temp.db.select().from(emailOutbox).all();
}

describe("notify", () => {
  it("writes the inbox entry and, for an e-mail kind, the outbox row in the recipient's language with an unsubscribe link", () => {
    const user = createUser(temp.db, { locale: "en", displayName: "Sam Berger" });
    const result = notifyOne(user.id, "match_proposed", "/matches/7");

    const inbox = temp.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, result.notificationId))
      .get()!;
    expect(inbox).toMatchObject({
      userId: user.id,
      kind: "match_proposed",
      link: "/matches/7",
      readAt: null,
    });
    expect(inbox.params).toEqual({ needId: 1, needTitle: "Begleitung zum Jobcenter" });

    const [mail] = outboxRows();
    expect(mail).toMatchObject({
      id: result.email!.id,
      messageId: result.email!.messageId,
      userId: user.id,
      toAddress: user.email,
      locale: "en",
      status: "pending",
      attempts: 0,
    });
    expect(mail!.subject).toBe("A suggestion for you: Begleitung zum Jobcenter");
    expect(mail!.bodyText).toContain("Hello Sam Berger,");
    expect(mail!.bodyText).toContain(`${getMailConfig().appUrl}/matches/7`);
    const token = /\/unsubscribe\?token=([^\s"]+)/.exec(mail!.bodyText)?.[1];
    expect(token).toBeDefined();
    expect(verifyUnsubscribeToken(decodeURIComponent(token!))).toEqual({
      userId: user.id,
      kind: "match_proposed",
    });
    expect(mail!.bodyHtml).toContain('lang="en"');
    expect(mail!.bodyHtml).toContain("/unsubscribe?token=");
    expect(mail!.messageId).toMatch(/^<[0-9a-f-]{36}@[^>]+>$/);
  });

  it("follows the person's preference and the kind's default", () => {
    const user = createUser(temp.db);
    notifyOne(user.id, "hours_confirmed"); // default: inbox only
    expect(outboxRows()).toHaveLength(0);

    setNotificationChannel(temp.db, user.id, "hours_confirmed", "inbox_email");
    setNotificationChannel(temp.db, user.id, "match_proposed", "inbox");
    notifyOne(user.id, "hours_confirmed");
    notifyOne(user.id, "match_proposed");
    expect(outboxRows().map((r) => r.kind)).toEqual(["hours_confirmed"]);
    expect(temp.db.select().from(notifications).all()).toHaveLength(3);
  });

  it("commits with the caller's transaction or not at all", () => {
    const user = createUser(temp.db);
    expect(() =>
      temp.db.transaction((tx) => {
        notify(tx, { userId: user.id, kind: "match_proposed", params: SAMPLE_PARAMS.match_proposed });
        throw new Error("the change that caused it failed");
      }),
    ).toThrow("the change that caused it failed");
    expect(temp.db.select().from(notifications).all()).toHaveLength(0);
    expect(outboxRows()).toHaveLength(0);
  });

  it("always e-mails security kinds, without unsubscribe link, and keeps their secret link out of the inbox", () => {
    const user = createUser(temp.db);
    temp.db
      .insert(notificationPreferences)
      .values({ userId: user.id, kind: "password_reset", channel: "inbox" })
      .run();
    const result = notifyOne(user.id, "password_reset", "/reset-password?token=secret-token");

    const inbox = temp.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, result.notificationId))
      .get()!;
    expect(JSON.stringify(inbox.params)).not.toContain("secret-token");
    expect(inbox.link).toBeNull();
    const [mail] = outboxRows();
    expect(mail!.bodyText).toContain("https://x.test/reset?token=secret-token");
    expect(mail!.bodyText).not.toContain("/unsubscribe");
    expect(mail!.bodyHtml).not.toContain("/unsubscribe");
  });

  it("sends an e-mail change to the new address when asked to", () => {
    const user = createUser(temp.db);
    temp.db.transaction((tx) =>
      notify(tx, {
        userId: user.id,
        kind: "email_change",
        params: SAMPLE_PARAMS.email_change,
        emailTo: "neu@beispiel.test",
      }),
    );
    expect(outboxRows()[0]!.toAddress).toBe("neu@beispiel.test");
  });

  it("writes the e-mail in the person's language, right to left for Arabic", () => {
    const uk = createUser(temp.db, { locale: "uk" });
    notifyOne(uk.id, "shift_reminder");
    const ar = createUser(temp.db, { locale: "ar" });
    notifyOne(ar.id, "shift_reminder");
    const [ukMail, arMail] = outboxRows();
    expect(ukMail!.locale).toBe("uk");
    expect(ukMail!.subject).toMatch(/^Нагадування: Sprachcafé/);
    expect(ukMail!.bodyHtml).toContain('lang="uk"');
    expect(arMail!.bodyHtml).toContain('dir="rtl"');
  });
});

describe("texts", () => {
  it.each(TEXT_LOCALES)(
    "has an e-mail and an inbox text for every kind in %s, with every placeholder filled",
    (locale) => {
      for (const kind of NOTIFICATION_KIND) {
        const params = {
          name: "Ayşe",
          unsubscribeUrl: "https://x.test/u",
          ...SAMPLE_PARAMS[kind],
          ...EMAIL_ONLY_PARAMS[kind],
        };
        const email = renderEmail(kind, locale, params);
        for (const text of [email.subject, email.text, email.html]) {
          expect(text, `${locale} ${kind}`).not.toMatch(/{{|}}/);
          expect(text, `${locale} ${kind}`).not.toContain(`${kind}.`);
        }
        const inbox = renderNotificationText(kind, locale, SAMPLE_PARAMS[kind]);
        expect(inbox, `${locale} ${kind}`).not.toMatch(/{{|}}|^items\./);
      }
    },
  );

  it("formats instants and dates in the reader's language and Berlin time", () => {
    expect(renderNotificationText("signup_confirmed", "de", SAMPLE_PARAMS.signup_confirmed)).toContain(
      "Samstag, 5. Dezember 2026 um 17:30",
    );
    expect(renderNotificationText("signup_confirmed", "en", SAMPLE_PARAMS.signup_confirmed)).toContain(
      "Saturday, 5 December 2026 at 17:30",
    );
    expect(renderNotificationText("certificate_expiring", "de", { validUntil: "2027-01-31" })).toContain(
      "Sonntag, 31. Januar 2027",
    );
  });

  // Key completeness per language (with each language's plural forms) is app/modules/i18n/locales.test.ts's job.
  it("loads every language that has notification texts", () => {
    const localesDir = resolve(import.meta.dirname, "../../app/locales");
    for (const namespace of ["email", "notifications"]) {
      const withFile = readdirSync(localesDir).filter((l) =>
        existsSync(join(localesDir, l, `${namespace}.json`)),
      );
      // A language that has the files must be in texts.server.ts's static import list.
      expect([...TEXT_LOCALES].sort()).toEqual(expect.arrayContaining(withFile.sort()));
    }
  });
});

describe("preferences", () => {
  it("lists every configurable kind with its default, and saves a whole form", () => {
    const user = createUser(temp.db);
    const before = listNotificationPreferences(temp.db, user.id);
    expect(before.map((p) => p.kind)).toEqual([...CONFIGURABLE_KINDS]);
    expect(before.every((p) => p.isDefault && p.channel === DEFAULT_CHANNEL[p.kind])).toBe(true);
    expect(before.map((p) => p.kind)).not.toContain("password_reset");

    temp.db.transaction((tx) =>
      setNotificationPreferences(tx, user.id, { shift_reminder: "inbox", hours_confirmed: "inbox_email" }),
    );
    expect(getNotificationChannel(temp.db, user.id, "shift_reminder")).toBe("inbox");
    expect(getNotificationChannel(temp.db, user.id, "hours_confirmed")).toBe("inbox_email");
    expect(getNotificationChannel(temp.db, user.id, "password_reset")).toBe("inbox_email");
  });
});

describe("unsubscribe links", () => {
  it("accept only this server's signature for that person and kind, and switch that kind to inbox only", () => {
    const user = createUser(temp.db);
    const other = createUser(temp.db);
    const token = createUnsubscribeToken(user.id, "shift_reminder");
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: user.id, kind: "shift_reminder" });

    const [encodedUser, , sig] = token.split(".") as [string, string, string];
    const otherUser = Buffer.from(other.id).toString("base64url");
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    for (const forged of [
      `${otherUser}.shift_reminder.${sig}`,
      `${encodedUser}.match_proposed.${sig}`,
      `${encodedUser}.password_reset.${sig}`,
      `${encodedUser}.shift_reminder.${flipped}`,
      `${encodedUser}.shift_reminder`,
      "",
      "not-a-token",
    ]) {
      expect(verifyUnsubscribeToken(forged), forged).toBeNull();
      expect(unsubscribeWithToken(temp.db, forged)).toBeNull();
    }

    expect(unsubscribeWithToken(temp.db, token)).toEqual({ userId: user.id, kind: "shift_reminder" });
    expect(unsubscribeWithToken(temp.db, token)).toEqual({ userId: user.id, kind: "shift_reminder" });
    expect(getNotificationChannel(temp.db, user.id, "shift_reminder")).toBe("inbox");
    expect(getNotificationChannel(temp.db, other.id, "shift_reminder")).toBe("inbox_email");

    notifyOne(user.id, "shift_reminder");
    expect(outboxRows()).toHaveLength(0);
  });

  it("are signed with APP_SECRET when set, otherwise with a secret kept (0600) beside the database", () => {
    const config = getMailConfig();
    const secret = getAppSecret(config);
    const file = join(dirname(resolve(config.databasePath)), "app-secret");
    expect(readFileSync(file, "utf8")).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const user = createUser(temp.db);
    const withEnv = getMailConfig({ ...process.env, APP_SECRET: "x".repeat(40) });
    const token = createUnsubscribeToken(user.id, "event_changed", withEnv);
    expect(verifyUnsubscribeToken(token, withEnv)).not.toBeNull();
    expect(verifyUnsubscribeToken(token, config)).toBeNull();
    expect(() => getMailConfig({ ...process.env, APP_SECRET: "short" })).toThrow(/APP_SECRET/);
  });
});

describe("inbox", () => {
  it("lists unread first, counts unread, and marks only the person's own entries read", () => {
    const user = createUser(temp.db, { locale: "en" });
    const other = createUser(temp.db);
    const first = notifyOne(user.id, "hours_confirmed").notificationId;
    const second = notifyOne(user.id, "organisation_verified").notificationId;
    const third = notifyOne(user.id, "event_changed").notificationId;
    const foreign = notifyOne(other.id, "event_changed").notificationId;

    expect(countUnread(temp.db, user.id)).toBe(3);
    expect(markNotificationRead(temp.db, user.id, second)).toBe(true);
    expect(markNotificationRead(temp.db, user.id, second)).toBe(false);
    expect(markNotificationRead(temp.db, user.id, foreign)).toBe(false);
    expect(countUnread(temp.db, other.id)).toBe(1);

    const inbox = listInbox(temp.db, user.id, "en");
    expect(inbox.map((i) => [i.id, i.read])).toEqual([
      [third, false],
      [first, false],
      [second, true],
    ]);
    expect(inbox[2]!.text).toBe("SV Ückendorf 1920 e.V. is now verified.");

    expect(markAllNotificationsRead(temp.db, user.id)).toBe(2);
    expect(countUnread(temp.db, user.id)).toBe(0);
    expect(countUnread(temp.db, other.id)).toBe(1);
  });
});
