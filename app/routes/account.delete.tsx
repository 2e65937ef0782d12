import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { blankSessionCookie, requireUser } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { deleteOwnAccount } from "~/modules/privacy/account-privacy.server";
import { DeleteAccountSchema } from "~/modules/privacy/privacy.schema";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "auth", "privacy"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(request, "privacy");
  return { pageTitle: `${t("delete.title")} · miteinander` };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const formData = await request.formData();
  const result = validateFormData(formData, DeleteAccountSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await deleteOwnAccount(getDb(), user.id, result.data.password);
  if (!outcome.ok) return formRefusal(formData, outcome);
  // The sessions went with the account; the cookie goes too.
  return redirectWithNotice(
    "/privacy",
    { key: "privacy:page.erased" },
    { headers: { "Set-Cookie": blankSessionCookie() } },
  );
}

export default function DeleteAccountPage() {
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["privacy", "auth"]);
  const form = useValidatedForm({ id: "delete-account", schema: DeleteAccountSchema, actionData });
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/account">
          <BackArrow /> {t("auth:account.title")}
        </Link>
      </p>
      <h1>{t("delete.title")}</h1>
      <p className="lead">{t("delete.intro")}</p>
      <h2 className="h3">{t("delete.goneTitle")}</h2>
      <p>{t("delete.gone")}</p>
      <h2 className="h3">{t("delete.keptTitle")}</h2>
      <p>{t("delete.kept")}</p>
      <p>
        <Trans
          t={t}
          i18nKey="delete.exportFirst"
          components={{ exportLink: <a href="/account/export" download /> }}
        />
      </p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <TextField
          form={form}
          name="password"
          label={t("delete.password")}
          hint={t("delete.passwordHint")}
          type="password"
          autoComplete="current-password"
          required
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("delete.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
