import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CertificateAlerts,
  Figure,
  HeatMapSection,
  LoadAlerts,
  OpenByCategory,
  ShiftAlerts,
  useDuration,
  useNumber,
  WeeklySection,
} from "~/components/dashboard/dashboard-sections";
import { ArrivalsLagebild } from "~/components/arrivals/arrivals-lagebild";
import { BackArrow } from "~/components/back-arrow";
import { DateTime } from "~/components/time";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { dashboardLinks } from "~/modules/dashboard/dashboard-links";
import { CERTIFICATE_HORIZON_DAYS, SHIFT_HORIZON_HOURS } from "~/modules/dashboard/definitions";
import { lagebildInLanguage } from "~/modules/arrivals/lagebild.server";
import { cachedFigures } from "~/modules/dashboard/figure-snapshots.server";
import { heatPage } from "~/modules/dashboard/heat-rows";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireCan } from "~/modules/permissions/guards.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export const handle = { i18n: ["common", "dashboard", "arrivals"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? "Dashboard"} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "dashboard:read");
  const t = await i18nServer(getDb()).getFixedT(request, "dashboard");
  const { heat, neighbourhoods, arrivals, ...figures } = cachedFigures(getDb(), {
    kind: "dashboard",
    scope: scopeOf(user),
  });
  // Only the page of the heat map that is shown travels, in compact rows (see heat-rows.ts).
  const heatPageParam = Number(new URL(request.url).searchParams.get("heat") ?? "1");
  return {
    ...figures,
    neighbourhoodCount: neighbourhoods.length,
    heat: heatPage(heat, neighbourhoods, figures.categories, heatPageParam),
    // The snapshot holds every language's step titles; only the reader's travel.
    arrivals: lagebildInLanguage(arrivals, await requestLocale(getDb(), request)),
    allNeighbourhoods: user.role === "admin",
    pageTitle: t("title"),
  };
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const duration = useDuration();
  const percent = data.coverage.ratio === null ? "–" : `${n(data.coverage.ratio * 100, 0)} %`;
  return (
    <div className="page page--wide dashboard">
      <p className="breadcrumb">
        <Link to="/coordination">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">
        {data.allNeighbourhoods ? t("scopeAll") : t("scopeMine", { count: data.neighbourhoodCount })} ·{" "}
        {t("asOf")} <DateTime value={data.generatedAt} />
      </p>
      <nav aria-label={t("more.label")} className="dashboard-more">
        <Link to="/coordination/reports">{t("more.reports")}</Link>
        <Link to="/coordination/audit">{t("more.audit")}</Link>
      </nav>

      <ul className="figures" aria-label={t("figures.label")}>
        <Figure
          testId="figure-open"
          value={n(data.openNeeds)}
          href={dashboardLinks.openNeeds()}
          label={t("figures.openNeeds")}
        />
        <Figure
          testId="figure-coverage"
          value={percent}
          href={dashboardLinks.covered()}
          label={t("figures.coverage")}
          detail={t("figures.coverageDetail", {
            covered: n(data.coverage.covered),
            total: n(data.coverage.needs),
          })}
        />
        <Figure
          testId="figure-median"
          value={data.medianMsToMatch === null ? "–" : duration(data.medianMsToMatch)}
          href={dashboardLinks.covered()}
          label={t("figures.median")}
        />
        <Figure
          testId="figure-shifts"
          value={n(data.shifts.total)}
          href={dashboardLinks.shifts()}
          label={t("figures.shifts", { hours: SHIFT_HORIZON_HOURS })}
        />
        <Figure
          testId="figure-certificates"
          value={n(data.certificates.total)}
          href={dashboardLinks.certificates()}
          label={t("figures.certificates", { days: CERTIFICATE_HORIZON_DAYS })}
        />
        <Figure
          testId="figure-over-cap"
          value={n(data.overCap.total)}
          href={dashboardLinks.overCap()}
          label={t("figures.overCap")}
        />
        <Figure
          testId="figure-drop"
          value={n(data.activityDrop.total)}
          href={dashboardLinks.drop()}
          label={t("figures.drop")}
        />
      </ul>

      <div className="dashboard-grid">
        <section aria-labelledby="by-category-heading">
          <h2 id="by-category-heading">{t("byCategory.title")}</h2>
          <OpenByCategory data={data} />
        </section>
        <section aria-labelledby="weekly-heading">
          <h2 id="weekly-heading">{t("weekly.title")}</h2>
          <WeeklySection data={data} />
        </section>
      </div>

      <ArrivalsLagebild data={data.arrivals} />

      <section aria-labelledby="heat-heading">
        <h2 id="heat-heading">{t("heat.title")}</h2>
        <HeatMapSection
          categories={data.categories}
          heat={data.heat}
          pageHref={(page) => (page === 1 ? "?#heat-heading" : `?heat=${page}#heat-heading`)}
        />
      </section>

      <div className="dashboard-grid">
        <section aria-labelledby="shifts-heading">
          <h2 id="shifts-heading">{t("shifts.title", { hours: SHIFT_HORIZON_HOURS })}</h2>
          <ShiftAlerts shifts={data.shifts} />
          <MoreLink
            total={data.shifts.total}
            shown={data.shifts.items.length}
            href={dashboardLinks.shifts()}
          />
        </section>
        <section aria-labelledby="certificates-heading">
          <h2 id="certificates-heading">{t("certificates.title", { days: CERTIFICATE_HORIZON_DAYS })}</h2>
          <CertificateAlerts certificates={data.certificates} />
          <MoreLink
            total={data.certificates.total}
            shown={data.certificates.items.length}
            href={dashboardLinks.certificates()}
          />
        </section>
        <section aria-labelledby="over-cap-heading">
          <h2 id="over-cap-heading">{t("load.overCapTitle")}</h2>
          <p className="hint">{t("load.overCapExplain")}</p>
          <LoadAlerts items={data.overCap.items} kind="over-cap" />
          <MoreLink
            total={data.overCap.total}
            shown={data.overCap.items.length}
            href={dashboardLinks.overCap()}
          />
        </section>
        <section aria-labelledby="drop-heading">
          <h2 id="drop-heading">{t("load.dropTitle")}</h2>
          <p className="hint">{t("load.dropExplain")}</p>
          <LoadAlerts items={data.activityDrop.items} kind="drop" />
          <MoreLink
            total={data.activityDrop.total}
            shown={data.activityDrop.items.length}
            href={dashboardLinks.drop()}
          />
        </section>
      </div>
    </div>
  );
}

function MoreLink({ total, shown, href }: { total: number; shown: number; href: string }) {
  const { t } = useTranslation("dashboard");
  if (total <= shown) return null;
  return (
    <p>
      <Link to={href}>{t("showAll", { count: total })}</Link>
    </p>
  );
}
