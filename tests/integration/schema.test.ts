import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@db/client";
import {
  appSettings,
  categories,
  events,
  hoursLog,
  memberships,
  needs,
  neighbourhoods,
  offers,
  organisations,
  sessions,
  shifts,
  signups,
  users,
} from "@db/schema";
import { createTempDb, sqliteErrorOf, type TempDb } from "../helpers/db";

// The schema is the last line of defence for the domain's invariants: these tests prove each one is
// enforced by SQLite itself, whatever code (or hand-written SQL) writes the row.

const START = new Date("2026-03-14T09:00:00Z");
const END = new Date("2026-03-14T12:00:00Z");

let temp: TempDb;
let db: Db;

beforeEach(() => {
  temp = createTempDb();
  db = temp.db;
});
afterEach(() => temp.cleanup());

/** Raw SQL, for values TypeScript would not even let us write (unknown enum values, wrong types). */
function exec(sql: string, ...params: unknown[]): void {
  db.$client.prepare(sql).run(...params);
}

let sequence = 0;
function addUser(): string {
  sequence += 1;
  const id = `user-${sequence}`;
  db.insert(users)
    .values({
      id,
      email: `person${sequence}@example.org`,
      passwordHash: "x",
      displayName: `Person ${sequence}`,
    })
    .run();
  return id;
}

function addPlaces(): { categoryId: number; neighbourhoodId: number } {
  const category = db.insert(categories).values({ slug: "care", name: "Care" }).returning().get();
  const neighbourhood = db
    .insert(neighbourhoods)
    .values({ slug: "altstadt", name: "Altstadt", municipality: "Gelsenkirchen", lat: 51.51, lon: 7.1 })
    .returning()
    .get();
  return { categoryId: category.id, neighbourhoodId: neighbourhood.id };
}

function addOrganisation(): number {
  return db.insert(organisations).values({ slug: "tafel", name: "Tafel", kind: "welfare" }).returning().get()
    .id;
}

function addEventWithShift(): { eventId: number; shiftId: number; organisationId: number } {
  const { categoryId, neighbourhoodId } = addPlaces();
  const organisationId = addOrganisation();
  const event = db
    .insert(events)
    .values({
      organisationId,
      categoryId,
      neighbourhoodId,
      title: "Sommerfest",
      startsAt: START,
      endsAt: END,
    })
    .returning()
    .get();
  const shift = db
    .insert(shifts)
    .values({ eventId: event.id, title: "Aufbau", startsAt: START, endsAt: END, neededCount: 2 })
    .returning()
    .get();
  return { eventId: event.id, shiftId: shift.id, organisationId };
}

describe("foreign keys", () => {
  it("rejects a shift of an event that doesn't exist", () => {
    expect(
      sqliteErrorOf(() =>
        db
          .insert(shifts)
          .values({ eventId: 999, title: "Aufbau", startsAt: START, endsAt: END, neededCount: 1 })
          .run(),
      ),
    ).toMatch(/FOREIGN KEY constraint failed/);
  });

  it("rejects a membership of a user who doesn't exist", () => {
    const organisationId = addOrganisation();
    expect(
      sqliteErrorOf(() => db.insert(memberships).values({ organisationId, userId: "nobody" }).run()),
    ).toMatch(/FOREIGN KEY constraint failed/);
  });
});

describe("CHECK constraints", () => {
  it("keeps a shift's confirmed count within 0…needed", () => {
    const { shiftId } = addEventWithShift();
    expect(
      sqliteErrorOf(() => db.update(shifts).set({ confirmedCount: 3 }).where(eq(shifts.id, shiftId)).run()),
    ).toMatch(/CHECK constraint failed: shifts_confirmed_capacity/);
    expect(
      sqliteErrorOf(() => db.update(shifts).set({ confirmedCount: -1 }).where(eq(shifts.id, shiftId)).run()),
    ).toMatch(/CHECK constraint failed: shifts_confirmed_capacity/);
    // Exactly full is allowed.
    db.update(shifts).set({ confirmedCount: 2 }).where(eq(shifts.id, shiftId)).run();
  });

  it("rejects negative and zero counts", () => {
    const { eventId } = addEventWithShift();
    expect(
      sqliteErrorOf(() =>
        db
          .insert(shifts)
          .values({ eventId, title: "Abbau", startsAt: START, endsAt: END, neededCount: 0 })
          .run(),
      ),
    ).toMatch(/CHECK constraint failed: shifts_needed_range/);
    expect(
      sqliteErrorOf(() =>
        db.update(events).set({ participantPlaces: -1 }).where(eq(events.id, eventId)).run(),
      ),
    ).toMatch(/CHECK constraint failed: events_places/);
    expect(
      sqliteErrorOf(() => db.update(events).set({ costCents: -100 }).where(eq(events.id, eventId)).run()),
    ).toMatch(/CHECK constraint failed: events_cost_nonneg/);
  });

  it("rejects an event that ends at or before its start", () => {
    const { categoryId, neighbourhoodId } = addPlaces();
    const organisationId = addOrganisation();
    const event = { organisationId, categoryId, neighbourhoodId, title: "Fest" };
    expect(
      sqliteErrorOf(() =>
        db
          .insert(events)
          .values({ ...event, startsAt: START, endsAt: START })
          .run(),
      ),
    ).toMatch(/CHECK constraint failed: events_window/);
    expect(
      sqliteErrorOf(() =>
        db
          .insert(events)
          .values({ ...event, startsAt: END, endsAt: START })
          .run(),
      ),
    ).toMatch(/CHECK constraint failed: events_window/);
  });

  it("rejects values outside the enums", () => {
    const { eventId, shiftId } = addEventWithShift();
    const userId = addUser();
    expect(sqliteErrorOf(() => exec("update events set status = 'archived' where id = ?", eventId))).toMatch(
      /CHECK constraint failed: events_status_check/,
    );
    expect(
      sqliteErrorOf(() =>
        exec("insert into signups (shift_id, volunteer_id, status) values (?, ?, 'maybe')", shiftId, userId),
      ),
    ).toMatch(/CHECK constraint failed: signups_status_check/);
    expect(sqliteErrorOf(() => exec("update users set role = 'superuser' where id = ?", userId))).toMatch(
      /CHECK constraint failed: users_role_check/,
    );
    expect(sqliteErrorOf(() => exec("update users set locale = 'fr' where id = ?", userId))).toMatch(
      /CHECK constraint failed: users_locale_check/,
    );
  });

  it("requires an offer to have exactly one owner: a volunteer or an organisation", () => {
    const { categoryId } = addPlaces();
    const volunteerId = addUser();
    const organisationId = addOrganisation();
    expect(
      sqliteErrorOf(() =>
        db.insert(offers).values({ volunteerId, organisationId, categoryId, title: "Begleitung" }).run(),
      ),
    ).toMatch(/CHECK constraint failed: offers_one_owner/);
    expect(sqliteErrorOf(() => db.insert(offers).values({ categoryId, title: "Begleitung" }).run())).toMatch(
      /CHECK constraint failed: offers_one_owner/,
    );
    db.insert(offers).values({ volunteerId, categoryId, title: "Begleitung" }).run();
    db.insert(offers).values({ organisationId, categoryId, title: "Fahrdienst" }).run();
  });

  it("requires hours_log.date to be a real ISO date", () => {
    const volunteerId = addUser();
    const entry = { volunteerId, hours: 2, source: "other" as const };
    for (const date of ["2026-02-30", "2026-2-03", "2026-02-03T10:00", "2026-02"]) {
      expect(
        sqliteErrorOf(() =>
          db
            .insert(hoursLog)
            .values({ ...entry, date })
            .run(),
        ),
        date,
      ).toMatch(/CHECK constraint failed: hours_log_date_format/);
    }
    db.insert(hoursLog)
      .values({ ...entry, date: "2026-02-28" })
      .run();
  });

  // For a string that isn't a date at all (a German "03.02.2026"!) date(x) is NULL; the CHECK uses
  // `date(x) is x` because a CHECK that evaluates to NULL passes.
  it("rejects a 10-character hours_log.date that is no date at all", () => {
    const volunteerId = addUser();
    for (const date of ["03.02.2026", "not-a-date"]) {
      expect(
        sqliteErrorOf(() =>
          db.insert(hoursLog).values({ volunteerId, hours: 2, source: "other", date }).run(),
        ),
        date,
      ).toMatch(/CHECK constraint failed: hours_log_date_format/);
    }
  });

  it("requires a positive number of hours", () => {
    const volunteerId = addUser();
    for (const hours of [0, -1.5]) {
      expect(
        sqliteErrorOf(() =>
          db.insert(hoursLog).values({ volunteerId, hours, source: "other", date: "2026-02-28" }).run(),
        ),
      ).toMatch(/CHECK constraint failed: hours_log_hours_range/);
    }
  });

  it("keeps app_settings to its one row", () => {
    expect(db.select().from(appSettings).all()).toHaveLength(1);
    expect(sqliteErrorOf(() => db.insert(appSettings).values({ id: 2 }).run())).toMatch(
      /CHECK constraint failed: app_settings_single_row/,
    );
  });
});

describe("live sign-ups (partial unique index)", () => {
  it("rejects a second live sign-up of the same volunteer on the same shift", () => {
    const { shiftId } = addEventWithShift();
    const volunteerId = addUser();
    db.insert(signups).values({ shiftId, volunteerId, status: "confirmed" }).run();
    expect(
      sqliteErrorOf(() => db.insert(signups).values({ shiftId, volunteerId, status: "waitlisted" }).run()),
    ).toMatch(/UNIQUE constraint failed: signups\.shift_id, signups\.volunteer_id/);
  });

  it("allows a new sign-up after a cancelled one", () => {
    const { shiftId } = addEventWithShift();
    const volunteerId = addUser();
    const cancelled = { shiftId, volunteerId, status: "cancelled" as const, cancelledAt: START };
    db.insert(signups).values(cancelled).run();
    db.insert(signups).values(cancelled).run();
    db.insert(signups).values({ shiftId, volunteerId, status: "confirmed" }).run();
    expect(db.select().from(signups).where(eq(signups.volunteerId, volunteerId)).all()).toHaveLength(3);
  });
});

describe("ON DELETE behaviour", () => {
  it("deleting a user removes their sessions and sign-ups but keeps their hours, anonymised", () => {
    const { shiftId } = addEventWithShift();
    const volunteerId = addUser();
    const otherId = addUser();
    db.insert(sessions).values({ id: "session-1", userId: volunteerId, expiresAt: 4_000_000_000 }).run();
    const signup = db.insert(signups).values({ shiftId, volunteerId, status: "confirmed" }).returning().get();
    db.insert(signups).values({ shiftId, volunteerId: otherId, status: "confirmed" }).run();
    const hours = db
      .insert(hoursLog)
      .values({ volunteerId, signupId: signup.id, source: "shift", date: "2026-03-14", hours: 3 })
      .returning()
      .get();

    db.delete(users).where(eq(users.id, volunteerId)).run();

    expect(db.select().from(sessions).where(eq(sessions.userId, volunteerId)).all()).toEqual([]);
    expect(
      db
        .select()
        .from(signups)
        .all()
        .map((s) => s.volunteerId),
    ).toEqual([otherId]);
    const kept = db.select().from(hoursLog).where(eq(hoursLog.id, hours.id)).get();
    expect(kept).toMatchObject({ volunteerId: null, signupId: null, hours: 3, date: "2026-03-14" });
  });

  it("refuses to delete a category that a need uses", () => {
    const { categoryId, neighbourhoodId } = addPlaces();
    db.insert(needs)
      .values({
        categoryId,
        neighbourhoodId,
        title: "Einkaufshilfe",
        description: "",
        startsAt: START,
        endsAt: END,
      })
      .run();
    expect(sqliteErrorOf(() => db.delete(categories).where(eq(categories.id, categoryId)).run())).toMatch(
      /FOREIGN KEY constraint failed/,
    );
  });
});

describe("openDatabase", () => {
  it("sets the connection PRAGMAs", () => {
    const connection = openDatabase(temp.path);
    try {
      const pragma = (name: string) => connection.$client.pragma(name, { simple: true });
      expect(pragma("journal_mode")).toBe("wal");
      expect(pragma("foreign_keys")).toBe(1);
      expect(pragma("synchronous")).toBe(1); // NORMAL
      expect(pragma("busy_timeout")).toBe(5000);
    } finally {
      closeDatabase(connection);
    }
  });
});
