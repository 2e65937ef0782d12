import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { UI_LOCALE } from "@db/schema/enums";
import {
  ErrorSummary,
  TextField,
  useValidatedForm,
  type ValidatedForm,
  CheckboxField,
  TextAreaField,
} from "~/components/forms";
import { BackArrow } from "~/components/back-arrow";
import { DraftButton, MachineMark } from "~/components/machine-translation";
import { ReadabilityHint } from "~/components/readability-hint";
import { TranslationsFormSchema } from "~/modules/events/activity.schema";
import { formDefaults } from "~/modules/events/activity-form-values";
import { getManagedActivity } from "~/modules/events/queries.server";
import { saveTranslations } from "~/modules/events/commands.server";
import { requireManagedActivity } from "~/modules/events/guards.server";
import { validateNestedFormData } from "~/utils/nested-form";
import { draftNotices } from "~/modules/outside/draft-notices.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { translationHelpAvailable } from "~/modules/outside/outside-config.server";
import { saveTranslationsWithDrafts } from "~/modules/events/translation-drafts.server";
import { notFound } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, type FormFailure } from "~/utils/form-validation";
import type { z } from "zod";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireManagedActivity(getDb(), request, params, "event:update");
  const activity = getManagedActivity(getDb(), scope);
  if (!activity) throw notFound();
  const locales = UI_LOCALE.filter((l) => l !== activity.originalLanguage);
  const existing = new Map(activity.translations.map((tr) => [tr.locale, tr]));
  return {
    canDraft: translationHelpAvailable(),
    machine: Object.fromEntries(locales.map((l) => [l, existing.get(l)?.machineTranslated ?? false])),
    base: `/organisations/${scope.organisationId}/activities/${scope.eventId}`,
    title: activity.title,
    description: activity.description,
    originalLanguage: activity.originalLanguage,
    cancelled: activity.status === "cancelled",
    locales,
    defaults: {
      translations: Object.fromEntries(
        locales.map((l) => [
          l,
          { title: existing.get(l)?.title ?? "", description: existing.get(l)?.description ?? "" },
        ]),
      ),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireManagedActivity(getDb(), request, params, "event:update");
  const formData = await request.formData();
  const result = validateNestedFormData(formData, TranslationsFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const db = getDb();
  const path = new URL(request.url).pathname;
  if (formData.get("intent") !== "draft") {
    const outcome = saveTranslations(db, scope, result.data);
    if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: outcome.status ?? 400 });
    return redirectWithNotice(path, { key: "events:translations.saved" });
  }

  // "Entwurf übersetzen": what the form holds is saved, the empty languages filled with machine drafts.
  const drafted = await saveTranslationsWithDrafts(db, scope, result.data);
  if (!drafted.ok) return data(formFailure(formData, drafted.errors), { status: drafted.status ?? 400 });
  return redirectWithNotice(path, draftNotices(drafted.summary, await requestLocale(db, request)));
}

type TranslationsForm = ValidatedForm<z.input<typeof TranslationsFormSchema>>;

function GermanAdvice({ form }: { form: TranslationsForm }) {
  const text = useWatch({ control: form.rhf.control, name: "translations.de.description" });
  return <ReadabilityHint id={`${form.id}-readability-de`} text={typeof text === "string" ? text : ""} />;
}

export default function ActivityTranslationsPage() {
  const { defaults } = useLoaderData<typeof loader>();
  // After a draft or a save the page comes back with new texts: the form starts from them.
  return <ActivityTranslations key={JSON.stringify(defaults)} />;
}

function ActivityTranslations() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation(["events", "common"]);
  const form = useValidatedForm({
    id: "translations",
    schema: TranslationsFormSchema,
    actionData,
    defaultValues: formDefaults(loaderData.defaults, actionData),
  });
  return (
    <section aria-labelledby="translations-heading">
      <p>
        <Link to={loaderData.base}>
          <BackArrow /> {loaderData.title}
        </Link>
      </p>
      <h1 id="translations-heading">{t("translations.title")}</h1>
      <p className="lead">
        {t("translations.intro", { language: t(`common:languages.${loaderData.originalLanguage}`) })}
      </p>
      {loaderData.cancelled ? (
        <p className="notice">{t("errors.cancelledReadOnly")}</p>
      ) : (
        <>
          <details>
            <summary>{t("translations.original")}</summary>
            <p>
              <strong>{loaderData.title}</strong>
            </p>
            <p className="prose">{loaderData.description}</p>
          </details>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            {loaderData.locales.map((locale) => (
              <fieldset key={locale} className="form-section">
                <legend className="h3">{t(`common:languages.${locale}`)}</legend>
                {loaderData.machine[locale] ? <MachineMark /> : null}
                <TextField
                  form={form}
                  name={`translations.${locale}.title`}
                  label={t("translations.fieldTitle")}
                  maxLength={120}
                  dir="auto"
                  lang={locale}
                />
                <TextAreaField
                  form={form}
                  name={`translations.${locale}.description`}
                  label={t("translations.fieldDescription")}
                  rows={6}
                  dir="auto"
                  lang={locale}
                >
                  {locale === "de" ? <GermanAdvice form={form} /> : null}
                </TextAreaField>
                {loaderData.machine[locale] ? (
                  <CheckboxField
                    form={form}
                    name={`translations.${locale}.reviewed`}
                    label={t("common:translationHelp.reviewed")}
                  />
                ) : null}
              </fieldset>
            ))}
            <div className="actions">
              <button type="submit" name="intent" value="save" className="button">
                {t("translations.save")}
              </button>
            </div>
            {loaderData.canDraft ? <DraftButton id="translations-draft-hint" sends="activity" /> : null}
          </Form>
        </>
      )}
    </section>
  );
}
