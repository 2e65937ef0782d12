import type { Language, MatchStatus, NeedStatus, NeedUrgency } from "../schema/enums";
import { stepRng, type SeedContext, type Slot } from "./context";
import { demoNeeds } from "./demo-needs";
import { neighbourhoodPicker } from "./picking";
import type { Rng } from "./prng";
import {
  DAYPART_START_MINUTES,
  DAYPART_WORDS,
  NEED_TEMPLATES,
  NEWCOMER_ORIGINS,
  SUBJECTS,
  WEEKDAY_ADVERBS,
  WEEKDAY_NAMES,
  type Daypart,
  type NeedTemplate,
  type NewcomerOrigin,
} from "./reference/needs";
import { LANGUAGE_NAME_DE } from "./reference/people";
import { fill } from "./text";
import { DAY_MS, HOUR_MS, MINUTE_MS, berlinTime, berlinWeekdayMinute } from "./time";

/** A need before it gets its id (ids follow the order in which needs were recorded). */
export interface NeedDraft {
  status: NeedStatus;
  template: NeedTemplate;
  categoryId: number;
  nbId: number;
  organisationId: number | null;
  createdBy: string;
  title: string;
  description: string;
  languages: Language[];
  helpers: number;
  urgency: NeedUrgency;
  startsAt: number;
  endsAt: number;
  slots: Slot[];
  /** Only for recurring needs: written to need_slots. */
  recurring: boolean;
  closedAt: number | null;
  createdAt: number;
  /** Offers (indexes) that must be proposed first: the demo volunteer's. */
  forced: number[];
  /** For the demo: the exact match statuses to create, in order. */
  forcedStatuses?: MatchStatus[];
  /** Open needs: whether proposals are already waiting. */
  proposals?: boolean;
}

const OTHER_STATUSES: readonly (readonly [NeedStatus, number])[] = [
  ["partly_matched", 20],
  ["matched", 30],
  ["closed", 38],
  ["cancelled", 12],
];

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function daypartOf(minute: number): Daypart {
  return minute < 12 * 60 ? "morning" : minute < 17 * 60 ? "afternoon" : "evening";
}

function scheduleSentence(draft: { recurring: boolean; slots: Slot[] }): string {
  const first = draft.slots[0];
  if (!first) return "";
  const daypart = daypartOf(first[1]);
  if (!draft.recurring) return ` Der Termin ist am ${WEEKDAY_NAMES[first[0]]}${DAYPART_WORDS[daypart].noun}.`;
  const days = draft.slots.map(([day]) => WEEKDAY_ADVERBS[day]);
  return days.length === 1
    ? ` Gewünscht ist ein Termin pro Woche, ${days[0]} ${DAYPART_WORDS[daypart].adverb}.`
    : ` Gewünscht sind zwei Termine pro Woche, ${days.join(" und ")} ${DAYPART_WORDS[daypart].adverb}.`;
}

interface NeedShape {
  template: NeedTemplate;
  origin: NewcomerOrigin;
  languages: Language[];
  nbId: number;
  /** A weekly window the need must fall into (the anchoring offer's availability). */
  slot?: Slot;
  offerIndex: number;
}

function needLanguages(rng: Rng, template: NeedTemplate, origin: NewcomerOrigin): Language[] {
  const languages: Language[] = [origin.languages[0] as Language];
  const second = origin.languages[1];
  if (second && rng.chance(0.3)) languages.push(second);
  if (rng.chance(template.germanShare ?? 0.3)) languages.push("de");
  return languages;
}

/** A need from any template, origin and neighbourhood: matching later finds what it finds. */
function freeShape(
  rng: Rng,
  templates: readonly NeedTemplate[],
  origins: readonly (readonly [NewcomerOrigin, number])[],
  pickNeighbourhood: (rng: Rng) => { id: number },
): NeedShape {
  const template = rng.pick(templates);
  const origin = rng.weighted(origins);
  return {
    template,
    origin,
    languages: needLanguages(rng, template, origin),
    nbId: pickNeighbourhood(rng).id,
    offerIndex: -1,
  };
}

/** A need shaped so that a randomly drawn offer qualifies for it, or null after a few tries. */
function anchoredShape(
  ctx: SeedContext,
  rng: Rng,
  status: NeedStatus,
  templates: readonly NeedTemplate[],
): NeedShape | null {
  const live = status !== "closed";
  for (let attempt = 0; attempt < 12; attempt++) {
    const offerIndex = rng.int(0, ctx.offers.length - 1);
    const offer = ctx.offers[offerIndex];
    if (!offer || (live && (!offer.active || offer.load >= offer.capacity))) continue;
    const slug = ctx.categorySlugs.get(offer.categoryId);
    const fitting = templates.filter((t) => t.category === slug);
    if (fitting.length === 0) continue;
    const template = rng.pick(fitting);
    const volunteer = offer.volunteer >= 0 ? ctx.volunteers[offer.volunteer] : undefined;
    if (template.requiresCertificate && (volunteer?.certificateValidUntil ?? 0) < ctx.anchorMs + 120 * DAY_MS)
      continue;
    if (
      template.genderPreference &&
      template.genderPreference !== "none" &&
      volunteer &&
      volunteer.gender !== template.genderPreference
    )
      continue;
    const slot = rng.pick(offer.slots);
    if (template.weekdaysOnly && slot[0] >= 5) continue;
    if (slot[2] - slot[1] < template.duration) continue;
    const speaking = NEWCOMER_ORIGINS.filter((o) => o.languages.some((l) => offer.languages.includes(l)));
    const germanOk = offer.languages.includes("de") && (template.germanShare ?? 0.3) > 0;
    const origin =
      speaking.length > 0 && (rng.chance(0.6) || !germanOk)
        ? rng.pick(speaking)
        : rng.weighted(NEWCOMER_ORIGINS.map((o) => [o, o.weight] as const));
    let languages = needLanguages(rng, template, origin);
    if (!languages.some((l) => offer.languages.includes(l))) {
      if (!germanOk) continue;
      languages = [...languages, "de"];
    }
    const nbId = rng.pick(offer.listed);
    return { template, origin, languages, nbId, slot, offerIndex };
  }
  return null;
}

/**
 * When the need happens: one-off appointments on a (weekday) date, recurring ones over a period with
 * weekly slots. Open needs lie ahead, matched ones ahead or running, closed ones in the past.
 */
function needWindow(
  ctx: SeedContext,
  rng: Rng,
  template: NeedTemplate,
  status: NeedStatus,
  fixedSlot: Slot | undefined,
  notBefore: number,
): {
  startsAt: number;
  endsAt: number;
  slots: Slot[];
  createdAt: number;
  closedAt: number | null;
  recurring: boolean;
} | null {
  const recurring = template.schedule === "recurring";
  const duration = template.duration;
  const live = status === "open" || status === "partly_matched" || status === "matched";
  let startMinute = rng.pick(DAYPART_START_MINUTES[template.daypart]);
  if (fixedSlot) {
    const choices: number[] = [];
    for (let m = fixedSlot[1]; m + duration <= fixedSlot[2]; m += 30) choices.push(m);
    if (choices.length === 0) return null;
    startMinute = rng.pick(choices);
  }
  let startsAt: number;
  let endsAt: number;
  let slots: Slot[];
  let createdAt: number;

  if (recurring) {
    const days = fixedSlot
      ? [fixedSlot[0]]
      : rng
          .sample(template.daypart === "morning" ? [0, 1, 2, 3, 4] : [0, 1, 2, 3, 4, 5], rng.int(1, 2))
          .sort((a, b) => a - b);
    slots = days.map((day): Slot => [day, startMinute, Math.min(1440, startMinute + duration)]);
    const startDay = status === "open" ? rng.int(0, 21) : live ? rng.int(-42, 7) : -rng.int(90, 260);
    const weeks = rng.int(8, 26);
    const endDay = live ? Math.max(startDay + weeks * 7, 14) : Math.min(startDay + weeks * 7, -2);
    startsAt = berlinTime(ctx.anchorMs, startDay, 0);
    endsAt = berlinTime(ctx.anchorMs, endDay, 0);
    createdAt = startsAt - rng.int(3, 25) * DAY_MS - rng.int(0, 600) * MINUTE_MS;
  } else {
    let day = status === "open" ? rng.int(2, 35) : live ? rng.int(1, 28) : -rng.int(9, 150);
    const weekday = ((day % 7) + 7) % 7;
    if (fixedSlot) day += (fixedSlot[0] - weekday + 7) % 7;
    else if (template.weekdaysOnly && weekday >= 5) day -= weekday - 4;
    if (live && day < 1) day += 7;
    startsAt = berlinTime(ctx.anchorMs, day, startMinute);
    endsAt = startsAt + duration * MINUTE_MS;
    const local = berlinWeekdayMinute(startsAt);
    slots = [[local.weekday, local.minute, Math.min(1440, local.minute + duration)]];
    createdAt = startsAt - rng.int(3, 30) * DAY_MS - rng.int(0, 600) * MINUTE_MS;
  }
  createdAt = Math.min(createdAt, ctx.anchorMs - rng.int(60, 60 * 24 * 3) * MINUTE_MS);
  // Recorded once the offer it was shaped around existed, and before it starts.
  if (createdAt < notBefore) createdAt = notBefore + rng.int(0, 48) * HOUR_MS;
  if (createdAt > Math.min(startsAt, ctx.anchorMs) - HOUR_MS) return null;

  let closedAt: number | null = null;
  if (status === "closed") {
    closedAt = Math.min(
      endsAt + rng.int(1, 7) * DAY_MS + rng.int(0, 600) * MINUTE_MS,
      ctx.anchorMs - HOUR_MS,
    );
  } else if (status === "cancelled") {
    closedAt = Math.min(
      createdAt + rng.int(1, 10) * DAY_MS,
      Math.max(createdAt + HOUR_MS, ctx.anchorMs - HOUR_MS),
    );
  }
  return { startsAt, endsAt, slots, createdAt, closedAt, recurring };
}

/**
 * Every need to seed, in the order they were generated: the demo volunteer's first, then the planned
 * mix of statuses. Needs that got help are shaped around an offer that fits them.
 */
export function draftNeeds(ctx: SeedContext): NeedDraft[] {
  const rng = stepRng(ctx, "needs");
  const pickNeighbourhood = neighbourhoodPicker(ctx);
  const templatesByStatus = (status: NeedStatus) =>
    status === "partly_matched" ? NEED_TEMPLATES.filter((t) => t.helpers[1] >= 2) : NEED_TEMPLATES;
  const origins = NEWCOMER_ORIGINS.map((o) => [o, o.weight] as const);
  const organisationsByNb = new Map<number, number[]>();
  for (const org of ctx.organisations) {
    if (org.verifiedAt === null) continue;
    for (const nb of org.nbIds) organisationsByNb.set(nb, [...(organisationsByNb.get(nb) ?? []), org.id]);
  }

  const drafts: NeedDraft[] = [...demoNeeds(ctx)];

  const plan: NeedStatus[] = [];
  for (let i = 0; i < ctx.config.openNeeds; i++) plan.push("open");
  for (let i = 0; i < ctx.config.otherNeeds; i++) plan.push(rng.weighted(OTHER_STATUSES));

  for (const status of plan) {
    // Needs that got help are built around an offer that fits them (as a coordinator records a need
    // knowing who could help); open ones are free, and matching finds what it finds.
    const proposals = status === "open" && rng.chance(ctx.config.proposedShare);
    const anchored =
      (status === "open" && !proposals) || status === "cancelled"
        ? null
        : anchoredShape(ctx, rng, status, templatesByStatus(status));
    let shape = anchored ?? freeShape(rng, templatesByStatus(status), origins, pickNeighbourhood);
    const anchorOffer = ctx.offers[shape.offerIndex];
    let when = needWindow(
      ctx,
      rng,
      shape.template,
      status,
      shape.slot,
      anchorOffer ? anchorOffer.createdAt + HOUR_MS : 0,
    );
    if (!when) {
      shape = freeShape(rng, templatesByStatus(status), origins, pickNeighbourhood);
      when = needWindow(ctx, rng, shape.template, status, undefined, 0);
    }
    if (!when) continue;
    const { template, origin, languages, nbId } = shape;
    const subject = rng.pick(SUBJECTS[template.subject]);
    const { startsAt, endsAt, slots, createdAt, closedAt, recurring } = when;

    const soon = !recurring && startsAt > ctx.anchorMs && startsAt - ctx.anchorMs < 7 * DAY_MS;
    const urgency = rng.weighted<NeedUrgency>(
      soon
        ? [
            ["normal", 30],
            ["high", 45],
            ["urgent", 25],
          ]
        : [
            ["low", 20],
            ["normal", 60],
            ["high", 15],
            ["urgent", 5],
          ],
    );

    const values = {
      Who: subject.short,
      who: subject.full,
      whoInSentence: lowerFirst(subject.full),
      from: origin.from,
      language: LANGUAGE_NAME_DE[languages[0] as Language],
    };
    const germanNote = languages.includes("de") ? " Etwas Deutsch wird schon verstanden." : "";
    const orgs = organisationsByNb.get(nbId);
    drafts.push({
      status,
      template,
      categoryId: ctx.categoryIds.get(template.category) ?? 0,
      nbId,
      organisationId: orgs && rng.chance(0.12) ? rng.pick(orgs) : null,
      createdBy: ctx.coordinatorFor(nbId),
      title: fill(template.title, values),
      description: fill(template.description, values) + scheduleSentence({ recurring, slots }) + germanNote,
      languages,
      helpers: rng.int(template.helpers[0], template.helpers[1]),
      urgency,
      startsAt,
      endsAt,
      slots,
      recurring,
      closedAt,
      createdAt,
      forced: shape.offerIndex >= 0 ? [shape.offerIndex] : [],
      proposals,
    });
  }

  return drafts;
}
