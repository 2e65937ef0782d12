import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/forms";
import { DateRange, DateTime } from "~/components/time";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { UrgentAnswerFormSchema, UrgentTokenSchema } from "~/modules/reach/reach.schema";
import {
  answerUrgentRequest,
  checkAnswerToken,
  optOutWithToken,
  type AnswerCheck,
  type AnswerResult,
} from "~/modules/reach/answers.server";
import { getDb } from "~/utils/db.server";
import { parseWithinLimits } from "~/utils/field-limits";
import { validateFormData } from "~/utils/form-validation";
import { useCategoryName } from "~/components/use-category-name";

/*
 * The answer to an urgent request, without logging in: the signed link is the key
 * (docs/decisions/089-urgent-waves-and-signed-answers.md). GET only shows the need and the two buttons —
 * mail scanners and link previews fetch links and must not answer for anyone; the POST answers.
 */

export const handle = { i18n: ["common", "reach", "needs"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
  { name: "robots", content: "noindex" },
  // No other site sees the token in a Referer. Not "no-referrer": under it the page's own form post
  // carries Origin: null, which the origin check refuses (without JavaScript the answer would fail).
  { name: "referrer", content: "same-origin" },
];

function tokenOf(params: Record<string, string | undefined>): string | null {
  const parsed = parseWithinLimits(UrgentTokenSchema, params.token ?? "");
  return parsed.success ? parsed.data : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await i18nServer(getDb()).getFixedT(request, "reach");
  const token = tokenOf(params);
  const check: AnswerCheck = token
    ? checkAnswerToken(getDb(), token, await requestLocale(getDb(), request))
    : { status: "invalid" };
  const preselected = new URL(request.url).searchParams.get("answer");
  const body = {
    title: t("answer.title"),
    token: check.status === "invalid" ? null : token,
    check,
    preselected: preselected === "yes" || preselected === "no" ? preselected : null,
  };
  return check.status === "invalid" ? data(body, { status: 400 }) : body;
}

type ActionResult = { result: AnswerResult | { status: "opted_out" } } | { errors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const token = tokenOf(params);
  if (!token) return data<ActionResult>({ result: { status: "invalid" } }, { status: 400 });
  const form = validateFormData(await request.formData(), UrgentAnswerFormSchema);
  if (!form.success)
    return data<ActionResult>({ errors: form.errors as Record<string, string> }, { status: 400 });
  const db = getDb();
  if (form.data.intent === "opt-out") {
    const done = optOutWithToken(db, token);
    return data<ActionResult>(
      { result: done ? { status: "opted_out" } : { status: "invalid" } },
      { status: done ? 200 : 400 },
    );
  }
  const result = answerUrgentRequest(db, token, form.data.intent);
  return data<ActionResult>({ result }, { status: result.status === "invalid" ? 400 : 200 });
}

function ResultMessage({ result }: { result: AnswerResult | { status: "opted_out" } }) {
  const { t } = useTranslation("reach");
  switch (result.status) {
    case "invalid":
      return <FormMessage>{t("answer.invalid")}</FormMessage>;
    case "expired":
      return <FormMessage>{t("answer.expired")}</FormMessage>;
    case "opted_out":
      return <FormMessage tone="success">{t("optOut.done")}</FormMessage>;
    case "answered":
      return <FormMessage>{t("answer.already", { answer: t(`answer.${result.answer}`) })}</FormMessage>;
    case "recorded":
      return (
        <FormMessage tone="success">
          {result.answer === "no" ? t("result.no") : t(`result.${result.outcome ?? "proposed"}`)}
        </FormMessage>
      );
  }
}

export default function UrgentAnswerPage() {
  const { token, check, preselected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["reach", "needs", "common"]);
  const categoryName = useCategoryName();
  const result = actionData && "result" in actionData ? actionData.result : null;
  const need = check.status === "invalid" ? null : check.need;
  const canAnswer = check.status === "open" && !result;
  const order: ("yes" | "no")[] = preselected === "no" ? ["no", "yes"] : ["yes", "no"];
  return (
    <div className="page page--narrow">
      <h1>{t("answer.title")}</h1>
      {result ? <ResultMessage result={result} /> : null}
      {check.status === "invalid" && !result ? <p role="alert">{t("answer.invalid")}</p> : null}
      {need ? (
        <article aria-labelledby="urgent-need-title" className="card">
          <h2 id="urgent-need-title" className="card__title">
            {need.title}
          </h2>
          <p className="prose">{need.description}</p>
          <dl className="facts-grid">
            <dt>{t("answer.when")}</dt>
            <dd>
              <DateRange start={need.startsAt} end={need.endsAt} />
            </dd>
            <dt>{t("answer.where")}</dt>
            <dd>{need.neighbourhoodName}</dd>
            <dt>{t("answer.category")}</dt>
            <dd>{categoryName({ slug: need.categorySlug, name: need.categoryName })}</dd>
          </dl>
          <p className="muted">{t("answer.privacy")}</p>
        </article>
      ) : null}
      {check.status === "expired" && !result ? <FormMessage>{t("answer.expired")}</FormMessage> : null}
      {check.status === "answered" && !result ? (
        <FormMessage>{t("answer.already", { answer: t(`answer.${check.answer}`) })}</FormMessage>
      ) : null}
      {canAnswer && need ? (
        <section aria-labelledby="urgent-answer-heading" className="section">
          <h2 id="urgent-answer-heading">{t("answer.question")}</h2>
          {need.stillNeeded ? null : <p>{t("answer.notNeededAnymore")}</p>}
          <p>
            {t("answer.until")} <DateTime value={need.expiresAt} />
          </p>
          <Form method="post" className="actions">
            {order.map((answer) => (
              <button
                key={answer}
                type="submit"
                name="intent"
                value={answer}
                className={answer === order[0] ? "button" : "button button--secondary"}
              >
                {t(`answer.${answer}`)}
              </button>
            ))}
          </Form>
        </section>
      ) : null}
      {token && result?.status !== "opted_out" && check.status !== "invalid" ? (
        <section aria-labelledby="urgent-opt-out" className="section">
          <h2 id="urgent-opt-out" className="h3">
            {t("optOut.title")}
          </h2>
          <p>{t("optOut.explain")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="opt-out" className="button button--secondary">
              {t("optOut.button")}
            </button>
          </Form>
          <p>
            <Link to="/settings/notifications">{t("optOut.settingsLink")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
