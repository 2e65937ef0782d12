import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityCard } from "~/components/activity-card";
import { listPublicActivities } from "~/modules/events/public-activities.server";
import { getDb } from "~/utils/db.server";
import { i18nServer } from "~/modules/i18n/i18next.server";

export const handle = { i18n: ["common", "activities"] };

export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18nServer(getDb()).getLocale(request);
  const { items, total } = listPublicActivities(getDb(), { page: 1 }, locale);
  return { upcoming: items.slice(0, 6), total };
}

export default function HomePage() {
  const { upcoming, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["common", "activities"]);
  return (
    <div className="page page--wide">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <ul className="steps">
          <li>{t("home.stepVisitor")}</li>
          <li>{t("home.stepVolunteer")}</li>
          <li>{t("home.stepOrganisation")}</li>
          <li>{t("home.stepCoordinator")}</li>
        </ul>
        <p className="actions">
          <Link to="/activities" className="button">
            {t("home.allActivities", { count: total })}
          </Link>
          <Link to="/how-it-works" className="button button--secondary">
            {t("home.howItWorks")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("home.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="empty">{t("activities:list.empty")}</p>
        ) : (
          <ul className="card-list card-list--grid">
            {upcoming.map((activity) => (
              <li key={activity.id}>
                <ActivityCard activity={activity} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
