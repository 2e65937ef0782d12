import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TemplateForm } from "~/components/arrivals/template-form";
import { BackArrow } from "~/components/back-arrow";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { TemplateFormSchema } from "~/modules/arrivals/first-step-template.schema";
import {
  getTemplate,
  templateFormValues,
  templateText,
  updateTemplate,
} from "~/modules/arrivals/templates.server";
import { needFormOptions } from "~/modules/needs/queries.server";
import { requireCan, requireIdParam } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";

export const handle = { i18n: ["common", "arrivals"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "first-step-template:manage");
  const id = requireIdParam(params);
  const db = getDb();
  const template = getTemplate(db, id);
  return {
    title: templateText(template.texts, await requestLocale(getDb(), request)).title,
    values: templateFormValues(template),
    categories: needFormOptions(db, user, template.categoryId).categories,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "first-step-template:manage");
  const id = requireIdParam(params);
  const db = getDb();
  getTemplate(db, id);
  const formData = await request.formData();
  const result = validateFormData(formData, TemplateFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = updateTemplate(db, user.id, id, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirect("/admin/first-steps");
}

export default function EditFirstStepPage() {
  const { title, values, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("arrivals");
  return (
    <div className="page">
      <p>
        <Link to="/admin/first-steps">
          <BackArrow /> {t("templates.form.back")}
        </Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{t("templates.editIntro")}</p>
      <TemplateForm
        categories={categories}
        defaultValues={values}
        actionData={actionData}
        submitLabel={t("templates.form.save")}
      />
    </div>
  );
}
