import {
  categories,
  coordinatorNeighbourhoods,
  events,
  memberships,
  neighbourhoods,
  organisations,
  shifts,
  users,
  volunteerProfiles,
} from "@db/schema";
import type { Db } from "@db/client";
import type { UserRole } from "@db/schema/enums";

// Factories for tests: every call makes unique values, overrides set what a test cares about.
let counter = 0;
const next = () => ++counter;

/** A hash that never verifies: tests that log in use a real hash from password.server.ts. */
export const UNUSABLE_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$unusable$unusable";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function createNeighbourhood(db: Db, overrides: Partial<typeof neighbourhoods.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(neighbourhoods)
    .values({ slug: `quartier-${n}`, name: `Quartier ${n}`, municipality: "Gelsenkirchen", lat: 51.5 + n / 1000, lon: 7.1, ...overrides })
    .returning()
    .get();
}

export function createCategory(db: Db, overrides: Partial<typeof categories.$inferInsert> = {}) {
  const n = next();
  return db.insert(categories).values({ slug: `kategorie_${n}`, name: `Kategorie ${n}`, ...overrides }).returning().get();
}

export function createUser(db: Db, overrides: Partial<typeof users.$inferInsert> & { role?: UserRole } = {}) {
  const n = next();
  return db
    .insert(users)
    .values({
      id: `user-${n}-${Math.random().toString(36).slice(2, 8)}`,
      email: `person${n}@beispiel.test`,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      displayName: `Person ${n}`,
      ...overrides,
    })
    .returning()
    .get();
}

export function createVolunteer(
  db: Db,
  overrides: { user?: Partial<typeof users.$inferInsert>; profile?: Partial<typeof volunteerProfiles.$inferInsert> } = {},
) {
  const user = createUser(db, { role: "volunteer", ...overrides.user });
  const profile = db
    .insert(volunteerProfiles)
    .values({ userId: user.id, hoursCapPerWeek: 10, ...overrides.profile })
    .returning()
    .get();
  return { user, profile };
}

export function createCoordinator(db: Db, neighbourhoodIds: number[]) {
  const user = createUser(db, { role: "coordinator" });
  for (const neighbourhoodId of neighbourhoodIds) {
    db.insert(coordinatorNeighbourhoods).values({ userId: user.id, neighbourhoodId }).run();
  }
  return user;
}

export function createOrganisation(
  db: Db,
  overrides: Partial<typeof organisations.$inferInsert> & { ownerId?: string } = {},
) {
  const n = next();
  const { ownerId, ...values } = overrides;
  const organisation = db
    .insert(organisations)
    .values({ slug: `verein-${n}`, name: `Verein ${n} e.V.`, kind: "sports_club", verifiedAt: new Date(0), ...values })
    .returning()
    .get();
  if (ownerId) db.insert(memberships).values({ organisationId: organisation.id, userId: ownerId, role: "owner" }).run();
  return organisation;
}

/** A published activity (of a new verified organisation unless one is given), tomorrow from 17 to 19 h. */
export function createEvent(db: Db, overrides: Partial<typeof events.$inferInsert> = {}) {
  const n = next();
  const startsAt = overrides.startsAt ?? new Date(Date.now() + DAY);
  const categoryId = overrides.categoryId ?? createCategory(db).id;
  const neighbourhoodId = overrides.neighbourhoodId ?? createNeighbourhood(db).id;
  const organisationId = overrides.organisationId === undefined ? createOrganisation(db).id : overrides.organisationId;
  return db
    .insert(events)
    .values({
      title: `Aktivität ${n}`,
      description: "Wir treffen uns und machen etwas zusammen.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      status: "published",
      publishedAt: new Date(),
      ...overrides,
      organisationId,
      categoryId,
      neighbourhoodId,
    })
    .returning()
    .get();
}

export function createShift(db: Db, overrides: Partial<typeof shifts.$inferInsert> & { eventId?: number } = {}) {
  const n = next();
  const event = overrides.eventId ? undefined : createEvent(db);
  const startsAt = overrides.startsAt ?? event?.startsAt ?? new Date(Date.now() + DAY);
  return db
    .insert(shifts)
    .values({
      title: `Schicht ${n}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      neededCount: 2,
      ...overrides,
      eventId: overrides.eventId ?? event!.id,
    })
    .returning()
    .get();
}
