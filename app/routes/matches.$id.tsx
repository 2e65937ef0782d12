import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { coordinationNotice, type CoordinationNoticeName } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { CompleteForm, EndForm, LogHoursForm, RespondForm } from "~/components/matches/match-forms";
import type { MatchStatus, NeedStatus } from "@db/schema/enums";
import { matchWindow } from "~/modules/matches/match-window";
import { nextStepKey, type MatchStep } from "~/modules/needs/need-status";
import { NeedFacts, StoredScore } from "~/components/matches/match-parts";
import { DateOnly, DateTime } from "~/components/time";
import { requireUser } from "~/modules/auth/session.server";
import { getMatchPage } from "~/modules/matches/match-detail.server";
import {
  CompleteSchema,
  ConfirmHoursSchema,
  EndSchema,
  RespondSchema,
} from "~/modules/matches/match-forms.schema";
import {
  completeMatch,
  confirmMatchHours,
  endMatch,
  respondToMatch,
  startMatch,
} from "~/modules/matches/lifecycle-commands.server";
import { requireMatch } from "~/modules/matches/match-record.server";
import { requireIdParam } from "~/modules/permissions/guards.server";
import { LogHoursSchema } from "~/modules/volunteers/hours.schema";
import { logMatchHours } from "~/modules/volunteers/hours.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData, type FieldErrors } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import coordinationStyles from "~/styles/coordination.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinationStyles }];

export const handle = { i18n: ["common", "needs", "matches", "matching", "volunteer", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  return { ...getMatchPage(getDb(), user, requireIdParam(params)), today: zonedIsoDate(Date.now()) };
}

const NOTICE: Record<string, CoordinationNoticeName> = {
  accept: "match-accepted",
  decline: "match-declined",
  start: "match-started",
  complete: "match-completed",
  end: "match-ended",
  "log-hours": "hours-logged",
  "confirm-hours": "hours-confirmed",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireMatch(db, user, id, "match:read");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fail = (errors: FieldErrors) => data(formFailure(formData, errors), { status: 400 });
  let outcome: { ok: true } | { ok: false; errors: FieldErrors };
  if (intent === "accept" || intent === "decline") {
    const parsed = validateFormData(formData, RespondSchema);
    if (!parsed.success) return data(parsed, { status: 400 });
    outcome = respondToMatch(db, user, id, { answer: parsed.data.intent, reason: parsed.data.reason });
  } else if (intent === "log-hours") {
    const parsed = validateFormData(formData, LogHoursSchema);
    if (!parsed.success) return data(parsed, { status: 400 });
    // Ownership is in logMatchHours' where: another person's match reads as unknown.
    outcome = logMatchHours(db, user.id, { ...parsed.data, matchId: id }, zonedIsoDate(Date.now()));
  } else if (intent === "start") {
    outcome = startMatch(db, user, id);
  } else if (intent === "complete") {
    const parsed = validateFormData(formData, CompleteSchema);
    if (!parsed.success) return data(parsed, { status: 400 });
    outcome = completeMatch(db, user, id, parsed.data);
  } else if (intent === "end") {
    const parsed = validateFormData(formData, EndSchema);
    if (!parsed.success) return data(parsed, { status: 400 });
    outcome = endMatch(db, user, id, parsed.data.reason);
  } else if (intent === "confirm-hours") {
    const parsed = validateFormData(formData, ConfirmHoursSchema);
    if (!parsed.success) return data(parsed, { status: 400 });
    outcome = confirmMatchHours(db, user, parsed.data.hoursId);
  } else {
    return fail({ form: "matches:errors.intent" });
  }
  if (!outcome.ok) return fail(outcome.errors);
  return redirectWithNotice(`/matches/${id}`, coordinationNotice(NOTICE[intent]!));
}

/** Where the match stands and who acts next, in one sentence, for whoever reads the page. */
function NextStep({
  status,
  needStatus,
  manage,
}: {
  status: MatchStatus;
  needStatus: NeedStatus;
  manage: boolean;
}) {
  const { t } = useTranslation("matches");
  return <p className="notice">{t(`next.${nextStepKey(status, needStatus, manage)}`)}</p>;
}

export default function MatchPage() {
  const { match, need, hours, audit, steps, today } = useLoaderData<typeof loader>();
  const may = (step: MatchStep) => steps.includes(step);
  const window = matchWindow(need, today);
  // Only coordinators of the need see its audit trail.
  const manage = audit !== null;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["matches", "needs", "coordination"]);
  return (
    <div className="page">
      <p className="card__eyebrow">
        <span className={`tag tag--match-${match.status}`}>{t(`status.${match.status}`)}</span>
      </p>
      <h1>{need.title}</h1>
      <p className="lead">
        {t("page.offer", { offer: match.offerTitle ?? t("page.offerGone"), helper: match.helperName ?? "–" })}
        {match.proposedByName ? ` · ${t("page.proposedBy", { name: match.proposedByName })}` : null} ·{" "}
        <DateOnly value={match.proposedAt} />
      </p>
      {manage ? (
        <p>
          <Link to={`/coordination/needs/${need.id}`}>{t("page.toNeed")}</Link>
          {match.helperContact?.length
            ? ` · ${t("page.contact", { contact: match.helperContact.join(", ") })}`
            : null}
        </p>
      ) : null}

      <NeedFacts need={need} />
      {need.textErased ? (
        <p className="muted">{t("needs:detail.textErased")}</p>
      ) : (
        <p className="prose need-description">{need.description}</p>
      )}
      <StoredScore score={match.score} components={match.components} />
      {match.status === "declined" && match.declineReason ? (
        <p>{t("page.declineReason", { reason: match.declineReason })}</p>
      ) : null}

      <NextStep status={match.status} needStatus={need.status} manage={manage} />
      {may("respond") ? <RespondForm actionData={actionData} /> : null}
      {may("logHours") ? (
        window.notYet ? (
          <p className="muted">{t("hours.notYet", { date: window.opens })}</p>
        ) : (
          <LogHoursForm matchId={match.id} actionData={actionData} window={window} />
        )
      ) : null}

      {hours.length > 0 ? (
        <section aria-labelledby="hours-list">
          <h2 id="hours-list">
            {t("hours.title", { confirmed: match.hoursConfirmed, pending: match.hoursPending })}
          </h2>
          <ul>
            {hours.map((h) => (
              <li key={h.id}>
                <DateOnly value={h.date} /> · {t("hours.amount", { count: h.hours })} ·{" "}
                {h.confirmed ? t("hours.confirmed") : t("hours.pending")}
                {h.note ? ` · ${h.note}` : null}
                {may("complete") && !h.confirmed ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="hoursId" value={h.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="confirm-hours"
                      className="button button--small"
                    >
                      {t("hours.confirm")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {may("start") || may("complete") || may("withdraw") || may("end") ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{t("manage.title")}</h2>
          {may("start") ? (
            <Form method="post" className="card">
              <p>{t("manage.startExplained")}</p>
              <button type="submit" name="intent" value="start" className="button">
                {t("manage.start")}
              </button>
            </Form>
          ) : null}
          {may("complete") ? (
            window.notYet ? (
              <p className="card">{t("manage.completeNotYet", { date: window.opens })}</p>
            ) : (
              <CompleteForm actionData={actionData} hasHours={hours.length > 0} window={window} />
            )
          ) : null}
          {may("withdraw") ? (
            <EndForm
              actionData={actionData}
              title={t("manage.withdrawTitle")}
              explained={t("manage.withdrawExplained")}
              submit={t("manage.withdraw")}
            />
          ) : null}
          {may("end") ? (
            <EndForm
              actionData={actionData}
              title={t("manage.endTitle")}
              explained={t("manage.endExplained")}
              submit={t("manage.end")}
            />
          ) : null}
        </section>
      ) : null}
      {may("stepBack") ? (
        <EndForm
          actionData={actionData}
          title={t("stepBack.title")}
          explained={t("stepBack.explained")}
          submit={t("stepBack.submit")}
        />
      ) : null}

      {audit ? (
        <section aria-labelledby="audit-heading">
          <h2 id="audit-heading">{t("coordination:audit.title")}</h2>
          <ul className="audit-list">
            {audit.map((a) => (
              <li key={a.id}>
                <DateTime value={a.createdAt} /> ·{" "}
                {t(`coordination:audit.actions.${a.action}`, { defaultValue: a.action })}
                {a.actorName ? ` · ${a.actorName}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
