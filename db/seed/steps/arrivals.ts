import {
  UI_LOCALE,
  type Language,
  type LanguageLevel,
  type MatchStatus,
  type NeedStatus,
} from "../../schema/enums";
import { DEFAULT_TEMPLATES } from "../../../app/modules/arrivals/default-templates";
import {
  arrivalCode,
  planArrival,
  type AgeCounts,
  type PlannedStep,
} from "../../../app/modules/arrivals/plan";
import { stepNeedTexts } from "../../../app/modules/arrivals/step-texts";
import { stepRng, type SeedContext, type SeededOffer, type Slot } from "../context";
import { buildOfferIndex, findCandidates, type ScoredCandidate } from "../match-scoring";
import { neighbourhoodPicker } from "../picking";
import type { Rng } from "../prng";
import { DAY_MS, HOUR_MS, MINUTE_MS, berlinIsoDate, berlinTime, berlinWeekdayMinute } from "../time";
import { seedTranslatorOf } from "../translate";
import { createWriter, flushAll } from "../writers";

/** Languages of the households the city receives, with how often each kind comes. */
const HOUSEHOLD_LANGUAGES: readonly (readonly [readonly (readonly [Language, LanguageLevel])[], number])[] = [
  [
    [
      ["uk", "native"],
      ["ru", "fluent"],
    ],
    5,
  ],
  [[["ar", "native"]], 4],
  [
    [
      ["prs", "native"],
      ["fa", "fluent"],
      ["en", "basic"],
    ],
    3,
  ],
  [
    [
      ["ti", "native"],
      ["ar", "basic"],
    ],
    2,
  ],
  [
    [
      ["kmr", "native"],
      ["ar", "good"],
    ],
    2,
  ],
  [
    [
      ["tr", "native"],
      ["ku", "good"],
    ],
    2,
  ],
  [
    [
      ["so", "native"],
      ["en", "good"],
    ],
    1,
  ],
  [
    [
      ["ps", "native"],
      ["prs", "good"],
    ],
    1,
  ],
  [
    [
      ["sq", "native"],
      ["de", "basic"],
    ],
    1,
  ],
  [[["ru", "native"]], 1],
];

/**
 * Arrival days of the demo, in days from the anchor: announced ones, one arriving on the anchor's day
 * (steps urgent), fresh ones with steps open and asked, older ones with steps done (some late), overdue
 * and not needed — so that the overview, the checklist and the Lagebild are alive on first start.
 */
const DEMO_OFFSETS = [18, 9, 4, 1, 0, -2, -5, -9, -14, -21, -30, -45, -60, -85, -120, -200];
/** The demo's well-prepared arrival: announced in time, every step has its helper already. */
const DEMO_PREPARED_OFFSET = 9;

interface Household {
  ageCounts: AgeCounts;
  size: number;
  languages: { language: Language; level: LanguageLevel }[];
}

function household(rng: Rng): Household {
  const adults = rng.weighted<number>([
    [1, 3],
    [2, 6],
    [3, 1],
  ]);
  const ageCounts: AgeCounts = {
    "0_2": rng.chance(0.25) ? 1 : 0,
    "3_5": rng.chance(0.3) ? 1 : 0,
    "6_17": rng.weighted<number>([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 1],
    ]),
    "18_64": adults,
    "65_plus": rng.chance(0.1) ? 1 : 0,
  };
  const size = Object.values(ageCounts).reduce((a, b) => a + b, 0);
  const languages = rng.weighted(HOUSEHOLD_LANGUAGES).map(([language, level]) => ({ language, level }));
  return { ageCounts, size, languages };
}

type Outcome =
  | { kind: "open"; proposed: boolean }
  | { kind: "matched" }
  | { kind: "done"; by: "volunteer" | "organisation" | "coordination"; late: number }
  | { kind: "cancelled" };

/** What became of a step by the anchor: the older the arrival, the more is done. */
function outcomeOf(rng: Rng, step: PlannedStep, anchorMs: number, club: boolean): Outcome {
  if (step.startsAt > anchorMs) {
    if (step.startsAt - anchorMs > 10 * DAY_MS && rng.chance(0.25)) return { kind: "matched" };
    return { kind: "open", proposed: rng.chance(0.45) };
  }
  const roll = rng.next();
  if (roll < 0.07) return { kind: "cancelled" };
  if (roll < 0.17) return { kind: "open", proposed: rng.chance(0.3) };
  if (roll < 0.24 && anchorMs - step.startsAt < 14 * DAY_MS) return { kind: "matched" };
  const by = club && rng.chance(0.6) ? "organisation" : rng.chance(0.85) ? "volunteer" : "coordination";
  return { kind: "done", by, late: rng.chance(0.2) ? rng.int(2, 12) : 0 };
}

/**
 * The city's first steps (the default set for an NRW town), and arrivals in every stage: announced,
 * arriving now with urgent steps, steps asked, matched, done by a volunteer, an organisation or the
 * coordination (some late), overdue and not needed. Needs, matches, hours, notifications and audit
 * events are written as the app writes them, consistent with the needs' and matches' states.
 */
export function seedArrivals(ctx: SeedContext): number {
  const rng = stepRng(ctx, "arrivals");
  const createdAt = ctx.anchorMs - 400 * DAY_MS;
  const templateWriter = createWriter(ctx.sqlite, "first_step_templates");
  const arrivalWriter = createWriter(ctx.sqlite, "arrivals");
  const needWriter = createWriter(ctx.sqlite, "needs");
  const matchWriter = createWriter(ctx.sqlite, "matches", needWriter);
  const w = {
    templates: templateWriter,
    texts: createWriter(ctx.sqlite, "first_step_template_texts", templateWriter),
    groups: createWriter(ctx.sqlite, "first_step_template_age_groups", templateWriter),
    templateLanguages: createWriter(ctx.sqlite, "first_step_template_languages", templateWriter),
    arrivals: arrivalWriter,
    arrivalLanguages: createWriter(ctx.sqlite, "arrival_languages", arrivalWriter),
    needs: needWriter,
    needLanguages: createWriter(ctx.sqlite, "need_languages", needWriter),
    needTranslations: createWriter(ctx.sqlite, "need_translations", needWriter),
    steps: createWriter(ctx.sqlite, "arrival_steps", arrivalWriter, templateWriter, needWriter),
    matches: matchWriter,
    hours: createWriter(ctx.sqlite, "hours_log", matchWriter),
  };

  const templates = DEFAULT_TEMPLATES.map((d, i) => {
    const id = i + 1;
    const categoryId = ctx.categoryIds.get(d.categorySlug as never) as number;
    w.templates.add(
      id,
      categoryId,
      d.leadDays,
      d.startMinute,
      d.durationMinutes,
      d.perPerson ? 1 : 0,
      d.requiresCertificate ? 1 : 0,
      d.usesHouseholdLanguages ? 1 : 0,
      d.defaultSelected ? 1 : 0,
      1,
      (i + 1) * 10,
      createdAt,
      createdAt,
    );
    for (const [locale, text] of Object.entries(d.texts))
      w.texts.add(id, locale, text.title, text.description);
    for (const group of d.ageGroups) w.groups.add(id, group);
    for (const language of d.languages) w.templateLanguages.add(id, language);
    ctx.audit.push({
      actorId: ctx.accounts.adminId,
      action: "first_step_template.created",
      entityType: "first_step_template",
      entityId: String(id),
      neighbourhoodId: null,
      details: { source: "defaults", leadDays: d.leadDays },
      createdAt,
    });
    return { id, categoryId, definition: d, plan: { ...d, id, categoryId } };
  });

  const maxNeed = (ctx.sqlite.prepare("select coalesce(max(id), 0) as n from needs").get() as { n: number })
    .n;
  const maxMatch = (
    ctx.sqlite.prepare("select coalesce(max(id), 0) as n from matches").get() as { n: number }
  ).n;
  let needId = maxNeed;
  let matchId = maxMatch;
  const index = buildOfferIndex(ctx.offers);
  const organisationOffers: OrganisationOffers = new Map();
  ctx.offers.forEach((offer, offerIndex) => {
    if (offer.organisation < 0 || !offer.active) return;
    const list = organisationOffers.get(offer.categoryId);
    if (list) list.push(offerIndex);
    else organisationOffers.set(offer.categoryId, [offerIndex]);
  });
  const pickNeighbourhood = neighbourhoodPicker(ctx);

  const count = ctx.config.arrivals;
  const offsets =
    ctx.scale === "demo"
      ? DEMO_OFFSETS.slice(0, count)
      : Array.from({ length: count }, () => (rng.chance(0.06) ? rng.int(1, 21) : -rng.int(0, 330)));
  // Recorded before they arrive (a few days' notice, sometimes one), in the order of recording.
  const planned = offsets
    .map((offset, i) => {
      const arrivalDate = berlinIsoDate(berlinTime(ctx.anchorMs, offset, 12 * 60));
      const notice = rng.weighted<number>([
        [1, 2],
        [3, 3],
        [7, 3],
        [14, 2],
      ]);
      const recordedAt = Math.min(
        berlinTime(ctx.anchorMs, offset - notice, 10 * 60 + (i % 5) * 17),
        ctx.anchorMs - HOUR_MS,
      );
      // A well-prepared arrival: every step ahead has its helper, every step behind is done.
      const prepared = ctx.scale === "demo" ? offset === DEMO_PREPARED_OFFSET : offset > 0 && rng.chance(0.2);
      return { i, offset, arrivalDate, recordedAt, prepared };
    })
    .sort((a, b) => a.recordedAt - b.recordedAt || a.i - b.i);

  const perYear = new Map<string, number>();
  planned.forEach((p, position) => {
    const arrivalId = position + 1;
    const year = berlinIsoDate(p.recordedAt).slice(0, 4);
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const code = arrivalCode(Number(year), number);
    // The demo's first arrivals go to the demo volunteer's neighbourhood (Ückendorf), the others spread.
    const nb =
      ctx.scale === "demo" && position % 3 === 0
        ? (ctx.neighbourhoods.find((n) => n.slug === "ueckendorf") ?? pickNeighbourhood(rng))
        : pickNeighbourhood(rng);
    const coordinator = ctx.coordinatorFor(nb.id);
    const h = household(rng);
    const facts = { code, arrivalDate: p.arrivalDate, householdSize: h.size, languages: h.languages };
    w.arrivals.add(
      arrivalId,
      code,
      nb.id,
      p.arrivalDate,
      h.size,
      h.ageCounts["0_2"],
      h.ageCounts["3_5"],
      h.ageCounts["6_17"],
      h.ageCounts["18_64"],
      h.ageCounts["65_plus"],
      "",
      coordinator,
      p.recordedAt,
      p.recordedAt,
    );
    for (const l of h.languages) w.arrivalLanguages.add(arrivalId, l.language, l.level);
    const chosen = templates.filter((t) => t.definition.defaultSelected || rng.chance(0.3));
    const plan = planArrival(
      { arrivalDate: p.arrivalDate, ageCounts: h.ageCounts, languages: h.languages },
      chosen.map((t) => t.plan),
      p.recordedAt,
    );
    ctx.audit.push({
      actorId: coordinator,
      action: "arrival.created",
      entityType: "arrival",
      entityId: String(arrivalId),
      neighbourhoodId: nb.id,
      details: { code, steps: plan.length },
      createdAt: p.recordedAt,
    });

    for (const step of plan) {
      needId += 1;
      const template = templates.find((t) => t.id === step.templateId)!;
      let outcome: Outcome = p.prepared
        ? step.startsAt > ctx.anchorMs
          ? { kind: "matched" }
          : { kind: "done", by: "volunteer", late: 0 }
        : outcomeOf(rng, step, ctx.anchorMs, template.definition.key === "club");
      const timing = timingOf(ctx, step, p.arrivalDate, p.recordedAt, outcome);
      const match = planMatch(
        ctx,
        index,
        organisationOffers,
        rng,
        outcome,
        step,
        nb.id,
        timing,
        p.recordedAt,
        p.prepared,
      );
      // A prepared arrival's step nobody could take was not needed after all (the household managed).
      if (p.prepared && !match) outcome = { kind: "cancelled" };
      const { startsAt, endsAt } = match ?? timing;
      const texts = stepNeedTexts(template.plan, step, facts, "de", seedTranslatorOf);
      const done = outcome.kind === "done";
      // Marked done within a few hours of the appointment's end, the same day (not in the night).
      const doneAt = done ? Math.min(endsAt + rng.int(1, 20) * 10 * MINUTE_MS, ctx.anchorMs - HOUR_MS) : null;
      const status: NeedStatus =
        outcome.kind === "cancelled"
          ? "cancelled"
          : done
            ? "closed"
            : match && (match.status === "accepted" || match.status === "active")
              ? "matched"
              : "open";
      const closedAt =
        outcome.kind === "cancelled" ? Math.min(step.startsAt, ctx.anchorMs - HOUR_MS) : doneAt;
      w.needs.add(
        needId,
        step.categoryId,
        nb.id,
        null,
        coordinator,
        texts.title,
        texts.description,
        "de",
        1,
        step.urgency,
        "one_off",
        startsAt,
        endsAt,
        step.requiresCertificate ? 1 : 0,
        "none",
        status,
        closedAt,
        null,
        p.recordedAt,
        Math.max(p.recordedAt, closedAt ?? 0, match?.respondedAt ?? 0),
      );
      for (const language of step.languages) w.needLanguages.add(needId, language);
      // As recordArrival writes them: the German need, and its text in every other language.
      for (const locale of UI_LOCALE) {
        if (locale === "de") continue;
        const translated = stepNeedTexts(template.plan, step, facts, locale, seedTranslatorOf);
        w.needTranslations.add(
          needId,
          locale,
          translated.title,
          translated.description,
          p.recordedAt,
          p.recordedAt,
        );
      }
      w.steps.add(
        arrivalId,
        step.templateId,
        needId,
        step.personNumber,
        step.dueOn,
        step.leadDays,
        p.recordedAt,
      );
      ctx.audit.push({
        actorId: coordinator,
        action: "need.created",
        entityType: "need",
        entityId: String(needId),
        neighbourhoodId: nb.id,
        details: { arrivalId, templateId: step.templateId, urgency: step.urgency },
        createdAt: p.recordedAt,
      });
      if (status === "closed" || status === "cancelled") {
        ctx.audit.push({
          actorId: coordinator,
          action: `need.${status}`,
          entityType: "need",
          entityId: String(needId),
          neighbourhoodId: nb.id,
          details: { arrivalId },
          createdAt: closedAt ?? p.recordedAt,
        });
      }
      if (!match) continue;
      matchId += 1;
      const offer = ctx.offers[match.candidate.offerIndex] as SeededOffer;
      const c = match.candidate;
      const completedAt = match.status === "completed" ? doneAt : null;
      w.matches.add(
        matchId,
        needId,
        offer.id,
        match.status,
        c.score,
        c.language,
        c.distance,
        c.availability,
        c.load,
        c.experience,
        c.responsiveness,
        c.distanceKm,
        coordinator,
        match.proposedAt,
        match.respondedAt,
        null,
        completedAt,
        null,
        match.proposedAt,
        Math.max(match.proposedAt, match.respondedAt ?? 0, completedAt ?? 0),
      );
      const volunteer = offer.volunteer >= 0 ? ctx.volunteers[offer.volunteer] : undefined;
      const organisation = offer.organisation >= 0 ? ctx.organisations[offer.organisation] : undefined;
      const offerer = volunteer?.id ?? organisation?.ownerId ?? null;
      ctx.audit.push({
        actorId: coordinator,
        action: "match.proposed",
        entityType: "match",
        entityId: String(matchId),
        neighbourhoodId: nb.id,
        details: { needId, score: c.score },
        createdAt: match.proposedAt,
      });
      if (match.respondedAt !== null) {
        ctx.audit.push({
          actorId: offerer,
          action: "match.accepted",
          entityType: "match",
          entityId: String(matchId),
          neighbourhoodId: nb.id,
          details: { needId },
          createdAt: match.respondedAt,
        });
      }
      if (match.status === "proposed" && offerer) {
        ctx.notifications.push({
          userId: offerer,
          kind: "match_proposed",
          params: { needId, needTitle: texts.title },
          link: `/matches/${matchId}`,
          createdAt: match.proposedAt,
          readAt: null,
        });
      }
      if (completedAt !== null) {
        const hours = Math.max(0.25, Math.round(((endsAt - startsAt) / HOUR_MS) * 4) / 4);
        w.hours.add(
          volunteer?.id ?? null,
          berlinIsoDate(startsAt),
          hours,
          "match",
          null,
          matchId,
          volunteer ? null : (organisation?.id ?? null),
          step.categoryId,
          texts.title,
          "",
          coordinator,
          completedAt,
          completedAt,
          completedAt,
        );
        ctx.audit.push({
          actorId: coordinator,
          action: "match.completed",
          entityType: "match",
          entityId: String(matchId),
          neighbourhoodId: nb.id,
          details: { needId },
          createdAt: completedAt,
        });
      }
    }
  });
  return flushAll(
    w.templates,
    w.texts,
    w.groups,
    w.templateLanguages,
    w.arrivals,
    w.arrivalLanguages,
    w.needs,
    w.needLanguages,
    w.needTranslations,
    w.steps,
    w.matches,
    w.hours,
  );
}

/** Active offers of organisations by category (indexes into ctx.offers). */
type OrganisationOffers = Map<number, number[]>;

/** Where a step's appointment may fall: its planned (or moved) time, and the days around it. */
interface Timing {
  startsAt: number;
  endsAt: number;
  /** Days (from the anchor) the appointment could have been arranged on instead, in order. */
  days: number[];
}

const DAY_FROM_MINUTE = 8 * 60;
const DAY_TO_MINUTE = 19 * 60;

/**
 * The days a helper could have gone with the household: from the arrival to the due day (after it, for
 * a step done late), working days and Saturdays, after the arrival was recorded, and on the anchor's side
 * the planned appointment is on (done steps before it).
 */
function timingOf(
  ctx: SeedContext,
  step: PlannedStep,
  arrivalDate: string,
  recordedAt: number,
  outcome: Outcome,
): Timing {
  const dayOf = (iso: string) =>
    Math.round((Date.parse(iso) - Date.parse(berlinIsoDate(ctx.anchorMs))) / DAY_MS);
  const late = outcome.kind === "done" ? outcome.late : 0;
  let { startsAt, endsAt } = step;
  if (late > 0) {
    // Done late: the appointment moved past the due day (but not past the anchor).
    const moved = startsAt + (late + dayOf(step.dueOn) - dayOf(step.plannedOn)) * DAY_MS;
    if (moved + (endsAt - startsAt) < ctx.anchorMs) {
      endsAt = moved + (endsAt - startsAt);
      startsAt = moved;
    }
  }
  const due = dayOf(step.dueOn);
  const [from, to] = late > 0 ? [due + 1, due + late] : [dayOf(arrivalDate), due];
  const recorded = dayOf(berlinIsoDate(recordedAt));
  const past = outcome.kind === "done" || startsAt < ctx.anchorMs;
  const days: number[] = [];
  for (let day = Math.max(from, recorded + 1); day <= to; day++) {
    if (past ? day >= 0 : day < 1) continue;
    if (berlinWeekdayMinute(berlinTime(ctx.anchorMs, day, 12 * 60)).weekday === 6) continue;
    days.push(day);
  }
  return { startsAt, endsAt, days };
}

/** The first of the days on which the offer's times leave room for the step, and the time on it. */
function appointmentWithin(
  ctx: SeedContext,
  slots: readonly Slot[],
  days: readonly number[],
  durationMinutes: number,
): { startsAt: number; endsAt: number } | null {
  for (const day of days) {
    const { weekday } = berlinWeekdayMinute(berlinTime(ctx.anchorMs, day, 12 * 60));
    for (const [slotDay, slotFrom, slotTo] of slots) {
      if (slotDay !== weekday) continue;
      const start = Math.max(slotFrom, DAY_FROM_MINUTE);
      if (Math.min(slotTo, DAY_TO_MINUTE) <= start) continue;
      const startsAt = berlinTime(ctx.anchorMs, day, start);
      return { startsAt, endsAt: startsAt + durationMinutes * MINUTE_MS };
    }
  }
  return null;
}

/**
 * The match a step's outcome needs, with a helper the seed's matching finds (or none), and the
 * appointment: the planned one if a helper is free then, else a day of the step's window on which
 * the helper is (as a coordinator arranges it).
 */
function planMatch(
  ctx: SeedContext,
  index: Map<string, number[]>,
  organisationOffers: OrganisationOffers,
  rng: Rng,
  outcome: Outcome,
  step: PlannedStep,
  nbId: number,
  timing: Timing,
  recordedAt: number,
  prepared: boolean,
): {
  candidate: ScoredCandidate;
  status: MatchStatus;
  proposedAt: number;
  respondedAt: number | null;
  startsAt: number;
  endsAt: number;
} | null {
  let status: MatchStatus;
  if (outcome.kind === "open" && outcome.proposed) status = "proposed";
  else if (outcome.kind === "matched") status = "accepted";
  else if (outcome.kind === "done" && outcome.by !== "coordination") status = "completed";
  else return null;
  let { startsAt, endsAt } = timing;
  const proposal = (appointment: number) => {
    const proposedAt = Math.min(
      recordedAt + rng.int(1, 20) * HOUR_MS,
      ctx.anchorMs - 2 * HOUR_MS,
      appointment - HOUR_MS,
    );
    const respondedAt =
      status === "proposed"
        ? null
        : Math.min(proposedAt + rng.int(1, 30) * HOUR_MS, ctx.anchorMs - HOUR_MS, appointment);
    return { proposedAt, respondedAt };
  };
  const first = proposal(startsAt);
  const live = status !== "completed";
  const organisation = () => {
    const found = organisationCandidate(ctx, organisationOffers, rng, step, nbId, first.proposedAt, live);
    if (!found) return null;
    if (live) (ctx.offers[found.offerIndex] as SeededOffer).load++;
    return { candidate: found, status, ...first, startsAt, endsAt };
  };
  if (outcome.kind === "done" && outcome.by === "organisation") {
    const covered = organisation();
    if (covered) return covered;
  }
  const minutes = Math.round((endsAt - startsAt) / MINUTE_MS);
  const search = (slots: Slot[], from: number, to: number) =>
    findCandidates(
      ctx,
      index,
      rng,
      {
        categoryId: step.categoryId,
        nbId,
        languages: step.languages,
        slots,
        minutes,
        startsAt: from,
        endsAt: to,
        requiresCertificate: step.requiresCertificate,
        genderPreference: "none",
        live,
        proposedAt: first.proposedAt,
      },
      2,
    )
      // The demo volunteer's offers keep their room for the demo's own needs (a live match takes a place).
      .find((c) => !live || ctx.offers[c.offerIndex]?.volunteer !== 0);
  const { weekday, minute } = berlinWeekdayMinute(startsAt);
  let candidate = search([[weekday, minute, Math.min(24 * 60, minute + minutes)]], startsAt, endsAt);
  let times = first;
  if (!candidate && timing.days.length > 0) {
    const weekdays = [
      ...new Set(timing.days.map((d) => berlinWeekdayMinute(berlinTime(ctx.anchorMs, d, 12 * 60)).weekday)),
    ];
    const firstDay = berlinTime(ctx.anchorMs, timing.days[0]!, DAY_FROM_MINUTE);
    const lastDay = berlinTime(ctx.anchorMs, timing.days.at(-1)!, DAY_TO_MINUTE);
    candidate = search(
      weekdays.map((d): Slot => [d, DAY_FROM_MINUTE, DAY_TO_MINUTE]),
      firstDay,
      lastDay,
    );
    const arranged = candidate
      ? appointmentWithin(ctx, (ctx.offers[candidate.offerIndex] as SeededOffer).slots, timing.days, minutes)
      : null;
    if (!arranged) return prepared ? organisation() : null;
    ({ startsAt, endsAt } = arranged);
    times = proposal(startsAt);
    times.proposedAt = Math.min(times.proposedAt, first.proposedAt);
  }
  if (!candidate) return prepared ? organisation() : null;
  if (live) (ctx.offers[candidate.offerIndex] as SeededOffer).load++;
  return { candidate, status, ...times, startsAt, endsAt };
}

/** An organisation's offer that covers the step itself (a club, a service), the local ones first. */
function organisationCandidate(
  ctx: SeedContext,
  byCategory: OrganisationOffers,
  rng: Rng,
  step: PlannedStep,
  nbId: number,
  proposedAt: number,
  live: boolean,
): ScoredCandidate | null {
  const options = (byCategory.get(step.categoryId) ?? [])
    .map((offerIndex) => ({ offer: ctx.offers[offerIndex] as SeededOffer, offerIndex }))
    .filter(({ offer }) => offer.createdAt <= proposedAt && (!live || offer.load < offer.capacity));
  if (options.length === 0) return null;
  const local = options.filter(({ offer }) => offer.serves.has(nbId));
  const { offer, offerIndex } = rng.pick(local.length > 0 ? local : options);
  const distanceKm = ctx.distanceKm(offer.homeNb, nbId);
  const distance = Math.max(0, 1 - distanceKm / 10);
  return {
    offerIndex,
    score: Math.round(25 * 0.5 + 20 * distance + 20 * 0.5 + 15 + 10 * 0.8 + 10 * 0.9),
    language: 0.5,
    distance: Math.round(distance * 100) / 100,
    availability: 0.5,
    load: 1,
    experience: 0.8,
    responsiveness: 0.9,
    distanceKm,
  };
}
