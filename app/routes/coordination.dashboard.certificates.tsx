import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FigureList } from "~/components/dashboard/figure-list";
import { listFigureCertificates } from "~/modules/dashboard/dashboard-lists.server";
import { CERTIFICATE_HORIZON_DAYS } from "~/modules/dashboard/definitions";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";
import { DateOnly } from "~/components/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter } = await requireFigureRoute(getDb(), request);
  return listFigureCertificates(getDb(), scope, filter);
}

export default function FigureCertificatesPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return (
    <FigureList
      title={t("certificates.title", { days: CERTIFICATE_HORIZON_DAYS })}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.person")}</th>
            <th scope="col">{t("lists.certificates.validUntil")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <tr key={c.userId}>
              <td>
                <Link to={`/coordination/volunteers/${c.userId}/certificate`}>{c.displayName}</Link>
              </td>
              <td>
                <DateOnly value={c.validUntil} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
