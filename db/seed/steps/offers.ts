import type { Language, OfferStatus } from "../../schema/enums";
import { stepRng, type SeedContext, type SeededOffer, type SeededVolunteer, type Slot } from "../context";
import { weeklySlots, withinRadius } from "../picking";
import type { Rng } from "../prng";
import { CATEGORY_SEEDS, CHILD_CATEGORIES, type CategorySlug } from "../reference/categories";
import { ORGANISATION_OFFERS, VOLUNTEER_OFFERS, type OfferTemplate } from "../reference/offers";
import { LANGUAGE_NAME_DE } from "../reference/people";
import { fill } from "../text";
import { DAY_MS, HOUR_MS, isoDateAfter } from "../time";
import { createWriter, flushAll } from "../writers";

const GOOD_LEVELS = new Set(["good", "fluent", "native"]);

function germanList(languages: readonly Language[]): string {
  const names = languages.map((l) => LANGUAGE_NAME_DE[l]);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} und ${names[names.length - 1]}`;
}

/** Which kind of help a volunteer offers, from what they bring. */
function volunteerCategory(rng: Rng, v: SeededVolunteer, anchorMs: number): CategorySlug {
  const otherLanguage = [...v.languages].some(
    ([l, level]) => l !== "de" && (level === "native" || level === "fluent"),
  );
  const certificate = v.certificateValidUntil !== null && v.certificateValidUntil > anchorMs;
  const entries = CATEGORY_SEEDS.map(({ slug }): [CategorySlug, number] => {
    if (slug === "interpreting") return [slug, otherLanguage ? 14 : 0];
    if (CHILD_CATEGORIES.includes(slug)) return [slug, certificate ? 12 : 1];
    if (slug === "accompaniment" || slug === "language_support" || slug === "everyday_help")
      return [slug, 12];
    if (slug === "womens_groups") return [slug, v.gender === "female" ? 4 : 0];
    return [slug, 5];
  });
  return rng.weighted(entries);
}

/** Validity and status: most run open-ended; some end soon, a few have ended or are paused. */
function validity(
  rng: Rng,
  anchorMs: number,
): { validUntil: string | null; status: OfferStatus; active: boolean; until: number | null } {
  const roll = rng.next();
  if (roll < 0.06) {
    const validUntil = isoDateAfter(anchorMs, -rng.int(1, 120));
    return { validUntil, status: "ended", active: false, until: Date.parse(validUntil) };
  }
  if (roll < 0.13) return { validUntil: null, status: "paused", active: false, until: null };
  if (roll < 0.5) {
    const validUntil = isoDateAfter(anchorMs, rng.int(21, 400));
    return { validUntil, status: "active", active: true, until: Date.parse(validUntil) };
  }
  return { validUntil: null, status: "active", active: true, until: null };
}

/**
 * Offers of volunteers and organisations, with languages, neighbourhoods and availability. The demo
 * volunteer's two offers come first (accompaniment and homework help, in German and Arabic).
 */
export function seedOffers(ctx: SeedContext): number {
  const rng = stepRng(ctx, "offers");
  const offers = createWriter(ctx.sqlite, "offers");
  const w = {
    offers,
    languages: createWriter(ctx.sqlite, "offer_languages", offers),
    neighbourhoods: createWriter(ctx.sqlite, "offer_neighbourhoods", offers),
    availability: createWriter(ctx.sqlite, "offer_availability", offers),
  };
  const categoryId = (slug: CategorySlug) => ctx.categoryIds.get(slug) ?? 0;

  const write = (
    offer: SeededOffer,
    owner: { volunteerId: string | null; organisationId: number | null },
    text: OfferTemplate,
    v: ReturnType<typeof validity>,
    updatedAt: number,
  ) => {
    w.offers.add(
      offer.id,
      owner.volunteerId,
      owner.organisationId,
      offer.categoryId,
      text.title,
      text.description,
      offer.capacity,
      offer.radiusKm,
      v.validUntil,
      v.status,
      offer.createdAt,
      updatedAt,
    );
    for (const language of offer.languages) w.languages.add(offer.id, language);
    for (const nb of offer.listed) w.neighbourhoods.add(offer.id, nb);
    for (const [day, start, end] of offer.slots) w.availability.add(offer.id, day, start, end);
    ctx.offers.push(offer);
  };

  const demo = ctx.volunteers[0];
  if (!demo || demo.id !== ctx.accounts.volunteerId)
    throw new Error("The demo volunteer must be seeded first");
  const demoListed = [demo.homeNb, ...demo.chosen].sort((a, b) => a - b);
  const open = { validUntil: null, status: "active" as const, active: true, until: null };
  const demoOffers: [CategorySlug, OfferTemplate, number, Slot[]][] = [
    [
      "accompaniment",
      {
        title: "Begleitung zu Ämtern auf Arabisch und Deutsch",
        description:
          "Ich begleite zum Jobcenter, zur Ausländerbehörde oder zur Familienkasse und erkläre auf Arabisch, was besprochen wird. Nachmittags und samstags.",
      },
      // Four people at a time: the seed's open proposal leaves room for the accompaniments a coordinator
      // tries out on the first day (and the end-to-end tests that do the same side by side).
      4,
      demo.slots,
    ],
    [
      "homework_help",
      {
        title: "Hausaufgabenhilfe Mathe und Deutsch",
        description:
          "Für Schüler*innen der Klassen 5 bis 8, gern in der Stadtteilbibliothek Ückendorf. Erweitertes Führungszeugnis liegt vor.",
      },
      1,
      demo.slots.filter(([day]) => day < 5),
    ],
  ];
  for (const [slug, text, capacity, slots] of demoOffers) {
    const createdAt = ctx.anchorMs - rng.int(90, 300) * DAY_MS;
    write(
      {
        id: ctx.offers.length + 1,
        categoryId: categoryId(slug),
        volunteer: 0,
        organisation: -1,
        title: text.title,
        languages: ["de", "ar"],
        listed: demoListed,
        serves: demo.serves,
        homeNb: demo.homeNb,
        radiusKm: demo.radiusKm,
        slots,
        capacity,
        load: 0,
        active: true,
        validUntil: null,
        createdAt,
      },
      { volunteerId: demo.id, organisationId: null },
      text,
      open,
      createdAt,
    );
  }

  for (let i = 0; i < ctx.config.volunteerOffers; i++) {
    const index = rng.int(1, ctx.volunteers.length - 1);
    const v = ctx.volunteers[index];
    if (!v) continue;
    const slug = volunteerCategory(rng, v, ctx.anchorMs);
    const spoken = [...v.languages].filter(([, level]) => GOOD_LEVELS.has(level)).map(([l]) => l);
    const others = spoken.filter((l) => l !== "de");
    const interpreted = slug === "interpreting" ? (others[0] ?? "en") : null;
    let languages: Language[] = interpreted ? ["de", interpreted] : spoken.slice(0, 3);
    if (languages.length === 0) languages = [...v.languages.keys()].slice(0, 1);
    const template = rng.pick(VOLUNTEER_OFFERS[slug]);
    const nbName = ctx.neighbourhoods[v.homeNb - 1]?.name ?? "";
    const text = {
      title: fill(template.title, { language: LANGUAGE_NAME_DE[interpreted ?? "de"] }),
      description: fill(template.description, { languages: germanList(languages), nb: nbName }),
    };
    const v2 = validity(rng, ctx.anchorMs);
    const createdAt = Math.min(
      v.createdAt + rng.int(1, 400) * DAY_MS,
      ctx.anchorMs - rng.int(1, 20) * DAY_MS,
    );
    const slots = rng.sample(v.slots, rng.int(1, v.slots.length)).sort((a, b) => a[0] - b[0]);
    write(
      {
        id: ctx.offers.length + 1,
        categoryId: categoryId(slug),
        volunteer: index,
        organisation: -1,
        title: text.title,
        languages,
        listed: [v.homeNb, ...v.chosen].sort((a, b) => a - b),
        serves: v.serves,
        homeNb: v.homeNb,
        radiusKm: v.radiusKm,
        slots,
        capacity: rng.weighted([
          [1, 6],
          [2, 3],
          [3, 1],
        ]),
        load: 0,
        active: v2.active,
        validUntil: v2.until,
        createdAt,
      },
      { volunteerId: v.id, organisationId: null },
      text,
      v2,
      Math.min(ctx.anchorMs - HOUR_MS, createdAt + rng.int(0, 30) * DAY_MS),
    );
  }

  for (let i = 0; i < ctx.config.organisationOffers; i++) {
    // The demo sports club gets the first two organisation offers.
    const index = i < 2 ? 0 : rng.int(0, ctx.organisations.length - 1);
    const org = ctx.organisations[index];
    if (!org) continue;
    const slug = i < 2 ? "sports" : rng.pick(org.categories);
    const template =
      i < 2
        ? (ORGANISATION_OFFERS.sports[i] ?? rng.pick(ORGANISATION_OFFERS.sports))
        : rng.pick(ORGANISATION_OFFERS[slug]);
    const languages: Language[] = ["de", ...org.languages];
    for (const extra of rng.sample<Language>(["en", "ar", "uk", "tr", "fa"], rng.int(0, 2)))
      if (!languages.includes(extra)) languages.push(extra);
    const homeNb = org.nbIds[0] ?? 1;
    const radiusKm = rng.pick([0, 0, 1, 2, 3]);
    const v2 =
      org.verifiedAt === null
        ? { validUntil: null, status: "paused" as const, active: false, until: null }
        : validity(rng, ctx.anchorMs);
    const createdAt = Math.min(
      org.createdAt + rng.int(1, 200) * DAY_MS,
      ctx.anchorMs - rng.int(1, 20) * DAY_MS,
    );
    write(
      {
        id: ctx.offers.length + 1,
        categoryId: categoryId(slug),
        volunteer: -1,
        organisation: index,
        title: template.title,
        languages,
        listed: org.nbIds,
        serves: new Set([...org.nbIds, ...withinRadius(ctx, homeNb, radiusKm)]),
        homeNb,
        radiusKm,
        slots: weeklySlots(rng, 1, 3),
        capacity: rng.int(5, 30),
        load: 0,
        active: v2.active,
        validUntil: v2.until,
        createdAt,
      },
      { volunteerId: null, organisationId: org.id },
      template,
      v2,
      Math.min(ctx.anchorMs - HOUR_MS, createdAt + rng.int(0, 30) * DAY_MS),
    );
  }

  return flushAll(w.offers, w.languages, w.neighbourhoods, w.availability);
}
