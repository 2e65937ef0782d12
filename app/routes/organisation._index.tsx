import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganisationHomeCard } from "~/components/organisation-home-card";
import { loadOrganisationHome } from "~/modules/home/home-pages.server";
import { getDb } from "~/utils/db.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "home", "organisations"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "organisation") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "organisation-area:access");
  return { organisations: loadOrganisationHome(getDb(), user) };
}

export default function OrganisationHomePage() {
  const { organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["home", "auth", "organisations"]);
  return (
    <div className="page page--wide">
      <h1>{t("organisation.title", { count: organisations.length })}</h1>
      <section aria-labelledby="more-heading" className="card">
        <h2 id="more-heading" className="h3">
          {t("organisation.more.title")}
        </h2>
        <ul>
          <li>
            <Link to="/matches">{t("organisation.more.matches")}</Link> – {t("organisation.more.matchesWhy")}
          </li>
          <li>
            <Link to="/coordination/needs">{t("organisation.more.needs")}</Link> –{" "}
            {t("organisation.more.needsWhy")}
          </li>
        </ul>
      </section>
      {organisations.map((org) => (
        <OrganisationHomeCard key={org.id} org={org} />
      ))}
    </div>
  );
}
