import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FigureList } from "~/components/dashboard/figure-list";
import { DateTime } from "~/components/time";
import { listFigureShifts } from "~/modules/dashboard/dashboard-lists.server";
import { SHIFT_HORIZON_HOURS } from "~/modules/dashboard/definitions";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter } = await requireFigureRoute(getDb(), request);
  return listFigureShifts(getDb(), scope, filter);
}

export default function FigureShiftsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return (
    <FigureList
      title={t("shifts.title", { hours: SHIFT_HORIZON_HOURS })}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.shifts.activity")}</th>
            <th scope="col">{t("lists.shifts.shift")}</th>
            <th scope="col">{t("lists.shifts.starts")}</th>
            <th scope="col">{t("lists.neighbourhood")}</th>
            <th scope="col">{t("lists.shifts.staffing")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((s) => (
            <tr key={s.shiftId}>
              <td>
                <Link to={`/activities/${s.eventId}`}>{s.eventTitle}</Link>
              </td>
              <td>{s.title}</td>
              <td>
                <DateTime value={s.startsAt} />
              </td>
              <td>{s.neighbourhoodName}</td>
              <td>{t("shifts.staffed", { confirmed: s.confirmedCount, needed: s.neededCount })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
