import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HeatMap, HeatMapLegend, type HeatMapRow } from "~/components/charts/heat-map";
import { LineChart, LineChartLegend } from "~/components/charts/line-chart";
import { Pagination } from "~/components/pagination";
import { TableScroll } from "~/components/table-scroll";
import { DateTime } from "~/components/time";
import { dashboardLinks } from "~/modules/dashboard/dashboard-links";
import type { DashboardData, LoadAlert } from "~/modules/dashboard/dashboard.server";
import { HEAT_ROWS_PER_PAGE, shortageOf, type HeatPage } from "~/modules/dashboard/heat-rows";
import { useCategoryName } from "~/components/use-category-name";

type Data = Pick<DashboardData, "categories" | "weeks" | "openByCategory">;

// Building an Intl.NumberFormat costs tens of microseconds; a dashboard formats hundreds of numbers.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function useNumber() {
  const { i18n } = useTranslation();
  return (value: number, digits = 0) => {
    const key = `${i18n.language}|${digits}`;
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(i18n.language, {
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      });
      numberFormats.set(key, format);
    }
    return format.format(value);
  };
}

/** "3,5 Std." below two days, "4,2 Tage" above. */
export function useDuration() {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  return (ms: number) => {
    const hours = ms / 3_600_000;
    return hours < 48
      ? t("duration.hours", { value: n(hours, 1) })
      : t("duration.days", { value: n(hours / 24, 1) });
  };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A week's days the reader's way: `label` for a week's Monday ("18. Nov." in German, "Nov 18" in
 * English), `range` for the whole week ("18.–24. Nov."). Days are ISO dates, read at noon UTC.
 */
export function useWeekDays() {
  const { i18n } = useTranslation();
  let format = dayFormats.get(i18n.language);
  if (!format) {
    format = new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", timeZone: "UTC" });
    dayFormats.set(i18n.language, format);
  }
  const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
  const f = format;
  return {
    label: (iso: string) => f.format(day(iso)),
    range: (from: string, to: string) => f.formatRange(day(from), day(to)),
  };
}

export function OpenByCategory({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const categoryName = useCategoryName();
  const byId = new Map(data.categories.map((c) => [c.id, c]));
  const max = Math.max(1, ...data.openByCategory.map((c) => c.openNeeds));
  if (data.openByCategory.length === 0) return <p className="empty">{t("byCategory.empty")}</p>;
  return (
    <TableScroll labelledBy="by-category-heading">
      <table className="data-table bar-table">
        <thead>
          <tr>
            <th scope="col">{t("byCategory.category")}</th>
            <th scope="col">{t("byCategory.openNeeds")}</th>
            <th scope="col">{t("byCategory.missingHelpers")}</th>
          </tr>
        </thead>
        <tbody>
          {data.openByCategory.map((row) => {
            const category = byId.get(row.categoryId);
            return (
              <tr key={row.categoryId}>
                <th scope="row">{category ? categoryName(category) : `#${row.categoryId}`}</th>
                <td>
                  <span
                    className="bar"
                    style={{ inlineSize: `${Math.max(2, (row.openNeeds / max) * 100)}%` }}
                    aria-hidden="true"
                  />
                  <Link
                    to={dashboardLinks.category(row.categoryId)}
                    aria-label={t("byCategory.linkLabel", { count: row.openNeeds })}
                  >
                    {n(row.openNeeds)}
                  </Link>
                </td>
                <td>{n(row.missingHelpers)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function HeatMapSection({
  categories,
  heat,
  pageHref,
}: {
  categories: DashboardData["categories"];
  heat: HeatPage;
  pageHref: (page: number) => string;
}) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const categoryName = useCategoryName();
  const from = (heat.page - 1) * HEAT_ROWS_PER_PAGE + 1;
  const rows: HeatMapRow[] = heat.rows.map((row) => ({
    id: row.id,
    label: row.name,
    cells: row.cells.map((cell, i) => {
      if (!cell) return null;
      const [, missing, , free] = cell;
      const category = categories[i]!;
      return {
        intensity: Math.sqrt(shortageOf(missing, free) / Math.max(1, heat.maxShortage)),
        primary: missing,
        secondary: free,
        href: dashboardLinks.heatCell(row.id, category.id, missing),
        label: t("heat.cellTitle", {
          neighbourhood: row.name,
          category: categoryName(category),
          missing: n(missing),
          free: n(free),
        }),
      };
    }),
  }));
  return (
    <>
      <p className="hint">{t("heat.explain")}</p>
      <HeatMapLegend low={t("heat.legendLow")} high={t("heat.legendHigh")} />
      <p className="hint">{t("heat.numbers")}</p>
      <div data-testid="heat-map">
        <TableScroll labelledBy="heat-heading" cards={false}>
          <HeatMap
            caption={t("heat.tableCaption")}
            rowHeader={t("heat.neighbourhood")}
            columns={categories.map((c) => ({ id: c.id, label: categoryName(c) }))}
            rows={rows}
            formatNumber={(v) => n(v)}
          />
        </TableScroll>
      </div>
      <Pagination
        page={heat.page}
        pageCount={heat.pageCount}
        hrefFor={pageHref}
        labels={{
          nav: t("heat.pagination"),
          previous: t("lists.previous"),
          next: t("lists.next"),
          current: t("heat.pageRange", {
            from: n(from),
            to: n(from + heat.rows.length - 1),
            count: heat.total,
          }),
        }}
      />
    </>
  );
}

export function WeeklySection({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const week = useWeekDays();
  const series = [
    { key: "needs", label: t("weekly.needs"), values: data.weeks.map((w) => w.needs) },
    { key: "proposed", label: t("weekly.proposed"), values: data.weeks.map((w) => w.proposed) },
    { key: "accepted", label: t("weekly.accepted"), values: data.weeks.map((w) => w.accepted) },
  ];
  return (
    <>
      <LineChartLegend series={series} />
      <div className="chart-box" data-testid="weekly-chart">
        <LineChart
          id="weekly-chart"
          labels={data.weeks.map((w) => week.label(w.start))}
          series={series}
          formatNumber={(v) => n(v, 1)}
        />
      </div>
      <details className="chart-table">
        <summary>{t("weekly.tableSummary")}</summary>
        <TableScroll label={t("weekly.tableCaption")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("weekly.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("weekly.week")}</th>
                <th scope="col">{t("weekly.needs")}</th>
                <th scope="col">{t("weekly.proposed")}</th>
                <th scope="col">{t("weekly.accepted")}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.weeks].reverse().map((w) => (
                <tr key={w.start}>
                  <th scope="row">
                    {/* Server and browser may format with slightly different ICU data (see time.tsx). */}
                    <time dateTime={w.start} suppressHydrationWarning>
                      {week.range(w.start, w.end)}
                    </time>
                  </th>
                  <td>
                    <Link to={dashboardLinks.week("needs", w)} discover="none">
                      {n(w.needs)}
                    </Link>
                  </td>
                  <td>
                    <Link to={dashboardLinks.week("proposed", w)} discover="none">
                      {n(w.proposed)}
                    </Link>
                  </td>
                  <td>
                    <Link to={dashboardLinks.week("accepted", w)} discover="none">
                      {n(w.accepted)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </>
  );
}

export function ShiftAlerts({ shifts }: { shifts: DashboardData["shifts"] }) {
  const { t } = useTranslation("dashboard");
  if (shifts.items.length === 0) return <p className="empty">{t("shifts.empty")}</p>;
  return (
    <ul className="alert-list">
      {shifts.items.map((s) => (
        <li key={s.shiftId}>
          <Link to={`/activities/${s.eventId}`}>{s.eventTitle}</Link>: {s.title} ·{" "}
          <DateTime value={s.startsAt} /> · {s.neighbourhoodName} ·{" "}
          <strong>{t("shifts.staffed", { confirmed: s.confirmedCount, needed: s.neededCount })}</strong>
        </li>
      ))}
    </ul>
  );
}

export function CertificateAlerts({ certificates }: { certificates: DashboardData["certificates"] }) {
  const { t, i18n } = useTranslation("dashboard");
  if (certificates.items.length === 0) return <p className="empty">{t("certificates.empty")}</p>;
  return (
    <ul className="alert-list">
      {certificates.items.map((c) => (
        <li key={c.userId}>
          <Link to={`/coordination/volunteers/${c.userId}/certificate`}>{c.displayName}</Link> ·{" "}
          {t("certificates.validUntil", {
            date: new Date(`${c.validUntil}T12:00:00Z`).toLocaleDateString(i18n.language, {
              timeZone: "UTC",
            }),
          })}
        </li>
      ))}
    </ul>
  );
}

export function LoadAlerts({ items, kind }: { items: LoadAlert[]; kind: "over-cap" | "drop" }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  if (items.length === 0)
    return <p className="empty">{t(kind === "drop" ? "load.dropEmpty" : "load.overCapEmpty")}</p>;
  return (
    <ul className="alert-list">
      {items.map((p) => (
        <li key={p.userId}>
          {p.displayName} ·{" "}
          {kind === "drop"
            ? t("load.dropLine", {
                recent: n(p.recentWeeklyAverage, 1),
                previous: n(p.previousWeeklyAverage, 1),
              })
            : t("load.overCapLine", { hours: n(p.lastWeekHours, 1), cap: n(p.capPerWeek, 1) })}
        </li>
      ))}
    </ul>
  );
}

/** One figure: a big number that links to its list, and what it means. */
export function Figure({
  value,
  href,
  label,
  detail,
  testId,
}: {
  value: string;
  href: string;
  label: string;
  detail?: string;
  testId?: string;
}) {
  return (
    <li className="figure" data-testid={testId}>
      <Link to={href} className="figure__value">
        {value}
      </Link>
      <span className="figure__label">{label}</span>
      {detail ? <span className="figure__detail">{detail}</span> : null}
    </li>
  );
}
