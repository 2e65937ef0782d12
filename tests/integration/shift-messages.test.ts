/**
 * Messages to the helpers of a shift or an activity (issue 16, point 3): who receives one (confirmed,
 * optionally the waitlist, each person once), inbox and e-mail, the record with the shift, the limit,
 * and the page as a browser without JavaScript uses it — preview, send, errors, the text offered after
 * a change of time or place.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, notifications, shiftMessages } from "@db/schema";
import type { Db } from "@db/client";
import { setNotificationChannel } from "~/modules/notifications/preferences.server";
import { signUpForShift } from "~/modules/signups/signups.server";
import {
  MESSAGES_PER_DAY,
  listShiftMessages,
  messageRecipients,
  sendShiftMessage,
} from "~/modules/signups/shift-messages.server";
import { BLANK_CODE_POINTS } from "@db/schema/text-rules";
import { MESSAGE_MAX, ShiftMessageSchema } from "~/modules/signups/shift-message.schema";
import { updateActivity } from "~/modules/events/commands.server";
import { activityToFormValues } from "~/modules/events/activity-form-values";
import { getManagedActivity } from "~/modules/events/queries.server";
import { ActivityFormSchema, toActivityInput } from "~/modules/events/activity.schema";
import * as messagePage from "~/routes/activities.$id_.message";
import { getDb } from "~/utils/db.server";
import { authUserOf as authUser } from "../helpers/auth-user";
import {
  createCoordinator,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, noticesOf, sessionCookieFor } from "../helpers/route-calls";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function signUp(db: Db, shiftId: number, volunteerId: string, now?: number) {
  const result = signUpForShift(db, { shiftId, volunteerId, confirmOverCap: true, now });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.error)}`);
  return result.signupId;
}

/**
 * An organisation's activity with two shifts tomorrow (one place each) and one that ended yesterday:
 * Ada and Ben on the early shift (Ben waiting), Ada also on the late one, Cem only on the ended one.
 */
function setting(db: Db) {
  const nb = createNeighbourhood(db);
  const member = createUser(db, { role: "org_member", displayName: "Mona Mitglied" });
  const organisation = createOrganisation(db, { ownerId: member.id, name: "SV Ückendorf 1920 e.V." });
  const event = createEvent(db, {
    organisationId: organisation.id,
    neighbourhoodId: nb.id,
    place: "Turnhalle",
  });
  const early = createShift(db, {
    eventId: event.id,
    title: "Aufbau",
    neededCount: 1,
    startsAt: event.startsAt,
  });
  const late = createShift(db, {
    eventId: event.id,
    title: "Abbau",
    neededCount: 1,
    startsAt: new Date(event.startsAt.getTime() + 3 * HOUR),
  });
  const ended = createShift(db, {
    eventId: event.id,
    title: "Gestern",
    neededCount: 1,
    startsAt: new Date(Date.now() - DAY),
  });
  const ada = createVolunteer(db, { user: { displayName: "Ada" } }).user;
  const ben = createVolunteer(db, { user: { displayName: "Ben" } }).user;
  const cem = createVolunteer(db, { user: { displayName: "Cem" } }).user;
  signUp(db, early.id, ada.id);
  signUp(db, early.id, ben.id); // waitlisted: one place
  signUp(db, late.id, ada.id);
  signUp(db, ended.id, cem.id, ended.startsAt.getTime() - DAY);
  return { nb, member, organisation, event, early, late, ended, ada, ben, cem };
}

describe("who receives a message", () => {
  it("the confirmed helpers of a shift; with the waitlist when chosen; each person once", () => {
    const db = getDb();
    const s = setting(db);
    const names = (shiftId: number | null, waitlist: boolean) =>
      messageRecipients(db, s.event.id, { shiftId, waitlist }).recipients.map(
        (r) => `${r.displayName}:${r.status}`,
      );
    expect(names(s.early.id, false)).toEqual(["Ada:confirmed"]);
    expect(names(s.early.id, true)).toEqual(["Ada:confirmed", "Ben:waitlisted"]);
    // The whole activity: shifts not ended yet, Ada once although she has two shifts; Cem's shift is over.
    expect(names(null, false)).toEqual(["Ada:confirmed"]);
    expect(names(null, true)).toEqual(["Ada:confirmed", "Ben:waitlisted"]);
    // An ended shift chosen on purpose still reaches its people (a thank-you after the day).
    expect(names(s.ended.id, false)).toEqual(["Cem:confirmed"]);
  });

  it("a shift of another activity is not a choice (nobody, marked invalid)", () => {
    const db = getDb();
    const s = setting(db);
    const other = createShift(db);
    expect(messageRecipients(db, s.event.id, { shiftId: other.id, waitlist: true })).toEqual({
      valid: false,
      shiftTitle: null,
      recipients: [],
    });
  });
});

describe("sending", () => {
  it("one inbox entry per person, e-mail unless they chose the inbox only, recorded with the shift and in the audit trail", () => {
    const db = getDb();
    const s = setting(db);
    setNotificationChannel(db, s.ben.id, "shift_message", "inbox");
    const result = sendShiftMessage(db, authUser(db, s.member.id), s.event.id, {
      shiftId: s.early.id,
      waitlist: true,
      body: "Wir treffen uns diesmal in der kleinen Halle.",
    });
    expect(result).toMatchObject({ ok: true, sent: 2 });
    if (!result.ok) return;

    const inbox = db
      .select({ userId: notifications.userId, params: notifications.params, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.kind, "shift_message"))
      .all()
      .filter((n) => [s.ada.id, s.ben.id, s.cem.id].includes(n.userId));
    expect(inbox.map((n) => n.userId).sort()).toEqual([s.ada.id, s.ben.id].sort());
    expect(inbox[0]!.params).toEqual({
      about: `${s.event.title} – Aufbau`,
      from: "SV Ückendorf 1920 e.V.",
      message: "Wir treffen uns diesmal in der kleinen Halle.",
    });
    expect(inbox[0]!.link).toBe(`/activities/${s.event.id}`);

    const mails = db
      .select({ userId: emailOutbox.userId, bodyText: emailOutbox.bodyText, subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "shift_message"))
      .all()
      .filter((m) => [s.ada.id, s.ben.id].includes(m.userId ?? ""));
    expect(mails.map((m) => m.userId)).toEqual([s.ada.id]);
    expect(mails[0]!.bodyText).toContain("Wir treffen uns diesmal in der kleinen Halle.");
    expect(mails[0]!.subject).toContain("Aufbau");

    expect(listShiftMessages(db, s.event.id)).toMatchObject([
      {
        id: result.messageId,
        shiftId: s.early.id,
        shiftTitle: "Aufbau",
        senderName: "Mona Mitglied",
        includesWaitlist: true,
        recipientCount: 2,
      },
    ]);
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "event.message_sent"), eq(auditEvents.entityId, String(s.event.id))))
      .all();
    expect(audit).toHaveLength(1);
    // The trail says to how many, never what.
    expect(JSON.stringify(audit[0])).not.toContain("kleinen Halle");
  });

  it("a coordinator writes in their own name", () => {
    const db = getDb();
    const s = setting(db);
    const coordinator = createCoordinator(db, [s.nb.id]);
    const result = sendShiftMessage(db, authUser(db, coordinator.id), s.event.id, {
      shiftId: s.late.id,
      waitlist: false,
      body: "Bitte Warnwesten mitbringen.",
    });
    expect(result).toMatchObject({ ok: true, sent: 1 });
    const row = db
      .select({ params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.kind, "shift_message"), eq(notifications.userId, s.ada.id)))
      .get();
    expect(row?.params).toMatchObject({ from: coordinator.displayName, about: `${s.event.title} – Abbau` });
  });

  it("nobody to reach: refused, nothing recorded", () => {
    const db = getDb();
    const s = setting(db);
    const empty = createShift(db, { eventId: s.event.id, startsAt: s.event.startsAt });
    const result = sendShiftMessage(db, authUser(db, s.member.id), s.event.id, {
      shiftId: empty.id,
      waitlist: true,
      body: "Hallo?",
    });
    expect(result).toEqual({ ok: false, errors: { form: "events:message.errors.nobody" } });
    expect(listShiftMessages(db, s.event.id)).toEqual([]);
  });

  it(`at most ${MESSAGES_PER_DAY} messages per activity in 24 hours; the next one changes nothing; a day later it goes again`, () => {
    const db = getDb();
    const s = setting(db);
    const user = authUser(db, s.member.id);
    const now = Date.now();
    for (let i = 0; i < MESSAGES_PER_DAY; i++) {
      const r = sendShiftMessage(
        db,
        user,
        s.event.id,
        { shiftId: null, waitlist: false, body: `Nr. ${i}` },
        now + i,
      );
      expect(r.ok).toBe(true);
    }
    const inboxBefore = db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, s.ada.id))
      .all().length;
    const refused = sendShiftMessage(
      db,
      user,
      s.event.id,
      { shiftId: null, waitlist: false, body: "Eine zu viel" },
      now + MESSAGES_PER_DAY,
    );
    expect(refused).toEqual({ ok: false, errors: { form: "events:message.errors.rateLimited" } });
    expect(db.select().from(notifications).where(eq(notifications.userId, s.ada.id)).all()).toHaveLength(
      inboxBefore,
    );
    expect(listShiftMessages(db, s.event.id)).toHaveLength(MESSAGES_PER_DAY);
    // The limit counts per activity: another activity of the same organisation is not affected.
    const other = createEvent(db, { organisationId: s.organisation.id });
    const otherShift = createShift(db, { eventId: other.id, startsAt: other.startsAt });
    signUp(db, otherShift.id, s.cem.id);
    expect(
      sendShiftMessage(db, user, other.id, { shiftId: null, waitlist: false, body: "Hallo" }, now + 10).ok,
    ).toBe(true);
    // 24 hours after the first one, one more fits.
    expect(
      sendShiftMessage(
        db,
        user,
        s.event.id,
        { shiftId: null, waitlist: false, body: "Später" },
        now + DAY + 1,
      ).ok,
    ).toBe(true);
  });

  it("the database keeps the text within bounds too", () => {
    const db = getDb();
    const s = setting(db);
    expect(() =>
      db.insert(shiftMessages).values({ eventId: s.event.id, body: "   ", recipientCount: 0 }).run(),
    ).toThrow(/shift_messages_body_length/);
  });

  it("the form and the database agree on what is empty and what is too long, character by character", () => {
    const db = getDb();
    const s = setting(db);
    const insert = (body: string) =>
      db.insert(shiftMessages).values({ eventId: s.event.id, body, recipientCount: 0 }).run();
    const formAccepts = (body: string) => ShiftMessageSchema.safeParse({ shift: "", body }).success;
    const dbAccepts = (body: string) => {
      try {
        insert(body);
        return true;
      } catch (error) {
        expect(String(error)).toMatch(/shift_messages_body_length/);
        return false;
      }
    };
    const bodies = [
      "\t\n\t\r\n",
      "\u000b\u000c",
      ...BLANK_CODE_POINTS.map((c) => String.fromCharCode(c).repeat(3)),
      BLANK_CODE_POINTS.map((c) => String.fromCharCode(c)).join(""),
      "\t Hallo \u200b",
      "\u0000",
      "\u0000\u0001\u0007\u001b[31m\u007f \u202eevil\u202c \ufeff\u200b",
      "Hallo\u0000 Welt",
      "x".repeat(MESSAGE_MAX),
      `\n${"x".repeat(MESSAGE_MAX)}\t`,
      "x".repeat(MESSAGE_MAX + 1),
      "👩🏽‍🔧".repeat(MESSAGE_MAX / 10),
    ];
    for (const body of bodies) {
      const form = formAccepts(body);
      // What the form accepts is stored as the form gave it (trimmed).
      const stored = form ? ShiftMessageSchema.parse({ shift: "", body }).body : body;
      expect(dbAccepts(stored), JSON.stringify(body).slice(0, 40)).toBe(form);
    }
  });
});

describe("the page, without JavaScript", () => {
  let s: ReturnType<typeof setting>;
  let cookie = "";
  let path = "";
  beforeAll(async () => {
    s = setting(getDb());
    cookie = await sessionCookieFor(s.member.id);
    path = `/activities/${s.event.id}/message`;
  });
  const params = () => ({ id: String(s.event.id) });

  it("the preview lists who would receive it for the chosen shift and waitlist (a GET form)", async () => {
    const confirmedOnly = await callLoader(messagePage.loader, `${path}?shift=${s.early.id}`, {
      cookie,
      params: params(),
    });
    expect(confirmedOnly.status).toBe(200);
    const data = confirmedOnly.data as Awaited<ReturnType<typeof messagePage.loader>>;
    expect(data.target.recipients.map((r) => r.displayName)).toEqual(["Ada"]);
    expect(data.choice).toEqual({ shift: String(s.early.id), waitlist: false });
    expect(data.activity.shifts.map((x) => x.title)).toEqual(["Aufbau", "Abbau"]);
    expect(data.prefill).toBe("");

    const withWaitlist = await callLoader(messagePage.loader, `${path}?shift=${s.early.id}&waitlist=on`, {
      cookie,
      params: params(),
    });
    expect(
      (withWaitlist.data as typeof data).target.recipients.map((r) => `${r.displayName}:${r.status}`),
    ).toEqual(["Ada:confirmed", "Ben:waitlisted"]);
    // A made-up shift in the URL is no error page: the page says the shift is not there.
    const junk = await callLoader(messagePage.loader, `${path}?shift=abc'%20or%201=1&waitlist=x`, {
      cookie,
      params: params(),
    });
    expect(junk.status).toBe(200);
    expect((junk.data as typeof data).choice).toEqual({ shift: "", waitlist: false });
  });

  it("sending answers with a redirect that says to how many (post/redirect/get)", async () => {
    const sent = await callAction(messagePage.action, path, {
      cookie,
      params: params(),
      form: {
        shift: String(s.early.id),
        waitlist: "on",
        body: "  Treffpunkt ist jetzt der Hintereingang.  ",
      },
    });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`${path}?shift=${s.early.id}&waitlist=on`);
    expect(await noticesOf(sent)).toEqual([{ key: "events:message.sent", values: { count: 2 } }]);
    const row = listShiftMessages(getDb(), s.event.id)[0];
    expect(row).toMatchObject({ body: "Treffpunkt ist jetzt der Hintereingang.", recipientCount: 2 });
  });

  it("bad input: a translated message at the field, nothing sent", async () => {
    const before = listShiftMessages(getDb(), s.event.id).length;
    const cases: [Record<string, string>, string, string][] = [
      [{ shift: "", body: "   " }, "body", "events:message.errors.body"],
      [{ shift: "", body: "\t\n\t\r\n" }, "body", "events:message.errors.body"],
      [{ shift: "", body: "\u00a0\u3000\u2028\ufeff" }, "body", "events:message.errors.body"],
      [{ shift: "", body: "\u200b\u200b" }, "body", "events:message.errors.body"],
      [{ shift: "", body: "\u0000\t\u0000" }, "body", "events:message.errors.body"],
      [{ shift: "", body: "x".repeat(MESSAGE_MAX + 1) }, "body", "events:message.errors.bodyTooLong"],
      [{ shift: "-1", body: "Hallo" }, "shift", "events:message.errors.shift"],
      [{ shift: String(createShift(getDb()).id), body: "Hallo" }, "shift", "events:message.errors.shift"],
    ];
    for (const [form, field, message] of cases) {
      const result = await callAction(messagePage.action, path, { cookie, params: params(), form });
      expect(result.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors[field]).toBe(message);
    }
    expect(listShiftMessages(getDb(), s.event.id)).toHaveLength(before);
  });

  it("after a change of time or place the edit offers the message, pre-filled with the new time and place", async () => {
    const db = getDb();
    const scope = { eventId: s.event.id, organisationId: s.organisation.id };
    const activity = getManagedActivity(db, scope)!;
    const form = activityToFormValues(activity);
    // The form as the organisation sends it: the ended shift is not part of it, a language is chosen.
    const parsed = ActivityFormSchema.safeParse({
      ...form,
      languages: ["de"],
      shifts: form.shifts!.filter((x) => x.title !== "Gestern"),
      place: "Kleine Halle, Hintereingang",
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
    if (!parsed.success) return;
    const outcome = updateActivity(db, scope, toActivityInput(parsed.data));
    expect(outcome).toMatchObject({ ok: true, changedShift: null });
    if (!outcome.ok) return;
    expect(outcome.notified).toBeGreaterThan(0);

    const page = await callLoader(messagePage.loader, `${path}?prefill=changed&lng=de`, {
      cookie,
      params: params(),
    });
    const prefill = (page.data as { prefill: string }).prefill;
    expect(prefill).toContain("Kleine Halle, Hintereingang");
    expect(prefill).toContain(s.event.title);
    expect(prefill).not.toContain("{{");

    // Only one shift moved: the offered message is for that shift's helpers.
    const again = activityToFormValues(getManagedActivity(db, scope)!);
    const moved = ActivityFormSchema.parse({
      ...again,
      shifts: again
        .shifts!.filter((x) => x.title !== "Gestern")
        .map((x) =>
          x.title === "Abbau"
            ? {
                ...x,
                endsAt: anHourLater(x.endsAt!),
              }
            : x,
        ),
    });
    expect(updateActivity(db, scope, toActivityInput(moved))).toMatchObject({
      ok: true,
      changedShift: s.late.id,
    });
  });
});

/** The form's local "YYYY-MM-DDTHH:mm" an hour later, across midnight too (the test runs at any hour). */
function anHourLater(local: string): string {
  return new Date(new Date(`${local}:00Z`).getTime() + HOUR).toISOString().slice(0, 16);
}
