import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateRange } from "~/components/time";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { MatchDateCard } from "~/components/matches/match-date-card";
import { listMatchDates } from "~/modules/matches/match-dates.server";
import { listCommitments, type CommitmentItem } from "~/modules/signups/commitments.server";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getDb } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "volunteer"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(request);
  const t = await i18nServer.getFixedT(request, "volunteer");
  const now = Date.now();
  return {
    title: t("commitments.title"),
    ...listCommitments(getDb(), user.id, now),
    // Appointments of matches the volunteer said yes to: commitments as much as shifts are.
    matchDates: listMatchDates(getDb(), user.id, now),
  };
}

/** A shift the volunteer signed up for (or waits for), cancellable until it starts. */
function ShiftCommitmentCard({ commitment: c }: { commitment: CommitmentItem }) {
  const { t } = useTranslation("volunteer");
  return (
    <li className="card">
      <p className="card__eyebrow">
        <span className={c.status === "confirmed" ? "status status--ok" : "status status--warn"}>
          {c.status === "confirmed"
            ? t("commitments.confirmed")
            : t("commitments.waitlisted", { position: c.position ?? 0 })}
        </span>{" "}
        {c.neighbourhoodName}
      </p>
      <h3 className="card__title">
        <Link to={`/activities/${c.eventId}#shift-${c.shiftId}`}>
          {c.eventTitle}: {c.shiftTitle}
        </Link>
      </h3>
      <p>
        <DateRange start={c.startsAt} end={c.endsAt} />
      </p>
      {c.place ? <p className="muted">{c.place}</p> : null}
      {c.certificateMissing ? <p className="notice">{t("commitments.certificateMissing")}</p> : null}
      {c.started ? (
        <p className="muted">{t("commitments.running")}</p>
      ) : (
        <Form method="post" action={`/signups/${c.signupId}/cancel`}>
          <input type="hidden" name="returnTo" value={COMMITMENTS_PATH} />
          <button type="submit" className="button button--secondary button--small">
            {c.status === "confirmed" ? t("signup.cancel") : t("signup.leaveWaitlist")}
            <span className="visually-hidden">
              {" "}
              – {c.eventTitle}: {c.shiftTitle}
            </span>
          </button>
        </Form>
      )}
    </li>
  );
}

export default function CommitmentsPage() {
  const { upcoming, past, matchDates } = useLoaderData<typeof loader>();
  const dates = [
    ...upcoming.map((item) => ({ kind: "shift" as const, item })),
    ...matchDates.map((item) => ({ kind: "match" as const, item })),
  ].sort((a, b) => a.item.startsAt - b.item.startsAt);
  const { t, i18n } = useTranslation("volunteer");
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
          <TableScroll labelledBy="past-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("commitments.shift")}</th>
                  <th scope="col">{t("commitments.when")}</th>
                  <th scope="col">{t("commitments.attendance")}</th>
                  <th scope="col">{t("commitments.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {past.map((p) => (
                  <tr key={p.signupId}>
                    <td>
                      <Link to={`/activities/${p.eventId}`}>{p.eventTitle}</Link>: {p.shiftTitle}
                    </td>
                    <td>
                      <DateRange start={p.startsAt} end={p.endsAt} />
                    </td>
                    <td>
                      {p.attendance
                        ? t(`commitments.attendanceState.${p.attendance}`)
                        : t("commitments.attendanceState.open")}
                    </td>
                    <td>
                      {p.hours !== null
                        ? `${formatNumber(p.hours, i18n.language)} · ${p.hoursConfirmed ? t("hours.confirmed") : t("hours.pending")}`
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p>
          <Link to="/volunteer/hours">{t("commitments.toHours")}</Link>
        </p>
      </section>
    </div>
  );
}
