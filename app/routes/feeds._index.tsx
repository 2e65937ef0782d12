import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { JSON_FEED_DEFAULT_LIMIT, JSON_FEED_MAX_LIMIT } from "~/modules/feeds/json-feed.server";
import { getDb } from "~/utils/db.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { publicOrigin } from "~/utils/env.server";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? ""} · miteinander` },
];

/** The documented JSON feed fields, in the order they appear in an item. */
const JSON_FIELDS = [
  "id",
  "url",
  "icsUrl",
  "title",
  "description",
  "language",
  "translations",
  "startsAt",
  "endsAt",
  "recurrence",
  "recurrenceUntil",
  "nextOccurrence",
  "category",
  "neighbourhood",
  "place",
  "languages",
  "accessibility",
  "targetGroup",
  "costCents",
  "currency",
  "participantPlaces",
  "participantPlacesLeft",
  "openVolunteerPlaces",
  "organiser",
  "publishedAt",
  "updatedAt",
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer(getDb()).getFixedT(request, "events");
  return {
    pageTitle: t("feeds.title"),
    origin: publicOrigin(),
    neighbourhoods: listNeighbourhoods(getDb()),
    categories: listActiveCategories(getDb()),
    limits: { defaultLimit: JSON_FEED_DEFAULT_LIMIT, maxLimit: JSON_FEED_MAX_LIMIT },
  };
}

export default function FeedsPage() {
  const { origin, neighbourhoods, categories, limits } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["events", "common"]);
  const categoryName = useCategoryName();
  return (
    <div className="page page--wide">
      <h1>{t("feeds.title")}</h1>
      <p className="lead">{t("feeds.intro")}</p>

      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{t("feeds.calendarsHeading")}</h2>
        <p>{t("feeds.calendarsIntro")}</p>
        <div className="with-sidebar">
          <div>
            <h3>{t("feeds.byNeighbourhood")}</h3>
            <ul>
              {neighbourhoods.map((n) => (
                <li key={n.id}>
                  <a href={`/feeds/neighbourhoods/${n.slug}.ics`}>{n.name}</a>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t("feeds.byCategory")}</h3>
            <ul>
              {categories.map((c) => (
                <li key={c.id}>
                  <a href={`/feeds/categories/${c.slug}.ics`}>{categoryName(c)}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <p className="hint">{t("feeds.personalHint")}</p>
      </section>

      <section aria-labelledby="json-heading">
        <h2 id="json-heading">{t("feeds.jsonHeading")}</h2>
        <p>
          {t("feeds.jsonIntro")} <a href="/feeds/activities.json">{`${origin}/feeds/activities.json`}</a>
        </p>
        <ul>
          <li>{t("feeds.jsonPaging", limits)}</li>
          <li>{t("feeds.jsonFilters")}</li>
          <li>{t("feeds.jsonCaching")}</li>
          <li>{t("feeds.jsonTimes")}</li>
        </ul>
        <TableScroll label={t("feeds.fieldsCaption")}>
          <table className="data-table">
            <caption>{t("feeds.fieldsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feeds.field")}</th>
                <th scope="col">{t("feeds.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {JSON_FIELDS.map((field) => (
                <tr key={field}>
                  <td>
                    <code>{field}</code>
                  </td>
                  <td>{t(`feeds.fields.${field}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <p>
        <Link to="/activities">{t("feeds.backToActivities")}</Link>
      </p>
    </div>
  );
}
