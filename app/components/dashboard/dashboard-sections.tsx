import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HeatMap, HeatMapLegend, type HeatMapCell } from "~/components/charts/heat-map";
import { LineChart, LineChartLegend } from "~/components/charts/line-chart";
import { DateTime } from "~/components/time";
import { figureHref, openNeedsHref } from "~/modules/dashboard/dashboard-filter";
import type { DashboardData, LoadAlert } from "~/modules/dashboard/dashboard.server";

type Data = Pick<DashboardData, "neighbourhoods" | "categories" | "heat" | "weeks" | "openByCategory">;

export function useNumber() {
  const { i18n } = useTranslation();
  return (value: number, digits = 0) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
      value,
    );
}

export function useCategoryName() {
  const { t } = useTranslation("common");
  return (c: { slug: string; name: string }) => t(`categories.${c.slug}`, { defaultValue: c.name });
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

/** "18.11." for a week's Monday. */
export function shortDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.`;
}

export function OpenByCategory({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const categoryName = useCategoryName();
  const byId = new Map(data.categories.map((c) => [c.id, c]));
  const max = Math.max(1, ...data.openByCategory.map((c) => c.openNeeds));
  if (data.openByCategory.length === 0) return <p className="empty">{t("byCategory.empty")}</p>;
  return (
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
                  to={openNeedsHref({ category: row.categoryId })}
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
  );
}

export function HeatMapSection({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const categoryName = useCategoryName();
  const nbName = new Map(data.neighbourhoods.map((nb) => [nb.id, nb.name]));
  const catById = new Map(data.categories.map((c) => [c.id, c]));
  const shortage = (c: { missingHelpers: number; freeCapacity: number }) =>
    Math.max(0, c.missingHelpers - c.freeCapacity);
  const maxShortage = Math.max(1, ...data.heat.map(shortage));
  const visible = data.heat.filter((c) => nbName.has(c.neighbourhoodId) && catById.has(c.categoryId));
  const cells: HeatMapCell[] = visible.map((c) => ({
    row: c.neighbourhoodId,
    column: c.categoryId,
    intensity: Math.sqrt(shortage(c) / maxShortage),
    primary: c.missingHelpers,
    secondary: c.freeCapacity,
    empty: c.missingHelpers === 0 && c.freeCapacity === 0,
    href:
      c.missingHelpers > 0
        ? openNeedsHref({ neighbourhood: c.neighbourhoodId, category: c.categoryId })
        : figureHref("offers", { neighbourhood: c.neighbourhoodId, category: c.categoryId }),
    title: t("heat.cellTitle", {
      neighbourhood: nbName.get(c.neighbourhoodId),
      category: categoryName(catById.get(c.categoryId)!),
      missing: c.missingHelpers,
      free: c.freeCapacity,
    }),
  }));
  const rows = [...visible].sort(
    (a, b) =>
      shortage(b) - shortage(a) ||
      b.missingHelpers - a.missingHelpers ||
      a.neighbourhoodId - b.neighbourhoodId ||
      a.categoryId - b.categoryId,
  );
  return (
    <>
      <p className="hint">{t("heat.explain")}</p>
      <HeatMapLegend low={t("heat.legendLow")} high={t("heat.legendHigh")} />
      <p className="hint">{t("heat.numbers")}</p>
      <div className="chart-scroll" data-testid="heat-map">
        <HeatMap
          id="heat-map"
          rows={data.neighbourhoods.map((nb) => ({ id: nb.id, label: nb.name }))}
          columns={data.categories.map((c) => ({ id: c.id, label: categoryName(c) }))}
          cells={cells}
          formatNumber={(v) => n(v)}
        />
      </div>
      <details className="chart-table">
        <summary>{t("heat.tableSummary", { count: rows.length })}</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("heat.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("heat.neighbourhood")}</th>
                <th scope="col">{t("heat.category")}</th>
                <th scope="col">{t("heat.openNeeds")}</th>
                <th scope="col">{t("heat.missing")}</th>
                <th scope="col">{t("heat.free")}</th>
                <th scope="col">{t("heat.gap")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.neighbourhoodId}:${c.categoryId}`}>
                  <th scope="row">{nbName.get(c.neighbourhoodId)}</th>
                  <td>{categoryName(catById.get(c.categoryId)!)}</td>
                  <td>
                    {c.openNeeds > 0 ? (
                      <Link to={openNeedsHref({ neighbourhood: c.neighbourhoodId, category: c.categoryId })}>
                        {n(c.openNeeds)}
                      </Link>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td>{n(c.missingHelpers)}</td>
                  <td>
                    {c.freeCapacity > 0 ? (
                      <Link
                        to={figureHref("offers", {
                          neighbourhood: c.neighbourhoodId,
                          category: c.categoryId,
                        })}
                      >
                        {n(c.freeCapacity)}
                      </Link>
                    ) : (
                      "0"
                    )}
                  </td>
                  <td>{n(c.missingHelpers - c.freeCapacity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export function WeeklySection({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const n = useNumber();
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
          labels={data.weeks.map((w) => shortDate(w.start))}
          series={series}
          formatNumber={(v) => n(v, 1)}
        />
      </div>
      <details className="chart-table">
        <summary>{t("weekly.tableSummary")}</summary>
        <div className="table-scroll">
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
                  <th scope="row">{t("weekly.range", { from: shortDate(w.start), to: shortDate(w.end) })}</th>
                  <td>
                    <Link to={figureHref("needs", { from: w.start, to: w.end })}>{n(w.needs)}</Link>
                  </td>
                  <td>
                    <Link to={figureHref("matches", { kind: "proposed", from: w.start, to: w.end })}>
                      {n(w.proposed)}
                    </Link>
                  </td>
                  <td>
                    <Link to={figureHref("matches", { kind: "accepted", from: w.start, to: w.end })}>
                      {n(w.accepted)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
