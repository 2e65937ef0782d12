import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { DateTime } from "~/components/time";
import { TableScroll } from "~/components/table-scroll";
import { useNumber } from "~/components/dashboard/dashboard-sections";
import { useCategoryName } from "~/components/use-category-name";
import { PeriodForm } from "~/components/dashboard/period-form";
import { requireReportRoute } from "~/modules/reports/report-route.server";
import { formatIsoMonth } from "~/utils/format";
import { HOURS_GROUPING, type HoursGrouping } from "~/modules/reports/report-period";
import { cachedFigures } from "~/modules/dashboard/figure-snapshots.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard", "reports"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? ""} · miteinander` },
];

/**
 * A city has thousands of organisations: the page lists those with the most hours, the CSV file all of
 * them (the page stays light; the file is where a funder's full list belongs).
 */
const ORGANISATIONS_SHOWN = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope, period, errors, t } = await requireReportRoute(getDb(), request);
  const db = getDb();
  const { asOf, needs, matches, hours } = cachedFigures(db, {
    kind: "reports",
    scope,
    from: period.from,
    to: period.to,
  });
  return {
    period: { from: period.from, to: period.to },
    errors,
    allNeighbourhoods: user.role === "admin",
    asOf,
    needs,
    matches,
    hours: {
      ...hours,
      organisation: [...hours.organisation].sort((a, b) => b.hours - a.hours).slice(0, ORGANISATIONS_SHOWN),
    } as Record<HoursGrouping, (typeof hours)[HoursGrouping]>,
    organisationCount: hours.organisation.length,
    pageTitle: t("title"),
  };
}

export default function ReportsPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "dashboard"]);
  const n = useNumber();
  const categoryName = useCategoryName();
  const query = new URLSearchParams({ from: data.period.from, to: data.period.to }).toString();
  const sum = (
    key: "recorded" | "covered" | "open" | "closed" | "cancelled" | "helpersNeeded" | "helpersFound",
  ) => data.needs.reduce((s, r) => s + r[key], 0);
  const hoursLabel = (by: HoursGrouping, r: (typeof data.hours)[HoursGrouping][number]) =>
    r.key === null
      ? t(`hours.none.${by}`)
      : by === "category" && r.slug
        ? categoryName({ slug: r.slug, name: r.label ?? r.slug })
        : by === "month"
          ? formatIsoMonth(r.key, i18n.language)
          : (r.label ?? r.key);
  return (
    <div className="page page--wide">
      <p className="breadcrumb">
        <Link to="/coordination/dashboard">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">
        {data.allNeighbourhoods ? t("scopeAll") : t("scopeMine")} · {t("dashboard:asOf")}{" "}
        <DateTime value={data.asOf} />
      </p>
      <PeriodForm
        from={data.period.from}
        to={data.period.to}
        errors={data.errors}
        submitLabel={t("period.submit")}
      />

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t("downloads.title")}</h2>
        <p className="hint">{t("downloads.format")}</p>
        <ul className="download-list">
          <li>
            <a href={`/coordination/reports/needs.csv?${query}`} download>
              {t("downloads.needs")}
            </a>
          </li>
          <li>
            <a href={`/coordination/reports/matches.csv?${query}`} download>
              {t("downloads.matches")}
            </a>
          </li>
          {HOURS_GROUPING.map((by) => (
            <li key={by}>
              <a href={`/coordination/reports/hours.csv?by=${by}&${query}`} download>
                {t(`downloads.hours.${by}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="needs-heading">
        <h2 id="needs-heading">{t("needs.title")}</h2>
        <p className="hint">{t("needs.explain")}</p>
        <TableScroll labelledBy="needs-heading">
          <table className="data-table" data-testid="report-needs">
            <thead>
              <tr>
                <th scope="col">{t("needs.category")}</th>
                {(
                  [
                    "recorded",
                    "covered",
                    "open",
                    "closed",
                    "cancelled",
                    "helpersNeeded",
                    "helpersFound",
                  ] as const
                ).map((k) => (
                  <th scope="col" key={k}>
                    {t(`needs.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.needs.map((r) => (
                <tr key={r.categoryId}>
                  <th scope="row">{categoryName({ slug: r.categorySlug, name: r.categoryName })}</th>
                  {(
                    [
                      "recorded",
                      "covered",
                      "open",
                      "closed",
                      "cancelled",
                      "helpersNeeded",
                      "helpersFound",
                    ] as const
                  ).map((k) => (
                    <td key={k}>{n(r[k])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("total")}</th>
                {(
                  [
                    "recorded",
                    "covered",
                    "open",
                    "closed",
                    "cancelled",
                    "helpersNeeded",
                    "helpersFound",
                  ] as const
                ).map((k) => (
                  <td key={k}>{n(sum(k))}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="matches-heading">
        <h2 id="matches-heading">{t("matches.title")}</h2>
        <p className="hint">{t("matches.explain")}</p>
        <table className="data-table" data-testid="report-matches">
          <tbody>
            {data.matches.map((r) => (
              <tr key={r.status}>
                <th scope="row">{t(`matchStatus.${r.status}`)}</th>
                <td>{n(r.matches)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("total")}</th>
              <td>{n(data.matches.reduce((s, r) => s + r.matches, 0))}</td>
            </tr>
          </tbody>
        </table>
      </section>

      {HOURS_GROUPING.map((by) => (
        <section key={by} aria-labelledby={`hours-${by}-heading`}>
          <h2 id={`hours-${by}-heading`}>{t(`hours.title.${by}`)}</h2>
          {data.hours[by].length === 0 ? (
            <p className="empty">{t("hours.empty")}</p>
          ) : (
            <>
              {by === "organisation" && data.organisationCount > data.hours.organisation.length ? (
                <p className="hint" data-testid="report-hours-organisation-more">
                  {t("hours.topOrganisations", {
                    shown: data.hours.organisation.length,
                    count: data.organisationCount,
                  })}{" "}
                  <a href={`/coordination/reports/hours.csv?by=organisation&${query}`} download>
                    {t("hours.allOrganisationsFile")}
                  </a>
                </p>
              ) : null}
              <TableScroll labelledBy={`hours-${by}-heading`}>
                <table className="data-table" data-testid={`report-hours-${by}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t(`hours.${by}`)}</th>
                      <th scope="col">{t("hours.entries")}</th>
                      <th scope="col">{t("hours.hours")}</th>
                      <th scope="col">{t("hours.volunteers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.hours[by].map((r) => (
                      <tr key={r.key ?? "none"}>
                        <th scope="row">{hoursLabel(by, r)}</th>
                        <td>{n(r.entries)}</td>
                        <td>{n(r.hours, 2)}</td>
                        <td>{n(r.volunteers)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
