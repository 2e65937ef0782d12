import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KIND } from "@db/schema/enums";
import { RegistrationSent } from "~/components/registration-sent";
import { ErrorSummary, SelectField, TextField, useValidatedForm } from "~/components/forms";
import { PASSWORD_MIN_LENGTH, RegisterOrganisationSchema } from "~/modules/auth/auth.schema";
import { getDb } from "~/utils/db.server";
import { requireAnonymous } from "~/modules/auth/session.server";
import { registerOrganisation } from "~/modules/organisations/registration.server";
import { retryAfterHeaders } from "~/modules/auth/retry-after";
import { registrationAction } from "~/modules/auth/registration-action.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "registerOrganisation") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(getDb(), request);
  return null;
}

export const action = (args: ActionFunctionArgs) =>
  registrationAction(getDb(), args, RegisterOrganisationSchema, registerOrganisation);

export default function RegisterOrganisationPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({
    id: "register-org",
    schema: RegisterOrganisationSchema,
    actionData,
    defaultValues: { kind: "" },
  });
  if (actionData && "sentTo" in actionData) {
    return (
      <div className="page page--narrow">
        <h1>{t("registerOrganisation.title")}</h1>
        <RegistrationSent email={actionData.sentTo} />
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("registerOrganisation.title")}</h1>
      <p className="lead">{t("registerOrganisation.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <fieldset>
          <legend>{t("registerOrganisation.organisation")}</legend>
          <TextField
            form={form}
            name="organisationName"
            label={t("fields.organisationName")}
            autoComplete="organization"
            required
          />
          <SelectField
            form={form}
            name="kind"
            label={t("fields.kind")}
            options={[
              { value: "", label: t("fields.kindChoose") },
              ...ORGANISATION_KIND.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>{t("registerOrganisation.person")}</legend>
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
        </fieldset>
        <p>{t("registerOrganisation.verificationNote")}</p>
        <div className="actions">
          <button type="submit" className="button">
            {t("registerOrganisation.submit")}
          </button>
        </div>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("login.submit")}</Link>
      </p>
    </div>
  );
}
