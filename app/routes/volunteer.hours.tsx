import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField, ErrorSummary, SelectField, TextField, useValidatedForm } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { DateOnly } from "~/components/time";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { EHRENAMTSKARTE_HOURS_PER_YEAR, LogHoursSchema } from "~/modules/volunteers/hours.schema";
import { listVolunteerHours, listVolunteerMatches, logMatchHours } from "~/modules/volunteers/hours.server";
import { defaultHoursDate } from "~/modules/matches/match-window";
import { getDb } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import { redirectWithNotice } from "~/utils/notice.server";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "volunteer"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const db = getDb();
  const today = zonedIsoDate(Date.now());
  const t = await i18nServer(getDb()).getFixedT(request, "volunteer");
  return {
    title: t("hours.title"),
    today,
    matches: listVolunteerMatches(db, user.id, today),
    ...listVolunteerHours(db, user.id, today),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  assertCan(user, "hours:log", { volunteerId: user.id });
  const formData = await request.formData();
  const result = validateFormData(formData, LogHoursSchema);
  if (!result.success) return data(result, { status: 400 });
  const logged = logMatchHours(getDb(), user.id, result.data, zonedIsoDate(Date.now()));
  if (!logged.ok) return data(formFailure(formData, logged.errors), { status: 400 });
  return redirectWithNotice("/volunteer/hours", { key: "volunteer:hours.logged" });
}

export default function HoursPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["volunteer", "common"]);
  const categoryName = useCategoryName();
  const loggable = data.matches.filter((m) => m.canLogHours);
  const form = useValidatedForm({
    id: "hours",
    schema: LogHoursSchema,
    actionData,
    defaultValues: actionData
      ? {}
      : {
          matchId: loggable.length === 1 ? String(loggable[0]!.matchId) : "",
          // One match to log for: its appointment's day; otherwise today.
          date: loggable.length === 1 ? defaultHoursDate(loggable[0]!.window) : data.today,
          hours: "",
          note: "",
        },
  });
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="page page--wide">
      <h1>{t("hours.title")}</h1>
      <ul className="stat-list" aria-label={t("hours.totalsLabel", { year: data.year })}>
        <li>
          <strong>{n(data.confirmedThisYear)}</strong> {t("hours.confirmedThisYear", { year: data.year })}
        </li>
        <li>
          <strong>{n(data.pendingThisYear)}</strong> {t("hours.pendingThisYear")}
        </li>
      </ul>
      <p className="hint">{t("hours.ehrenamtskarte", { hours: EHRENAMTSKARTE_HOURS_PER_YEAR })}</p>

      <section aria-labelledby="log-heading" className="section-card">
        <h2 id="log-heading">{t("hours.logTitle")}</h2>
        {loggable.length === 0 ? (
          <p>{t("hours.noMatches")}</p>
        ) : (
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <p>{t("hours.logIntro")}</p>
            <ErrorSummary form={form} />
            <SelectField
              form={form}
              name="matchId"
              label={t("hours.match")}
              options={[
                { value: "", label: t("hours.chooseMatch") },
                ...loggable.map((m) => ({
                  value: String(m.matchId),
                  label: `${m.needTitle} – ${m.neighbourhoodName}`,
                })),
              ]}
            />
            <TextField form={form} name="date" label={t("hours.date")} type="date" max={data.today} />
            <TextField
              form={form}
              name="hours"
              label={t("hours.hours")}
              hint={t("hours.hoursHint")}
              inputMode="decimal"
            />
            <TextAreaField
              form={form}
              name="note"
              label={t("hours.note")}
              hint={t("hours.noteHint")}
              rows={2}
            />
            <div className="actions">
              <button type="submit" className="button">
                {t("hours.submit")}
              </button>
            </div>
          </Form>
        )}
      </section>

      {data.matches.length > 0 ? (
        <section aria-labelledby="matches-heading">
          <h2 id="matches-heading">{t("hours.matchesTitle")}</h2>
          <TableScroll labelledBy="matches-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("hours.match")}</th>
                  <th scope="col">{t("hours.matchStatus")}</th>
                  <th scope="col">{t("hours.confirmed")}</th>
                  <th scope="col">{t("hours.pending")}</th>
                </tr>
              </thead>
              <tbody>
                {data.matches.map((m) => (
                  <tr key={m.matchId}>
                    <td>
                      <Link to={`/matches/${m.matchId}`}>{m.needTitle}</Link>
                      <div className="muted small">
                        {categoryName({ slug: m.categorySlug, name: m.categoryName })}, {m.neighbourhoodName}
                      </div>
                    </td>
                    <td>{t(`hours.matchState.${m.status}`)}</td>
                    <td>{n(m.hoursConfirmed)}</td>
                    <td>{n(m.hoursPending)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("hours.entriesTitle")}</h2>
        {data.entries.length === 0 ? (
          <p className="empty">{t("hours.noEntries")}</p>
        ) : (
          <TableScroll labelledBy="entries-heading">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("hours.date")}</th>
                  <th scope="col">{t("hours.what")}</th>
                  <th scope="col">{t("hours.hours")}</th>
                  <th scope="col">{t("hours.state")}</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <DateOnly value={e.date} />
                    </td>
                    <td>
                      {t(`hours.source.${e.source}`)}: {e.what}
                      {e.note ? <span className="muted small"> – {e.note}</span> : null}
                    </td>
                    <td>{n(e.hours)}</td>
                    <td>
                      <span className={e.confirmed ? "status status--ok" : "status"}>
                        {e.confirmed ? t("hours.confirmed") : t("hours.pending")}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
