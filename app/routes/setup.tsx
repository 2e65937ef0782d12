import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { FirstAdministratorSchema, PASSWORD_MIN_LENGTH } from "~/modules/auth/auth.schema";
import { createFirstAdministrator } from "~/modules/auth/first-administrator.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { createUserSession } from "~/modules/auth/session.server";
import { isUsableSetupToken } from "~/modules/installation/installation.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { pageTitle, TOKEN_PAGE_REFERRER } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "setup") },
  TOKEN_PAGE_REFERRER,
  { name: "robots", content: "noindex" },
];

/** The one-time link `npm start` prints on a fresh installation: anyone holding it may use it, once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, usable: token.length <= 200 && isUsableSetupToken(getDb(), token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = validateFormData(formData, FirstAdministratorSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await createFirstAdministrator(getDb(), result.data, await requestLocale(getDb(), request));
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const cookie = await createUserSession(getDb(), outcome.value.userId, request);
  return redirect("/admin", { headers: { "Set-Cookie": cookie } });
}

export default function SetupPage() {
  const { token, usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({
    id: "setup",
    schema: FirstAdministratorSchema,
    actionData,
    defaultValues: { token },
  });
  if (!usable) {
    return (
      <div className="page page--narrow">
        <h1>{t("setup.title")}</h1>
        <p role="alert">{t("setup.linkInvalid")}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("setup.title")}</h1>
      <p className="lead">{t("setup.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="token" value={token} />
        <TextField
          form={form}
          name="displayName"
          label={t("fields.displayName")}
          autoComplete="name"
          required
        />
        <TextField
          form={form}
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          required
        />
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
            {t("setup.create")}
          </button>
        </div>
      </Form>
    </div>
  );
}
