import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StepKindTable } from "~/components/arrivals/arrivals-lagebild";
import { IsoDay } from "~/components/arrivals/parts";
import { useNumber } from "~/components/dashboard/dashboard-sections";
import { FigureList } from "~/components/dashboard/figure-list";
import { LAGEBILD_DAYS } from "~/modules/arrivals/lagebild-definitions";
import { listLagebildArrivals, stepKindsInLanguage } from "~/modules/arrivals/lagebild.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard", "arrivals"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter, neighbourhoodName } = await requireFigureRoute(request);
  const { byStep, ...list } = listLagebildArrivals(getDb(), scope, {
    neighbourhood: filter.neighbourhood,
    page: filter.page,
  });
  return {
    ...list,
    // One neighbourhood's median days to each step: the Lagebild itself has them for the whole scope.
    byStep: byStep ? stepKindsInLanguage(byStep, await requestLocale(request)) : null,
    neighbourhoodName,
  };
}

/** The arrivals behind the Lagebild's figures: code, place, date and how their first steps went. */
export default function FigureArrivalsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["arrivals", "dashboard"]);
  const n = useNumber();
  const percent = (share: number | null) => (share === null ? "–" : `${n(share * 100, 0)} %`);
  return (
    <FigureList
      title={t("lagebild.listTitle", { days: LAGEBILD_DAYS })}
      intro={[t("lagebild.explain"), data.neighbourhoodName].filter(Boolean).join(" · ")}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
      after={
        data.byStep && data.byStep.length > 0 ? (
          <section aria-labelledby="arrivals-by-step">
            <StepKindTable
              rows={data.byStep}
              heading={[t("lagebild.byStep"), data.neighbourhoodName].filter(Boolean).join(" · ")}
              headingId="arrivals-by-step"
              level={2}
            />
          </section>
        ) : null
      }
    >
      <table className="data-table" data-testid="arrivals-list">
        <thead>
          <tr>
            <th scope="col">{t("lagebild.columns.code")}</th>
            <th scope="col">{t("fields.neighbourhood")}</th>
            <th scope="col">{t("fields.arrivalDate")}</th>
            <th scope="col">{t("lagebild.columns.steps")}</th>
            <th scope="col">{t("lagebild.columns.inTime")}</th>
            <th scope="col">{t("lagebild.columns.median")}</th>
            <th scope="col">{t("lagebild.columns.overdue")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={`/coordination/arrivals/${a.id}`} className="arrival-code">
                  {a.code}
                </Link>
              </th>
              <td>{a.neighbourhoodName}</td>
              <td>
                <IsoDay value={a.arrivalDate} />
              </td>
              <td className="numeric">{t("lagebild.doneOf", { done: n(a.done), count: a.steps })}</td>
              <td className="numeric">
                {percent(a.shareInTime)}{" "}
                <span className="muted small">
                  ({n(a.doneInTime)}/{n(a.due)})
                </span>
              </td>
              <td className="numeric">
                {a.medianDays === null
                  ? "–"
                  : t("lagebild.days", { count: a.medianDays, value: n(a.medianDays, 1) })}
              </td>
              <td className="numeric">{n(a.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
