import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { changePassword } from "~/modules/auth/credentials.server";
import { getDb } from "~/utils/db.server";
import { ChangePasswordSchema, PASSWORD_MIN_LENGTH } from "~/modules/auth/auth.schema";
import { getOptionalSession, requireUser } from "~/modules/auth/session.server";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { pageTitle } from "~/utils/page-title";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "accountPassword") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(getDb(), request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const session = await getOptionalSession(getDb(), request);
  const formData = await request.formData();
  const result = validateFormData(formData, ChangePasswordSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await changePassword(
    getDb(),
    user,
    session!.session.id,
    result.data.currentPassword,
    result.data.newPassword,
  );
  if (!outcome.ok) return formRefusal(formData, outcome);
  return redirectWithNotice("/account/password", { key: "auth:changePassword.done" });
}

export default function ChangePasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({ id: "password", schema: ChangePasswordSchema, actionData });
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/account">
          <BackArrow /> {t("account.title")}
        </Link>
      </p>
      <h1>{t("changePassword.title")}</h1>
      <p>{t("changePassword.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <TextField
          form={form}
          name="currentPassword"
          label={t("fields.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
        />
        <TextField
          form={form}
          name="newPassword"
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
          type="password"
          autoComplete="new-password"
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("changePassword.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
