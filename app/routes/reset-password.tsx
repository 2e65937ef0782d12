import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { isResetTokenUsable } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { resetPassword } from "~/modules/auth/credentials.server";
import { PASSWORD_MIN_LENGTH, ResetPasswordSchema } from "~/modules/auth/auth.schema";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { pageTitle, TOKEN_PAGE_REFERRER } from "~/utils/page-title";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "resetPassword") },
  TOKEN_PAGE_REFERRER,
];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, usable: token !== "" && isResetTokenUsable(getDb(), token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = validateFormData(formData, ResetPasswordSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await resetPassword(getDb(), result.data.token, result.data.password);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  // Every session of the account has ended; this browser's cookie goes too.
  return redirectWithNotice(
    "/login",
    { key: "auth:reset.done" },
    { headers: { "Set-Cookie": blankSessionCookie() } },
  );
}

export default function ResetPasswordPage() {
  const { token, usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({
    id: "reset",
    schema: ResetPasswordSchema,
    actionData,
    defaultValues: { token },
  });
  if (!usable && !actionData) {
    return (
      <div className="page page--narrow">
        <h1>{t("reset.title")}</h1>
        <p role="alert">{t("errors.tokenInvalid")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.requestNew")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("reset.title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="token" value={token} />
        <TextField
          form={form}
          name="password"
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
          type="password"
          autoComplete="new-password"
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("reset.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
