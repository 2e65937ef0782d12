import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, useValidatedForm } from "~/components/forms";
import { updateProfile } from "~/modules/auth/account-commands.server";
import { getDb } from "~/utils/db.server";
import { ProfileSchema } from "~/modules/auth/auth.schema";
import { homePathFor } from "~/modules/auth/auth-user";
import { requireUser } from "~/modules/auth/session.server";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { validateFormData } from "~/utils/form-validation";
import { pageTitle } from "~/utils/page-title";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "account") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    homePath: homePathFor(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const formData = await request.formData();
  const result = validateFormData(formData, ProfileSchema);
  if (!result.success) return data(result, { status: 400 });
  updateProfile(getDb(), user.id, result.data);
  // The chosen language becomes this browser's UI language too.
  return redirectWithNotice(
    "/account",
    { key: "auth:account.saved" },
    { headers: { "Set-Cookie": await localeCookie.serialize(result.data.locale) } },
  );
}

export default function AccountPage() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["auth", "common"]);
  const form = useValidatedForm({
    id: "profile",
    schema: ProfileSchema,
    actionData,
    defaultValues: { displayName: account.displayName, locale: account.locale },
  });
  return (
    <div className="page">
      <h1>{t("account.title")}</h1>
      <dl className="facts-grid">
        <dt>{t("fields.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`roles.${account.role}`)}</dd>
      </dl>
      <p>
        <Link to={account.homePath}>{t("account.toHome")}</Link>
      </p>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        <ErrorSummary form={form} />
        <Form method="post" noValidate onSubmit={form.onSubmit}>
          <TextField form={form} name="displayName" label={t("fields.displayName")} autoComplete="name" />
          <SelectField
            form={form}
            name="locale"
            label={t("fields.locale")}
            hint={t("fields.localeHint")}
            options={SUPPORTED_LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code] }))}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t("account.save")}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="security-heading">
        <h2 id="security-heading">{t("account.security")}</h2>
        <ul>
          <li>
            <Link to="/account/password">{t("account.changePassword")}</Link>
          </li>
          <li>
            <Link to="/account/email">{t("account.changeEmail")}</Link>
          </li>
          <li>
            <Link to="/account/sessions">{t("account.sessions")}</Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("account.yourData")}</h2>
        <ul>
          <li>
            <a href="/account/export" download>
              {t("account.exportData")}
            </a>
          </li>
          <li>
            <Link to="/account/delete">{t("account.deleteAccount")}</Link>
          </li>
          <li>
            <Link to="/privacy">{t("common:footer.privacy")}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
