/** Needs, offers and matches for the volunteer-side tests (the shared factories cover people and shifts). */
import { matches, needLanguages, needs, needSlots, offers } from "@db/schema";
import type { Db } from "@db/client";
import type { Language } from "@db/schema/enums";

const HOUR = 3_600_000;

export function createNeed(
  db: Db,
  values: {
    categoryId: number;
    neighbourhoodId: number;
    languages?: Language[];
    slots?: [number, number, number][];
  } & Partial<typeof needs.$inferInsert>,
) {
  const { languages = ["ar"], slots = [], ...rest } = values;
  const startsAt = rest.startsAt ?? new Date(Date.now() + 48 * HOUR);
  const need = db
    .insert(needs)
    .values({
      title: "Begleitung zum Amt",
      description: "Eine Familie braucht Begleitung zum Bürgeramt.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      ...rest,
    })
    .returning()
    .get();
  if (languages.length > 0)
    db.insert(needLanguages)
      .values(languages.map((language) => ({ needId: need.id, language })))
      .run();
  if (slots.length > 0) {
    db.insert(needSlots)
      .values(
        slots.map(([weekday, startMinute, endMinute]) => ({
          needId: need.id,
          weekday,
          startMinute,
          endMinute,
        })),
      )
      .run();
  }
  return need;
}

export function createRawOffer(db: Db, values: Partial<typeof offers.$inferInsert> & { categoryId: number }) {
  return db
    .insert(offers)
    .values({ title: "Ich helfe gern", ...values })
    .returning()
    .get();
}

export function createMatch(
  db: Db,
  values: { needId: number; offerId: number } & Partial<typeof matches.$inferInsert>,
) {
  return db
    .insert(matches)
    .values({ status: "accepted", score: 80, proposedAt: new Date(Date.now() - 10 * 24 * HOUR), ...values })
    .returning()
    .get();
}
