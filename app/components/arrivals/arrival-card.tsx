import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import type { ArrivalListItem } from "~/modules/arrivals/progress.server";
import { ArrivalUrgencyTag, IsoDay } from "./parts";

/** An arrival in the overview: its code, where and when, and what is most urgent about it. */
export function ArrivalCard({ arrival }: { arrival: ArrivalListItem }) {
  const { t } = useTranslation("arrivals");
  const counted = arrival.steps - arrival.cancelled;
  return (
    <article className="card arrival-card" aria-labelledby={`arrival-${arrival.id}-title`}>
      <p className="card__eyebrow">
        <ArrivalUrgencyTag urgency={arrival.urgency} /> <span>{arrival.neighbourhoodName}</span> ·{" "}
        <span>
          {t("list.arrives")} <IsoDay value={arrival.arrivalDate} />
        </span>
      </p>
      <h3 id={`arrival-${arrival.id}-title`} className="card__title">
        <Link to={`/coordination/arrivals/${arrival.id}`}>{arrival.code}</Link>
      </h3>
      <ul className="facts" aria-label={t("list.factsLabel")}>
        <li>{t("household.persons", { count: arrival.householdSize })}</li>
        <li>{t("detail.progress", { done: arrival.done, count: counted })}</li>
        {arrival.overdue > 0 ? <li>{t("detail.overdue", { count: arrival.overdue })}</li> : null}
        {arrival.unstaffed > 0 ? <li>{t("detail.withoutHelper", { count: arrival.unstaffed })}</li> : null}
        {arrival.nextUnstaffedAt !== null ? (
          <li>
            {t("list.nextWithoutHelper")} <DateTime value={arrival.nextUnstaffedAt} />
          </li>
        ) : arrival.nextAt !== null ? (
          <li>
            {t("list.next")} <DateTime value={arrival.nextAt} />
          </li>
        ) : null}
      </ul>
    </article>
  );
}
