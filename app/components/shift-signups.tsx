import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateRange, DateTime } from "~/components/time";
import { formatTime } from "~/utils/format";
import type { ManagedActivity, ManagedSignup } from "~/modules/events/queries.server";

type Shift = ManagedActivity["shifts"][number];

/** A shift's self check-in: the code to read out, the link, and the QR code of the link (one SVG path). */
export interface SelfCheckIn {
  code: string;
  path: string;
  qr: { size: number; d: string };
}

/** What the club shows at the shift: the QR code and the short code, to print or hold up on a phone. */
function CheckInCode({ checkIn, title }: { checkIn: SelfCheckIn; title: string }) {
  const { t } = useTranslation("events");
  return (
    <details className="check-in-code">
      <summary>{t("checkIn.show")}</summary>
      <p>{t("checkIn.explain")}</p>
      <svg
        role="img"
        aria-label={t("checkIn.qrLabel", { title })}
        viewBox={`0 0 ${checkIn.qr.size} ${checkIn.qr.size}`}
        width="200"
        height="200"
        shapeRendering="crispEdges"
      >
        <rect width="100%" height="100%" fill="#fff" />
        <path d={checkIn.qr.d} fill="#000" />
      </svg>
      <p>
        {t("checkIn.code")} <strong className="check-in-code__value">{checkIn.code}</strong>
        <br />
        <a href={checkIn.path}>{t("checkIn.link")}</a>
      </p>
    </details>
  );
}

/** One shift as its organisation sees it: who is confirmed (with attendance), the waitlist in order, who cancelled. */
export function ShiftSignups({
  shift,
  now,
  canAct,
  checkIn,
}: {
  shift: Shift;
  now: number;
  canAct: boolean;
  checkIn?: SelfCheckIn;
}) {
  const { t, i18n } = useTranslation("events");
  const started = shift.startsAt <= now;
  const headingId = `shift-${shift.id}-heading`;
  return (
    // Not a landmark: several shifts may share a title.
    <div className="card shift-signups">
      <h3 id={headingId} className="card__title">
        {shift.title}
      </h3>
      <p>
        <DateRange start={shift.startsAt} end={shift.endsAt} /> ·{" "}
        <strong>{t("signups.filled", { confirmed: shift.confirmedCount, needed: shift.neededCount })}</strong>
        {shift.requiresCertificate ? (
          <span className="muted small"> · {t("signups.certificate")}</span>
        ) : null}
      </p>

      {checkIn ? <CheckInCode checkIn={checkIn} title={shift.title} /> : null}

      <h4 id={`${headingId}-confirmed`}>{t("signups.confirmed", { count: shift.confirmed.length })}</h4>
      {shift.confirmed.length === 0 ? (
        <p className="muted">{t("signups.none")}</p>
      ) : (
        // On a phone the table scrolls in its own box, so names, marks and buttons keep whole words.
        <TableScroll labelledBy={`${headingId} ${headingId}-confirmed`}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("signups.name")}</th>
                <th scope="col">{t("signups.attendance")}</th>
                {canAct ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("signups.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shift.confirmed.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Person signup={s} />
                    {s.promotedAt ? <span className="muted small"> · {t("signups.promoted")}</span> : null}
                    <CertificateFlag signup={s} />
                  </td>
                  <td>
                    {s.attendance ? (
                      t(`signups.attendanceValue.${s.attendance}`)
                    ) : s.checkedInAt ? (
                      <span suppressHydrationWarning>
                        {t("signups.checkedIn", { time: formatTime(s.checkedInAt, i18n.language) })}
                      </span>
                    ) : started ? (
                      t("signups.attendanceOpen")
                    ) : (
                      // Before the shift begins there is nothing to record yet: say from when.
                      <span className="muted">
                        {t("signups.attendanceFrom")} <DateTime value={shift.startsAt} />
                      </span>
                    )}
                  </td>
                  {canAct ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="signupId" value={s.id} />
                        {started ? (
                          <>
                            <button
                              type="submit"
                              name="intent"
                              value="present"
                              className="button button--small"
                              disabled={s.attendance === "present"}
                            >
                              {t("signups.markPresent")}
                              <span className="visually-hidden"> – {s.displayName}</span>
                            </button>{" "}
                            <button
                              type="submit"
                              name="intent"
                              value="no_show"
                              className="button button--small button--secondary"
                              disabled={s.attendance === "no_show"}
                            >
                              {t("signups.markNoShow")}
                              <span className="visually-hidden"> – {s.displayName}</span>
                            </button>
                          </>
                        ) : (
                          <button
                            type="submit"
                            name="intent"
                            value="cancel-signup"
                            className="button button--small button--secondary"
                          >
                            {t("signups.cancel")}
                            <span className="visually-hidden"> – {s.displayName}</span>
                          </button>
                        )}
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {shift.waitlisted.length > 0 ? (
        <>
          <h4>{t("signups.waitlist", { count: shift.waitlisted.length })}</h4>
          <ol className="waitlist">
            {shift.waitlisted.map((s) => (
              <li key={s.id}>
                <Person signup={s} />
                <CertificateFlag signup={s} />
                {canAct && !started ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="signupId" value={s.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="cancel-signup"
                      className="button button--small button--secondary"
                    >
                      {t("signups.cancel")}
                      <span className="visually-hidden"> – {s.displayName}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {shift.cancelled.length > 0 ? (
        <details>
          <summary>{t("signups.cancelled", { count: shift.cancelled.length })}</summary>
          <ul>
            {shift.cancelled.map((s) => (
              <li key={s.id}>{s.displayName}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Person({ signup }: { signup: ManagedSignup }) {
  return (
    <>
      {signup.displayName} · <a href={`mailto:${signup.email}`}>{signup.email}</a>
    </>
  );
}

/** The mark of a sign-up whose shift needs a certificate of conduct the person lacks on its date. */
function CertificateFlag({ signup }: { signup: ManagedSignup }) {
  const { t } = useTranslation("events");
  return signup.certificateMissing ? <p className="notice small">{t("signups.certificateMissing")}</p> : null;
}
