import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KIND } from "@db/schema/enums";
import { RegistrationSent } from "~/components/registration-sent";
import { ErrorSummary, SelectField, TextField, useValidatedForm } from "~/components/forms";
import { appOrigin } from "~/modules/auth/accounts.server";
import { PASSWORD_MIN_LENGTH, RegisterOrganisationSchema } from "~/modules/auth/auth.schema";
import { homePathFor } from "~/modules/auth/auth-user";
import { clientIpOf } from "~/modules/auth/client-ip.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { registerOrganisation } from "~/modules/organisations/registration.server";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "registerOrganisation") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = validateFormData(formData, RegisterOrganisationSchema);
  if (!result.success) return data(result, { status: 400 });
  const locale = await requestLocale(request);
  const outcome = await registerOrganisation(
    { ...result.data, locale },
    clientIpOf(context),
    appOrigin(request),
  );
  if (!outcome.ok) return formRefusal(formData, outcome);
  // The same answer for a free and a taken address: see registerAccount.
  return { sentTo: outcome.value.sentTo };
}

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
