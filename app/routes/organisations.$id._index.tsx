import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KIND, UI_LOCALE } from "@db/schema/enums";
import {
  ErrorSummary,
  SelectField,
  TextField,
  useValidatedForm,
  ChoiceGroupField,
  TextAreaField,
} from "~/components/forms";
import { OrganisationTranslationsForm } from "~/components/organisation-translations-form";
import {
  OrganisationProfileSchema,
  OrganisationTranslationsSchema,
} from "~/modules/organisations/organisation.schema";
import {
  listOrganisationTranslations,
  saveOrganisationTranslations,
  saveOrganisationTranslationsWithDrafts,
} from "~/modules/organisations/organisation-translations.server";
import { requireOrganisation, updateOrganisationProfile } from "~/modules/organisations/organisations.server";
import { draftNotices } from "~/modules/outside/draft-notices.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { translationHelpAvailable } from "~/modules/outside/outside-config.server";
import { can } from "~/modules/permissions/permissions";
import { listNeighbourhoods } from "~/modules/places/places.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData, type FormFailure } from "~/utils/form-validation";
import { validateNestedFormData } from "~/utils/nested-form";
import { useFormatList } from "~/components/use-format-list";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "organisations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, resource } = await requireOrganisation(
    getDb(),
    request,
    params,
    "organisation:read-private",
  );
  const canEdit = can(user, "organisation:update", resource);
  return {
    organisation,
    neighbourhoods: listNeighbourhoods(getDb()),
    canEdit,
    translations: canEdit ? listOrganisationTranslations(getDb(), organisation.id) : [],
    canDraft: canEdit && translationHelpAvailable(),
  };
}

/** The organisation's description in other languages: saved, or saved with machine drafts. */
async function translationsAction(
  organisationId: number,
  formData: FormData,
  draft: boolean,
  locale: string,
) {
  const result = validateNestedFormData(formData, OrganisationTranslationsSchema);
  if (!result.success) return data({ ...result, formId: "translations" as const }, { status: 400 });
  const db = getDb();
  if (!draft) {
    const saved = saveOrganisationTranslations(db, organisationId, result.data);
    if (!saved.ok)
      return data({ ...formFailure(formData, saved.errors), formId: "translations" as const }, 400);
    return redirectWithNotice(`/organisations/${organisationId}#translations`, {
      key: "organisations:profile.saved",
    });
  }
  const drafted = await saveOrganisationTranslationsWithDrafts(db, organisationId, result.data);
  if (!drafted.ok)
    return data({ ...formFailure(formData, drafted.errors), formId: "translations" as const }, 400);
  return redirectWithNotice(
    `/organisations/${organisationId}#translations`,
    draftNotices(drafted.summary, locale),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisation(getDb(), request, params, "organisation:update");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "translations" || intent === "draft")
    return translationsAction(
      organisation.id,
      formData,
      intent === "draft",
      await requestLocale(getDb(), request),
    );
  const result = validateFormData(formData, OrganisationProfileSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = updateOrganisationProfile(getDb(), organisation.id, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(`/organisations/${organisation.id}`, { key: "organisations:profile.saved" });
}

export default function OrganisationProfilePage() {
  const { organisation, neighbourhoods, canEdit, translations, canDraft } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (FormFailure & { formId?: "translations" }) | undefined;
  const actionData = answer?.formId === "translations" ? undefined : answer;
  const { t } = useTranslation(["organisations", "auth", "common"]);
  const formatList = useFormatList();
  const form = useValidatedForm({
    id: "organisation-profile",
    schema: OrganisationProfileSchema,
    actionData,
    defaultValues: {
      name: organisation.name,
      kind: organisation.kind,
      description: organisation.description,
      originalLanguage: organisation.originalLanguage,
      website: organisation.website ?? "",
      email: organisation.email ?? "",
      phone: organisation.phone ?? "",
      neighbourhoodIds: organisation.neighbourhoodIds.map(String),
    },
  });
  const names = new Map(neighbourhoods.map((n) => [n.id, n.name]));

  if (!canEdit) {
    return (
      <section aria-labelledby="profile-heading">
        <h1 id="profile-heading">
          <bdi>{organisation.name}</bdi>
        </h1>
        <p className="prose">{organisation.description || t("profile.noDescription")}</p>
        <dl className="facts-grid">
          <dt>{t("profile.kind")}</dt>
          <dd>{t(`auth:kinds.${organisation.kind}`)}</dd>
          <dt>{t("profile.website")}</dt>
          <dd>{organisation.website ? <a href={organisation.website}>{organisation.website}</a> : "—"}</dd>
          <dt>{t("profile.email")}</dt>
          <dd>
            {organisation.email ? <a href={`mailto:${organisation.email}`}>{organisation.email}</a> : "—"}
          </dd>
          <dt>{t("profile.phone")}</dt>
          <dd>{organisation.phone ?? "—"}</dd>
          <dt>{t("profile.neighbourhoods")}</dt>
          <dd>{formatList(organisation.neighbourhoodIds.map((id) => names.get(id))) || "—"}</dd>
        </dl>
        <p className="hint">{t("profile.onlyOwner")}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="profile-heading">
      <h1 id="profile-heading">{t("profile.title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <TextField
          form={form}
          name="name"
          label={t("profile.name")}
          required
          maxLength={120}
          autoComplete="organization"
        />
        <SelectField
          form={form}
          name="kind"
          label={t("profile.kind")}
          options={ORGANISATION_KIND.map((kind) => ({ value: kind, label: t(`auth:kinds.${kind}`) }))}
        />
        <TextAreaField
          form={form}
          name="description"
          label={t("profile.description")}
          hint={t("profile.descriptionHint")}
          rows={6}
          maxLength={2000}
        />
        <SelectField
          form={form}
          name="originalLanguage"
          label={t("profile.originalLanguage")}
          options={UI_LOCALE.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
        />
        <TextField
          form={form}
          name="website"
          label={t("profile.website")}
          hint={t("profile.websiteHint")}
          type="url"
          autoComplete="url"
        />
        <TextField form={form} name="email" label={t("profile.email")} type="email" autoComplete="email" />
        <TextField form={form} name="phone" label={t("profile.phone")} type="tel" autoComplete="tel" />
        <ChoiceGroupField
          form={form}
          name="neighbourhoodIds"
          legend={t("profile.neighbourhoods")}
          hint={t("profile.neighbourhoodsHint")}
          className="choice-group--columns"
          options={neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("profile.save")}
          </button>
        </div>
      </Form>
      <OrganisationTranslationsForm
        // After a draft or a save the page comes back with new texts: the form starts from them.
        key={JSON.stringify(translations)}
        originalLanguage={organisation.originalLanguage}
        translations={translations}
        canDraft={canDraft}
        failure={answer?.formId === "translations" ? answer : undefined}
      />
    </section>
  );
}
