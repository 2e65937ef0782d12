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
import { NEW_TEMPLATE_VALUES, TemplateFormSchema } from "~/modules/arrivals/first-step-template.schema";
import { createTemplate } from "~/modules/arrivals/templates.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { needFormOptions } from "~/modules/needs/queries.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";

export const handle = { i18n: ["common", "arrivals"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "first-step-template:manage");
  return {
    categories: needFormOptions(getDb(), user).categories,
    pageTitle: `${getServerT(await requestLocale(getDb(), request), "arrivals")("templates.newTitle")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "first-step-template:manage");
  const formData = await request.formData();
  const result = validateFormData(formData, TemplateFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = createTemplate(getDb(), user.id, result.data);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirect("/admin/first-steps");
}

export default function NewFirstStepPage() {
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("arrivals");
  return (
    <div className="page">
      <p>
        <Link to="/admin/first-steps">
          <BackArrow /> {t("templates.form.back")}
        </Link>
      </p>
      <h1>{t("templates.newTitle")}</h1>
      <TemplateForm
        categories={categories}
        defaultValues={NEW_TEMPLATE_VALUES}
        actionData={actionData}
        submitLabel={t("templates.form.create")}
      />
    </div>
  );
}
