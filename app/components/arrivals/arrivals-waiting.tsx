import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import type { loadArrivalsWaiting } from "~/modules/arrivals/home.server";
import { StepStateTag } from "./parts";

/** The coordinator's home: arrivals whose next step still has no helper — the first thing to do. */
export function ArrivalsWaiting({ data }: { data: ReturnType<typeof loadArrivalsWaiting> }) {
  const { t } = useTranslation("arrivals");
  return (
    <section aria-labelledby="arrivals-waiting-heading">
      <h2 id="arrivals-waiting-heading">{t("home.title")}</h2>
      {data.items.length === 0 ? (
        <p className="empty">{t("home.none")}</p>
      ) : (
        <ul className="card-list" data-testid="arrivals-waiting">
          {data.items.map((item) => (
            <li key={item.arrivalId} className="card">
              <p className="card__eyebrow">
                <StepStateTag state={item.state} /> {item.neighbourhoodName}
              </p>
              <p className="card__title">
                <Link to={`/coordination/arrivals/${item.arrivalId}#step-${item.stepId}`}>{item.code}</Link>
                {": "}
                {item.stepTitle}
              </p>
              <p>
                <DateTime value={item.startsAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/coordination/arrivals">{t("home.all", { count: data.total })}</Link>
        {" · "}
        <Link to="/coordination/arrivals/new">{t("list.new")}</Link>
      </p>
    </section>
  );
}
