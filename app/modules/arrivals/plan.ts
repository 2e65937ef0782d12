/**
 * The plan of an arrival: which needs its first steps require, on which day, at what time, in which
 * languages and how urgent. Pure (no DB, no clock of its own): the server calls it with the templates the
 * coordinator chose and "now"; the tests call it with any date. The rules are explained in
 * docs/decisions/088-arrivals-and-first-steps.md.
 */
import type { AgeGroup, Language, LanguageLevel, NeedUrgency } from "@db/schema/enums";
import { addDays } from "~/modules/dashboard/periods";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import { firstWorkingDayFrom, lastWorkingDayBetween } from "./working-days";

const HOUR_MS = 60 * 60 * 1000;
/** A step whose appointment is this close when the plan is made is urgent (issue: short lead times). */
export const URGENT_WITHIN_MS = 72 * HOUR_MS;
/** … and one within a week is of high urgency. */
export const HIGH_WITHIN_MS = 7 * 24 * HOUR_MS;

/** Household languages spoken at least this well go into the needs (a helper must share one). */
const USABLE_LEVELS: readonly LanguageLevel[] = ["good", "fluent", "native"];

export type AgeCounts = Record<AgeGroup, number>;

export interface PlanTemplate {
  id: number;
  categoryId: number;
  leadDays: number;
  startMinute: number;
  durationMinutes: number;
  perPerson: boolean;
  /** Empty: the step is for the whole household. */
  ageGroups: readonly AgeGroup[];
  requiresCertificate: boolean;
  usesHouseholdLanguages: boolean;
  /** Languages the step's needs carry besides the household's (e.g. German). */
  languages: readonly Language[];
}

export interface PlanHousehold {
  /** ISO date of the arrival (Berlin). */
  arrivalDate: string;
  ageCounts: AgeCounts;
  languages: readonly { language: Language; level: LanguageLevel }[];
}

export interface PlannedStep {
  templateId: number;
  categoryId: number;
  /** 1…personCount for per-person steps; null for household steps. */
  personNumber: number | null;
  /** How many people of the template's age groups the household has (per-person steps). */
  personCount: number;
  leadDays: number;
  /** The last day by which the step should be done. */
  dueOn: string;
  /** The day the appointment is planned on (a working day). */
  plannedOn: string;
  startsAt: number;
  endsAt: number;
  urgency: NeedUrgency;
  languages: Language[];
  requiresCertificate: boolean;
}

/** How many people of the household are in the given age groups (all of them when none is given). */
export function peopleIn(ageCounts: AgeCounts, groups: readonly AgeGroup[]): number {
  const list = groups.length > 0 ? groups : (Object.keys(ageCounts) as AgeGroup[]);
  return list.reduce((sum, group) => sum + (ageCounts[group] ?? 0), 0);
}

/** Whether a template applies to the household: a household step always, an age-group step if anyone is in them. */
export function templateApplies(template: Pick<PlanTemplate, "ageGroups">, ageCounts: AgeCounts): boolean {
  return template.ageGroups.length === 0 || peopleIn(ageCounts, template.ageGroups) > 0;
}

/**
 * The household languages a step's need carries: those spoken well (good, fluent, native); if none is,
 * all of them, so that at least some helper can be found.
 */
export function usableLanguages(languages: PlanHousehold["languages"]): Language[] {
  const good = languages.filter((l) => USABLE_LEVELS.includes(l.level)).map((l) => l.language);
  return good.length > 0 ? good : languages.map((l) => l.language);
}

function stepLanguages(template: PlanTemplate, household: PlanHousehold): Language[] {
  const list = [
    ...(template.usesHouseholdLanguages ? usableLanguages(household.languages) : []),
    ...template.languages,
  ];
  const unique = [...new Set(list)];
  return unique.length > 0 ? unique : ["de"];
}

function instantAt(iso: string, minute: number): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, Math.floor(minute / 60), minute % 60);
}

/** Urgency of a need from how far away its appointment is when the plan is made. */
export function urgencyFor(startsAt: number, now: number): NeedUrgency {
  const ahead = startsAt - now;
  if (ahead <= URGENT_WITHIN_MS) return "urgent";
  if (ahead <= HIGH_WITHIN_MS) return "high";
  return "normal";
}

/**
 * The day of a step's appointment: the last working day on or before its due day, not before the
 * arrival (a step is planned as late as its lead time allows, leaving the most time to find a helper;
 * the coordinator moves it earlier once a date is booked). If there is no working day in between (a
 * weekend arrival with a lead time of a day), the first working day after. Never in the past: a step
 * whose day has gone by when the plan is made moves to the next working day on which its time is still
 * ahead, and shows as overdue once its due day has passed.
 */
export function plannedDay(arrivalDate: string, dueOn: string, startMinute: number, now: number): string {
  let day = lastWorkingDayBetween(arrivalDate, dueOn) ?? firstWorkingDayFrom(addDays(dueOn, 1));
  if (instantAt(day, startMinute) <= now) {
    day = firstWorkingDayFrom(zonedIsoDate(now));
    if (instantAt(day, startMinute) <= now) day = firstWorkingDayFrom(addDays(day, 1));
  }
  return day;
}

/**
 * The steps of an arrival for the chosen templates: one per template, or one per person of its age
 * groups where the template says so; templates for age groups the household has nobody in give none.
 * Sorted by appointment, then in the templates' order, then by person.
 */
export function planArrival(
  household: PlanHousehold,
  templates: readonly PlanTemplate[],
  now: number,
): PlannedStep[] {
  const steps: (PlannedStep & { order: number })[] = [];
  templates.forEach((template, order) => {
    if (!templateApplies(template, household.ageCounts)) return;
    const count = peopleIn(household.ageCounts, template.ageGroups);
    const dueOn = addDays(household.arrivalDate, template.leadDays);
    const plannedOn = plannedDay(household.arrivalDate, dueOn, template.startMinute, now);
    const startsAt = instantAt(plannedOn, template.startMinute);
    // The end as a wall-clock time of the same day: right across a daylight-saving switch too.
    const endsAt = instantAt(plannedOn, template.startMinute + template.durationMinutes);
    const languages = stepLanguages(template, household);
    const base = {
      templateId: template.id,
      categoryId: template.categoryId,
      personCount: template.perPerson ? count : 1,
      leadDays: template.leadDays,
      dueOn,
      plannedOn,
      startsAt,
      endsAt,
      urgency: urgencyFor(startsAt, now),
      languages,
      requiresCertificate: template.requiresCertificate,
      order,
    };
    if (!template.perPerson) steps.push({ ...base, personNumber: null });
    else for (let n = 1; n <= count; n++) steps.push({ ...base, personNumber: n });
  });
  return steps
    .sort(
      (a, b) => a.startsAt - b.startsAt || a.order - b.order || (a.personNumber ?? 0) - (b.personNumber ?? 0),
    )
    .map(({ order: _order, ...step }) => step);
}

/** The household code for the `number`th arrival recorded in `year`: A-2026-031. */
export function arrivalCode(year: number, number: number): string {
  return `A-${year}-${String(number).padStart(3, "0")}`;
}

/** The running number of a code of the given year, or null for another year's or a malformed code. */
export function codeNumber(code: string, year: number): number | null {
  const prefix = `A-${year}-`;
  if (!code.startsWith(prefix)) return null;
  const rest = code.slice(prefix.length);
  return /^[0-9]{1,6}$/.test(rest) ? Number(rest) : null;
}
