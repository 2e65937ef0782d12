import {
  categories,
  coordinatorNeighbourhoods,
  events,
  hoursLog,
  matches,
  needs,
  offerNeighbourhoods,
  offers,
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
    .values({
      slug: `quartier-${n}`,
      name: `Quartier ${n}`,
      municipality: "Gelsenkirchen",
      lat: 51.5 + n / 1000,
      lon: 7.1,
      ...overrides,
    })
    .returning()
    .get();
}

export function createCategory(db: Db, overrides: Partial<typeof categories.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(categories)
    .values({ slug: `kategorie_${n}`, name: `Kategorie ${n}`, ...overrides })
    .returning()
    .get();
}

export function createUser(db: Db, overrides: Partial<typeof users.$inferInsert> & { role?: UserRole } = {}) {
  const n = next();
  return db
    .insert(users)
    .values({
      id: `user-${n}-${Math.random().toString(36).slice(2, 8)}`,
      email: `person${n}@beispiel.test`,
      emailVerifiedAt: new Date(),
      passwordHash: UNUSABLE_PASSWORD_HASH,
      displayName: `Person ${n}`,
      ...overrides,
    })
    .returning()
    .get();
}

export function createVolunteer(
  db: Db,
  overrides: {
    user?: Partial<typeof users.$inferInsert>;
    profile?: Partial<typeof volunteerProfiles.$inferInsert>;
  } = {},
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
    .values({
      slug: `verein-${n}`,
      name: `Verein ${n} e.V.`,
      kind: "sports_club",
      verifiedAt: new Date(0),
      ...values,
    })
    .returning()
    .get();
  if (ownerId)
    db.insert(memberships).values({ organisationId: organisation.id, userId: ownerId, role: "owner" }).run();
  return organisation;
}

/** A published activity (of a new verified organisation unless one is given), tomorrow from 17 to 19 h. */
export function createEvent(db: Db, overrides: Partial<typeof events.$inferInsert> = {}) {
  const n = next();
  const startsAt = overrides.startsAt ?? new Date(Date.now() + DAY);
  const categoryId = overrides.categoryId ?? createCategory(db).id;
  const neighbourhoodId = overrides.neighbourhoodId ?? createNeighbourhood(db).id;
  const organisationId =
    overrides.organisationId === undefined ? createOrganisation(db).id : overrides.organisationId;
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

export function createShift(
  db: Db,
  overrides: Partial<typeof shifts.$inferInsert> & { eventId?: number } = {},
) {
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

/**
 * A need row (no languages, no slots): for tests about what is counted, not about the form.
 * `createdAt` is the moment it was recorded; it starts a week after that unless `startsAt` is given.
 */
export function createNeed(
  db: Db,
  values: Partial<typeof needs.$inferInsert> & { categoryId: number; neighbourhoodId: number },
) {
  const n = next();
  const createdAt = values.createdAt ?? new Date();
  const startsAt = values.startsAt ?? new Date(createdAt.getTime() + 7 * DAY);
  const closed = values.status === "closed" || values.status === "cancelled";
  return db
    .insert(needs)
    .values({
      title: `Bedarf ${n}`,
      description: "Begleitung zu einem Termin.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      closedAt: closed ? (values.closedAt ?? createdAt) : null,
      ...values,
      createdAt,
      updatedAt: createdAt,
    })
    .returning()
    .get();
}

/** An active offer of a volunteer (or, with `organisationId`, of an organisation), serving the given neighbourhoods. */
export function createOffer(
  db: Db,
  values: Partial<typeof offers.$inferInsert> & { categoryId: number; neighbourhoodIds?: number[] },
) {
  const n = next();
  const { neighbourhoodIds = [], ...rest } = values;
  const offer = db
    .insert(offers)
    .values({
      title: `Angebot ${n}`,
      volunteerId: rest.organisationId ? null : (rest.volunteerId ?? createVolunteer(db).user.id),
      ...rest,
    })
    .returning()
    .get();
  if (neighbourhoodIds.length) {
    db.insert(offerNeighbourhoods)
      .values(neighbourhoodIds.map((neighbourhoodId) => ({ offerId: offer.id, neighbourhoodId })))
      .run();
  }
  return offer;
}

/** A match of a need and an offer with the given status and times (respondedAt for answered ones). */
export function createMatch(
  db: Db,
  values: Partial<typeof matches.$inferInsert> & { needId: number; offerId: number | null },
) {
  const proposedAt = values.proposedAt ?? new Date();
  return db
    .insert(matches)
    .values({ score: 70, ...values, proposedAt })
    .returning()
    .get();
}

/** An hours entry (source "other" unless given); `confirmed: true` sets confirmed_at. */
export function createHoursEntry(
  db: Db,
  values: Partial<typeof hoursLog.$inferInsert> & {
    volunteerId: string;
    date: string;
    hours: number;
    confirmed?: boolean;
  },
) {
  const { confirmed, ...rest } = values;
  return db
    .insert(hoursLog)
    .values({ source: "other", confirmedAt: confirmed ? new Date() : null, ...rest })
    .returning()
    .get();
}
