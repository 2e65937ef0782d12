import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DemoOutboxHint } from "~/components/demo-outbox-hint";
import { ErrorSummary, FormMessage, TextField, useValidatedForm } from "~/components/forms";
import { appOrigin } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { authenticate } from "~/modules/auth/credentials.server";
import { LoginSchema } from "~/modules/auth/auth.schema";
import { homePathFor } from "~/modules/auth/auth-user";
import { clientIpOf } from "~/modules/auth/client-ip.server";
import { createUserSession, requireAnonymous } from "~/modules/auth/session.server";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { retryAfterHeaders } from "~/modules/auth/retry-after";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "login") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(getDb(), request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = validateFormData(formData, LoginSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await authenticate(
    getDb(),
    result.data.email,
    result.data.password,
    clientIpOf(context),
    appOrigin(request),
  );
  if (!outcome.ok) {
    const failure = {
      ...formFailure(formData, outcome.errors),
      retryAfterSeconds: outcome.retryAfterSeconds ?? null,
    };
    if (outcome.retryAfterSeconds) {
      return data(failure, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
    }
    return data(failure, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await createUserSession(getDb(), outcome.value.userId, request));
  // A first visit in this browser takes the account's language; a language chosen here stays.
  if (!(await localeCookie.parse(request.headers.get("Cookie")))) {
    headers.append("Set-Cookie", await localeCookie.serialize(outcome.value.locale));
  }
  return redirect(
    safeRedirectPath(result.data.redirectTo, homePathFor({ role: outcome.value.role, memberships: [] })),
    { headers },
  );
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({ id: "login", schema: LoginSchema, actionData });
  const retryAfter = actionData && "retryAfterSeconds" in actionData ? actionData.retryAfterSeconds : null;
  const retryMinutes = retryAfter ? Math.ceil(retryAfter / 60) : null;
  // A new confirmation link went out: in a demo, say where it is.
  const unconfirmedEmail =
    actionData && "errors" in actionData && actionData.errors.form === "auth:errors.emailNotConfirmed"
      ? String(actionData.values?.email ?? "")
      : null;
  return (
    <div className="page page--narrow">
      <h1>{t("login.title")}</h1>
      <ErrorSummary form={form} />
      {retryMinutes ? <FormMessage>{t("login.retryAfter", { count: retryMinutes })}</FormMessage> : null}
      {unconfirmedEmail ? <DemoOutboxHint email={unconfirmedEmail} /> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          form={form}
          name="email"
          label={t("fields.email")}
          type="email"
          autoComplete="username"
          required
        />
        <TextField
          form={form}
          name="password"
          label={t("fields.password")}
          type="password"
          autoComplete="current-password"
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("login.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.registerVolunteer")}</Link> ·{" "}
        <Link to="/register/organisation">{t("login.registerOrganisation")}</Link>
      </p>
    </div>
  );
}
