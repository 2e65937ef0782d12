/**
 * The arrivals' part of the Lagebild (the coordination dashboard): arrivals of the last 90 days, the share
 * of first steps done within their lead time, and the median days from arrival to a step's completion —
 * by neighbourhood and by step — with the list of arrivals behind each number (code only). Definitions:
 *
 * - a step counts once it is due: done (whenever), or not done and past its due day (overdue); steps
 *   still ahead and steps not needed (cancelled) do not count;
 * - done within its lead time: done on or before its due day (Berlin calendar days);
 * - days to a step: calendar days from the arrival date to the day it was done (Berlin).
 *
 * A fixed number of statements whatever the scope: the steps of the period (progress.server.ts), the
 * households, their neighbourhoods' names and the steps' templates.
 */
import type { DbOrTx } from "@db/client";
import { and, asc, between, inArray, sql } from "drizzle-orm";
import { arrivals, neighbourhoods } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import { addDays, daysBetween } from "~/modules/dashboard/periods";
import { inScope, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import { zonedIsoDate } from "~/utils/time";
import { LAGEBILD_DAYS, UPCOMING_DAYS } from "./lagebild-definitions";
import { stepFactsForPeriod, type StepFact } from "./progress.server";
import { loadTemplates } from "./templates.server";

export const ARRIVAL_LIST_PAGE_SIZE = 50;

export interface StepFigures {
  /** Steps done or overdue. */
  due: number;
  doneInTime: number;
  /** doneInTime / due; null when nothing is due yet. */
  shareInTime: number | null;
  done: number;
  overdue: number;
  /** Median calendar days from arrival to done; null when nothing is done. */
  medianDays: number | null;
}

export interface NeighbourhoodFigures extends StepFigures {
  neighbourhoodId: number;
  name: string;
  arrivals: number;
  persons: number;
}

export interface StepKindFigures extends StepFigures {
  templateId: number;
  /** The step's title in each language the template has (German always): the figures are shared by all. */
  titles: Partial<Record<UiLocale, string>>;
  leadDays: number;
}

export interface ArrivalsLagebild {
  from: string;
  to: string;
  arrivals: number;
  persons: number;
  upcoming: number;
  total: StepFigures;
  byNeighbourhood: NeighbourhoodFigures[];
  byStep: StepKindFigures[];
}

/** The figures as a page shows them: each step's title in the reader's language. */
export type ArrivalsLagebildView = Omit<ArrivalsLagebild, "byStep"> & { byStep: StepKindFiguresView[] };

export type StepKindFiguresView = Omit<StepKindFigures, "titles"> & { title: string };

/** Each step's title in the reader's language (German where the template has none in it). */
export function stepKindsInLanguage(rows: readonly StepKindFigures[], locale: string): StepKindFiguresView[] {
  return rows.map(({ titles, ...row }) => ({ ...row, title: titles[locale as UiLocale] ?? titles.de ?? "" }));
}

export function lagebildInLanguage(figures: ArrivalsLagebild, locale: string): ArrivalsLagebildView {
  return { ...figures, byStep: stepKindsInLanguage(figures.byStep, locale) };
}

/** The median of a list of numbers (the mean of the middle two for an even count), or null. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function doneWithinLead(step: Pick<StepFact, "state" | "doneAt" | "dueOn">): boolean {
  return step.state === "done" && step.doneAt !== null && zonedIsoDate(step.doneAt) <= step.dueOn;
}

export function daysToStep(step: Pick<StepFact, "arrivalDate" | "doneAt">): number | null {
  return step.doneAt === null ? null : daysBetween(step.arrivalDate, zonedIsoDate(step.doneAt));
}

/** The figures of some steps, by the definitions above. */
export function stepFigures(steps: readonly StepFact[]): StepFigures {
  let due = 0;
  let doneInTime = 0;
  let done = 0;
  let overdue = 0;
  const days: number[] = [];
  for (const step of steps) {
    if (step.state === "done") {
      due += 1;
      done += 1;
      if (doneWithinLead(step)) doneInTime += 1;
      const d = daysToStep(step);
      if (d !== null) days.push(d);
    } else if (step.state === "overdue") {
      due += 1;
      overdue += 1;
    }
  }
  return {
    due,
    doneInTime,
    shareInTime: due > 0 ? doneInTime / due : null,
    done,
    overdue,
    medianDays: median(days),
  };
}

/** The figures of some steps per kind of step (template), in the templates' order; kinds with nothing due are left out. */
function stepKindFigures(db: DbOrTx, steps: readonly StepFact[]): StepKindFigures[] {
  const templates = loadTemplates(db, { ids: [...new Set(steps.map((s) => s.templateId))] });
  return templates
    .map((t) => ({
      templateId: t.id,
      titles: Object.fromEntries(Object.entries(t.texts).map(([locale, text]) => [locale, text.title])),
      leadDays: t.leadDays,
      ...stepFigures(steps.filter((s) => s.templateId === t.id)),
    }))
    .filter((f) => f.due > 0);
}

function windowOf(now: number): { from: string; to: string; today: string } {
  const today = zonedIsoDate(now);
  return { from: addDays(today, -(LAGEBILD_DAYS - 1)), to: today, today };
}

/**
 * The arrivals' figures of the Lagebild for a scope, in no particular language: they are part of the
 * dashboard's figure snapshot (dashboard/figure-snapshots.server.ts), computed once for every reader.
 */
export function loadArrivalsLagebild(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  now = Date.now(),
): ArrivalsLagebild {
  const { from, to, today } = windowOf(now);
  const steps = stepFactsForPeriod(db, scope, from, to, today);
  const households = db
    .select({
      id: arrivals.id,
      neighbourhoodId: arrivals.neighbourhoodId,
      householdSize: arrivals.householdSize,
      arrivalDate: arrivals.arrivalDate,
    })
    .from(arrivals)
    .where(
      and(
        inScope("arrivals.neighbourhood_id", scope),
        between(arrivals.arrivalDate, from, addDays(today, UPCOMING_DAYS)),
      ),
    )
    .all();
  const inWindow = households.filter((h) => h.arrivalDate <= to);
  const nbIds = [...new Set(inWindow.map((h) => h.neighbourhoodId))];
  const names = new Map(
    nbIds.length
      ? db
          .select({ id: neighbourhoods.id, name: neighbourhoods.name })
          .from(neighbourhoods)
          .where(inArray(neighbourhoods.id, nbIds))
          .all()
          .map((n) => [n.id, n.name])
      : [],
  );
  const byNeighbourhood: NeighbourhoodFigures[] = nbIds
    .map((id) => {
      const mine = inWindow.filter((h) => h.neighbourhoodId === id);
      return {
        neighbourhoodId: id,
        name: names.get(id) ?? "",
        arrivals: mine.length,
        persons: mine.reduce((n, h) => n + h.householdSize, 0),
        ...stepFigures(steps.filter((s) => s.neighbourhoodId === id)),
      };
    })
    .sort((a, b) => b.arrivals - a.arrivals || a.name.localeCompare(b.name, "de"));
  const byStep = stepKindFigures(db, steps);
  return {
    from,
    to,
    arrivals: inWindow.length,
    persons: inWindow.reduce((n, h) => n + h.householdSize, 0),
    upcoming: households.length - inWindow.length,
    total: stepFigures(steps),
    byNeighbourhood,
    byStep,
  };
}

export interface LagebildArrivalItem extends StepFigures {
  id: number;
  code: string;
  neighbourhoodName: string;
  arrivalDate: string;
  steps: number;
}

/**
 * The arrivals behind the Lagebild's figures (the same window and definitions), optionally of one
 * neighbourhood: code, place, date and step figures only, newest first, in pages. For one neighbourhood
 * also its figures per step (the median days from arrival to each step there); null otherwise, where
 * the Lagebild itself has them.
 */
export function listLagebildArrivals(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: { neighbourhood?: number; page: number },
  now = Date.now(),
): {
  items: LagebildArrivalItem[];
  total: number;
  page: number;
  pageCount: number;
  from: string;
  to: string;
  byStep: StepKindFigures[] | null;
} {
  const { from, to, today } = windowOf(now);
  const steps = stepFactsForPeriod(db, scope, from, to, today).filter(
    (s) => filter.neighbourhood === undefined || s.neighbourhoodId === filter.neighbourhood,
  );
  const rows = db
    .select({
      id: arrivals.id,
      code: arrivals.code,
      arrivalDate: arrivals.arrivalDate,
      neighbourhoodName: neighbourhoods.name,
    })
    .from(arrivals)
    .innerJoin(neighbourhoods, sql`${neighbourhoods.id} = ${arrivals.neighbourhoodId}`)
    .where(
      and(
        inScope("arrivals.neighbourhood_id", scope),
        between(arrivals.arrivalDate, from, to),
        filter.neighbourhood === undefined
          ? undefined
          : sql`${arrivals.neighbourhoodId} = ${filter.neighbourhood}`,
      ),
    )
    .orderBy(sql`${arrivals.arrivalDate} desc`, asc(arrivals.code))
    .all();
  const byArrival = new Map<number, StepFact[]>();
  for (const step of steps) {
    const list = byArrival.get(step.arrivalId);
    if (list) list.push(step);
    else byArrival.set(step.arrivalId, [step]);
  }
  const total = rows.length;
  const pageCount = Math.max(1, Math.ceil(total / ARRIVAL_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const items = rows.slice((page - 1) * ARRIVAL_LIST_PAGE_SIZE, page * ARRIVAL_LIST_PAGE_SIZE).map((r) => {
    const mine = byArrival.get(r.id) ?? [];
    return { ...r, steps: mine.filter((s) => s.state !== "cancelled").length, ...stepFigures(mine) };
  });
  const byStep = filter.neighbourhood === undefined ? null : stepKindFigures(db, steps);
  return { items, total, page, pageCount, from, to, byStep };
}
