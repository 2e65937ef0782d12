import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FormMessage, TextField, useValidatedForm } from "~/components/forms";
import { appOrigin } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { requestPasswordReset } from "~/modules/auth/credentials.server";
import { ForgotPasswordSchema } from "~/modules/auth/auth.schema";
import { clientIpOf } from "~/modules/auth/client-ip.server";
import { retryAfterHeaders } from "~/modules/auth/retry-after";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "forgotPassword") }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = validateFormData(formData, ForgotPasswordSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = requestPasswordReset(getDb(), result.data.email, clientIpOf(context), appOrigin(request));
  if (!outcome.ok) {
    return data(formFailure(formData, outcome.errors), {
      status: 429,
      headers: { "Retry-After": String(outcome.retryAfterSeconds ?? 60) },
    });
  }
  // The same answer whether or not the address has an account.
  return { sent: true as const };
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({ id: "forgot", schema: ForgotPasswordSchema, actionData });
  if (actionData && "sent" in actionData) {
    return (
      <div className="page page--narrow">
        <h1>{t("forgot.title")}</h1>
        <FormMessage tone="success">{t("forgot.sent")}</FormMessage>
        <p>
          <Link to="/login">{t("forgot.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <TextField
          form={form}
          name="email"
          label={t("fields.email")}
          type="email"
          autoComplete="email"
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("forgot.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
