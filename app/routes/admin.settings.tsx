import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, TextField, useValidatedForm } from "~/components/forms";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { SettingsSchema, WEIGHT_FIELDS } from "~/modules/settings/settings.schema";
import { getSettings, updateSettings } from "~/modules/settings/settings.server";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "settings"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminSettings") }];

function formValues(settings: ReturnType<typeof getSettings>): Record<string, string> {
  const values: Record<string, string> = {
    retentionDaysClosedNeeds: String(settings.retentionDaysClosedNeeds),
    retentionMonthsArrivals: String(settings.retentionMonthsArrivals),
    reminderHoursBefore: String(settings.reminderHoursBefore),
  };
  for (const field of WEIGHT_FIELDS) values[field] = String(settings[field]);
  return values;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "settings:manage");
  return { values: formValues(getSettings(getDb())) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "settings:manage");
  const result = validateFormData(await request.formData(), SettingsSchema);
  if (!result.success) return data(result, { status: 400 });
  const { changed } = updateSettings(getDb(), admin.id, result.data);
  return redirectWithNotice("/admin/settings", { key: "settings:saved", values: { count: changed.length } });
}

export default function AdminSettingsPage() {
  const { values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("settings");
  const form = useValidatedForm({
    id: "settings",
    schema: SettingsSchema,
    actionData,
    defaultValues: values,
  });
  return (
    <div className="page">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <fieldset>
          <legend>{t("weights.legend")}</legend>
          <p className="hint">{t("weights.intro")}</p>
          {WEIGHT_FIELDS.map((field) => (
            <TextField
              key={field}
              form={form}
              name={field}
              label={t(`weights.${field}`)}
              inputMode="numeric"
              required
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("privacy.legend")}</legend>
          <TextField
            form={form}
            name="retentionDaysClosedNeeds"
            label={t("privacy.retention")}
            hint={t("privacy.retentionHint")}
            inputMode="numeric"
            required
          />
          <TextField
            form={form}
            name="retentionMonthsArrivals"
            label={t("privacy.arrivalRetention")}
            hint={t("privacy.arrivalRetentionHint")}
            inputMode="numeric"
            required
          />
        </fieldset>
        <fieldset>
          <legend>{t("reminders.legend")}</legend>
          <TextField
            form={form}
            name="reminderHoursBefore"
            label={t("reminders.hours")}
            hint={t("reminders.hoursHint")}
            inputMode="numeric"
            required
          />
        </fieldset>
        <button type="submit" className="button">
          {t("save")}
        </button>
      </Form>
    </div>
  );
}
