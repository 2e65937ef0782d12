import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, matches, needLanguages, needs, needSlots } from "@db/schema";
import { NeedFormSchema } from "~/modules/needs/need.schema";
import { parseNeedFilter } from "~/modules/needs/need-filter.schema";
import { needToFormValues } from "~/modules/needs/need-form-values";
import { createNeed, finishNeed, updateNeed } from "~/modules/needs/commands.server";
import { getNeedDetail, listNeeds } from "~/modules/needs/queries.server";
import { zonedTimeToInstant } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
} from "../factories";
import { authUserOf, statusThrownBy } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { insertNeed, insertOffer, needInput } from "./coordination-fixture";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const nextYear = new Date().getFullYear() + 1;

/** What the browser posts for a valid one-off need, as strings. */
function formValues(overrides: Record<string, unknown> = {}) {
  return {
    categoryId: "3",
    neighbourhoodId: "7",
    organisationId: "",
    title: "Begleitung zum Jobcenter",
    description: "Eine Familie braucht Begleitung zu einem Termin im Jobcenter. Bitte auf Arabisch erklären.",
    languages: ["ar", "de"],
    helpersNeeded: "2",
    urgency: "high",
    schedule: "one_off",
    date: `${nextYear}-03-12`,
    startTime: "15:00",
    endTime: "16:30",
    requiresCertificate: "on",
    genderPreference: "female",
    ...overrides,
  };
}

function errorsOf(values: Record<string, unknown>): Record<string, string> {
  const result = NeedFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("NeedFormSchema", () => {
  it("turns a valid one-off need into typed input with Berlin wall-clock instants", () => {
    const result = NeedFormSchema.parse(formValues());
    expect(result).toMatchObject({
      categoryId: 3,
      neighbourhoodId: 7,
      organisationId: null,
      languages: ["ar", "de"],
      helpersNeeded: 2,
      urgency: "high",
      requiresCertificate: true,
      genderPreference: "female",
    });
    expect(result.schedule).toEqual({
      kind: "one_off",
      startsAt: zonedTimeToInstant(nextYear, 3, 12, 15, 0),
      endsAt: zonedTimeToInstant(nextYear, 3, 12, 16, 30),
    });
  });

  it("names the field and the reason for each mistake (i18n keys)", () => {
    expect(
      errorsOf(
        formValues({
          categoryId: "",
          title: "Hi",
          languages: [],
          helpersNeeded: "0",
          urgency: "sofort",
          endTime: "14:00",
        }),
      ),
    ).toEqual({
      categoryId: "needs:errors.category",
      title: "needs:errors.titleTooShort",
      languages: "needs:errors.languages",
      helpersNeeded: "needs:errors.helpers",
      urgency: "needs:errors.urgency",
      endTime: "needs:errors.timeOrder",
    });
  });

  it("accepts a single language from a plain form post and a checkbox from react-hook-form", () => {
    const result = NeedFormSchema.parse(formValues({ languages: "uk", requiresCertificate: true }));
    expect(result.languages).toEqual(["uk"]);
    expect(result.requiresCertificate).toBe(true);
    expect(NeedFormSchema.parse(formValues({ requiresCertificate: undefined })).requiresCertificate).toBe(
      false,
    );
  });

  it.each([
    [
      "description",
      "Bitte die Familie unter 0170 1234567 anrufen, sie wartet auf Hilfe.",
      "needs:errors.personalData.phone",
    ],
    [
      "description",
      "Die Mutter ist per Mail an familie.h@example.org erreichbar, bitte melden.",
      "needs:errors.personalData.email",
    ],
    [
      "description",
      "Das Kind ist geboren am 03.04.2015 und braucht Hilfe in der Schule.",
      "needs:errors.personalData.birthdate",
    ],
    ["title", "Umzugshilfe Bahnhofstraße 12", "needs:errors.personalData.address"],
  ])("refuses personal data in the %s with an explanation next to it", (field, text, key) => {
    expect(errorsOf(formValues({ [field]: text }))).toEqual({ [field]: key });
  });

  it("needs a period and at least one complete weekly slot for a recurring need", () => {
    expect(
      errorsOf(
        formValues({
          schedule: "recurring",
          periodStart: `${nextYear}-02-01`,
          periodEnd: `${nextYear}-01-01`,
        }),
      ),
    ).toEqual({
      periodEnd: "needs:errors.periodOrder",
      slot1Day: "needs:errors.slotRequired",
    });
    expect(
      errorsOf(
        formValues({
          schedule: "recurring",
          periodStart: `${nextYear}-01-01`,
          periodEnd: `${nextYear}-03-31`,
          slot2Day: "1",
          slot2From: "16:00",
        }),
      ),
    ).toEqual({ slot2To: "needs:errors.time" });
    const ok = NeedFormSchema.parse(
      formValues({
        schedule: "recurring",
        periodStart: `${nextYear}-01-01`,
        periodEnd: `${nextYear}-03-31`,
        slot1Day: "1",
        slot1From: "16:00",
        slot1To: "17:30",
      }),
    );
    expect(ok.schedule).toEqual({
      kind: "recurring",
      startsAt: zonedTimeToInstant(nextYear, 1, 1),
      endsAt: zonedTimeToInstant(nextYear, 4, 1),
      slots: [{ weekday: 1, startMinute: 960, endMinute: 1050 }],
    });
  });

  it("round-trips a stored need through its edit form values", () => {
    const input = NeedFormSchema.parse(
      formValues({
        schedule: "recurring",
        periodStart: `${nextYear}-06-01`,
        periodEnd: `${nextYear}-08-31`,
        slot1Day: "3",
        slot1From: "09:15",
        slot1To: "10:00",
      }),
    );
    const stored = {
      ...input,
      schedule: input.schedule.kind,
      startsAt: input.schedule.startsAt,
      endsAt: input.schedule.endsAt,
      slots: input.schedule.kind === "recurring" ? input.schedule.slots : [],
    };
    expect(NeedFormSchema.parse(needToFormValues(stored))).toEqual(input);
  });
});

describe("need commands", () => {
  function setup() {
    const { db } = temp;
    const nb = createNeighbourhood(db);
    const otherNb = createNeighbourhood(db);
    const category = createCategory(db);
    const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
    return { db, nb, otherNb, category, coordinator };
  }

  it("records a need in the coordinator's scope with its languages and an audit row without its text", () => {
    const { db, nb, category, coordinator } = setup();
    const result = createNeed(
      db,
      coordinator,
      needInput({ categoryId: category.id, neighbourhoodId: nb.id, languages: ["ar", "de"] }),
    );
    expect(result.ok).toBe(true);
    const id = result.ok ? result.value.id : 0;
    expect(db.select().from(needs).where(eq(needs.id, id)).get()).toMatchObject({
      status: "open",
      createdBy: coordinator.id,
      closedAt: null,
    });
    expect(
      db
        .select()
        .from(needLanguages)
        .where(eq(needLanguages.needId, id))
        .all()
        .map((l) => l.language)
        .sort(),
    ).toEqual(["ar", "de"]);
    const audit = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "need.created",
      entityType: "need",
      actorId: coordinator.id,
      neighbourhoodId: nb.id,
    });
    expect(JSON.stringify(audit[0]?.details)).not.toContain("Jobcenter");
  });

  it("refuses a neighbourhood outside the coordinator's scope and writes nothing", () => {
    const { db, otherNb, category, coordinator } = setup();
    const result = createNeed(
      db,
      coordinator,
      needInput({ categoryId: category.id, neighbourhoodId: otherNb.id }),
    );
    expect(result).toEqual({
      ok: false,
      errors: { neighbourhoodId: "needs:errors.neighbourhoodOutOfScope" },
    });
    expect(db.select().from(needs).all()).toHaveLength(0);
    expect(db.select().from(auditEvents).all()).toHaveLength(0);
  });

  it("refuses an appointment that is already over", () => {
    const { db, nb, category, coordinator } = setup();
    const past = Date.now() - 86_400_000;
    const result = createNeed(
      db,
      coordinator,
      needInput({
        categoryId: category.id,
        neighbourhoodId: nb.id,
        schedule: { kind: "one_off", startsAt: past, endsAt: past + 3_600_000 },
      }),
    );
    expect(result).toEqual({ ok: false, errors: { date: "needs:errors.datePast" } });
  });

  it("lets organisation members record needs for their own organisation only", () => {
    const { db, nb, category } = setup();
    const memberRow = createUser(db, { role: "org_member" });
    const own = createOrganisation(db, { ownerId: memberRow.id });
    const foreign = createOrganisation(db);
    const member = authUserOf(db, memberRow.id);
    expect(
      createNeed(
        db,
        member,
        needInput({ categoryId: category.id, neighbourhoodId: nb.id, organisationId: own.id }),
      ).ok,
    ).toBe(true);
    expect(
      createNeed(
        db,
        member,
        needInput({ categoryId: category.id, neighbourhoodId: nb.id, organisationId: foreign.id }),
      ),
    ).toEqual({
      ok: false,
      errors: { organisationId: "needs:errors.organisation" },
    });
    expect(createNeed(db, member, needInput({ categoryId: category.id, neighbourhoodId: nb.id }))).toEqual({
      ok: false,
      errors: { organisationId: "needs:errors.organisationRequired" },
    });
  });

  it("edits a need, audits the changed fields and replaces its slots", () => {
    const { db, nb, category, coordinator } = setup();
    const created = createNeed(
      db,
      coordinator,
      needInput({ categoryId: category.id, neighbourhoodId: nb.id }),
    );
    const id = created.ok ? created.value.id : 0;
    const startsAt = zonedTimeToInstant(nextYear, 1, 1);
    const endsAt = zonedTimeToInstant(nextYear, 3, 1);
    const result = updateNeed(
      db,
      coordinator,
      id,
      needInput({
        categoryId: category.id,
        neighbourhoodId: nb.id,
        urgency: "urgent",
        title: "Begleitung zum Jobcenter, jede Woche",
        schedule: {
          kind: "recurring",
          startsAt,
          endsAt,
          slots: [{ weekday: 2, startMinute: 600, endMinute: 660 }],
        },
      }),
    );
    expect(result.ok).toBe(true);
    expect(db.select().from(needSlots).where(eq(needSlots.needId, id)).all()).toHaveLength(1);
    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, String(id)), eq(auditEvents.action, "need.updated")))
      .get();
    const details = audit?.details as { changed: Record<string, unknown>; textChanged: string[] };
    expect(Object.keys(details.changed).sort()).toEqual(["endsAt", "schedule", "startsAt", "urgency"]);
    expect(details.textChanged).toEqual(["title"]);
    expect(getNeedDetail(db, id)).toMatchObject({
      urgency: "urgent",
      schedule: "recurring",
      slots: [{ weekday: 2, startMinute: 600, endMinute: 660 }],
    });
  });

  it("answers 404 to a coordinator of another neighbourhood and to members of other organisations (IDOR)", () => {
    const { db, nb, otherNb, category } = setup();
    const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id });
    const stranger = authUserOf(db, createCoordinator(db, [otherNb.id]).id);
    const memberRow = createUser(db, { role: "org_member" });
    createOrganisation(db, { ownerId: memberRow.id });
    const member = authUserOf(db, memberRow.id);
    const volunteer = authUserOf(db, createUser(db, { role: "volunteer" }).id);
    const input = needInput({ categoryId: category.id, neighbourhoodId: nb.id });
    for (const user of [stranger, member, volunteer]) {
      expect(statusThrownBy(() => updateNeed(db, user, need.id, input))).toBe(404);
      expect(statusThrownBy(() => finishNeed(db, user, need.id, { intent: "cancel", note: "" }))).toBe(404);
    }
    expect(db.select().from(needs).where(eq(needs.id, need.id)).get()?.status).toBe("open");
  });

  it("cancelling ends every live match; closing waits for running matches, then withdraws proposals", () => {
    const { db, nb, category, coordinator } = setup();
    const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id, helpersNeeded: 3 });
    const other = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id, helpersNeeded: 3 });
    const offerIds = [1, 2].map(
      () =>
        insertOffer(db, {
          categoryId: category.id,
          neighbourhoodIds: [nb.id],
          volunteerId: createUser(db).id,
        }).id,
    );
    const insertMatch = (needId: number, offerId: number, status: "proposed" | "active") =>
      db.insert(matches).values({ needId, offerId, status, score: 50, proposedAt: new Date() }).run();
    insertMatch(need.id, offerIds[0]!, "proposed");
    insertMatch(need.id, offerIds[1]!, "active");
    insertMatch(other.id, offerIds[0]!, "proposed");
    insertMatch(other.id, offerIds[1]!, "active");

    expect(finishNeed(db, coordinator, need.id, { intent: "cancel", note: "" })).toEqual({
      ok: true,
      value: { id: need.id, status: "cancelled" },
    });
    // Someone is still helping on `other`: closing would leave them "active" on a finished need.
    expect(finishNeed(db, coordinator, other.id, { intent: "close", note: "Alles erledigt" })).toEqual({
      ok: false,
      errors: { form: "needs:errors.runningMatches" },
    });
    db.update(matches)
      .set({ status: "completed", completedAt: new Date() })
      .where(and(eq(matches.needId, other.id), eq(matches.status, "active")))
      .run();
    expect(finishNeed(db, coordinator, other.id, { intent: "close", note: "Alles erledigt" }).ok).toBe(true);
    const statuses = (needId: number) =>
      db
        .select({ s: matches.status })
        .from(matches)
        .where(eq(matches.needId, needId))
        .all()
        .map((m) => m.s)
        .sort();
    expect(statuses(need.id)).toEqual(["ended", "ended"]);
    expect(statuses(other.id)).toEqual(["completed", "ended"]);
    expect(db.select().from(needs).where(eq(needs.id, need.id)).get()).toMatchObject({
      status: "cancelled",
      closedAt: expect.any(Date),
    });
    expect(finishNeed(db, coordinator, need.id, { intent: "close", note: "" })).toEqual({
      ok: false,
      errors: { form: "needs:errors.finished" },
    });
    expect(
      db
        .select({ a: auditEvents.action })
        .from(auditEvents)
        .all()
        .map((a) => a.a)
        .sort(),
    ).toEqual(["match.ended", "match.ended", "match.ended", "need.cancelled", "need.closed"]);
  });
});

describe("listNeeds", () => {
  it("shows only the scope, filters, pages, and runs the same number of queries for any page size", () => {
    const { db } = temp;
    const [mine, theirs] = [createNeighbourhood(db), createNeighbourhood(db)];
    const category = createCategory(db);
    const coordinator = authUserOf(db, createCoordinator(db, [mine!.id]).id);
    for (let i = 0; i < 25; i++)
      insertNeed(db, {
        categoryId: category.id,
        neighbourhoodId: mine!.id,
        title: `Bedarf Nummer ${i}`,
        languages: i % 5 === 0 ? ["uk"] : ["ar"],
      });
    insertNeed(db, { categoryId: category.id, neighbourhoodId: theirs!.id, title: "Fremder Bedarf" });
    // Mixed urgencies and start times, so the order across the two pages is tested.
    db.$client
      .prepare(
        `UPDATE needs SET urgency = CASE id % 4 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' WHEN 2 THEN 'normal' ELSE 'low' END,
           starts_at = starts_at + (id % 3) * 3600000, ends_at = ends_at + (id % 3) * 3600000`,
      )
      .run();

    const count = (fn: () => unknown) => {
      const spy = vi.spyOn(db.$client, "prepare");
      fn();
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const page1 = listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams()).filter);
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(20);
    expect(page1.pageCount).toBe(2);
    expect(page1.items.every((n) => n.neighbourhoodName === mine!.name)).toBe(true);
    // Most urgent first, then the earliest start, then the newest: page 2 continues page 1.
    const page2 = listNeeds(db, coordinator, { ...parseNeedFilter(new URLSearchParams()).filter, page: 2 });
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
    const shown = [...page1.items, ...page2.items];
    const expected = [...shown].sort(
      (a, b) => rank[a.urgency] - rank[b.urgency] || a.startsAt - b.startsAt || b.id - a.id,
    );
    expect(shown.map((n) => n.id)).toEqual(expected.map((n) => n.id));
    expect(new Set(shown.map((n) => n.id)).size).toBe(25);

    const uk = listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams("language=uk")).filter);
    expect(uk.total).toBe(5);
    expect(uk.items.every((n) => n.languages.includes("uk"))).toBe(true);
    expect(
      listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams("q=Nummer%2012")).filter).items.map(
        (n) => n.title,
      ),
    ).toEqual(["Bedarf Nummer 12"]);
    expect(listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams("q=100%25")).filter).total).toBe(0);
    expect(
      listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams(`neighbourhood=${theirs!.id}`)).filter)
        .total,
    ).toBe(0);

    const small = count(() =>
      listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams("language=uk")).filter),
    );
    const large = count(() => listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams()).filter));
    expect(small).toBe(large);
    // The count, the page's ids (from the covering index), the page's details: never per need.
    expect(large).toBeLessThanOrEqual(3);
  });

  it("reports an invalid filter field and keeps the others", () => {
    const { filter, errors } = parseNeedFilter(new URLSearchParams("status=bogus&urgency=high&page=-3"));
    expect(filter).toMatchObject({ status: "todo", urgency: "high", page: 1 });
    expect(errors).toEqual({ status: "needs:filter.errors.unknown", page: "needs:filter.errors.page" });
  });
});
