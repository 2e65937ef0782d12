import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { NeedFacts } from "~/components/matches/match-parts";
import { NeedMatches } from "~/components/needs/need-matches";
import { ReadabilityHint } from "~/components/readability-hint";
import { Suggestions, WhyNot } from "~/components/needs/suggestions";
import { UrgentPanel } from "~/components/needs/urgent-panel";
import { DateTime } from "~/components/time";
import { arrivalOfNeed } from "~/modules/arrivals/queries.server";
import { requireUser } from "~/modules/auth/session.server";
import { listAuditTrail } from "~/modules/audit/audit.server";
import { listNeedMatches } from "~/modules/matches/match-detail.server";
import {
  proposeFromSuggestion,
  suggestionsForNeed,
  whyNotForNeed,
} from "~/modules/matches/need-suggestions.server";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { NeedCloseSchema } from "~/modules/needs/need.schema";
import { finishNeed } from "~/modules/needs/commands.server";
import { getNeedDetail, requireNeed } from "~/modules/needs/queries.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { runUrgentPanelAction } from "~/modules/reach/urgent-panel.server";
import { getUrgentPanel } from "~/modules/reach/queries.server";
import { can } from "~/modules/permissions/permissions";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";

export const handle = { i18n: ["common", "needs", "matches", "matching", "coordination", "arrivals"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  const resource = requireNeed(db, user, id, "need:read");
  const need = getNeedDetail(db, id);
  if (!need) throw notFound();
  const url = new URL(request.url);
  const coordinates = can(user, "match:propose", resource);
  const live = !isFinalNeedStatus(need.status);
  const matches = coordinates ? listNeedMatches(db, id) : [];
  return {
    need,
    matches,
    coordinates,
    arrival: coordinates ? arrivalOfNeed(db, id) : null,
    mayEdit: can(user, "need:update", resource) && live,
    german: user.locale === "de",
    suggestions: coordinates && live ? suggestionsForNeed(db, id, user.locale) : null,
    urgent: coordinates ? getUrgentPanel(db, id) : null,
    now: Date.now(),
    whyNot:
      coordinates && live
        ? whyNotForNeed(db, id, user.locale, {
            query: url.searchParams.get("who") ?? "",
            offerId: url.searchParams.get("offer"),
          })
        : null,
    audit: can(user, "need:update", resource)
      ? listAuditTrail(db, [
          { entityType: "need", entityIds: [id] },
          { entityType: "match", entityIds: matches.map((m) => m.id) },
        ])
      : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireNeed(db, user, id, "need:read");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (typeof intent === "string" && intent.startsWith("urgent-")) {
    const outcome = runUrgentPanelAction(db, user, id, formData);
    if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
    return redirectWithNotice(`/coordination/needs/${id}#urgent`, coordinationNotice(outcome.notice));
  }
  if (intent === "propose") {
    const outcome = proposeFromSuggestion(db, user, id, formData.get("offerId"));
    if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
    return redirectWithNotice(`/coordination/needs/${id}#matches`, coordinationNotice("match-proposed"));
  }
  const result = validateFormData(formData, NeedCloseSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = finishNeed(db, user, id, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(
    `/coordination/needs/${id}`,
    coordinationNotice(outcome.value.status === "closed" ? "need-closed" : "need-cancelled"),
  );
}

export default function NeedPage() {
  const { need, matches, coordinates, arrival, mayEdit, german, suggestions, urgent, now, whyNot, audit } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["needs", "matches", "coordination", "arrivals"]);
  const failure = actionData && "errors" in actionData ? actionData : null;
  const running = matches.filter((m) => m.status === "accepted" || m.status === "active");
  const failedIntent = typeof failure?.values.intent === "string" ? failure.values.intent : "";
  const proposeError =
    failedIntent === "propose" ? (failure?.errors.offerId ?? failure?.errors.form) : undefined;
  const urgentError = failedIntent.startsWith("urgent-")
    ? (failure?.errors.form ?? failure?.errors.requestId ?? failure?.errors.intent)
    : undefined;
  const closeError =
    failure && failedIntent !== "propose" && !failedIntent.startsWith("urgent-")
      ? (failure.errors.note ?? failure.errors.form ?? failure.errors.intent)
      : undefined;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/coordination/needs">
          <BackArrow /> {t("detail.back")}
        </Link>
      </p>
      <p className="card__eyebrow">
        <span className={`tag tag--status-${need.status}`}>{t(`status.${need.status}`)}</span>
      </p>
      <h1>{need.title}</h1>
      <NeedFacts need={need} />
      {arrival ? (
        <p>
          {t("arrivals:needOfArrival")}{" "}
          <Link to={`/coordination/arrivals/${arrival.id}`}>{arrival.code}</Link>
        </p>
      ) : null}
      <p className="muted">
        {t("detail.recorded", { name: need.createdByName ?? "–" })} <DateTime value={need.createdAt} />
        {need.organisationName ? ` · ${need.organisationName}` : null}
      </p>
      {need.textErased ? (
        <p className="muted">{t("detail.textErased")}</p>
      ) : (
        <>
          <p className="prose need-description">{need.description}</p>
          {german && mayEdit ? <ReadabilityHint id="need-readability" text={need.description} /> : null}
        </>
      )}
      {mayEdit ? (
        <p className="actions">
          <Link to={`/coordination/needs/${need.id}/edit`} className="button button--secondary">
            {t("detail.edit")}
          </Link>
        </p>
      ) : null}

      {urgent ? <UrgentPanel panel={urgent} now={now} mayAct={mayEdit} error={urgentError} /> : null}
      {suggestions ? <Suggestions suggestions={suggestions} error={proposeError} /> : null}
      {whyNot ? <WhyNot whyNot={whyNot} /> : null}

      {coordinates ? (
        <section aria-labelledby="matches" className="section">
          <h2 id="matches">{t("matches:list.title")}</h2>
          <NeedMatches matches={matches} labelledBy="matches" />
        </section>
      ) : null}

      {mayEdit ? (
        <section aria-labelledby="finish-heading" className="section">
          <h2 id="finish-heading">{t("detail.finishTitle")}</h2>
          <p>{t("detail.finishExplained")}</p>
          <FormMessage>{closeError ? <DataText k={closeError} /> : null}</FormMessage>
          {running.length > 0 ? (
            <div className="notice">
              <p>{t("detail.runningFirst")}</p>
              <ul>
                {running.map((m) => (
                  <li key={m.id}>
                    <Link to={`/matches/${m.id}`}>{m.helperName ?? t("matches:page.offerGone")}</Link> ·{" "}
                    {t(`matches:status.${m.status}`)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="decision-form">
            <div className="field">
              <label htmlFor="finish-note">{t("detail.note")}</label>
              <input
                id="finish-note"
                name="note"
                maxLength={300}
                defaultValue={typeof failure?.values.note === "string" ? failure.values.note : ""}
              />
            </div>
            <div className="actions">
              {running.length === 0 ? (
                <button type="submit" name="intent" value="close" className="button button--secondary">
                  {t("detail.close")}
                </button>
              ) : null}
              <button type="submit" name="intent" value="cancel" className="button button--secondary">
                {t("detail.cancel")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {audit.length > 0 ? (
        <section aria-labelledby="audit-heading" className="section">
          <h2 id="audit-heading">{t("coordination:audit.title")}</h2>
          <ul className="audit-list">
            {audit.map((a) => (
              <li key={a.id}>
                <DateTime value={a.createdAt} /> ·{" "}
                {t(`coordination:audit.actions.${a.action}`, { defaultValue: a.action })}
                {a.entityType === "match" ? ` (#${a.entityId})` : null}
                {a.actorName ? ` · ${a.actorName}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
