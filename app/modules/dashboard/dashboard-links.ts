/**
 * Where each number on the dashboard leads: the list that counts exactly that number (issue 13, seam 5:
 * a count on a home page linked to a list that said there was nothing). Pure and in one place, so the
 * page renders these links and tests/integration/home-figures.test.ts follows the same ones.
 */
import { figureHref, openNeedsHref } from "./dashboard-filter";

export type WeekFigure = "needs" | "proposed" | "accepted";

export const dashboardLinks = {
  /** Needs still looking for helpers. */
  openNeeds: () => openNeedsHref({}),
  /** Needs with a helper found (the coverage's "x of y", and the median time to that helper). */
  covered: () => figureHref("needs", { covered: "yes" }),
  shifts: () => figureHref("shifts"),
  certificates: () => figureHref("certificates"),
  overCap: () => figureHref("load", { kind: "over-cap" }),
  drop: () => figureHref("load", { kind: "drop" }),
  /** A category's open needs. */
  category: (categoryId: number) => openNeedsHref({ category: categoryId }),
  /** A week's needs recorded, matches proposed, or matches accepted. */
  week: (figure: WeekFigure, week: { start: string; end: string }) =>
    figure === "needs"
      ? figureHref("needs", { from: week.start, to: week.end })
      : figureHref("matches", { kind: figure, from: week.start, to: week.end }),
  /**
   * A heat-map cell: the open needs that miss its helpers, or, where none are missing, the offers
   * whose free places it shows.
   */
  heatCell: (neighbourhood: number, category: number, missingHelpers: number) =>
    missingHelpers > 0
      ? openNeedsHref({ neighbourhood, category })
      : figureHref("offers", { neighbourhood, category }),
} as const;
