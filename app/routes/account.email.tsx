import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, FormMessage, TextField, useValidatedForm } from "~/components/forms";
import { appOrigin } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { requestEmailChange } from "~/modules/auth/account-commands.server";
import { ChangeEmailSchema } from "~/modules/auth/auth.schema";
import { requireUser } from "~/modules/auth/session.server";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { pageTitle } from "~/utils/page-title";
import { isolate } from "~/utils/format";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "accountEmail") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  return { email: user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const formData = await request.formData();
  const result = validateFormData(formData, ChangeEmailSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await requestEmailChange(
    getDb(),
    user,
    result.data.newEmail,
    result.data.currentPassword,
    appOrigin(request),
  );
  if (!outcome.ok) return formRefusal(formData, outcome);
  return { sentTo: result.data.newEmail };
}

export default function ChangeEmailPage() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({ id: "email", schema: ChangeEmailSchema, actionData });
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/account">
          <BackArrow /> {t("account.title")}
        </Link>
      </p>
      <h1>{t("changeEmail.title")}</h1>
      <p>{t("changeEmail.current", { email: isolate(email) })}</p>
      {actionData && "sentTo" in actionData ? (
        <FormMessage tone="success">
          {t("changeEmail.sent", { email: isolate(actionData.sentTo) })}
        </FormMessage>
      ) : (
        <>
          <p>{t("changeEmail.intro")}</p>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <TextField
              form={form}
              name="newEmail"
              label={t("fields.newEmail")}
              type="email"
              autoComplete="email"
              required
            />
            <TextField
              form={form}
              name="currentPassword"
              label={t("fields.currentPassword")}
              type="password"
              autoComplete="current-password"
              required
            />
            <div className="actions">
              <button type="submit" className="button">
                {t("changeEmail.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
