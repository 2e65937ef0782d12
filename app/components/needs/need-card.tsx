import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateOnly, DateRange } from "~/components/time";
import type { NeedListItem } from "~/modules/needs/queries.server";
import { useFormatList } from "~/components/use-format-list";
import { useCategoryName } from "~/components/use-category-name";

/** A need in the coordinator's list: what, where, when, and how far it is matched. */
export function NeedCard({ need }: { need: NeedListItem }) {
  const { t } = useTranslation(["needs", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  return (
    <article className="card need-card" aria-labelledby={`need-${need.id}-title`}>
      <p className="card__eyebrow">
        <span className={`tag tag--status-${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
        {need.urgency === "high" || need.urgency === "urgent" ? (
          <span className={`tag tag--urgency-${need.urgency}`}>{t(`urgency.${need.urgency}`)}</span>
        ) : null}{" "}
        <span>{categoryName({ slug: need.categorySlug, name: need.categoryName })}</span> ·{" "}
        <span>{need.neighbourhoodName}</span>
      </p>
      <h3 id={`need-${need.id}-title`} className="card__title">
        <Link to={`/coordination/needs/${need.id}`}>{need.title}</Link>
      </h3>
      <p>
        {need.schedule === "one_off" ? (
          <DateRange start={need.startsAt} end={need.endsAt} />
        ) : (
          <>
            {t("schedule.weeklyFrom")} <DateOnly value={need.startsAt} /> {t("schedule.until")}{" "}
            <DateOnly value={need.endsAt - 1} />
          </>
        )}
      </p>
      <ul className="facts" aria-label={t("card.factsLabel")}>
        <li>
          {t("card.languages")}: {formatList(need.languages.map((code) => t(`common:languages.${code}`)))}
        </li>
        <li>{t("card.helpers", { filled: need.filled, count: need.helpersNeeded })}</li>
        {need.proposed > 0 ? <li>{t("card.proposed", { count: need.proposed })}</li> : null}
        {need.requiresCertificate ? <li>{t("card.certificate")}</li> : null}
        {need.organisationName ? <li>{need.organisationName}</li> : null}
      </ul>
    </article>
  );
}
