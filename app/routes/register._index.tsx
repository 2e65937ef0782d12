import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegistrationSent } from "~/components/registration-sent";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { registerVolunteer } from "~/modules/auth/registration.server";
import { getDb } from "~/utils/db.server";
import { PASSWORD_MIN_LENGTH, RegisterVolunteerSchema } from "~/modules/auth/auth.schema";
import { requireAnonymous } from "~/modules/auth/session.server";
import { retryAfterHeaders } from "~/modules/auth/retry-after";
import { registrationAction } from "~/modules/auth/registration-action.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "register") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(getDb(), request);
  return null;
}

export const action = (args: ActionFunctionArgs) =>
  registrationAction(getDb(), args, RegisterVolunteerSchema, registerVolunteer);

export default function RegisterVolunteerPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({ id: "register", schema: RegisterVolunteerSchema, actionData });
  if (actionData && "sentTo" in actionData) {
    return (
      <div className="page page--narrow">
        <h1>{t("register.title")}</h1>
        <RegistrationSent email={actionData.sentTo} />
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("register.title")}</h1>
      <p className="lead">{t("register.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <TextField
          form={form}
          name="displayName"
          label={t("fields.displayName")}
          hint={t("fields.displayNameHint")}
          autoComplete="name"
          required
        />
        <TextField
          form={form}
          name="email"
          label={t("fields.email")}
          type="email"
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
            {t("register.submit")}
          </button>
        </div>
      </Form>
      <p>
        {t("register.organisationInstead")}{" "}
        <Link to="/register/organisation">{t("login.registerOrganisation")}</Link>
      </p>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("login.submit")}</Link>
      </p>
    </div>
  );
}
