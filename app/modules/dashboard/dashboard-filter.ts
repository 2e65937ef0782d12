/**
 * The query strings of the lists behind the dashboard's figures, read leniently: a value that does not
 * parse is dropped (a mistyped link still shows a list, never an error page). Pure: shared by the
 * loaders and by the links the dashboard renders, so both always spell a filter the same way.
 */
import { isIsoDate } from "./periods";

export const LIST_PAGE_SIZE = 50;

export const COVERED_FILTER = ["any", "yes", "no"] as const;
export type CoveredFilter = (typeof COVERED_FILTER)[number];
/** proposed / accepted: in the period; waiting: proposed and not answered yet (any time). */
export const MATCH_KIND = ["proposed", "accepted", "waiting"] as const;
export type MatchKind = (typeof MATCH_KIND)[number];
export const LOAD_KIND = ["over-cap", "drop"] as const;
export type LoadKind = (typeof LOAD_KIND)[number];

export interface FigureFilter {
  neighbourhood?: number;
  category?: number;
  from?: string;
  to?: string;
  covered: CoveredFilter;
  /** Needs list: only needs still looking for helpers (open or partly matched). */
  open: boolean;
  matchKind: MatchKind;
  loadKind: LoadKind;
  page: number;
}

function positiveInt(value: string | null, max = 2 ** 31): number | undefined {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : fallback;
}

export function parseFigureFilter(params: URLSearchParams): FigureFilter {
  const date = (key: string) => {
    const v = params.get(key)?.trim() ?? "";
    return isIsoDate(v) ? v : undefined;
  };
  let from = date("from");
  let to = date("to");
  if (from && to && from > to) [from, to] = [to, from];
  return {
    neighbourhood: positiveInt(params.get("neighbourhood")),
    category: positiveInt(params.get("category")),
    from,
    to,
    covered: oneOf(COVERED_FILTER, params.get("covered"), "any"),
    open: params.get("open") === "1",
    matchKind: oneOf(MATCH_KIND, params.get("kind"), "proposed"),
    loadKind: oneOf(LOAD_KIND, params.get("kind"), "over-cap"),
    page: positiveInt(params.get("page"), 100_000) ?? 1,
  };
}

/** A link to one of the dashboard's lists (undefined values are left out). */
export function figureHref(
  list: "needs" | "matches" | "offers" | "shifts" | "certificates" | "load",
  params: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value));
  const query = search.toString();
  return `/coordination/dashboard/${list}${query ? `?${query}` : ""}`;
}

/** The coordinator's needs list (another team's page), filtered to open needs. */
export function openNeedsHref(params: { neighbourhood?: number; category?: number }): string {
  const search = new URLSearchParams({ status: "active" });
  if (params.neighbourhood) search.set("neighbourhood", String(params.neighbourhood));
  if (params.category) search.set("category", String(params.category));
  return `/coordination/needs?${search.toString()}`;
}
