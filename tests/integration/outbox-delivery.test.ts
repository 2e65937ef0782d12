import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { resolve } from "node:path";
import { eq } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@db/client";
import { emailOutbox } from "@db/schema";
import {
  BACKOFF_BASE_MS,
  classifySendError,
  createSmtpTransport,
  deliverDueEmails,
  MAX_ATTEMPTS,
  OUTCOME_UNKNOWN,
  requeueEmail,
  SENDING_LEASE_MS,
  type MailTransport,
} from "~/modules/notifications/delivery.server";
import { notify } from "~/modules/notifications/notify.server";
import { createBackgroundWork } from "~/modules/scheduler/background.server";
import { createUser } from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";
import { logger } from "~/utils/logger.server";
import { startTestSmtpServer, type TestSmtpServer } from "../mocks/smtp";

const MINUTE = 60_000;

let temp: TempDb;
let smtp: TestSmtpServer;
let transport: MailTransport;
let extraConnections: Db[] = [];

beforeEach(async () => {
  temp = createTempDb();
  smtp = await startTestSmtpServer();
  transport = createSmtpTransport(smtp.url);
});

afterEach(async () => {
  vi.restoreAllMocks();
  transport.close?.();
  for (const db of extraConnections) if (db.$client.open) closeDatabase(db);
  extraConnections = [];
  await smtp.close();
  temp.cleanup();
});

/** A second connection to the same file, as another server process would have. */
function anotherConnection(): Db {
  const db = openDatabase(temp.path);
  extraConnections.push(db);
  return db;
}

function enqueue(count: number, overrides: { locale?: "de" | "en" } = {}) {
  const user = createUser(temp.db, { locale: overrides.locale ?? "de", displayName: "Amal Haddad" });
  const ids = temp.db.transaction((tx) =>
    Array.from({ length: count }, (_, i) => {
      const result = notify(tx, {
        userId: user.id,
        kind: "match_proposed",
        params: { needId: i + 1, needTitle: `Begleitung zum Amt ${i + 1}` },
        link: `/matches/${i + 1}`,
      });
      return result.email!;
    }),
  );
  return { user, emails: ids };
}

function row(id: number) {
  return temp.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
}

/** Giving up on a message is logged as a warning; the tests that expect it keep it quiet. */
function expectGiveUpWarning() {
  return vi.spyOn(logger(), "warn").mockImplementation(() => {});
}

/** A clock the test moves by hand; it starts a little after the rows were written. */
function manualClock() {
  let t = Date.now() + 1000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("delivery over a real SMTP server on loopback", () => {
  it("delivers a message exactly once, with text, HTML, its Message-ID and a one-click unsubscribe header", async () => {
    const { user, emails } = enqueue(1, { locale: "en" });
    const clock = manualClock();

    const first = await deliverDueEmails({ db: temp.db, transport, now: clock.now });
    expect(first).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    clock.advance(10 * MINUTE);
    const second = await deliverDueEmails({ db: temp.db, transport, now: clock.now });
    expect(second.sent).toBe(0);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.messageId).toBe(emails[0]!.messageId);
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.header("Subject")).toContain("A suggestion for you");
    expect(mail.header("List-Unsubscribe")).toMatch(/^<http:\/\/localhost:\d+\/unsubscribe\?token=.+>$/);
    expect(mail.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.header("Auto-Submitted")).toBe("auto-generated");

    const stored = row(emails[0]!.id);
    expect(stored).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(stored.sentAt?.getTime()).toBe(clock.now() - 10 * MINUTE);
  });

  it("retries a refused message with exponential backoff and delivers it once when the server accepts", async () => {
    const { emails } = enqueue(1);
    const id = emails[0]!.id;
    const clock = manualClock();
    smtp.refuse = (index) => (index < 2 ? { code: 451, message: "4.3.0 Try again later" } : null);

    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).retrying).toBe(1);
    let r = row(id);
    expect(r).toMatchObject({ status: "pending", attempts: 1 });
    expect(r.lastError).toContain("451");
    expect(r.nextAttemptAt.getTime()).toBe(clock.now() + BACKOFF_BASE_MS);

    // Not due yet: nothing happens before the backoff has passed.
    clock.advance(BACKOFF_BASE_MS - 1);
    expect(await deliverDueEmails({ db: temp.db, transport, now: clock.now })).toMatchObject({
      sent: 0,
      retrying: 0,
    });
    expect(row(id).attempts).toBe(1);

    clock.advance(1);
    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).retrying).toBe(1);
    r = row(id);
    expect(r).toMatchObject({ status: "pending", attempts: 2 });
    expect(r.nextAttemptAt.getTime()).toBe(clock.now() + 2 * BACKOFF_BASE_MS);

    clock.advance(2 * BACKOFF_BASE_MS);
    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).sent).toBe(1);
    expect(row(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(smtp.messageIds()).toEqual([emails[0]!.messageId]);
  });

  it("gives up at once when the server refuses permanently (5xx)", async () => {
    const { emails } = enqueue(1);
    const clock = manualClock();
    const warn = expectGiveUpWarning();
    smtp.refuse = () => ({ code: 550, message: "5.1.1 No such mailbox" });

    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).failed).toBe(1);
    expect(row(emails[0]!.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(row(emails[0]!.id).lastError).toContain("550");
    clock.advance(24 * 60 * MINUTE);
    expect(await deliverDueEmails({ db: temp.db, transport, now: clock.now })).toMatchObject({
      sent: 0,
      failed: 0,
    });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ kind: "permanent" }), "e-mail not delivered");
  });

  it("gives up after the last of MAX_ATTEMPTS temporary refusals", async () => {
    const { emails } = enqueue(1);
    const clock = manualClock();
    const warn = expectGiveUpWarning();
    smtp.refuse = () => ({ code: 451, message: "4.3.0 Try again later" });

    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliverDueEmails({ db: temp.db, transport, now: clock.now });
      expect(row(emails[0]!.id).attempts).toBe(i);
      clock.advance(6 * 60 * MINUTE);
    }
    expect(row(emails[0]!.id).status).toBe("failed");
    clock.advance(24 * 60 * MINUTE);
    await deliverDueEmails({ db: temp.db, transport, now: clock.now });
    expect(row(emails[0]!.id).attempts).toBe(MAX_ATTEMPTS);
    expect(smtp.received).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("retries when the server cannot be reached at all (nothing can have arrived)", async () => {
    const { emails } = enqueue(1);
    const clock = manualClock();
    const down = await startTestSmtpServer();
    await down.close();
    const unreachable = createSmtpTransport(down.url);

    expect((await deliverDueEmails({ db: temp.db, transport: unreachable, now: clock.now })).retrying).toBe(
      1,
    );
    expect(row(emails[0]!.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect(row(emails[0]!.id).lastError).toMatch(/ECONNREFUSED|connect/i);
    unreachable.close?.();

    clock.advance(BACKOFF_BASE_MS);
    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });
});

describe("a sick or misconfigured server", () => {
  it("ends the round at the first server problem instead of trying every message", async () => {
    const { emails } = enqueue(3);
    const clock = manualClock();
    smtp.refuse = () => ({ code: 421, message: "4.7.0 Too busy" });

    expect(await deliverDueEmails({ db: temp.db, transport, now: clock.now })).toMatchObject({
      retrying: 1,
      sent: 0,
    });
    expect(emails.map((e) => row(e.id).attempts)).toEqual([1, 0, 0]);

    smtp.refuse = () => null;
    clock.advance(BACKOFF_BASE_MS);
    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).sent).toBe(3);
    expect(smtp.received).toHaveLength(3);
  });

  it("retries when SMTP_URL points at something that is not a mail server (it never had the message)", async () => {
    const { emails } = enqueue(1);
    const web = createServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await new Promise<void>((done) => web.listen(0, "127.0.0.1", done));
    const wrong = createSmtpTransport(`smtp://127.0.0.1:${(web.address() as AddressInfo).port}`);
    try {
      expect(
        (await deliverDueEmails({ db: temp.db, transport: wrong, now: manualClock().now })).retrying,
      ).toBe(1);
      expect(row(emails[0]!.id)).toMatchObject({ status: "pending", attempts: 1 });
    } finally {
      wrong.close?.();
      await new Promise((done) => web.close(done));
    }
  });

  it("tells errors after which the server may hold the message from those after which it cannot", () => {
    const error = (fields: Record<string, unknown>) => Object.assign(new Error("x"), fields);
    expect(classifySendError(error({ code: "EMESSAGE", responseCode: 451, command: "DATA" }))).toBe(
      "transient",
    );
    expect(classifySendError(error({ code: "EENVELOPE", responseCode: 550, command: "RCPT TO" }))).toBe(
      "permanent",
    );
    expect(
      classifySendError(error({ code: "ECONNECTION", originalCode: "ECONNREFUSED", command: "CONN" })),
    ).toBe("transient");
    expect(
      classifySendError(error({ code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT", command: "CONN" })),
    ).toBe("transient");
    expect(classifySendError(error({ code: "EAUTH", command: "AUTH PLAIN" }))).toBe("transient");
    expect(
      classifySendError(error({ code: "ETIMEDOUT", timeoutType: "SOCKET_TIMEOUT", command: "CONN" })),
    ).toBe("unknown");
    expect(classifySendError(error({ code: "ECONNECTION", command: "CONN" }))).toBe("unknown");
    expect(classifySendError(error({ code: "ESOCKET", originalCode: "ECONNRESET", command: "CONN" }))).toBe(
      "unknown",
    );
    expect(classifySendError(new Error("something else"))).toBe("unknown");
  });
});

describe("never twice: crashes and unknown outcomes", () => {
  it("a crash between send and mark does not lead to a second delivery", async () => {
    const { emails } = enqueue(1);
    const id = emails[0]!.id;
    const clock = manualClock();

    // The "process" dies right after the server accepted the message, before it is marked sent.
    await expect(
      deliverDueEmails({
        db: temp.db,
        transport,
        now: clock.now,
        hooks: {
          afterSend: () => {
            throw new Error("process killed");
          },
        },
      }),
    ).rejects.toThrow("process killed");
    expect(smtp.received).toHaveLength(1);
    expect(row(id)).toMatchObject({ status: "sending", attempts: 1 });

    // A restarted process on its own connection: while the claim may still be alive, hands off.
    const restarted = anotherConnection();
    clock.advance(SENDING_LEASE_MS - 1);
    expect(await deliverDueEmails({ db: restarted, transport, now: clock.now })).toMatchObject({
      sent: 0,
      recovered: 0,
    });
    expect(row(id).status).toBe("sending");

    // Once the claim is stale the row is given up as "outcome unknown" — not sent again.
    clock.advance(1);
    expect(await deliverDueEmails({ db: restarted, transport, now: clock.now })).toMatchObject({
      sent: 0,
      recovered: 1,
    });
    const r = row(id);
    expect(r.status).toBe("failed");
    expect(r.lastError).toContain(OUTCOME_UNKNOWN);

    clock.advance(24 * 60 * MINUTE);
    await deliverDueEmails({ db: restarted, transport, now: clock.now });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.messageIds()).toEqual([emails[0]!.messageId]);
  });

  it("a crash before the send loses nothing silently: the admin sees it and can send it again, same Message-ID", async () => {
    const { emails } = enqueue(1);
    const id = emails[0]!.id;
    const clock = manualClock();

    await expect(
      deliverDueEmails({
        db: temp.db,
        transport,
        now: clock.now,
        hooks: {
          beforeSend: () => {
            throw new Error("process killed");
          },
        },
      }),
    ).rejects.toThrow("process killed");
    clock.advance(SENDING_LEASE_MS);
    await deliverDueEmails({ db: temp.db, transport, now: clock.now });
    expect(row(id).status).toBe("failed");
    expect(smtp.received).toHaveLength(0);

    expect(requeueEmail(temp.db, id, new Date(clock.now()))).toBe(true);
    expect(requeueEmail(temp.db, id, new Date(clock.now()))).toBe(false);
    expect((await deliverDueEmails({ db: temp.db, transport, now: clock.now })).sent).toBe(1);
    expect(row(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.messageIds()).toEqual([emails[0]!.messageId]);
  });

  it("does not retry when the connection broke after the server had the whole message", async () => {
    const { emails } = enqueue(1);
    const clock = manualClock();
    const warn = expectGiveUpWarning();
    smtp.refuse = () => "hang";
    // Short socket timeout: the server has the data but never answers, so the client cannot know.
    const impatient = createTransport({ url: smtp.url, socketTimeout: 2_000, connectionTimeout: 10_000 });

    const report = await deliverDueEmails({ db: temp.db, transport: impatient, now: clock.now });
    impatient.close();
    expect(report).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
    expect(row(emails[0]!.id).status).toBe("failed");
    expect(row(emails[0]!.id).lastError).toContain(OUTCOME_UNKNOWN);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ kind: "unknown" }), "e-mail not delivered");

    smtp.refuse = () => null;
    clock.advance(24 * 60 * MINUTE);
    await deliverDueEmails({ db: temp.db, transport, now: clock.now });
    expect(smtp.received).toHaveLength(1);
  });
});

describe("concurrent workers", () => {
  it("two workers on two connections deliver every message exactly once", async () => {
    const { emails } = enqueue(30);
    const clock = manualClock();
    const a = anotherConnection();
    const b = anotherConnection();

    const [ra, rb] = await Promise.all([
      deliverDueEmails({ db: a, transport, now: clock.now }),
      deliverDueEmails({ db: b, transport: createSmtpTransport(smtp.url), now: clock.now }),
    ]);
    expect(ra.sent + rb.sent).toBe(30);
    expect(smtp.received).toHaveLength(30);
    expect(new Set(smtp.messageIds())).toEqual(new Set(emails.map((e) => e.messageId)));
    const rows = temp.db.select().from(emailOutbox).all();
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("two worker processes on the same database file deliver every message exactly once", async () => {
    const { emails } = enqueue(40);
    // Commit everything to the main file so the children see it at once.
    temp.db.$client.pragma("wal_checkpoint(TRUNCATE)");

    const script = resolve(import.meta.dirname, "outbox-worker.process.ts");
    const start = () => {
      const child = spawn(process.execPath, ["--import", "tsx", script, temp.path, smtp.url], {
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
      const result = new Promise<{ sent: number }>((done, fail) => {
        child.on("error", fail);
        child.on("exit", (code) => {
          if (code !== 0) fail(new Error(`worker exited with ${code}: ${err}`));
          else done(JSON.parse(out.trim().split("\n").pop()!) as { sent: number });
        });
      });
      return { child, ready, result };
    };

    const workers = [start(), start()];
    await Promise.all(workers.map((w) => w.ready));
    // Both processes are up: let them loose at the same moment.
    for (const w of workers) w.child.stdin.end("go\n");
    const [first, second] = (await Promise.all(workers.map((w) => w.result))) as [
      { sent: number },
      { sent: number },
    ];
    expect(first.sent + second.sent).toBe(40);
    expect(smtp.received).toHaveLength(40);
    expect(new Set(smtp.messageIds()).size).toBe(40);
    expect(new Set(smtp.messageIds())).toEqual(new Set(emails.map((e) => e.messageId)));
  }, 60_000);
});

describe("without SMTP_URL", () => {
  it("leaves every message pending in the outbox", async () => {
    const { emails } = enqueue(2);
    expect(process.env.SMTP_URL).toBeUndefined();
    expect(await deliverDueEmails({ db: temp.db, transport: null })).toMatchObject({ sent: 0 });

    const work = createBackgroundWork({ db: temp.db, intervalMs: 60_000 });
    await work.tick();
    await work.stop();
    for (const e of emails) expect(row(e.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(smtp.received).toHaveLength(0);
  });
});
