/**
 * The report CSV files: the same rows as the reports page, with translated headers and labels. Times
 * are Berlin wall-clock ("2026-03-14 10:30"), which spreadsheets read as date-times.
 *
 * The files with a line per need or match stream: the rows are read one at a time, as the reader takes
 * them, from a read-only connection of the download's own (a statement that is being iterated keeps
 * its connection busy, and the app's connection must stay free for writes). The first bytes go out
 * before the query has finished; memory holds one chunk whatever the number of rows. A download that
 * has not finished after ten minutes is cut off, so that no reader holds a snapshot of the database open
 * for long.
 */
import { closeDatabase, openDatabase, type Db } from "@db/client";
import type { TFunction } from "i18next";
import type { Period } from "~/modules/dashboard/periods";
import type { NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import { zoneOffsetMs } from "~/utils/time";
import { csvResponse, csvStream, type CsvCell } from "./csv";
import {
  iterateHours,
  iterateMatchesForReport,
  iterateNeedsForReport,
  type HoursGrouping,
  type HoursRow,
  type MatchReportRow,
  type NeedReportRow,
} from "./reports.server";
import { categoryLabel } from "~/modules/places/category-names";

/** What the CSV files are written with: the reports namespace first, common for category names. */
export type ReportT = TFunction<["reports", "common"]>;
export type ReportFile = "needs" | "matches" | `hours-${HoursGrouping}`;

const DOWNLOAD_TIME_LIMIT_MS = 10 * 60_000;

/** `rows` as CSV lines, one at a time. */
function* mapRows<R>(rows: Iterator<R>, toCells: (row: R) => CsvCell[]): Generator<CsvCell[]> {
  try {
    for (let next = rows.next(); !next.done; next = rows.next()) yield toCells(next.value);
  } finally {
    rows.return?.();
  }
}

/**
 * A streamed CSV download of the rows `read` yields, from a read-only connection of its own next to
 * the app's `db` (an in-memory database has none: its rows are read at once).
 */
function streamedCsv<R>(
  db: Db,
  read: (db: Db) => IterableIterator<R>,
  header: string[],
  toCells: (row: R) => CsvCell[],
  locale: string,
  filename: string,
): Response {
  const path = db.$client.name;
  if (db.$client.memory || !path) {
    return csvResponse(
      csvStream(header, mapRows([...read(db)][Symbol.iterator](), toCells), locale),
      filename,
    );
  }
  const own = openDatabase(path, { readonly: true });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(limit);
    closeDatabase(own);
  };
  let rows: Iterator<R>;
  try {
    rows = read(own);
  } catch (error) {
    closeDatabase(own);
    throw error;
  }
  const stream = csvStream(header, mapRows(rows, toCells), locale, close);
  const limit = setTimeout(
    () =>
      void stream
        .cancel()
        .catch(() => {})
        .finally(close),
    DOWNLOAD_TIME_LIMIT_MS,
  );
  limit.unref();
  return csvResponse(stream, filename);
}

export function berlinDateTime(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms + zoneOffsetMs(ms)).toISOString().slice(0, 16).replace("T", " ");
}

const category = (t: ReportT, slug: string | null, name: string | null) =>
  slug ? categoryLabel((key) => t(`common:${key}`), { slug, name: name ?? slug }) : (name ?? "");

/** One line per need recorded in the period, streamed. */
export function needsCsv(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
  t: ReportT,
  locale: string,
): Response {
  const header = (
    [
      "id",
      "recorded",
      "neighbourhood",
      "category",
      "organisation",
      "status",
      "urgency",
      "helpersNeeded",
      "helpersFound",
      "firstAcceptance",
      "hoursToFirstAcceptance",
      "closed",
    ] as const
  ).map((k) => t(`reports:csv.needs.${k}`));
  const cells = (r: NeedReportRow): CsvCell[] => [
    r.id,
    berlinDateTime(r.createdAt),
    r.neighbourhood,
    category(t, r.categorySlug, r.categoryName),
    r.organisation,
    t(`reports:needStatus.${r.status}`),
    t(`reports:urgency.${r.urgency}`),
    r.helpersNeeded,
    r.helpersFound,
    berlinDateTime(r.firstAcceptedAt),
    r.firstAcceptedAt === null ? null : (r.firstAcceptedAt - r.createdAt) / 3_600_000,
    berlinDateTime(r.closedAt),
  ];
  return streamedCsv(
    db,
    (own) => iterateNeedsForReport(own, scope, period),
    header,
    cells,
    locale,
    reportFilename(t, "needs", period),
  );
}

/** One line per match proposed in the period, streamed. */
export function matchesCsv(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
  t: ReportT,
  locale: string,
): Response {
  const header = (
    [
      "id",
      "need",
      "proposed",
      "answered",
      "status",
      "neighbourhood",
      "category",
      "offeredBy",
      "organisation",
      "score",
      "hoursConfirmed",
    ] as const
  ).map((k) => t(`reports:csv.matches.${k}`));
  const cells = (r: MatchReportRow): CsvCell[] => [
    r.id,
    r.needId,
    berlinDateTime(r.proposedAt),
    berlinDateTime(r.respondedAt),
    t(`reports:matchStatus.${r.status}`),
    r.neighbourhood,
    category(t, r.categorySlug, r.categoryName),
    t(`reports:offeredBy.${r.offeredBy}`),
    r.organisation,
    r.score,
    r.hoursConfirmed,
  ];
  return streamedCsv(
    db,
    (own) => iterateMatchesForReport(own, scope, period),
    header,
    cells,
    locale,
    reportFilename(t, "matches", period),
  );
}

/** Confirmed hours per organisation, category or month, streamed (the header goes out first). */
export function hoursCsv(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
  by: HoursGrouping,
  t: ReportT,
  locale: string,
): Response {
  const header = [
    t(`reports:hours.${by}`),
    t("reports:hours.entries"),
    t("reports:hours.hours"),
    t("reports:hours.volunteers"),
  ];
  const label = (r: HoursRow) =>
    r.key === null
      ? t(`reports:hours.none.${by}`)
      : by === "category"
        ? category(t, r.slug, r.label)
        : (r.label ?? r.key);
  return streamedCsv(
    db,
    (own) => iterateHours(own, scope, period, by),
    header,
    (r) => [label(r), r.entries, r.hours, r.volunteers],
    locale,
    reportFilename(t, `hours-${by}`, period),
  );
}

/** "bedarfe_2026-01-01_2026-03-31.csv" */
export function reportFilename(t: ReportT, report: ReportFile, period: Period): string {
  return `${t(`reports:files.${report}`)}_${period.from}_${period.to}.csv`;
}
