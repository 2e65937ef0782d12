import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActivityListItem } from "~/modules/events/public-activities.server";
import { formatMoney } from "~/utils/format";
import { contentLanguage } from "./content-language";
import { MachineMark } from "./machine-translation";
import { DateRange } from "./time";
import { useFormatList } from "~/components/use-format-list";
import type { Language } from "@db/schema/enums";
import { useCategoryName } from "~/components/use-category-name";

export function ActivityCard({ activity }: { activity: ActivityListItem }) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  return (
    <article className="card activity-card" aria-labelledby={`activity-${activity.id}-title`}>
      <p className="card__eyebrow">
        <span className="tag">
          {categoryName({ slug: activity.categorySlug, name: activity.categoryName })}
        </span>{" "}
        <span>{activity.neighbourhoodName}</span>
      </p>
      <h3 id={`activity-${activity.id}-title`} className="card__title">
        <Link to={`/activities/${activity.id}`} {...contentLanguage(activity)}>
          {activity.title}
        </Link>
      </h3>
      {activity.machineTranslated ? <MachineMark className="small" /> : null}
      {!activity.translated ? (
        <p className="muted small">
          {t("common:content.originalLanguage", {
            language: t(`common:languages.${activity.originalLanguage as Language}`),
          })}
        </p>
      ) : null}
      <p>
        <DateRange start={activity.startsAt} end={activity.endsAt} />
        {activity.weekly ? <span className="muted"> · {t("weekly")}</span> : null}
      </p>
      {activity.place ? <p className="muted">{activity.place}</p> : null}
      <ul className="facts" aria-label={t("factsLabel")}>
        {activity.languages.length > 0 ? (
          <li>
            {t("languages")}:{" "}
            {formatList(activity.languages.map((code) => t(`common:languages.${code as Language}`)))}
          </li>
        ) : null}
        <li>{activity.costCents === 0 ? t("free") : formatMoney(activity.costCents, i18n.language)}</li>
        {activity.openSlots > 0 ? (
          <li className="highlight">{t("helpersWanted", { count: activity.openSlots })}</li>
        ) : null}
      </ul>
    </article>
  );
}
