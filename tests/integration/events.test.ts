import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  emailOutbox,
  eventLanguages,
  events,
  eventTranslations,
  memberships,
  notifications,
  shifts,
  signups,
} from "@db/schema";
import {
  ActivityFormSchema,
  toActivityInput,
  toLocalDateTimeInput,
  type ActivityInput,
} from "~/modules/events/activity.schema";
import {
  cancelActivity,
  duplicateActivity,
  publishActivity,
  unpublishActivity,
} from "~/modules/events/status-commands.server";
import { createActivity, saveTranslations, updateActivity } from "~/modules/events/commands.server";
import { getManagedActivity, listOrganisationActivities } from "~/modules/events/queries.server";
import { validateNestedFormData } from "~/utils/nested-form";
import {
  addOrganisationPlace,
  removeOrganisationPlace,
} from "~/modules/organisations/organisation-places.server";
import { cancelSignup, signUpForShift } from "~/modules/signups/signups.server";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

function formData(values: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(values))
    for (const v of Array.isArray(value) ? value : [value]) fd.append(key, v);
  return fd;
}

/** A week from now at 17:00 Berlin time, as the form's datetime-local value and the instant. */
function at(daysAhead: number, hour: number, minute = 0) {
  const base = new Date(Date.now() + daysAhead * DAY);
  const date = toLocalDateTimeInput(base.getTime()).slice(0, 10);
  return `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function setup() {
  const { db } = temp;
  const owner = createUser(db, { role: "org_member" });
  const organisation = createOrganisation(db, { ownerId: owner.id });
  const category = createCategory(db);
  const nb = createNeighbourhood(db);
  return { db, owner, organisation, category, nb };
}

function validForm(s: ReturnType<typeof setup>, overrides: Record<string, string | string[]> = {}) {
  return {
    title: "Fußball für Kinder",
    description: "Wir spielen Fußball. Alle Kinder sind willkommen. Bringen Sie Turnschuhe mit.",
    originalLanguage: "de",
    categoryId: String(s.category.id),
    neighbourhoodId: String(s.nb.id),
    place: "Sporthalle Bochumer Straße",
    startsAt: at(7, 17),
    endsAt: at(7, 19),
    languages: ["de", "ar"],
    accessibility: "ebenerdig",
    targetGroup: "Kinder von 8 bis 12",
    cost: "2,50",
    participantPlaces: "20",
    participantsRegistered: "",
    "shifts.0.id": "",
    "shifts.0.title": "Aufbau",
    "shifts.0.startsAt": at(7, 16),
    "shifts.0.endsAt": at(7, 17),
    "shifts.0.neededCount": "2",
    "shifts.1.id": "",
    "shifts.1.title": "Training begleiten",
    "shifts.1.startsAt": at(7, 17),
    "shifts.1.endsAt": at(7, 19),
    "shifts.1.neededCount": "1",
    "shifts.1.requiresCertificate": "on",
    "shifts.2.id": "",
    "shifts.2.title": "",
    "shifts.2.startsAt": "",
    "shifts.2.endsAt": "",
    "shifts.2.neededCount": "",
    ...overrides,
  };
}

function inputOf(values: Record<string, string | string[]>): ActivityInput {
  const result = validateNestedFormData(formData(values), ActivityFormSchema);
  if (!result.success) throw new Error(`form rejected: ${JSON.stringify(result.errors)}`);
  return toActivityInput(result.data);
}

function publishedActivityWithShift(s: ReturnType<typeof setup>, neededCount = 1) {
  const input = inputOf(
    validForm(s, {
      "shifts.0.neededCount": String(neededCount),
      "shifts.1.title": "",
      "shifts.1.startsAt": "",
      "shifts.1.endsAt": "",
      "shifts.1.neededCount": "",
      "shifts.1.requiresCertificate": [],
    }),
  );
  const created = createActivity(s.db, { organisationId: s.organisation.id, userId: s.owner.id }, input);
  if (!created.ok) throw new Error("create failed");
  expect(publishActivity(s.db, { eventId: created.eventId, organisationId: s.organisation.id }).ok).toBe(
    true,
  );
  const shift = s.db.select().from(shifts).where(eq(shifts.eventId, created.eventId)).get()!;
  return {
    eventId: created.eventId,
    shift,
    scope: { eventId: created.eventId, organisationId: s.organisation.id },
  };
}

describe("an activity's place", () => {
  it("may be one of the organisation's places in the activity's neighbourhood, nothing else", () => {
    const s = setup();
    const place = (organisationId: number, neighbourhoodId: number) =>
      addOrganisationPlace(s.db, organisationId, {
        name: "Vereinsheim",
        street: "Hauptstraße 1",
        postcode: "45879",
        neighbourhoodId: String(neighbourhoodId),
      });
    const ours = place(s.organisation.id, s.nb.id);
    const elsewhere = place(s.organisation.id, createNeighbourhood(s.db).id);
    const theirs = place(createOrganisation(s.db).id, s.nb.id);
    if (!ours.ok || !elsewhere.ok || !theirs.ok) throw new Error("places not added");
    const scope = { organisationId: s.organisation.id, userId: s.owner.id };

    const created = createActivity(s.db, scope, inputOf(validForm(s, { placeId: String(ours.id) })));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(s.db.select().from(events).where(eq(events.id, created.eventId)).get()?.placeId).toBe(ours.id);
    expect(
      getManagedActivity(s.db, { eventId: created.eventId, organisationId: s.organisation.id }),
    ).toMatchObject({ placeId: ours.id });

    for (const [id, error] of [
      [theirs.id, "events:errors.choose"],
      [elsewhere.id, "events:errors.placeNeighbourhood"],
    ] as const) {
      const before = s.db.select().from(events).all().length;
      const refused = createActivity(s.db, scope, inputOf(validForm(s, { placeId: String(id) })));
      expect(refused).toEqual({ ok: false, errors: { placeId: error } });
      expect(s.db.select().from(events).all()).toHaveLength(before);
    }
    // A removed place leaves the activity with its label and no place.
    expect(removeOrganisationPlace(s.db, s.organisation.id, ours.id)).toBe(true);
    expect(s.db.select().from(events).where(eq(events.id, created.eventId)).get()?.placeId).toBeNull();
  });

  it("rejects a place id that is not a number, next to the field", () => {
    const s = setup();
    const result = validateNestedFormData(formData(validForm(s, { placeId: "1; drop" })), ActivityFormSchema);
    expect(result).toMatchObject({ success: false, errors: { placeId: expect.any(String) } });
  });
});

describe("createActivity", () => {
  it("stores a draft with its languages and the filled shift rows (empty rows ignored), times in Berlin", () => {
    const s = setup();
    const input = inputOf(validForm(s));
    const result = createActivity(s.db, { organisationId: s.organisation.id, userId: s.owner.id }, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = s.db.select().from(events).where(eq(events.id, result.eventId)).get()!;
    expect(event).toMatchObject({
      status: "draft",
      organisationId: s.organisation.id,
      createdBy: s.owner.id,
      costCents: 250,
      participantPlaces: 20,
    });
    expect(toLocalDateTimeInput(event.startsAt.getTime())).toBe(at(7, 17));
    const langs = s.db
      .select()
      .from(eventLanguages)
      .where(eq(eventLanguages.eventId, result.eventId))
      .all()
      .map((l) => l.language)
      .sort();
    expect(langs).toEqual(["ar", "de"]);
    const rows = s.db.select().from(shifts).where(eq(shifts.eventId, result.eventId)).all();
    expect(rows.map((r) => [r.title, r.neededCount, r.requiresCertificate])).toEqual([
      ["Aufbau", 2, false],
      ["Training begleiten", 1, true],
    ]);
  });

  it("reports each problem under its field's name, nested shift fields included", () => {
    const s = setup();
    const result = validateNestedFormData(
      formData(
        validForm(s, {
          title: "",
          endsAt: at(7, 16),
          languages: [],
          cost: "zwei Euro",
          participantsRegistered: "30",
          "shifts.0.endsAt": at(7, 15),
          "shifts.1.startsAt": at(12, 17),
          "shifts.1.endsAt": at(12, 18),
          "shifts.1.neededCount": "0",
        }),
      ),
      ActivityFormSchema,
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors).toMatchObject({
      title: "events:errors.titleShort",
      endsAt: "events:errors.endAfterStart",
      languages: "events:errors.languagesRequired",
      cost: "events:errors.cost",
      participantsRegistered: "events:errors.registeredOverPlaces",
      "shifts.0.endsAt": "events:errors.endAfterStart",
      "shifts.1.neededCount": "events:errors.neededMin",
    });
    // The values come back as typed, for the form to show again without JavaScript.
    expect(result.values["shifts.1.startsAt"]).toBe(at(12, 17));
  });

  it("keeps shifts within a day of the activity and within 12 hours, and asks for an end date of a weekly series", () => {
    const s = setup();
    const far = validateNestedFormData(
      formData(validForm(s, { "shifts.1.startsAt": at(10, 17), "shifts.1.endsAt": at(10, 18) })),
      ActivityFormSchema,
    );
    expect(far.success === false && far.errors["shifts.1.startsAt"]).toBe(
      "events:errors.shiftOutsideActivity",
    );
    const long = validateNestedFormData(
      formData(validForm(s, { "shifts.0.startsAt": at(7, 6), "shifts.0.endsAt": at(7, 19) })),
      ActivityFormSchema,
    );
    expect(long.success === false && long.errors["shifts.0.endsAt"]).toBe("events:errors.shiftTooLong");
    const weekly = validateNestedFormData(formData(validForm(s, { weekly: "on" })), ActivityFormSchema);
    expect(weekly.success === false && weekly.errors.recurrenceUntil).toBe("events:errors.untilRequired");
    // In a weekly series a shift may lie in a later week, up to the last occurrence.
    const series = validateNestedFormData(
      formData(
        validForm(s, {
          weekly: "on",
          recurrenceUntil: at(40, 0).slice(0, 10),
          "shifts.1.startsAt": at(21, 17),
          "shifts.1.endsAt": at(21, 19),
        }),
      ),
      ActivityFormSchema,
    );
    expect(series.success).toBe(true);
  });

  it("refuses an unknown category with a field error and writes nothing", () => {
    const s = setup();
    const input = inputOf(validForm(s, { categoryId: "999999" }));
    const result = createActivity(s.db, { organisationId: s.organisation.id, userId: s.owner.id }, input);
    expect(result).toEqual({ ok: false, errors: { categoryId: "events:errors.choose" } });
    expect(s.db.select().from(events).all()).toHaveLength(0);
  });
});

describe("updateActivity", () => {
  it("refuses a needed count below the confirmed volunteers and removing a shift with sign-ups, naming the row", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 2);
    for (let i = 0; i < 2; i++)
      expect(signUpForShift(s.db, { shiftId: shift.id, volunteerId: createVolunteer(s.db).user.id }).ok).toBe(
        true,
      );
    const base = validForm(s, {
      "shifts.0.id": String(shift.id),
      "shifts.0.neededCount": "1",
      "shifts.1.title": "",
      "shifts.1.startsAt": "",
      "shifts.1.endsAt": "",
      "shifts.1.neededCount": "",
      "shifts.1.requiresCertificate": [],
    });
    const below = updateActivity(s.db, scope, inputOf(base));
    expect(below).toEqual({
      ok: false,
      errors: { "shifts.0.neededCount": "events:errors.neededBelowConfirmed" },
    });
    const removal = updateActivity(
      s.db,
      scope,
      inputOf({ ...base, "shifts.0.neededCount": "2", "shifts.0.remove": "on" }),
    );
    expect(removal).toEqual({ ok: false, errors: { "shifts.0.remove": "events:errors.shiftHasSignups" } });
    expect(s.db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.neededCount).toBe(2);
  });

  it("promotes the waitlist when places are added, and tells everyone signed up when the time changes", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 1);
    const people = [0, 1, 2].map(() => createVolunteer(s.db).user.id);
    for (const id of people) signUpForShift(s.db, { shiftId: shift.id, volunteerId: id });
    const form = validForm(s, {
      "shifts.0.id": String(shift.id),
      "shifts.0.neededCount": "2",
      "shifts.1.title": "",
      "shifts.1.startsAt": "",
      "shifts.1.endsAt": "",
      "shifts.1.neededCount": "",
      "shifts.1.requiresCertificate": [],
      startsAt: at(7, 17, 30),
    });
    const result = updateActivity(s.db, scope, inputOf(form));
    expect(result).toEqual({ ok: true, notified: 3, promoted: 1, flagged: 0, changedShift: null });
    const statuses = s.db
      .select({ v: signups.volunteerId, status: signups.status })
      .from(signups)
      .orderBy(signups.id)
      .all();
    expect(statuses.map((r) => r.status)).toEqual(["confirmed", "confirmed", "waitlisted"]);
    expect(s.db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(2);
    const kinds = s.db
      .select({ userId: notifications.userId, kind: notifications.kind })
      .from(notifications)
      .all();
    expect(kinds.filter((k) => k.kind === "waitlist_promoted").map((k) => k.userId)).toEqual([people[1]]);
    expect(
      kinds
        .filter((k) => k.kind === "event_changed")
        .map((k) => k.userId)
        .sort(),
    ).toEqual([...people].sort());
  });

  it("dropping a shift's certificate requirement gives its free place to the waitlisted volunteer without one", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 1);
    const holder = createVolunteer(s.db, {
      profile: {
        certificateValidUntil: zonedIsoDate(Date.now() + 400 * DAY),
        certificateVerifiedAt: new Date(),
      },
    }).user;
    const lacking = createVolunteer(s.db).user;
    const first = signUpForShift(s.db, { shiftId: shift.id, volunteerId: holder.id });
    expect(signUpForShift(s.db, { shiftId: shift.id, volunteerId: lacking.id })).toMatchObject({
      ok: true,
      status: "waitlisted",
    });
    const edit = (requiresCertificate: string[] | string) =>
      inputOf(
        validForm(s, {
          "shifts.0.id": String(shift.id),
          "shifts.0.neededCount": "1",
          "shifts.0.requiresCertificate": requiresCertificate,
          "shifts.1.title": "",
          "shifts.1.startsAt": "",
          "shifts.1.endsAt": "",
          "shifts.1.neededCount": "",
          "shifts.1.requiresCertificate": [],
        }),
      );
    expect(updateActivity(s.db, scope, edit("on"), Date.now(), s.owner.id)).toMatchObject({ ok: true });
    // The holder leaves: the place stays free, the next in line has no certificate.
    if (!first.ok) throw new Error("sign-up failed");
    expect(
      cancelSignup(s.db, { signupId: first.signupId, volunteerId: holder.id }, notifySignupChange),
    ).toEqual({ ok: true, promoted: null });
    expect(s.db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(0);

    // The same number of places, the requirement gone: the place goes to the waitlist.
    expect(updateActivity(s.db, scope, edit([]), Date.now(), s.owner.id)).toMatchObject({
      ok: true,
      promoted: 1,
    });
    expect(
      s.db
        .select({ v: signups.volunteerId, status: signups.status })
        .from(signups)
        .where(eq(signups.volunteerId, lacking.id))
        .get(),
    ).toEqual({ v: lacking.id, status: "confirmed" });
    expect(s.db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(1);
    // Told as every promotion from a waitlist is (notifySignupChange: inbox and link to the commitments).
    const told = s.db
      .select({ kind: notifications.kind, link: notifications.link })
      .from(notifications)
      .where(eq(notifications.userId, lacking.id))
      .all();
    expect(told.filter((n) => n.kind === "waitlist_promoted")).toEqual([
      { kind: "waitlist_promoted", link: COMMITMENTS_PATH },
    ]);
  });

  it("turning on “certificate required” keeps the sign-ups and flags those without one to both sides", () => {
    const s = setup();
    const member = createUser(s.db, { role: "org_member" });
    s.db
      .insert(memberships)
      .values({ organisationId: s.organisation.id, userId: member.id, role: "member" })
      .run();
    const { shift, scope } = publishedActivityWithShift(s, 2);
    const lacking = createVolunteer(s.db).user;
    const holding = createVolunteer(s.db, {
      profile: {
        certificateValidUntil: zonedIsoDate(Date.now() + 400 * DAY),
        certificateVerifiedAt: new Date(),
      },
    }).user;
    for (const v of [lacking, holding]) signUpForShift(s.db, { shiftId: shift.id, volunteerId: v.id });
    const form = validForm(s, {
      "shifts.0.id": String(shift.id),
      "shifts.0.neededCount": "2",
      "shifts.0.requiresCertificate": "on",
      "shifts.1.title": "",
      "shifts.1.startsAt": "",
      "shifts.1.endsAt": "",
      "shifts.1.neededCount": "",
      "shifts.1.requiresCertificate": [],
    });
    expect(updateActivity(s.db, scope, inputOf(form), Date.now(), s.owner.id)).toMatchObject({
      ok: true,
      flagged: 1,
    });
    expect(s.db.select({ status: signups.status }).from(signups).all()).toEqual([
      { status: "confirmed" },
      { status: "confirmed" },
    ]);
    const signupsOfShift = getManagedActivity(s.db, scope)!.shifts[0]!.confirmed;
    expect(signupsOfShift.map((x) => [x.volunteerId, x.certificateMissing])).toEqual([
      [lacking.id, true],
      [holding.id, false],
    ]);
    const told = s.db
      .select({ userId: notifications.userId, kind: notifications.kind })
      .from(notifications)
      .all();
    expect(told.filter((n) => n.kind === "signup_certificate_missing").map((n) => n.userId)).toEqual([
      lacking.id,
    ]);
    // The other member hears of it; the owner who made the change sees the marks on the page.
    expect(told.filter((n) => n.kind === "signups_certificate_missing").map((n) => n.userId)).toEqual([
      member.id,
    ]);

    // Saving again changes nothing and tells nobody twice.
    expect(updateActivity(s.db, scope, inputOf(form), Date.now(), s.owner.id)).toMatchObject({ flagged: 0 });
  });

  it("moving a shift past the date a certificate covers flags that sign-up", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 2);
    s.db.update(shifts).set({ requiresCertificate: true }).where(eq(shifts.id, shift.id)).run();
    const volunteer = createVolunteer(s.db, {
      profile: {
        certificateValidUntil: zonedIsoDate(Date.now() + 10 * DAY),
        certificateVerifiedAt: new Date(),
      },
    }).user;
    expect(signUpForShift(s.db, { shiftId: shift.id, volunteerId: volunteer.id }).ok).toBe(true);
    const form = validForm(s, {
      "shifts.0.id": String(shift.id),
      "shifts.0.neededCount": "2",
      "shifts.0.requiresCertificate": "on",
      "shifts.0.startsAt": at(14, 16),
      "shifts.0.endsAt": at(14, 17),
      startsAt: at(14, 17),
      endsAt: at(14, 19),
      "shifts.1.title": "",
      "shifts.1.startsAt": "",
      "shifts.1.endsAt": "",
      "shifts.1.neededCount": "",
      "shifts.1.requiresCertificate": [],
    });
    expect(updateActivity(s.db, scope, inputOf(form))).toMatchObject({ ok: true, flagged: 1 });
    expect(
      s.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(eq(notifications.kind, "signups_certificate_missing"))
        .all(),
    ).toEqual([{ userId: s.owner.id }]);
  });

  it("cannot touch another organisation's activity (ownership in the where)", () => {
    const s = setup();
    const { scope } = publishedActivityWithShift(s);
    const other = createOrganisation(s.db);
    const foreign = { eventId: scope.eventId, organisationId: other.id };
    const input = inputOf(validForm(s, { title: "Gekapert" }));
    expect(updateActivity(s.db, foreign, input)).toMatchObject({ ok: false, status: 404 });
    expect(cancelActivity(s.db, foreign)).toMatchObject({ ok: false, status: 404 });
    expect(duplicateActivity(s.db, foreign, s.owner.id)).toMatchObject({ ok: false, status: 404 });
    expect(unpublishActivity(s.db, foreign)).toMatchObject({ ok: false, status: 404 });
    expect(getManagedActivity(s.db, foreign)).toBeNull();
    expect(s.db.select().from(events).where(eq(events.id, scope.eventId)).get()).toMatchObject({
      title: "Fußball für Kinder",
      status: "published",
    });
  });
});

describe("publish, unpublish, duplicate, cancel", () => {
  it("publishes a draft once, and withdraws it only while nobody has signed up", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s);
    expect(publishActivity(s.db, scope)).toMatchObject({
      ok: false,
      errors: { form: "events:errors.notDraft" },
    });
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: createVolunteer(s.db).user.id });
    expect(unpublishActivity(s.db, scope)).toMatchObject({
      ok: false,
      errors: { form: "events:errors.unpublishHasSignups" },
    });
  });

  it("refuses to publish an activity that is over", () => {
    const s = setup();
    const input = inputOf(validForm(s));
    const created = createActivity(
      s.db,
      { organisationId: s.organisation.id, userId: s.owner.id },
      { ...input, startsAt: Date.now() - 3 * DAY, endsAt: Date.now() - 3 * DAY + HOUR, shifts: [] },
    );
    if (!created.ok) throw new Error("create failed");
    expect(
      publishActivity(s.db, { eventId: created.eventId, organisationId: s.organisation.id }),
    ).toMatchObject({ ok: false, errors: { form: "events:errors.publishPast" } });
  });

  it("duplicates as a draft with languages, translations and shifts, without sign-ups", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 3);
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: createVolunteer(s.db).user.id });
    saveTranslations(s.db, scope, {
      translations: { en: { title: "Football for children", description: "We play football." } },
    });
    const copy = duplicateActivity(s.db, scope, s.owner.id);
    expect(copy.ok).toBe(true);
    if (!copy.ok) return;
    const managed = getManagedActivity(s.db, { eventId: copy.eventId, organisationId: s.organisation.id })!;
    expect(managed).toMatchObject({ status: "draft", title: "Fußball für Kinder", languages: ["ar", "de"] });
    // A person's translation is copied as one (a machine draft would stay marked).
    expect(managed.translations).toEqual([
      {
        locale: "en",
        title: "Football for children",
        description: "We play football.",
        machineTranslated: false,
      },
    ]);
    expect(
      managed.shifts.map((x) => ({
        title: x.title,
        needed: x.neededCount,
        confirmed: x.confirmedCount,
        people: x.confirmed.length,
      })),
    ).toEqual([{ title: "Aufbau", needed: 3, confirmed: 0, people: 0 }]);
  });

  it("cancels: every confirmed and waitlisted volunteer is notified in the same transaction, sign-ups end, places free", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 1);
    const confirmed = createVolunteer(s.db).user;
    const waiting = createVolunteer(s.db).user;
    const gone = createVolunteer(s.db).user;
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: confirmed.id });
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: waiting.id });
    const goneSignup = signUpForShift(s.db, { shiftId: shift.id, volunteerId: gone.id });
    if (goneSignup.ok) cancelSignup(s.db, { signupId: goneSignup.signupId, volunteerId: gone.id });

    const result = cancelActivity(s.db, scope);
    expect(result).toEqual({ ok: true, notified: 2 });
    expect(s.db.select().from(events).where(eq(events.id, scope.eventId)).get()?.status).toBe("cancelled");
    const rows = s.db
      .select({ kind: notifications.kind, userId: notifications.userId, params: notifications.params })
      .from(notifications)
      .where(eq(notifications.kind, "event_cancelled"))
      .all();
    expect(rows.map((r) => r.userId).sort()).toEqual([confirmed.id, waiting.id].sort());
    expect(rows[0]!.params).toMatchObject({ eventTitle: "Fußball für Kinder" });
    // event_cancelled goes out by e-mail by default: the outbox rows were written with the change.
    expect(s.db.select().from(emailOutbox).where(eq(emailOutbox.kind, "event_cancelled")).all()).toHaveLength(
      2,
    );
    const live = s.db
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shift.id), eq(signups.status, "confirmed")))
      .all();
    expect(live).toHaveLength(0);
    expect(s.db.select().from(shifts).where(eq(shifts.id, shift.id)).get()?.confirmedCount).toBe(0);
    expect(cancelActivity(s.db, scope)).toMatchObject({
      ok: false,
      errors: { form: "events:errors.alreadyCancelled" },
    });
    // Cancelled activities are read-only.
    expect(updateActivity(s.db, scope, inputOf(validForm(s)))).toMatchObject({
      ok: false,
      errors: { form: "events:errors.cancelledReadOnly" },
    });
  });

  it("rolls the cancellation back when a notification cannot be written", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 1);
    const volunteer = createVolunteer(s.db).user;
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: volunteer.id });
    s.db.$client.exec(
      "create trigger fail_notify before insert on notifications begin select raise(abort, 'inbox down'); end",
    );
    expect(() => cancelActivity(s.db, scope)).toThrow();
    s.db.$client.exec("drop trigger fail_notify");
    expect(s.db.select().from(events).where(eq(events.id, scope.eventId)).get()?.status).toBe("published");
    expect(s.db.select().from(signups).where(eq(signups.volunteerId, volunteer.id)).get()?.status).toBe(
      "confirmed",
    );
  });
});

describe("translations and lists", () => {
  it("stores complete translations, drops emptied ones, and never one in the original language", () => {
    const s = setup();
    const { scope } = publishedActivityWithShift(s);
    saveTranslations(s.db, scope, {
      translations: {
        en: { title: "Football", description: "We play." },
        de: { title: "Fußball", description: "Doppelt" },
        uk: { title: "", description: "" },
      },
    });
    const rows = () =>
      s.db
        .select({ locale: eventTranslations.locale })
        .from(eventTranslations)
        .where(eq(eventTranslations.eventId, scope.eventId))
        .all();
    expect(rows()).toEqual([{ locale: "en" }]);
    saveTranslations(s.db, scope, { translations: { en: { title: "", description: "" } } });
    expect(rows()).toEqual([]);
  });

  it("lists the organisation's activities by state and time, with helper figures", () => {
    const s = setup();
    const { shift, scope } = publishedActivityWithShift(s, 2);
    signUpForShift(s.db, { shiftId: shift.id, volunteerId: createVolunteer(s.db).user.id });
    const draft = createActivity(
      s.db,
      { organisationId: s.organisation.id, userId: s.owner.id },
      inputOf(validForm(s, { title: "Entwurf" })),
    );
    expect(draft.ok).toBe(true);
    const upcoming = listOrganisationActivities(s.db, s.organisation.id, {
      status: "all",
      when: "upcoming",
      page: 1,
    });
    expect(upcoming.items.map((i) => i.title).sort()).toEqual(["Entwurf", "Fußball für Kinder"]);
    const published = listOrganisationActivities(s.db, s.organisation.id, {
      status: "published",
      when: "upcoming",
      page: 1,
    });
    expect(published.items).toHaveLength(1);
    expect(published.items[0]).toMatchObject({ id: scope.eventId, needed: 2, confirmed: 1, shiftCount: 1 });
    expect(
      listOrganisationActivities(s.db, s.organisation.id, { status: "all", when: "past", page: 1 }).total,
    ).toBe(0);
  });
});
