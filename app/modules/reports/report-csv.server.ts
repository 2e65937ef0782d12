/**
 * The report CSV files: the same rows as the reports page, with translated headers and labels. Times
 * are Berlin wall-clock ("2026-03-14 10:30"), which spreadsheets read as date-times.
 */
import type { TFunction } from "i18next";
import type { Period } from "~/modules/dashboard/periods";
import type { NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import type { DbOrTx } from "~/modules/notifications/outbox.server";
import { zoneOffsetMs } from "~/utils/time";
import { toCsv, type CsvCell } from "./csv";
import {
  listMatchesForReport,
  listNeedsForReport,
  summariseHours,
  type HoursGrouping,
} from "./reports.server";

export function berlinDateTime(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms + zoneOffsetMs(ms)).toISOString().slice(0, 16).replace("T", " ");
}

const category = (t: TFunction, slug: string | null, name: string | null) =>
  slug ? t(`common:categories.${slug}`, { defaultValue: name ?? slug }) : (name ?? "");

export function needsCsv(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
  t: TFunction,
  locale: string,
): string {
  const rows = listNeedsForReport(db, scope, period);
  const header = [
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
  ].map((k) => t(`reports:csv.needs.${k}`));
  const body: CsvCell[][] = rows.map((r) => [
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
  ]);
  return toCsv(header, body, locale);
}

export function matchesCsv(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
  t: TFunction,
  locale: string,
): string {
  const rows = listMatchesForReport(db, scope, period);
  const header = [
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
  ].map((k) => t(`reports:csv.matches.${k}`));
  const body: CsvCell[][] = rows.map((r) => [
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
  ]);
  return toCsv(header, body, locale);
}

export function hoursCsv(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
  by: HoursGrouping,
  t: TFunction,
  locale: string,
): string {
  const rows = summariseHours(db, scope, period, by);
  const header = [
    t(`reports:hours.${by}`),
    t("reports:hours.entries"),
    t("reports:hours.hours"),
    t("reports:hours.volunteers"),
  ];
  const label = (r: (typeof rows)[number]) =>
    r.key === null
      ? t(`reports:hours.none.${by}`)
      : by === "category"
        ? category(t, r.slug, r.label)
        : (r.label ?? r.key);
  return toCsv(
    header,
    rows.map((r) => [label(r), r.entries, r.hours, r.volunteers]),
    locale,
  );
}

/** "bedarfe_2026-01-01_2026-03-31.csv" */
export function reportFilename(t: TFunction, report: string, period: Period): string {
  return `${t(`reports:files.${report}`)}_${period.from}_${period.to}.csv`;
}
