/**
 * Arrivals end to end in the modules: the plan an arrival creates (per-child steps, dates, languages,
 * urgency, scope), refusal of personal data in every field, the checklist following its needs' and
 * matches' states, the overview, the home page list, the Lagebild figures, and retention.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  appSettings,
  arrivalLanguages,
  arrivals,
  arrivalStatistics,
  arrivalSteps,
  arrivalStepStatistics,
  auditEvents,
  hoursLog,
  matches,
  needLanguages,
  needs,
  needTranslations,
  offerAvailability,
  offerLanguages,
} from "@db/schema";
import type { AgeGroup } from "@db/schema/enums";
import { ArrivalFormSchema, StepActionSchema, type ArrivalInput } from "~/modules/arrivals/arrival.schema";
import {
  assignStepToOrganisation,
  markStepDone,
  markStepNotNeeded,
} from "~/modules/arrivals/step-commands.server";
import {
  getArrivalDetail,
  defaultDoneOn,
  earliestDoneOn,
  openStepNeedIds,
} from "~/modules/arrivals/queries.server";
import { recordArrival } from "~/modules/arrivals/commands.server";
import { TemplateFormSchema } from "~/modules/arrivals/first-step-template.schema";
import { DEFAULT_TEMPLATES } from "~/modules/arrivals/default-templates";
import {
  lagebildInLanguage,
  listLagebildArrivals,
  loadArrivalsLagebild,
} from "~/modules/arrivals/lagebild.server";
import { arrivalsWaitingForHelpers, listArrivals, listStepFacts } from "~/modules/arrivals/progress.server";
import { anonymiseArrivals, monthsBefore } from "~/modules/arrivals/retention.server";
import { installDefaultTemplates, loadTemplates } from "~/modules/arrivals/templates.server";
import { cachedFigures } from "~/modules/dashboard/figure-snapshots.server";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { addDays, periodOf } from "~/modules/dashboard/periods";
import { computeBulkAssignment } from "~/modules/matches/bulk-assignment.server";
import { candidateReachStatus, prepareCandidateReach } from "~/modules/matches/candidate-reach.server";
import { endMatch, respondToMatch } from "~/modules/matches/lifecycle-commands.server";
import { insertProposals } from "~/modules/matches/proposals.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { reachScopeForNeeds, suggestForNeed } from "~/modules/matches/matching.server";
import { buildCandidateIndex, suggest } from "~/modules/matching";
import { loadProof } from "~/modules/proof/proof.server";
import { ERASED_TITLE } from "~/modules/scheduler/retention.server";
import { listVolunteerHours } from "~/modules/volunteers/hours.server";
import { getDb } from "~/utils/db.server";
import { parseWithinLimits } from "~/utils/field-limits";
import { validateFormData } from "~/utils/form-validation";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { authUserOf, statusThrownBy } from "../helpers/auth-user";
import { candidateFor, insertOffer } from "./coordination-fixture";

const DAY = 86_400_000;
const db = getDb();

let nb1: number;
let nb2: number;
let coordinator: ReturnType<typeof authUserOf>;
let outsider: ReturnType<typeof authUserOf>;
let templateIds: Record<string, number>;
let categoryIds: Record<string, number>;

const NOBODY: Record<AgeGroup, number> = { "0_2": 0, "3_5": 0, "6_17": 0, "18_64": 0, "65_plus": 0 };

function input(overrides: Partial<ArrivalInput> = {}): ArrivalInput {
  return {
    neighbourhoodId: nb1,
    arrivalDate: addDays(zonedIsoDate(Date.now()), 3),
    householdSize: 5,
    ageCounts: { ...NOBODY, "18_64": 2, "6_17": 2, "0_2": 1 },
    languages: [
      { language: "prs", level: "native" },
      { language: "en", level: "basic" },
    ],
    templateIds: [templateIds.registration!, templateIds.school!, templateIds.club!],
    note: "",
    ...overrides,
  };
}

function record(overrides: Partial<ArrivalInput> = {}, now = Date.now()) {
  const outcome = recordArrival(db, coordinator, input(overrides), now);
  if (!outcome.ok) throw new Error(`recordArrival failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.value;
}

const stepsOf = (arrivalId: number) =>
  db
    .select({ step: arrivalSteps, need: needs })
    .from(arrivalSteps)
    .innerJoin(needs, eq(needs.id, arrivalSteps.needId))
    .where(eq(arrivalSteps.arrivalId, arrivalId))
    .orderBy(arrivalSteps.id)
    .all();

beforeAll(() => {
  nb1 = createNeighbourhood(db, { name: "Hassel" }).id;
  nb2 = createNeighbourhood(db, { name: "Buer" }).id;
  categoryIds = {};
  for (const slug of [
    "everyday_help",
    "accompaniment",
    "childcare",
    "language_support",
    "interpreting",
    "sports",
  ]) {
    categoryIds[slug] = createCategory(db, { slug }).id;
  }
  const admin = createUser(db, { role: "admin" });
  expect(installDefaultTemplates(db, admin.id)).toMatchObject({ installed: 11, present: 0 });
  // A second installation of the defaults adds nothing.
  expect(installDefaultTemplates(db, admin.id)).toMatchObject({ installed: 0, present: 11 });
  const titles: Record<string, string> = {
    "Anmeldung im Bürgerbüro": "registration",
    Schulanmeldung: "school",
    "Verein oder Freizeitangebot für das Kind": "club",
    "Ankommen im Quartier": "welcome",
    "Kita-Platz suchen": "kita",
  };
  templateIds = {};
  for (const t of loadTemplates(db)) {
    const key = titles[t.texts.de!.title];
    if (key) templateIds[key] = t.id;
  }
  coordinator = authUserOf(db, createCoordinator(db, [nb1]).id);
  outsider = authUserOf(db, createCoordinator(db, [nb2]).id);
});

describe("the plan of an arrival", () => {
  it("creates one dated need per step, per child where the step is per child, linked to the arrival", () => {
    const now = Date.now();
    const { id, code, steps } = record({}, now);
    expect(code).toMatch(new RegExp(`^A-${zonedIsoDate(now).slice(0, 4)}-\\d{3}$`));
    // Registration for the household, school and club for each of the two children 6–17.
    expect(steps).toBe(5);
    const rows = stepsOf(id);
    expect(rows.map((r) => [r.step.templateId, r.step.personNumber]).sort()).toEqual(
      [
        [templateIds.registration, null],
        [templateIds.school, 1],
        [templateIds.school, 2],
        [templateIds.club, 1],
        [templateIds.club, 2],
      ].sort(),
    );
    const arrivalDate = input().arrivalDate;
    for (const { step, need } of rows) {
      expect(step.dueOn).toBe(addDays(arrivalDate, step.leadDays));
      expect(need).toMatchObject({
        neighbourhoodId: nb1,
        status: "open",
        schedule: "one_off",
        helpersNeeded: 1,
      });
      expect(need.title).toContain(code);
      expect(need.description).toContain(code);
      expect(zonedIsoDate(need.startsAt.getTime()) <= step.dueOn).toBe(true);
    }
    const school = rows.find((r) => r.step.templateId === templateIds.school && r.step.personNumber === 2)!;
    expect(school.need.title).toBe(`Schulanmeldung – ${code} (Kind 2 von 2)`);
    expect(school.need.requiresCertificate).toBe(true);
    // The household's well-spoken language (Dari), not its basic English; the club adds German.
    const languagesOf = (needId: number) =>
      db
        .select({ l: needLanguages.language })
        .from(needLanguages)
        .where(eq(needLanguages.needId, needId))
        .all()
        .map((r) => r.l)
        .sort();
    expect(languagesOf(school.need.id)).toEqual(["prs"]);
    const club = rows.find((r) => r.step.templateId === templateIds.club)!;
    expect(languagesOf(club.need.id)).toEqual(["de", "prs"]);
    // Translations from the template's texts, in the other four languages.
    const translations = db
      .select()
      .from(needTranslations)
      .where(eq(needTranslations.needId, school.need.id))
      .all();
    expect(translations.map((t) => t.locale).sort()).toEqual(["ar", "en", "tr", "uk"]);
    expect(translations.find((t) => t.locale === "en")?.title).toBe(
      `School enrolment – ${code} (child 2 of 2)`,
    );
    // Audited: the arrival and each need, without household facts in the arrival's trail.
    const trail = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "arrival"), eq(auditEvents.entityId, String(id))))
      .all();
    expect(trail).toHaveLength(1);
    expect(trail[0]!.details).toEqual({
      code,
      steps: 5,
      templates: expect.arrayContaining([templateIds.registration, templateIds.school, templateIds.club]),
    });
  });

  it("numbers codes within the year, one after the other", () => {
    const a = record().code;
    const b = record().code;
    expect(Number(b.slice(7))).toBe(Number(a.slice(7)) + 1);
  });

  it("marks steps within 72 hours urgent: an arrival today gets an urgent welcome visit", () => {
    // Recorded on Monday 11 May 2026, 08:00, for an arrival the same day.
    const now = zonedTimeToInstant(2026, 5, 11, 8, 0);
    const { id } = record(
      {
        arrivalDate: "2026-05-11",
        templateIds: [templateIds.welcome!, templateIds.registration!, templateIds.kita!],
      },
      now,
    );
    const rows = stepsOf(id);
    // The welcome visit (2 days) is on Wednesday at 15:00: 55 hours ahead, urgent.
    const welcome = rows.find((r) => r.step.templateId === templateIds.welcome)!;
    expect(welcome.need.startsAt.getTime()).toBe(zonedTimeToInstant(2026, 5, 13, 15, 0));
    expect(welcome.need.urgency).toBe("urgent");
    // The registration (7 days) on Monday 18 May at 09:00: a week and an hour ahead, normal.
    expect(rows.find((r) => r.step.templateId === templateIds.registration)!.need.urgency).toBe("normal");
    // The Kita step is per child under 6: one need for the toddler, a month later, normal.
    const kita = rows.filter((r) => r.step.templateId === templateIds.kita);
    expect(kita).toHaveLength(1);
    expect(kita[0]!.need.urgency).toBe("normal");
  });

  it("plans across month ends and daylight saving in Berlin wall-clock time", () => {
    // Recorded on 20 March 2026 for an arrival on 23 March: the registration is due Monday 30 March,
    // the day after the switch to summer time, at 09:00 in Berlin = 07:00 UTC.
    const now = zonedTimeToInstant(2026, 3, 20, 10, 0);
    const { id } = record({ arrivalDate: "2026-03-23", templateIds: [templateIds.registration!] }, now);
    const [row] = stepsOf(id);
    expect(row!.step.dueOn).toBe("2026-03-30");
    expect(row!.need.startsAt.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    // Recorded on 28 January for 29 January: the school step (14 days) is due 12 February.
    const january = record(
      { arrivalDate: "2026-01-29", templateIds: [templateIds.school!] },
      zonedTimeToInstant(2026, 1, 28, 10, 0),
    );
    expect(stepsOf(january.id).map((r) => r.step.dueOn)).toEqual(["2026-02-12", "2026-02-12"]);
  });

  it("is recorded only in the coordinator's neighbourhoods, and refuses dates out of range and steps that do not apply", () => {
    const before = db.select({ id: arrivals.id }).from(arrivals).all().length;
    const outside = recordArrival(db, outsider, input());
    expect(outside).toEqual({
      ok: false,
      errors: { neighbourhoodId: "arrivals:errors.neighbourhoodOutOfScope" },
    });
    const far = recordArrival(
      db,
      coordinator,
      input({ arrivalDate: addDays(zonedIsoDate(Date.now()), 400) }),
    );
    expect(far).toMatchObject({ ok: false, errors: { arrivalDate: "arrivals:errors.dateRange" } });
    const adultsOnly = recordArrival(
      db,
      coordinator,
      input({ householdSize: 2, ageCounts: { ...NOBODY, "18_64": 2 }, templateIds: [templateIds.school!] }),
    );
    expect(adultsOnly).toMatchObject({ ok: false, errors: { templateIds: "arrivals:errors.noStepApplies" } });
    const unknownTemplate = recordArrival(db, coordinator, input({ templateIds: [999_999] }));
    expect(unknownTemplate).toMatchObject({ ok: false, errors: { templateIds: "arrivals:errors.steps" } });
    expect(db.select({ id: arrivals.id }).from(arrivals).all()).toHaveLength(before);
  });
});

describe("personal data is refused in every field", () => {
  const valid = () => ({
    neighbourhoodId: String(nb1),
    arrivalDate: addDays(zonedIsoDate(Date.now()), 5),
    householdSize: "3",
    age0to2: "0",
    age3to5: "0",
    age6to17: "1",
    age18to64: "2",
    age65plus: "0",
    language1: "ar",
    level1: "native",
    language2: "",
    level2: "good",
    language3: "",
    level3: "good",
    language4: "",
    level4: "good",
    templateIds: [String(templateIds.registration)],
    note: "Ankunft spät am Abend.",
  });
  const check = (values: Record<string, string | string[]>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(values))
      for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    return validateFormData(form, ArrivalFormSchema);
  };

  it("accepts a plain arrival", () => {
    expect(check(valid()).success).toBe(true);
  });

  it.each([
    ["phone", "Bitte vorher 0170 1234567 anrufen."],
    ["email", "Kontakt: familie@example.org"],
    ["birthdate", "Die Tochter ist geb. 03.04.2019."],
    ["address", "Wohnt in der Bahnhofstraße 12."],
    ["name", "Familie Ahmadi kommt mit dem Bus."],
    ["nationality", "Die Familie kommt aus Afghanistan."],
    ["health", "Ein Kind braucht einen Rollstuhl."],
  ])("refuses %s in the note", (kind, note) => {
    const result = check({ ...valid(), note });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors.note).toBe(`arrivals:errors.personalData.${kind}`);
  });

  it("leaves no other field for personal data: names, birth dates or nationalities in structured fields are refused", () => {
    const cases: [string, string, string][] = [
      ["householdSize", "Familie Ahmadi", "arrivals:errors.householdSize"],
      ["age6to17", "03.04.2019", "arrivals:errors.ageCount"],
      ["arrivalDate", "1985-07-12x", "arrivals:errors.date"],
      ["language1", "syr", "arrivals:errors.language"],
      ["language1", "syrisch", "arrivals:errors.language"],
      ["level1", "Herkunft Syrien", "arrivals:errors.level"],
      ["neighbourhoodId", "Bahnhofstraße 12", "arrivals:errors.neighbourhood"],
      ["templateIds", "Schule für Amir", "arrivals:errors.steps"],
    ];
    for (const [field, value, message] of cases) {
      const result = check({ ...valid(), [field]: value });
      expect(result.success, field).toBe(false);
      if (!result.success) expect(result.errors[field], field).toBe(message);
    }
    // And the note is limited in length before any pattern runs.
    const long = parseWithinLimits(ArrivalFormSchema, { ...valid(), note: "a@".repeat(5_000) });
    expect(long.success).toBe(false);
    if (!long.success)
      expect(long.issues[0]).toMatchObject({ path: ["note"], message: "arrivals:errors.noteTooLong" });
  });

  it("refuses personal data in every text of a first-step template", () => {
    const template: Record<string, string | string[]> = {
      categoryId: String(categoryIds.accompaniment),
      leadDays: "7",
      startTime: "09:00",
      durationMinutes: "90",
      sortOrder: "10",
      usesHouseholdLanguages: "on",
      active: "on",
      titleDe: "Anmeldung",
      descriptionDe: "Begleitung zur Anmeldung im Bürgerbüro.",
    };
    for (const locale of ["De", "En", "Uk", "Ar", "Tr"]) {
      for (const kind of ["title", "description"]) {
        const field = `${kind}${locale}`;
        const values = {
          ...template,
          [`title${locale}`]: template[`title${locale}`] ?? "Termin",
          [`description${locale}`]: template[`description${locale}`] ?? "Ein Termin im Amt.",
          [field]: "Rufen Sie 0170 1234567 an",
        };
        const form = new FormData();
        for (const [k, v] of Object.entries(values))
          for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
        const result = validateFormData(form, TemplateFormSchema);
        expect(result.success, field).toBe(false);
        if (!result.success) expect(result.errors[field], field).toBe("needs:errors.personalData.phone");
      }
    }
  });
});

describe("progress follows the needs and their matches", () => {
  it("suggests today as the day a step was done, or its appointment's day once that is past", () => {
    const at = (day: string, hour: number) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
    expect(defaultDoneOn(at("2026-12-09", 9), "2026-12-07")).toBe("2026-12-07");
    expect(defaultDoneOn(at("2026-12-07", 15), "2026-12-07")).toBe("2026-12-07");
    expect(defaultDoneOn(at("2026-12-03", 9), "2026-12-07")).toBe("2026-12-03");
    // Never before the arrival and its record both: an arrival recorded late counts from its date.
    expect(earliestDoneOn("2026-11-20", at("2026-12-01", 9))).toBe("2026-11-20");
    expect(earliestDoneOn("2026-12-10", at("2026-12-01", 9))).toBe("2026-12-01");
  });

  it("open → asked → helper found → done by a volunteer's first name; not needed; overdue", () => {
    const now = Date.now();
    const { id } = record({ templateIds: [templateIds.registration!, templateIds.school!] }, now);
    const state = (at = now) =>
      Object.fromEntries(listStepFacts(db, id, zonedIsoDate(at)).map((s) => [s.stepId, s.state]));
    const [registration, school1, school2] = stepsOf(id);
    expect(Object.values(state())).toEqual(["open", "open", "open"]);

    // A volunteer is asked for the registration …
    const volunteer = createVolunteer(db, { user: { displayName: "Lena Hoffmann" } }).user;
    const offer = insertOffer(db, {
      categoryId: categoryIds.accompaniment!,
      neighbourhoodIds: [nb1],
      volunteerId: volunteer.id,
    });
    db.insert(offerLanguages).values({ offerId: offer.id, language: "prs" }).run();
    const proposed = db.transaction((tx) =>
      insertProposals(
        tx,
        coordinator,
        [{ needId: registration!.need.id, candidate: candidateFor(offer.id) }],
        "suggestion",
      ),
    );
    const matchId = proposed.created[0]!.id;
    expect(state()[registration!.step.id]).toBe("proposed");

    // … says yes: a helper is found.
    expect(
      respondToMatch(db, authUserOf(db, volunteer.id), matchId, { answer: "accept", reason: "" }).ok,
    ).toBe(true);
    expect(state()[registration!.step.id]).toBe("matched");
    expect(openStepNeedIds(db, id)).not.toContain(registration!.need.id);

    // The Bürgerbüro visit happened today, before the planned appointment. A day in the future, a day
    // before the arrival was recorded, or no date at all are refused next to the field; nothing changes.
    const appointment = registration!.need.startsAt.getTime();
    const today = zonedIsoDate(now);
    expect(zonedIsoDate(appointment) > today).toBe(true);
    const refused = (doneOn: string) =>
      markStepDone(db, coordinator, id, registration!.step.id, { doneOn }, now);
    expect(refused(addDays(today, 1))).toEqual({
      ok: false,
      errors: { doneOn: "arrivals:errors.doneOnFuture" },
    });
    expect(refused(addDays(today, -1))).toEqual({
      ok: false,
      errors: { doneOn: "arrivals:errors.doneOnBeforeRecorded" },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "done", stepId: "1", doneOn: "2026-02-30" }))
      form.append(k, v);
    const invalid = validateFormData(form, StepActionSchema);
    expect(invalid.success ? null : invalid.errors.doneOn).toBe("arrivals:errors.doneOn");
    form.set("doneOn", "9".repeat(5000));
    const long = validateFormData(form, StepActionSchema);
    expect(long.success ? null : long.errors.doneOn).toBe("arrivals:errors.doneOn");
    expect(state()[registration!.step.id]).toBe("matched");
    expect(db.select().from(hoursLog).where(eq(hoursLog.matchId, matchId)).all()).toEqual([]);
    // The day the form suggests for an appointment still ahead is today.
    expect(
      getArrivalDetail(db, id, "de", now).steps.find((s) => s.stepId === registration!.step.id)!
        .doneOnDefault,
    ).toBe(today);

    // Marked done today: the appointment moves to today (same hours), the match is completed with the
    // step's hours on that day, the need is closed.
    expect(markStepDone(db, coordinator, id, registration!.step.id, { doneOn: today }, now).ok).toBe(true);
    const moved = db
      .select({ startsAt: needs.startsAt, endsAt: needs.endsAt })
      .from(needs)
      .where(eq(needs.id, registration!.need.id))
      .get()!;
    expect(zonedIsoDate(moved.startsAt.getTime())).toBe(today);
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(
      registration!.need.endsAt.getTime() - appointment,
    );
    const wallClock = (t: number) => new Date(t).toLocaleTimeString("de-DE", { timeZone: "Europe/Berlin" });
    expect(wallClock(moved.startsAt.getTime())).toBe(wallClock(appointment));
    expect(
      db
        .select({ date: hoursLog.date, hours: hoursLog.hours, confirmed: hoursLog.confirmedAt })
        .from(hoursLog)
        .where(eq(hoursLog.matchId, matchId))
        .all(),
    ).toEqual([{ date: today, hours: expect.any(Number), confirmed: expect.any(Date) }]);
    // The volunteer's hours page and proof show them on that day.
    const hours = listVolunteerHours(db, volunteer.id, today);
    expect(hours.entries.map((e) => [e.date, e.matchId, e.confirmed])).toEqual([[today, matchId, true]]);
    const proof = loadProof(db, volunteer.id, periodOf(addDays(today, -30), today))!;
    expect(proof.months).toEqual([{ month: today.slice(0, 7), hours: hours.entries[0]!.hours, entries: 1 }]);
    // The move and the completion are in the audit log, as when done on their own pages.
    const audited = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, [String(registration!.need.id), String(matchId)]))
      .all()
      .map((a) => a.action);
    expect(audited).toEqual(expect.arrayContaining(["need.updated", "match.completed"]));

    // The checklist: done, by Lena, today.
    const detail = getArrivalDetail(db, id, "de", now);
    const done = detail.steps.find((s) => s.stepId === registration!.step.id)!;
    expect(done.state).toBe("done");
    expect(zonedIsoDate(done.doneAt!)).toBe(today);
    expect(done.helpers.map((h) => [h.name, h.status])).toEqual([["Lena", "completed"]]);
    expect(
      db.select({ status: matches.status }).from(matches).where(eq(matches.id, matchId)).get()?.status,
    ).toBe("completed");
    expect(
      db.select({ s: needs.status }).from(needs).where(eq(needs.id, registration!.need.id)).get()?.s,
    ).toBe("closed");

    // The first child's school enrolment was done by the family alone: not needed.
    expect(markStepNotNeeded(db, coordinator, id, school1!.step.id).ok).toBe(true);
    expect(state()[school1!.step.id]).toBe("cancelled");
    // A finished step cannot be finished again.
    expect(markStepDone(db, coordinator, id, school1!.step.id)).toEqual({
      ok: false,
      errors: { form: "arrivals:errors.stepFinished" },
    });

    // Past its due day without help, the second child's step is overdue.
    const afterDue = Date.parse(`${addDays(school2!.step.dueOn, 1)}T12:00:00Z`);
    expect(state(afterDue)[school2!.step.id]).toBe("overdue");
    expect(state(afterDue)[registration!.step.id]).toBe("done");

    // Someone else's coordinator can neither read nor act on the arrival.
    expect(statusThrownBy(() => markStepDone(db, outsider, id, school2!.step.id))).toBe(404);
    // A step of another arrival is not found through this one.
    const other = record({ templateIds: [templateIds.registration!] });
    expect(statusThrownBy(() => markStepDone(db, coordinator, id, stepsOf(other.id)[0]!.step.id))).toBe(404);
  });

  it("a helper who steps back puts the step back to open", () => {
    const { id } = record({ templateIds: [templateIds.registration!] });
    const [registration] = stepsOf(id);
    const volunteer = createVolunteer(db).user;
    const offer = insertOffer(db, {
      categoryId: categoryIds.accompaniment!,
      neighbourhoodIds: [nb1],
      volunteerId: volunteer.id,
    });
    const { created } = db.transaction((tx) =>
      insertProposals(
        tx,
        coordinator,
        [{ needId: registration!.need.id, candidate: candidateFor(offer.id) }],
        "bulk",
      ),
    );
    const helper = authUserOf(db, volunteer.id);
    respondToMatch(db, helper, created[0]!.id, { answer: "accept", reason: "" });
    expect(listStepFacts(db, id, zonedIsoDate(Date.now()))[0]!.state).toBe("matched");
    expect(endMatch(db, helper, created[0]!.id, "").ok).toBe(true);
    expect(listStepFacts(db, id, zonedIsoDate(Date.now()))[0]!.state).toBe("open");
  });

  it("a step can be given to an organisation that covers it itself; done shows the organisation", () => {
    const { id } = record({
      templateIds: [templateIds.club!],
      householdSize: 3,
      ageCounts: { ...NOBODY, "18_64": 2, "6_17": 1 },
    });
    const [club] = stepsOf(id);
    const owner = createUser(db, { role: "org_member" });
    const org = createOrganisation(db, { name: "SV Hassel 1919 e.V.", ownerId: owner.id });
    // The club trains in German only, at other times, and attests no certificate in the hub: as an
    // organisation covering the step itself it is still a candidate.
    const offer = insertOffer(db, {
      categoryId: categoryIds.sports!,
      neighbourhoodIds: [nb1],
      organisationId: org.id,
    });
    const detail = getArrivalDetail(db, id, "de");
    expect(detail.organisationOptions[categoryIds.sports!]?.map((o) => o.offerId)).toContain(offer.id);

    expect(assignStepToOrganisation(db, coordinator, id, club!.step.id, offer.id).ok).toBe(true);
    expect(listStepFacts(db, id, zonedIsoDate(Date.now()))[0]!.state).toBe("proposed");
    // Asking the same organisation twice is refused with the usual message.
    expect(assignStepToOrganisation(db, coordinator, id, club!.step.id, offer.id)).toMatchObject({
      ok: false,
      errors: { offerId: "matches:errors.alreadyProposed" },
    });
    const match = db.select().from(matches).where(eq(matches.needId, club!.need.id)).get()!;
    expect(respondToMatch(db, authUserOf(db, owner.id), match.id, { answer: "accept", reason: "" }).ok).toBe(
      true,
    );
    const outcome = markStepDone(db, coordinator, id, club!.step.id);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
    const done = getArrivalDetail(db, id, "de").steps[0]!;
    expect(done.state).toBe("done");
    expect(done.helpers.map((h) => [h.name, h.kind])).toEqual([["SV Hassel 1919 e.V.", "organisation"]]);
    // An unverified organisation or a volunteer's offer is not "an organisation".
    const second = record({ templateIds: [templateIds.registration!] });
    const unverified = createOrganisation(db, { verifiedAt: null });
    const unverifiedOffer = insertOffer(db, {
      categoryId: categoryIds.accompaniment!,
      neighbourhoodIds: [nb1],
      organisationId: unverified.id,
    });
    expect(
      assignStepToOrganisation(
        db,
        coordinator,
        second.id,
        stepsOf(second.id)[0]!.step.id,
        unverifiedOffer.id,
      ),
    ).toEqual({ ok: false, errors: { offerId: "arrivals:errors.organisation" } });
  });
});

describe("the overview, the home page and the Lagebild", () => {
  it("sorts arrivals by urgency, lists those waiting for a helper, and counts steps done in time", () => {
    const nb = createNeighbourhood(db, { name: "Scholven" }).id;
    const c = authUserOf(db, createCoordinator(db, [nb]).id);
    const scope = scopeOf(c);
    const now = Date.now();
    const today = zonedIsoDate(now);
    const rec = (arrivalDate: string, ids: number[], at = now) => {
      const r = recordArrival(db, c, input({ neighbourhoodId: nb, arrivalDate, templateIds: ids }), at);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.id;
    };
    // Arrived 20 days ago: registration (7 days) is overdue.
    const late = rec(addDays(today, -20), [templateIds.registration!], now - 20 * DAY);
    // Arrives in 5 days: registration without a helper yet.
    const soon = rec(addDays(today, 5), [templateIds.registration!]);
    // Arrived 10 days ago, its registration done on the fourth day: finished, in time.
    const finished = rec(addDays(today, -10), [templateIds.registration!], now - 10 * DAY);
    const finishedStep = stepsOf(finished)[0]!;
    markStepDone(db, c, finished, finishedStep.step.id, { doneOn: null }, now - 6 * DAY);
    db.update(needs)
      .set({ closedAt: new Date(Date.parse(`${addDays(today, -6)}T10:00:00Z`)) })
      .where(eq(needs.id, finishedStep.need.id))
      .run();

    const list = listArrivals(db, scope, { status: "all", page: 1 }, today);
    expect(list.items.map((a) => [a.id, a.urgency])).toEqual([
      [late, "overdue"],
      [soon, "unstaffed"],
      [finished, "finished"],
    ]);
    expect(listArrivals(db, scope, { status: "active", page: 1 }, today).items.map((a) => a.id)).toEqual([
      late,
      soon,
    ]);
    // Another coordinator's scope does not see them.
    expect(
      listArrivals(db, scopeOf(outsider), { status: "all", page: 1 }, today).items.map((a) => a.id),
    ).not.toContain(late);

    const waiting = arrivalsWaitingForHelpers(db, scope, today, 10);
    expect(waiting.items.map((w) => w.arrivalId)).toEqual([late, soon]);
    expect(waiting.total).toBe(2);

    // As the Lagebild serves them: part of the dashboard's figure snapshot.
    const lagebild = cachedFigures(db, { kind: "dashboard", scope }, now).arrivals;
    expect(lagebild).toEqual(loadArrivalsLagebild(db, scope, now));
    // Arrivals of the last 90 days: the late one and the finished one (the announced one is upcoming).
    expect(lagebild.arrivals).toBe(2);
    expect(lagebild.upcoming).toBe(1);
    // Due steps: the finished registration (in time, 4 days after arrival) and the overdue one.
    expect(lagebild.total).toMatchObject({
      due: 2,
      doneInTime: 1,
      shareInTime: 0.5,
      medianDays: 4,
      overdue: 1,
    });
    expect(lagebild.byNeighbourhood).toEqual([
      expect.objectContaining({ neighbourhoodId: nb, name: "Scholven", arrivals: 2, shareInTime: 0.5 }),
    ]);
    expect(lagebildInLanguage(lagebild, "de").byStep).toEqual([
      expect.objectContaining({
        templateId: templateIds.registration,
        title: "Anmeldung im Bürgerbüro",
        due: 2,
      }),
    ]);
    expect(lagebildInLanguage(lagebild, "uk").byStep[0]!.title).toBe(
      DEFAULT_TEMPLATES.find((t) => t.key === "registration")!.texts.uk.title,
    );
    const drill = listLagebildArrivals(db, scope, { neighbourhood: nb, page: 1 }, now);
    expect(drill.items.map((a) => [a.id, a.done, a.overdue])).toEqual([
      [finished, 1, 0],
      [late, 0, 1],
    ]);
    expect(Object.keys(drill.items[0]!).sort()).toEqual(
      [
        "arrivalDate",
        "code",
        "done",
        "doneInTime",
        "due",
        "id",
        "medianDays",
        "neighbourhoodName",
        "overdue",
        "shareInTime",
        "steps",
      ].sort(),
    );
    // One neighbourhood's days to each step: only its own steps count, whoever looks.
    const elsewhere = recordArrival(
      db,
      outsider,
      input({
        neighbourhoodId: nb2,
        arrivalDate: addDays(today, -10),
        templateIds: [templateIds.registration!],
      }),
      now - 10 * DAY,
    );
    if (!elsewhere.ok) throw new Error(JSON.stringify(elsewhere.errors));
    const elsewhereStep = stepsOf(elsewhere.value.id)[0]!;
    markStepDone(db, outsider, elsewhere.value.id, elsewhereStep.step.id, { doneOn: null }, now - 9 * DAY);
    db.update(needs)
      .set({ closedAt: new Date(Date.parse(`${addDays(today, -9)}T10:00:00Z`)) })
      .where(eq(needs.id, elsewhereStep.need.id))
      .run();
    const everywhere = { neighbourhoodIds: null };
    const here = listLagebildArrivals(db, everywhere, { neighbourhood: nb, page: 1 }, now).byStep;
    expect(here).toEqual([
      expect.objectContaining({ templateId: templateIds.registration, due: 2, done: 1, medianDays: 4 }),
    ]);
    expect(here![0]!.titles.de).toBe("Anmeldung im Bürgerbüro");
    expect(listLagebildArrivals(db, everywhere, { neighbourhood: nb2, page: 1 }, now).byStep).toEqual([
      expect.objectContaining({ templateId: templateIds.registration, due: 1, done: 1, medianDays: 1 }),
    ]);
    // Without a neighbourhood the list has none: the Lagebild shows them for the whole scope.
    expect(listLagebildArrivals(db, scope, { page: 1 }, now).byStep).toBeNull();
  });
});

describe("retention", () => {
  it("anonymises an arrival N months after its last step into statistics, and not before", () => {
    const nb = createNeighbourhood(db, { name: "Resse" }).id;
    const c = authUserOf(db, createCoordinator(db, [nb]).id);
    const start = Date.now();
    const r = recordArrival(
      db,
      c,
      input({
        neighbourhoodId: nb,
        note: "Ankunft spät am Abend.",
        templateIds: [templateIds.registration!, templateIds.school!],
      }),
      start,
    );
    if (!r.ok) throw new Error("record");
    const id = r.value.id;
    const [registration, school1, school2] = stepsOf(id);
    markStepDone(db, c, id, registration!.step.id, { doneOn: null }, start);
    markStepNotNeeded(db, c, id, school1!.step.id);
    // school2 stays open: it counts by its due day.
    db.update(appSettings).set({ retentionMonthsArrivals: 6 }).run();
    const lastDue = school2!.step.dueOn;

    // Five months after the last due day: nothing happens.
    const early = Date.parse(`${monthsBefore(lastDue, -5)}T12:00:00Z`);
    db.transaction((tx) => anonymiseArrivals(tx, early));
    expect(db.select().from(arrivals).where(eq(arrivals.id, id)).get()).toBeDefined();

    // Seven months after: the arrival becomes statistics.
    const later = Date.parse(`${monthsBefore(lastDue, -7)}T12:00:00Z`);
    expect(db.transaction((tx) => anonymiseArrivals(tx, later))).toBeGreaterThanOrEqual(1);
    expect(db.select().from(arrivals).where(eq(arrivals.id, id)).get()).toBeUndefined();
    expect(db.select().from(arrivalLanguages).where(eq(arrivalLanguages.arrivalId, id)).all()).toEqual([]);
    expect(db.select().from(arrivalSteps).where(eq(arrivalSteps.arrivalId, id)).all()).toEqual([]);
    const month = input().arrivalDate.slice(0, 7);
    expect(
      db
        .select()
        .from(arrivalStatistics)
        .where(and(eq(arrivalStatistics.neighbourhoodId, nb), eq(arrivalStatistics.month, month)))
        .get(),
    ).toMatchObject({ arrivals: 1, persons: 5, age6to17: 2, age18to64: 2, age0to2: 1 });
    const stepStats = db
      .select()
      .from(arrivalStepStatistics)
      .where(eq(arrivalStepStatistics.neighbourhoodId, nb))
      .all();
    expect(stepStats.map((s) => s.outcome).sort()).toEqual(["cancelled", "done", "open"]);
    const doneStat = stepStats.find((s) => s.outcome === "done")!;
    expect(doneStat).toMatchObject({
      templateId: templateIds.registration,
      leadDays: 7,
      doneWithinLead: true,
    });
    // The needs stay for the needs' statistics, without text; the open one is cancelled.
    const needRows = db
      .select()
      .from(needs)
      .where(inArray(needs.id, [registration!.need.id, school1!.need.id, school2!.need.id]))
      .all();
    expect(needRows.every((n) => n.title === ERASED_TITLE && n.description === "" && n.textErasedAt)).toBe(
      true,
    );
    expect(needRows.find((n) => n.id === school2!.need.id)?.status).toBe("cancelled");
    // The arrival's trail says what happened, not to which household.
    const trail = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "arrival"), eq(auditEvents.entityId, String(id))))
      .all();
    expect(trail.map((e) => e.action).sort()).toEqual(["arrival.anonymised", "arrival.created"]);
    expect(JSON.stringify(trail)).not.toContain(r.value.code);
    // The code and the note are nowhere in the database.
    const dump = db.$client.prepare("select * from arrivals").all();
    expect(JSON.stringify(dump)).not.toContain(r.value.code);
    // Running again changes nothing.
    expect(db.transaction((tx) => anonymiseArrivals(tx, later))).toBe(0);
  });
});

describe("the helpers of an arrival's steps", () => {
  it("are suggested and bulk-assigned through the reach index, exactly as a full load finds them", async () => {
    const now = Date.now();
    // Helpers who speak Arabic (insertOffer), in Hassel, any weekday 08:00–20:00; one of them far away.
    const offerIds: number[] = [];
    for (const [category, places] of [
      ["accompaniment", [nb1]],
      ["accompaniment", [nb1]],
      ["everyday_help", [nb1]],
      ["accompaniment", [nb2]],
    ] as const) {
      const volunteer = createVolunteer(db).user;
      const offer = insertOffer(db, {
        categoryId: categoryIds[category]!,
        neighbourhoodIds: [...places],
        volunteerId: volunteer.id,
      });
      db.insert(offerAvailability)
        .values(
          [0, 1, 2, 3, 4, 5].map((weekday) => ({
            offerId: offer.id,
            weekday,
            startMinute: 480,
            endMinute: 1200,
          })),
        )
        .run();
      offerIds.push(offer.id);
    }
    const { id } = record(
      {
        householdSize: 2,
        ageCounts: { ...NOBODY, "18_64": 2 },
        languages: [{ language: "ar", level: "native" }],
        templateIds: [templateIds.registration!, templateIds.welcome!],
      },
      now,
    );
    const needIds = openStepNeedIds(db, id, now);
    expect(needIds).toHaveLength(2);

    await prepareCandidateReach(db);
    expect(candidateReachStatus(db).ready).toBe(true);
    const full = loadMatchingInstance(db, {}, { now });
    const fullIndex = buildCandidateIndex(full);
    for (const needId of needIds) {
      const need = full.needs.find((n) => n.id === needId)!;
      const expected = suggest(fullIndex, need, 10);
      const served = suggestForNeed(db, needId, 10, { now })!;
      expect(served.suggestions.map(({ offer: _offer, ...candidate }) => candidate)).toEqual(expected);
      expect(served.suggestions.length).toBeGreaterThan(0);
    }

    // The arrival's bulk assignment loads only the offers that reach its needs, and finds the same.
    const scope = reachScopeForNeeds(db, needIds, now);
    expect(scope.offerIds).toBeDefined();
    expect(scope.offerIds).toEqual(expect.arrayContaining(offerIds.slice(0, 3)));
    expect(scope.offerIds!.length).toBeLessThan(full.offers.length);
    const narrow = computeBulkAssignment(db, scope, { now });
    const wide = computeBulkAssignment(db, { needIds }, { now });
    expect(narrow.exact.assigned).toBe(2);
    expect(narrow.exact.pairs).toEqual(wide.exact.pairs);
    expect(narrow.exact.total).toBe(wide.exact.total);
  });
});
