import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ReferenceEntryPage } from "~/components/admin/reference-list";
import { CategoryFields } from "~/components/category-fields";
import { useValidatedForm } from "~/components/forms";
import { useDataKeys } from "~/modules/i18n/keys";
import { getDb } from "~/utils/db.server";
import { notFound, requireCan, requireIdParam } from "~/modules/permissions/guards.server";
import { CategorySchema } from "~/modules/places/categories.schema";
import { getCategoryForAdmin, removeCategory, updateCategory } from "~/modules/places/category-admin.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";
import { useCategoryName } from "~/components/use-category-name";
import { isBuiltInCategory } from "~/modules/places/category-names";

export const handle = { i18n: ["common", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminCategory") }];

function load(params: Record<string, string | undefined>) {
  const category = getCategoryForAdmin(getDb(), requireIdParam(params));
  if (!category) throw notFound();
  return category;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "categories:manage");
  return { category: load(params) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "categories:manage");
  const category = load(params);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const outcome = removeCategory(getDb(), admin.id, category.id);
    if (!outcome.ok) return data({ removeError: outcome.errors.form! }, { status: 409 });
    return redirect("/admin/categories");
  }
  const result = validateFormData(formData, CategorySchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = updateCategory(getDb(), admin.id, category.id, result.data);
  if (!outcome.ok)
    return data({ success: false as const, ...formFailure(formData, outcome.errors) }, { status: 400 });
  return redirectWithNotice(`/admin/categories/${category.id}`, { key: "admin:categories.saved" });
}

export default function AdminCategoryPage() {
  const { category: c } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const categoryName = useCategoryName();
  const removeError = actionData && "removeError" in actionData ? actionData.removeError : null;
  const errorText = useDataKeys([removeError]);
  // Built-in categories have their names in the app's five languages; those are what people see.
  const builtIn = isBuiltInCategory(c.slug);
  const shown = categoryName(c);
  const form = useValidatedForm({
    id: "category",
    schema: CategorySchema,
    actionData: removeError ? undefined : actionData,
    defaultValues: { name: c.name, active: c.active ? "on" : "" },
  });
  return (
    <ReferenceEntryPage
      backTo="/admin/categories"
      backLabel={t("categories.backToList")}
      title={t("categories.editTitle", { name: shown })}
      hint={
        <>
          {builtIn ? t("categories.builtInHint", { name: shown }) : t("categories.ownHint")}{" "}
          <Trans
            t={t}
            i18nKey="categories.feedHint"
            values={{ path: `/feeds/categories/${c.slug}.ics` }}
            components={{ path: <code dir="ltr" /> }}
          />
        </>
      }
      form={form}
      formKey={`${c.name}-${String(c.active)}`}
      fields={<CategoryFields form={form} />}
      saveLabel={t("categories.save")}
      remove={{
        heading: t("categories.removeHeading"),
        inUse: c.uses > 0 ? t("categories.inUse", { count: c.uses }) : null,
        hint: t("categories.removeHint"),
        label: t("categories.remove"),
        error: removeError ? errorText(removeError) : null,
      }}
    />
  );
}
