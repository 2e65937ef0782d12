/** Helpers shared by the needs, verification and match-lifecycle tests. */
import type { Db } from "@db/client";
import { needLanguages, needs, offerLanguages, offerNeighbourhoods, offers } from "@db/schema";
import type { Language } from "@db/schema/enums";
import type { ScoredCandidate } from "~/modules/matching";
import type { NeedInput } from "~/modules/needs/need.schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A valid need input: one appointment in a week, Arabic, one helper. */
export function needInput(
  overrides: Partial<NeedInput> & { categoryId: number; neighbourhoodId: number },
): NeedInput {
  const startsAt = Date.now() + 7 * DAY;
  return {
    organisationId: null,
    title: "Begleitung zum Jobcenter",
    description:
      "Eine Familie braucht Begleitung zu einem Termin. Die Begleitung erklärt auf Arabisch, was besprochen wird.",
    languages: ["ar"],
    helpersNeeded: 1,
    urgency: "normal",
    schedule: { kind: "one_off", startsAt, endsAt: startsAt + 2 * HOUR },
    requiresCertificate: false,
    genderPreference: "none",
    ...overrides,
  };
}

/** A need row written directly (for tests about what happens after recording). */
export function insertNeed(
  db: Db,
  values: {
    categoryId: number;
    neighbourhoodId: number;
    helpersNeeded?: number;
    organisationId?: number | null;
    title?: string;
    languages?: Language[];
  },
) {
  const startsAt = new Date(Date.now() + 7 * DAY);
  const need = db
    .insert(needs)
    .values({
      categoryId: values.categoryId,
      neighbourhoodId: values.neighbourhoodId,
      organisationId: values.organisationId ?? null,
      title: values.title ?? "Hilfe beim Ausfüllen eines Antrags",
      description: "Ein Antrag muss ausgefüllt werden. Gesucht ist jemand, der dabei hilft.",
      helpersNeeded: values.helpersNeeded ?? 1,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    })
    .returning()
    .get();
  db.insert(needLanguages)
    .values((values.languages ?? ["ar"]).map((language) => ({ needId: need.id, language })))
    .run();
  return need;
}

/** An active offer of a volunteer or an organisation. */
export function insertOffer(
  db: Db,
  values: {
    categoryId: number;
    neighbourhoodIds: number[];
    volunteerId?: string;
    organisationId?: number;
    capacity?: number;
    title?: string;
  },
) {
  const offer = db
    .insert(offers)
    .values({
      categoryId: values.categoryId,
      volunteerId: values.volunteerId ?? null,
      organisationId: values.organisationId ?? null,
      title: values.title ?? "Begleitung auf Arabisch",
      capacity: values.capacity ?? 2,
    })
    .returning()
    .get();
  db.insert(offerLanguages)
    .values([
      { offerId: offer.id, language: "ar" },
      { offerId: offer.id, language: "de" },
    ])
    .run();
  if (values.neighbourhoodIds.length) {
    db.insert(offerNeighbourhoods)
      .values(values.neighbourhoodIds.map((neighbourhoodId) => ({ offerId: offer.id, neighbourhoodId })))
      .run();
  }
  return offer;
}

/** A candidate as the engine returns it, with plausible components. */
export function candidateFor(offerId: number, score = 72): ScoredCandidate {
  const reason = { key: "language.shared", params: { languages: ["ar"] } };
  return {
    offerId,
    score,
    distanceKm: 1.2,
    reasons: [reason],
    components: [
      { key: "language", value: 1, weight: 0.25, contribution: 25, reason },
      {
        key: "distance",
        value: 0.88,
        weight: 0.2,
        contribution: 17.6,
        reason: { key: "distance.km", params: { km: 1.2 } },
      },
      {
        key: "availability",
        value: 0.5,
        weight: 0.2,
        contribution: 10,
        reason: { key: "availability.when", params: { when: ["1_afternoon"] } },
      },
      {
        key: "load",
        value: 1,
        weight: 0.15,
        contribution: 15,
        reason: { key: "load.active", params: { count: 0 } },
      },
      {
        key: "experience",
        value: 0,
        weight: 0.1,
        contribution: 0,
        reason: { key: "experience.none", params: {} },
      },
      {
        key: "responsiveness",
        value: 0.5,
        weight: 0.1,
        contribution: 5,
        reason: { key: "responsiveness.new", params: {} },
      },
    ],
  };
}
