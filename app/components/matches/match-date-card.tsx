import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateOnly, DateRange } from "~/components/time";
import type { MatchDate } from "~/modules/matches/match-dates.server";

/** A date from a match the volunteer said yes to, next to their shifts ("Meine Termine", home page). */
export function MatchDateCard({ date }: { date: MatchDate }) {
  const { t } = useTranslation("volunteer");
  return (
    <li className="card">
      <p className="card__eyebrow">
        <span className="status status--ok">{t(`commitments.match.${date.status}`)}</span>{" "}
        {date.neighbourhoodName}
      </p>
      <h3 className="card__title">
        <Link to={`/matches/${date.matchId}`}>{date.needTitle}</Link>
      </h3>
      <p>
        <DateRange start={date.startsAt} end={date.endsAt} />
        {date.weekly ? (
          <span className="muted">
            {" "}
            · {t("commitments.match.weeklyUntil")} <DateOnly value={date.weekly.until} />
          </span>
        ) : null}
      </p>
      <p className="muted">{t("commitments.match.viaCoordination")}</p>
    </li>
  );
}
