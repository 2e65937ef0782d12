import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox, notifications } from "@db/schema";
import { createUserSession } from "~/modules/auth/session.server";
import { CONFIGURABLE_KINDS } from "~/modules/notifications/kinds";
import { notify } from "~/modules/notifications/notify.server";
import { getNotificationChannel } from "~/modules/notifications/preferences.server";
import { createUnsubscribeToken } from "~/modules/notifications/unsubscribe.server";
import * as outboxMessage from "~/routes/admin.outbox.$id";
import * as outboxList from "~/routes/admin.outbox._index";
import * as inbox from "~/routes/inbox";
import * as settings from "~/routes/settings.notifications";
import * as unsubscribe from "~/routes/unsubscribe";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { noticesOf } from "../helpers/route-calls";

// The route modules against the app's own database (DATABASE_PATH, one per test file), with real
// sessions: what a browser without JavaScript gets, minus the HTML.

const BASE = "http://localhost:3000";

async function sessionCookie(userId: string): Promise<string> {
  const setCookie = await createUserSession(getDb(), userId, new Request(BASE));
  return setCookie.split(";")[0]!;
}

function get(path: string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, body: Record<string, string> | string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: typeof body === "string" ? body : new URLSearchParams(body),
  });
}

/** What a loader or action answered: thrown or returned Response, `data()` with a status, or plain data. */
async function call<T>(
  fn: () => Promise<T>,
): Promise<{ status: number; body: unknown; location: string | null; headers?: Headers }> {
  try {
    const result = (await fn()) as unknown;
    if (result instanceof Response)
      return {
        status: result.status,
        body: null,
        location: result.headers.get("Location"),
        headers: result.headers,
      };
    if (
      result &&
      typeof result === "object" &&
      "type" in result &&
      (result as { type: unknown }).type === "DataWithResponseInit"
    ) {
      const d = result as unknown as { data: unknown; init: { status?: number } | null };
      return { status: d.init?.status ?? 200, body: d.data, location: null };
    }
    return { status: 200, body: result, location: null };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, body: null, location: error.headers.get("Location") };
    throw error;
  }
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

function notifyUser(userId: string, needTitle: string) {
  return getDb().transaction((tx) =>
    notify(tx, { userId, kind: "match_proposed", params: { needId: 1, needTitle }, link: "/volunteer" }),
  );
}

describe("/inbox", () => {
  it("sends visitors to the login", async () => {
    const result = await call(() => inbox.loader(args(get("/inbox"))));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Finbox");
  });

  it("lists the person's messages in the page's language, and marks one or all read with plain POSTs", async () => {
    const user = createUser(getDb());
    const other = createUser(getDb());
    const cookie = await sessionCookie(user.id);
    const first = notifyUser(user.id, "Erste Aufgabe").notificationId;
    notifyUser(user.id, "Zweite Aufgabe");
    const foreign = notifyUser(other.id, "Fremde Aufgabe").notificationId;

    const page = await call(() => inbox.loader(args(get("/inbox?lng=en", cookie))));
    const body = page.body as Awaited<ReturnType<typeof inbox.loader>>;
    expect(body.unread).toBe(2);
    expect(body.items.map((i) => i.text)).toEqual([
      "A suggestion for you: “Zweite Aufgabe”. Please say yes or no.",
      "A suggestion for you: “Erste Aufgabe”. Please say yes or no.",
    ]);

    const read = await call(() =>
      inbox.action(args(post("/inbox", { intent: "read", id: String(first) }, cookie))),
    );
    expect(read).toMatchObject({ status: 302, location: "/inbox" });
    await call(() => inbox.action(args(post("/inbox", { intent: "read", id: String(foreign) }, cookie))));
    const readAt = (id: number) =>
      getDb().select().from(notifications).where(eq(notifications.id, id)).get()!.readAt;
    expect(readAt(first)).not.toBeNull();
    expect(readAt(foreign)).toBeNull();

    const after = (await call(() => inbox.loader(args(get("/inbox", cookie))))).body as typeof body;
    expect(after.items.map((i) => i.read)).toEqual([false, true]);

    await call(() => inbox.action(args(post("/inbox", { intent: "read-all" }, cookie))));
    expect(((await call(() => inbox.loader(args(get("/inbox", cookie))))).body as typeof body).unread).toBe(
      0,
    );
  });

  it("answers bad input with 400 and changes nothing", async () => {
    const user = createUser(getDb());
    const cookie = await sessionCookie(user.id);
    const forms: Record<string, string>[] = [
      { intent: "read", id: "abc" },
      { intent: "delete-everything" },
      {},
    ];
    for (const form of forms) {
      expect((await call(() => inbox.action(args(post("/inbox", form, cookie))))).status).toBe(400);
    }
  });
});

describe("/settings/notifications", () => {
  const allInbox = Object.fromEntries(CONFIGURABLE_KINDS.map((k) => [k, "inbox"]));

  it("shows and saves the channel per kind", async () => {
    const user = createUser(getDb());
    const cookie = await sessionCookie(user.id);
    const page = (await call(() => settings.loader(args(get("/settings/notifications", cookie)))))
      .body as Awaited<ReturnType<typeof settings.loader>>;
    expect(page.preferences.map((p) => p.kind)).toEqual([...CONFIGURABLE_KINDS]);

    const saved = await call(() =>
      settings.action(
        args(post("/settings/notifications", { ...allInbox, hours_confirmed: "inbox_email" }, cookie)),
      ),
    );
    expect(saved).toMatchObject({ status: 302, location: "/settings/notifications" });
    expect(await noticesOf({ ...saved, data: null, headers: saved.headers! })).toEqual([
      { key: "notifications:settings.saved" },
    ]);
    expect(getNotificationChannel(getDb(), user.id, "match_proposed")).toBe("inbox");
    expect(getNotificationChannel(getDb(), user.id, "hours_confirmed")).toBe("inbox_email");
  });

  it("refuses a form with a missing or unknown channel, changing nothing", async () => {
    const user = createUser(getDb());
    const cookie = await sessionCookie(user.id);
    const { shift_reminder: _missing, ...incomplete } = allInbox;
    for (const form of [incomplete, { ...allInbox, shift_reminder: "sms" }]) {
      const result = await call(() => settings.action(args(post("/settings/notifications", form, cookie))));
      expect(result).toMatchObject({
        status: 400,
        body: { saved: false, error: "notifications:settings.invalid" },
      });
    }
    expect(getNotificationChannel(getDb(), user.id, "match_proposed")).toBe("inbox_email");
  });
});

describe("/unsubscribe", () => {
  it("asks on GET (changing nothing), applies on POST without login, also as an RFC 8058 one-click POST", async () => {
    const user = createUser(getDb());
    const token = createUnsubscribeToken(user.id, "shift_reminder");
    const path = `/unsubscribe?token=${encodeURIComponent(token)}`;

    const shown = await call(() => unsubscribe.loader(args(get(path))));
    expect(shown).toMatchObject({ status: 200, body: { kind: "shift_reminder", token } });
    expect(getNotificationChannel(getDb(), user.id, "shift_reminder")).toBe("inbox_email");

    const oneClick = await call(() => unsubscribe.action(args(post(path, "List-Unsubscribe=One-Click"))));
    expect(oneClick).toMatchObject({ status: 200, body: { done: true, kind: "shift_reminder" } });
    expect(getNotificationChannel(getDb(), user.id, "shift_reminder")).toBe("inbox");
    expect(getNotificationChannel(getDb(), user.id, "match_proposed")).toBe("inbox_email");
  });

  it("rejects a missing or forged token with 400", async () => {
    const user = createUser(getDb());
    const forged = createUnsubscribeToken(user.id, "shift_reminder").replace(
      "shift_reminder",
      "match_proposed",
    );
    for (const path of [
      "/unsubscribe",
      `/unsubscribe?token=${encodeURIComponent(forged)}`,
      `/unsubscribe?token=${"x".repeat(500)}`,
    ]) {
      expect((await call(() => unsubscribe.loader(args(get(path))))).status).toBe(400);
      expect(
        (await call(() => unsubscribe.action(args(post(path, "List-Unsubscribe=One-Click"))))).status,
      ).toBe(400);
    }
    expect(getNotificationChannel(getDb(), user.id, "match_proposed")).toBe("inbox_email");
  });
});

describe("/admin/outbox", () => {
  it("is for admins only", async () => {
    const volunteer = createUser(getDb(), { role: "volunteer" });
    const cookie = await sessionCookie(volunteer.id);
    expect([403, 404]).toContain(
      (await call(() => outboxList.loader(args(get("/admin/outbox", cookie))))).status,
    );
    expect([403, 404]).toContain(
      (await call(() => outboxMessage.loader(args(get("/admin/outbox/1", cookie), { id: "1" })))).status,
    );
  });

  it("lists messages with a status filter, shows one with its text, and re-queues only a failed one", async () => {
    const admin = createUser(getDb(), { role: "admin" });
    const cookie = await sessionCookie(admin.id);
    const person = createUser(getDb(), { locale: "en" });
    const pending = notifyUser(person.id, "Wartende Aufgabe").email!.id;
    const failed = notifyUser(person.id, "Gescheiterte Aufgabe").email!.id;
    getDb()
      .update(emailOutbox)
      .set({ status: "failed", attempts: 8, lastError: "outcome unknown" })
      .where(eq(emailOutbox.id, failed))
      .run();

    const list = (await call(() => outboxList.loader(args(get("/admin/outbox?status=failed", cookie)))))
      .body as Awaited<ReturnType<typeof outboxList.loader>>;
    expect(list.messages.map((m) => m.id)).toEqual([failed]);
    expect(list.counts.failed).toBe(1);
    expect(list.smtpConfigured).toBe(false);
    const all = (
      await call(() => outboxList.loader(args(get("/admin/outbox?status=bogus&before=x", cookie))))
    ).body as typeof list;
    expect(all.messages.map((m) => m.id)).toEqual(expect.arrayContaining([pending, failed]));

    const shown = (
      await call(() =>
        outboxMessage.loader(args(get(`/admin/outbox/${failed}`, cookie), { id: String(failed) })),
      )
    ).body as Awaited<ReturnType<typeof outboxMessage.loader>>;
    expect(shown.message.bodyText).toContain("Gescheiterte Aufgabe");
    expect(shown.message.toAddress).toBe(person.email);
    expect(
      (await call(() => outboxMessage.loader(args(get("/admin/outbox/999999", cookie), { id: "999999" }))))
        .status,
    ).toBe(404);
    expect(
      (await call(() => outboxMessage.loader(args(get("/admin/outbox/abc", cookie), { id: "abc" })))).status,
    ).toBe(404);

    const resend = (id: number) =>
      call(() =>
        outboxMessage.action(
          args(post(`/admin/outbox/${id}`, { intent: "resend" }, cookie), { id: String(id) }),
        ),
      );
    const resent = await resend(failed);
    expect(resent).toMatchObject({ status: 302, location: `/admin/outbox/${failed}` });
    expect(await noticesOf({ ...resent, data: null, headers: resent.headers! })).toEqual([
      { key: "notifications:outbox.resent" },
    ]);
    expect(getDb().select().from(emailOutbox).where(eq(emailOutbox.id, failed)).get()!.status).toBe(
      "pending",
    );
    expect((await resend(pending)).status).toBe(409);
  });
});
