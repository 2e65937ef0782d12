import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PastCommitmentsTable, ShiftCommitmentCard } from "~/components/commitments";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { MatchDateCard } from "~/components/matches/match-date-card";
import { listMatchDates } from "~/modules/matches/match-dates.server";
import { listCommitments } from "~/modules/signups/commitments.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getDb } from "~/utils/db.server";

export const handle = { i18n: ["common", "volunteer"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(request, "volunteer");
  const now = Date.now();
  return {
    title: t("commitments.title"),
    ...listCommitments(getDb(), user.id, now),
    // Appointments of matches the volunteer said yes to: commitments as much as shifts are.
    matchDates: listMatchDates(getDb(), user.id, now),
  };
}

export default function CommitmentsPage() {
  const { upcoming, past, matchDates } = useLoaderData<typeof loader>();
  const dates = [
    ...upcoming.map((item) => ({ kind: "shift" as const, item })),
    ...matchDates.map((item) => ({ kind: "match" as const, item })),
  ].sort((a, b) => a.item.startsAt - b.item.startsAt);
  const { t } = useTranslation("volunteer");
  return (
    <div className="page page--wide">
      <h1>{t("commitments.title")}</h1>
      <p>
        <Link to="/volunteer/profile#calendar">{t("commitments.toCalendar")}</Link>
      </p>
      <p>
        <Link to="/checkin">{t("commitments.checkIn")}</Link>
      </p>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("commitments.upcoming")}</h2>
        {dates.length === 0 ? (
          <p className="empty">
            {t("commitments.noUpcoming")} <Link to="/volunteer/find">{t("commitments.findWork")}</Link>
          </p>
        ) : (
          <ul className="card-list">
            {dates.map((d) =>
              d.kind === "match" ? (
                <MatchDateCard key={d.item.key} date={d.item} />
              ) : (
                <ShiftCommitmentCard key={d.item.signupId} commitment={d.item} />
              ),
            )}
          </ul>
        )}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("commitments.past")}</h2>
        {past.length === 0 ? (
          <p className="empty">{t("commitments.noPast")}</p>
        ) : (
          <PastCommitmentsTable items={past} />
        )}
        <p>
          <Link to="/volunteer/hours">{t("commitments.toHours")}</Link>
        </p>
      </section>
    </div>
  );
}
