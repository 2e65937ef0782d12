/**
 * The organisation pages through their loaders and actions, with real sessions: who may do what,
 * IDOR by id refused, and the no-JavaScript paths of the activity form.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, memberships, organisationNeighbourhoods, organisations, shifts, signups } from "@db/schema";
import * as activityPage from "~/routes/organisations.$id.activities.$eventId._index";
import * as cancelPage from "~/routes/organisations.$id.activities.$eventId.cancel";
import * as editPage from "~/routes/organisations.$id.activities.$eventId.edit";
import * as newPage from "~/routes/organisations.$id.activities.new";
import * as layout from "~/routes/organisations.$id";
import * as profilePage from "~/routes/organisations.$id._index";
import { toLocalDateTimeInput } from "~/modules/events/activity.schema";
import { signUpForShift } from "~/modules/signups/signups.server";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";

const DAY = 86_400_000;
const db = getDb();

let f: {
  orgA: number;
  orgB: number;
  owner: string;
  member: string;
  otherOwner: string;
  categoryId: number;
  nbId: number;
  draftOfB: number;
  publicOfB: number;
  eventOfA: number;
};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const owner = createUser(db, { role: "org_member" });
  const member = createUser(db, { role: "org_member" });
  const otherOwner = createUser(db, { role: "org_member" });
  const a = createOrganisation(db, { ownerId: owner.id, slug: "verein-a-test" });
  db.insert(memberships).values({ organisationId: a.id, userId: member.id, role: "member" }).run();
  const b = createOrganisation(db, { ownerId: otherOwner.id });
  const category = createCategory(db);
  const nb = createNeighbourhood(db);
  db.insert(organisationNeighbourhoods).values({ organisationId: a.id, neighbourhoodId: nb.id }).run();
  const draftOfB = createEvent(db, { organisationId: b.id, status: "draft", publishedAt: null });
  const publicOfB = createEvent(db, { organisationId: b.id });
  const eventOfA = createEvent(db, {
    organisationId: a.id,
    categoryId: category.id,
    neighbourhoodId: nb.id,
    title: "Hallenfest",
  });
  f = {
    orgA: a.id,
    orgB: b.id,
    owner: owner.id,
    member: member.id,
    otherOwner: otherOwner.id,
    categoryId: category.id,
    nbId: nb.id,
    draftOfB: draftOfB.id,
    publicOfB: publicOfB.id,
    eventOfA: eventOfA.id,
  };
  for (const [name, id] of Object.entries({ owner: owner.id, member: member.id, otherOwner: otherOwner.id }))
    cookies[name] = await sessionCookieFor(id);
});

function activityForm(overrides: Record<string, string | string[]> = {}) {
  const day = toLocalDateTimeInput(Date.now() + 9 * DAY).slice(0, 10);
  return {
    intent: "save",
    title: "Nähcafé",
    description: "Wir nähen zusammen. Maschinen sind da.",
    originalLanguage: "de",
    categoryId: String(f.categoryId),
    neighbourhoodId: String(f.nbId),
    startsAt: `${day}T15:00`,
    endsAt: `${day}T18:00`,
    languages: "de",
    "shifts.0.id": "",
    "shifts.0.title": "Kaffee kochen",
    "shifts.0.startsAt": `${day}T14:30`,
    "shifts.0.endsAt": `${day}T16:00`,
    "shifts.0.neededCount": "1",
    ...overrides,
  };
}

describe("organisation pages: who may", () => {
  it("the owner edits the profile; a plain member reads it but may not change it; another organisation gets 403", async () => {
    const path = `/organisations/${f.orgA}`;
    const params = { id: String(f.orgA) };
    const form = {
      name: "Verein A neu",
      kind: "cultural_group",
      description: "",
      website: "https://verein-a.example",
      email: "",
      phone: "",
      neighbourhoodIds: String(f.nbId),
    };
    const saved = await callAction(profilePage.action, path, { cookie: cookies.owner, params, form });
    expect(saved.status).toBe(302);
    expect(db.select().from(organisations).where(eq(organisations.id, f.orgA)).get()).toMatchObject({
      name: "Verein A neu",
      kind: "cultural_group",
      slug: "verein-a-test",
    });
    expect(
      (await callLoader(profilePage.loader, path, { cookie: cookies.member, params })).data,
    ).toMatchObject({ canEdit: false });
    expect(
      (await callAction(profilePage.action, path, { cookie: cookies.member, params, form })).status,
    ).toBe(403);
    expect(
      (await callAction(profilePage.action, path, { cookie: cookies.otherOwner, params, form })).status,
    ).toBe(403);
    const invalid = await callAction(profilePage.action, path, {
      cookie: cookies.owner,
      params,
      form: { ...form, website: "javascript:alert(1)", neighbourhoodIds: "999999" },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.data as { errors: Record<string, string> }).errors).toMatchObject({
      website: "organisations:errors.website",
    });
  });

  it("an old slug link leads to the organisation's page", async () => {
    const result = await callLoader(layout.loader, "/organisations/verein-a-test/activities", {
      cookie: cookies.owner,
      params: { id: "verein-a-test" },
    });
    expect(result).toMatchObject({ status: 302, location: `/organisations/${f.orgA}/activities` });
  });

  it("IDOR: an activity id of another organisation is 404 while it is a draft, 403 once public, and nothing changes", async () => {
    for (const [eventId, expected] of [
      [f.draftOfB, 404],
      [f.publicOfB, 403],
    ] as const) {
      const params = { id: String(f.orgA), eventId: String(eventId) };
      const base = `/organisations/${f.orgA}/activities/${eventId}`;
      expect(
        (await callLoader(editPage.loader, `${base}/edit`, { cookie: cookies.owner, params })).status,
      ).toBe(expected);
      expect(
        (
          await callAction(editPage.action, `${base}/edit`, {
            cookie: cookies.owner,
            params,
            form: activityForm({ title: "Gekapert" }),
          })
        ).status,
      ).toBe(expected);
      expect(
        (
          await callAction(activityPage.action, base, {
            cookie: cookies.owner,
            params,
            form: { intent: "duplicate" },
          })
        ).status,
      ).toBe(expected);
      expect(
        (
          await callAction(cancelPage.action, `${base}/cancel`, {
            cookie: cookies.owner,
            params,
            form: { confirm: "on" },
          })
        ).status,
      ).toBe(expected);
    }
    // Through the other organisation's own URL, as a non-member: 403 at the organisation.
    const params = { id: String(f.orgB), eventId: String(f.draftOfB) };
    expect(
      (
        await callAction(editPage.action, `/organisations/${f.orgB}/activities/${f.draftOfB}/edit`, {
          cookie: cookies.owner,
          params,
          form: activityForm(),
        })
      ).status,
    ).toBe(403);
    expect(db.select().from(events).where(eq(events.id, f.draftOfB)).get()).toMatchObject({
      status: "draft",
    });
    expect(db.select().from(events).where(eq(events.id, f.publicOfB)).get()).toMatchObject({
      status: "published",
    });
  });
});

describe("the activity form without JavaScript", () => {
  it("'add a shift' answers with the typed values and one more row, and saves nothing", async () => {
    const result = await callAction(newPage.action, `/organisations/${f.orgA}/activities/new`, {
      cookie: cookies.member,
      params: { id: String(f.orgA) },
      form: activityForm({ intent: "add-shift" }),
    });
    expect(result.status).toBe(200);
    const values = (result.data as { values: Record<string, string> }).values;
    expect(values).toMatchObject({
      title: "Nähcafé",
      "shifts.0.title": "Kaffee kochen",
      "shifts.1.title": "",
    });
    expect(db.select().from(events).where(eq(events.title, "Nähcafé")).all()).toHaveLength(0);
  });

  it("a failed save answers 400 with errors by field, a good one creates a draft with its shift", async () => {
    const params = { id: String(f.orgA) };
    const bad = await callAction(newPage.action, `/organisations/${f.orgA}/activities/new`, {
      cookie: cookies.member,
      params,
      form: activityForm({ "shifts.0.neededCount": "0", endsAt: "" }),
    });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors).toMatchObject({
      endsAt: "events:errors.required",
      "shifts.0.neededCount": "events:errors.neededMin",
    });
    const good = await callAction(newPage.action, `/organisations/${f.orgA}/activities/new`, {
      cookie: cookies.member,
      params,
      form: activityForm(),
    });
    expect(good.status).toBe(302);
    const id = Number(/activities\/(\d+)$/.exec(good.location ?? "")?.[1]);
    expect(await noticesOf(good)).toEqual([{ key: "events:manage.notices.created" }]);
    expect(db.select().from(events).where(eq(events.id, id)).get()).toMatchObject({
      organisationId: f.orgA,
      status: "draft",
      title: "Nähcafé",
    });
    expect(
      db
        .select()
        .from(shifts)
        .where(eq(shifts.eventId, id))
        .all()
        .map((s) => s.title),
    ).toEqual(["Kaffee kochen"]);
  });
});

describe("sign-ups as the organisation sees them", () => {
  it("lists confirmed, waitlist in order and cancelled; cancelling a confirmed one promotes the first in line", async () => {
    const shift = createShift(db, {
      eventId: f.eventOfA,
      startsAt: new Date(Date.now() + 4 * DAY),
      neededCount: 1,
    });
    const people = [0, 1, 2].map(() => createVolunteer(db).user);
    const ids = people.map((p) => {
      const r = signUpForShift(db, { shiftId: shift.id, volunteerId: p.id, confirmOverCap: true });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.signupId;
    });
    const params = { id: String(f.orgA), eventId: String(f.eventOfA) };
    const path = `/organisations/${f.orgA}/activities/${f.eventOfA}`;
    const page = await callLoader(activityPage.loader, path, { cookie: cookies.member, params });
    const view = (
      page.data as {
        activity: { shifts: { id: number; confirmed: { id: number }[]; waitlisted: { id: number }[] }[] };
      }
    ).activity.shifts.find((s) => s.id === shift.id)!;
    expect(view.confirmed.map((s) => s.id)).toEqual([ids[0]]);
    expect(view.waitlisted.map((s) => s.id)).toEqual([ids[1], ids[2]]);

    const cancelled = await callAction(activityPage.action, path, {
      cookie: cookies.member,
      params,
      form: { intent: "cancel-signup", signupId: String(ids[0]) },
    });
    expect(cancelled.location).toBe(path);
    expect(await noticesOf(cancelled)).toEqual([{ key: "events:manage.notices.signupCancelledPromoted" }]);
    expect(
      db
        .select({ status: signups.status })
        .from(signups)
        .where(eq(signups.shiftId, shift.id))
        .orderBy(signups.id)
        .all()
        .map((r) => r.status),
    ).toEqual(["cancelled", "confirmed", "waitlisted"]);
    // Attendance can't be marked before the shift has started.
    const early = await callAction(activityPage.action, path, {
      cookie: cookies.member,
      params,
      form: { intent: "present", signupId: String(ids[1]) },
    });
    expect(early.status).toBe(409);
    // A sign-up of another organisation's shift is not found through this page.
    const foreignShift = createShift(db, { eventId: f.publicOfB, startsAt: new Date(Date.now() + 6 * DAY) });
    const foreign = signUpForShift(db, {
      shiftId: foreignShift.id,
      volunteerId: people[0]!.id,
      confirmOverCap: true,
    });
    if (!foreign.ok) throw new Error("sign-up failed");
    const idor = await callAction(activityPage.action, path, {
      cookie: cookies.member,
      params,
      form: { intent: "cancel-signup", signupId: String(foreign.signupId) },
    });
    expect(idor.status).toBe(404);
    expect(db.select().from(signups).where(eq(signups.id, foreign.signupId)).get()?.status).toBe("confirmed");
  });
});
