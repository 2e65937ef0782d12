import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LagebildArrivalsTable, StepKindTable } from "~/components/arrivals/arrivals-lagebild";
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
  const { scope, filter, neighbourhoodName } = await requireFigureRoute(getDb(), request);
  const { byStep, ...list } = listLagebildArrivals(getDb(), scope, {
    neighbourhood: filter.neighbourhood,
    page: filter.page,
  });
  return {
    ...list,
    // One neighbourhood's median days to each step: the Lagebild itself has them for the whole scope.
    byStep: byStep ? stepKindsInLanguage(byStep, await requestLocale(getDb(), request)) : null,
    neighbourhoodName,
  };
}

/** The arrivals behind the Lagebild's figures: code, place, date and how their first steps went. */
export default function FigureArrivalsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["arrivals", "dashboard"]);
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
      <LagebildArrivalsTable items={data.items} />
    </FigureList>
  );
}
