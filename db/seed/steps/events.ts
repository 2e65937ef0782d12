import type { EventStatus, Language } from "../../schema/enums";
import { stepRng, type SeedContext, type SeededOrganisation } from "../context";
import { neighbourhoodPicker } from "../picking";
import type { Rng } from "../prng";
import {
  ACCESSIBILITY_NOTES,
  EVENT_TEMPLATES,
  type Edge,
  type EventTemplate,
  type ShiftTemplate,
} from "../reference/events";
import { fill } from "../text";
import { DAY_MS, HOUR_MS, MINUTE_MS, berlinIsoDate, berlinTime } from "../time";
import { seedShiftSignups, type ShiftPlan } from "../shift-signups";
import { createWriter, flushAll } from "../writers";

/** Extra shifts any activity can have besides its template's own. */
const GENERIC_SHIFTS: readonly ShiftTemplate[] = [
  { title: "Aufbau und Empfang", from: ["start", -45], to: ["start", 15], needed: [1, 3] },
  { title: "Aufräumen", from: ["end", -15], to: ["end", 30], needed: [1, 3] },
];

/** How many shifts an activity has (weekly ones: how many occurrences carry a shift). */
const SHIFT_COUNTS: readonly (readonly [number, number])[] = [
  [1, 6],
  [2, 15],
  [3, 35],
  [4, 44],
];

const POPULAR_LANGUAGES: readonly Language[] = ["ar", "uk", "tr", "en", "fa", "ru", "bg", "ro"];

interface EventPlan {
  template: EventTemplate;
  organisation: SeededOrganisation | null;
  nbId: number;
  status: EventStatus;
  weekly: boolean;
  /** Day offset from the anchor of the (first) occurrence. */
  day: number;
  shiftCount: number;
}

/** The demo club's program: weekly training and swimming, a sports festival, a run, a past one for hours. */
function demoClubPlans(ctx: SeedContext, club: SeededOrganisation): EventPlan[] {
  const byTitle = (title: string) => {
    const template = EVENT_TEMPLATES.find((t) => t.title.startsWith(title));
    if (!template) throw new Error(`No event template "${title}"`);
    return template;
  };
  const nb = club.nbIds[0] ?? 1;
  const plan = (title: string, day: number, weekly: boolean, shiftCount: number): EventPlan => ({
    template: byTitle(title),
    organisation: club,
    nbId: nb,
    status: "published",
    weekly,
    day,
    shiftCount,
  });
  const plans = [
    plan("Offenes Fußballtraining", -13, true, 4),
    plan("Schwimmkurs für Frauen", 2, true, 3),
    plan("Sportfest im Stadtteil", 12, false, 4),
    plan("Lauftreff", 5, false, 2),
    plan("Boxtraining", 7, true, 2),
    plan("Sportfest im Stadtteil", -9, false, 3),
  ];
  return ctx.scale === "city"
    ? [...plans, plan("Lauftreff", 26, false, 2), plan("Offenes Fußballtraining", 31, false, 2)]
    : plans;
}

/**
 * Activities with their languages, translations and shifts, and the volunteers' sign-ups. Invariants:
 * a shift's confirmed_count equals its confirmed sign-ups and never exceeds needed_count; waitlisted
 * sign-ups exist only on full shifts; past confirmed sign-ups carry attendance, and those present an
 * hours_log row confirmed by the organisation (or the coordinator who posted the activity).
 */
export function seedEvents(ctx: SeedContext): number {
  const rng = stepRng(ctx, "events");
  const signupRng = stepRng(ctx, "signups");
  const events = createWriter(ctx.sqlite, "events");
  const shifts = createWriter(ctx.sqlite, "shifts", events);
  const signups = createWriter(ctx.sqlite, "signups", shifts);
  const w = {
    events,
    languages: createWriter(ctx.sqlite, "event_languages", events),
    translations: createWriter(ctx.sqlite, "event_translations", events),
    shifts,
    signups,
    hours: createWriter(ctx.sqlite, "hours_log", signups),
  };
  const pickNeighbourhood = neighbourhoodPicker(ctx);
  const club = ctx.organisations[0];
  if (!club) throw new Error("The demo organisation must be seeded first");

  const pools = new Map<number, number[]>();
  for (const nb of ctx.neighbourhoods) pools.set(nb.id, []);
  ctx.volunteers.forEach((v, i) => {
    for (const nb of v.serves) pools.get(nb)?.push(i);
  });
  const withCertificate = ctx.volunteers
    .map((v, i) => (v.certificateValidUntil !== null ? i : -1))
    .filter((i) => i >= 0);

  const organisers = ctx.organisations.map((org) => [org, org.verifiedAt !== null ? 1 : 0.15] as const);
  const plans: EventPlan[] = demoClubPlans(ctx, club).slice(0, ctx.config.events);
  const demoPlanCount = plans.length;
  while (plans.length < ctx.config.events) {
    const byCoordinator = rng.chance(0.05);
    const organisation = byCoordinator ? null : rng.weighted(organisers);
    const fitting = organisation
      ? EVENT_TEMPLATES.filter((t) => organisation.categories.includes(t.category))
      : EVENT_TEMPLATES;
    const template = rng.pick(fitting.length > 0 ? fitting : EVENT_TEMPLATES);
    const nbId = organisation ? rng.pick(organisation.nbIds) : pickNeighbourhood(rng).id;
    const status: EventStatus =
      organisation && organisation.verifiedAt === null
        ? "draft"
        : rng.weighted<EventStatus>([
            ["published", 88],
            ["draft", 6],
            ["cancelled", 6],
          ]);
    const weekly = status === "published" && rng.chance(template.weeklyShare * 0.45);
    const past = status === "published" && !weekly && rng.chance(0.2);
    const week = weekly ? rng.int(-3, 1) : past ? -rng.int(1, 8) : rng.int(0, 7);
    plans.push({
      template,
      organisation,
      nbId,
      status,
      weekly,
      day: week * 7 + rng.pick(template.weekdays),
      shiftCount: rng.weighted(SHIFT_COUNTS),
    });
  }

  let shiftId = 0;
  let signupId = 0;
  plans.forEach((plan, i) => {
    const eventId = i + 1;
    const { template } = plan;
    const nb = ctx.neighbourhoods[plan.nbId - 1];
    const startMinute = rng.pick(template.startMinutes);
    const startsAt = berlinTime(ctx.anchorMs, plan.day, startMinute);
    const endsAt = startsAt + template.duration * MINUTE_MS;
    const createdBy = plan.organisation?.ownerId ?? ctx.coordinatorFor(plan.nbId);
    const createdAt = Math.min(
      startsAt - rng.int(7, 40) * DAY_MS - rng.int(0, 600) * MINUTE_MS,
      ctx.anchorMs - rng.int(2, 72) * HOUR_MS,
    );
    const publishedAt =
      plan.status === "draft" ? null : Math.min(createdAt + rng.int(1, 72) * HOUR_MS, ctx.anchorMs - HOUR_MS);
    const cancelledAt =
      plan.status === "cancelled"
        ? Math.max(publishedAt ?? createdAt, ctx.anchorMs - rng.int(2, 7 * 24) * HOUR_MS)
        : null;
    const recurrenceUntil = plan.weekly
      ? berlinIsoDate(berlinTime(ctx.anchorMs, plan.day + rng.int(10, 20) * 7, 0))
      : null;

    const places = rng.int(template.participantPlaces[0], template.participantPlaces[1]);
    const ended = endsAt <= ctx.anchorMs && !plan.weekly;
    const registered =
      plan.status !== "published" || places === 0
        ? 0
        : ended
          ? rng.int(Math.floor(places * 0.5), places)
          : rng.int(0, places);

    const languages: Language[] = ["de"];
    for (const l of plan.organisation?.languages.slice(0, 2) ?? [])
      if (!languages.includes(l)) languages.push(l);
    for (const l of rng.sample(POPULAR_LANGUAGES, rng.int(0, 2)))
      if (!languages.includes(l)) languages.push(l);

    const shiftPlans = planShifts(rng, plan, startsAt, endsAt, ctx.config.shiftSize);
    const shiftsCreatedAt = createdAt;

    w.events.add(
      eventId,
      plan.organisation?.id ?? null,
      createdBy,
      ctx.categoryIds.get(template.category) ?? 0,
      plan.nbId,
      template.title,
      template.description,
      "de",
      fill(rng.pick(template.places), { nb: nb?.name ?? "" }),
      startsAt,
      endsAt,
      plan.weekly ? "weekly" : "none",
      recurrenceUntil,
      rng.pick(ACCESSIBILITY_NOTES),
      template.targetGroup,
      rng.pick(template.costCents),
      places,
      registered,
      plan.status,
      publishedAt,
      cancelledAt,
      createdAt,
      cancelledAt ?? publishedAt ?? createdAt,
    );
    for (const language of languages) w.languages.add(eventId, language);
    if (template.translations && plan.status !== "draft") {
      for (const [locale, text] of Object.entries(template.translations)) {
        const at = Math.min(createdAt + rng.int(2, 96) * HOUR_MS, ctx.anchorMs - HOUR_MS);
        w.translations.add(eventId, locale, text.title, text.description, at, at);
      }
    }

    const confirmer = plan.organisation?.ownerId ?? createdBy;
    const isDemoClubEvent = i < demoPlanCount;
    shiftPlans.forEach((shift, s) => {
      shiftId++;
      const result = seedShiftSignups(ctx, signupRng, {
        shift,
        status: plan.status,
        openedAt: publishedAt ?? createdAt,
        cancelledAt,
        pool: pools.get(plan.nbId) ?? [],
        withCertificate,
        demo: isDemoClubEvent && s === 0 ? (i === 2 ? "waitlisted" : "confirmed") : null,
        eventTitle: template.title,
        eventId,
      });
      w.shifts.add(
        shiftId,
        eventId,
        shift.title,
        shift.startsAt,
        shift.endsAt,
        shift.needed,
        result.confirmed,
        shift.requiresCertificate ? 1 : 0,
        shiftsCreatedAt,
        Math.max(shiftsCreatedAt, result.lastChange),
      );
      for (const signup of result.signups) {
        signupId++;
        w.signups.add(
          signupId,
          shiftId,
          signup.volunteerId,
          signup.status,
          signup.attendance,
          signup.cancelledAt,
          signup.promotedAt,
          signup.createdAt,
          signup.updatedAt,
        );
        if (signup.attendance === "present") {
          const confirmedAt = Math.min(shift.endsAt + rng.int(1, 48) * HOUR_MS, ctx.anchorMs - MINUTE_MS);
          const hours = Math.round(((shift.endsAt - shift.startsAt) / HOUR_MS) * 4) / 4;
          w.hours.add(
            signup.volunteerId,
            berlinIsoDate(shift.startsAt),
            hours,
            "shift",
            signupId,
            null,
            plan.organisation?.id ?? null,
            ctx.categoryIds.get(template.category) ?? null,
            `${template.title} – ${shift.title}`,
            "",
            confirmer,
            confirmedAt,
            Math.min(shift.endsAt + HOUR_MS, confirmedAt),
            confirmedAt,
          );
          if (signup.volunteerId === ctx.accounts.volunteerId) {
            ctx.notifications.push({
              userId: signup.volunteerId,
              kind: "hours_confirmed",
              params: { hours, date: berlinIsoDate(shift.startsAt) },
              link: "/volunteer/hours",
              createdAt: confirmedAt,
              readAt: confirmedAt + 6 * HOUR_MS < ctx.anchorMs ? confirmedAt + 6 * HOUR_MS : null,
            });
          }
        }
      }
    });
  });

  return flushAll(w.events, w.languages, w.translations, w.shifts, w.signups, w.hours);
}

/** The main shift (per weekly occurrence) or the main shift plus extras around the activity. */
function planShifts(
  rng: Rng,
  plan: EventPlan,
  startsAt: number,
  endsAt: number,
  shiftSize: number,
): ShiftPlan[] {
  const [main, ...templateExtras] = plan.template.shifts;
  if (!main) return [];
  const make = (t: ShiftTemplate, start: number, end: number): ShiftPlan => {
    const at = ([edge, minutes]: Edge) => (edge === "start" ? start : end) + minutes * MINUTE_MS;
    const shiftStart = at(t.from);
    let shiftEnd = at(t.to);
    if (shiftEnd <= shiftStart) shiftEnd = shiftStart + 60 * MINUTE_MS;
    return {
      title: t.title,
      startsAt: shiftStart,
      endsAt: shiftEnd,
      needed: Math.max(1, Math.round(rng.int(t.needed[0], t.needed[1]) * shiftSize)),
      requiresCertificate: t.requiresCertificate ?? false,
    };
  };
  if (plan.weekly) {
    return Array.from({ length: plan.shiftCount }, (_, week) =>
      make(main, startsAt + week * 7 * DAY_MS, endsAt + week * 7 * DAY_MS),
    );
  }
  const extras = [...templateExtras, ...GENERIC_SHIFTS];
  const chosen = new Set(rng.sample(extras, plan.shiftCount - 1));
  const shifts = [main, ...extras.filter((t) => chosen.has(t))].map((t) => make(t, startsAt, endsAt));
  return shifts.sort((a, b) => a.startsAt - b.startsAt || a.title.localeCompare(b.title));
}
