import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateRange } from "~/components/time";
import type { CommitmentItem, PastCommitmentItem } from "~/modules/signups/commitments.server";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import { formatNumber } from "~/utils/format";

/** A shift the volunteer signed up for (or waits for), cancellable until it starts. */
export function ShiftCommitmentCard({ commitment: c }: { commitment: CommitmentItem }) {
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

/** Past shifts: whether the volunteer came, and their hours with their state. */
export function PastCommitmentsTable({ items }: { items: PastCommitmentItem[] }) {
  const { t, i18n } = useTranslation("volunteer");
  return (
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
          {items.map((p) => (
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
  );
}
