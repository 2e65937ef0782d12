import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferenceListPage } from "~/components/admin/reference-list";
import { CategoryFields } from "~/components/category-fields";
import { useValidatedForm } from "~/components/forms";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { CategorySchema } from "~/modules/places/categories.schema";
import { addCategory, listCategoriesForAdmin } from "~/modules/places/category-admin.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminCategories") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "categories:manage");
  return { categories: listCategoriesForAdmin(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "categories:manage");
  const formData = await request.formData();
  const result = validateFormData(formData, CategorySchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = addCategory(getDb(), admin.id, result.data);
  if (!outcome.ok)
    return data({ success: false as const, ...formFailure(formData, outcome.errors) }, { status: 400 });
  return redirectWithNotice("/admin/categories", {
    key: "admin:categories.added",
    values: { name: result.data.name },
  });
}

export default function AdminCategoriesPage() {
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const categoryName = useCategoryName();
  const form = useValidatedForm({
    id: "category-new",
    schema: CategorySchema,
    actionData,
    defaultValues: { name: "", active: "on" },
  });
  return (
    <ReferenceListPage
      id="categories"
      backLabel={t("back")}
      title={t("categories.title")}
      intro={t("categories.intro")}
      countHeading={t("categories.count", { count: categories.length })}
      columns={[t("categories.name"), t("categories.offered"), t("categories.uses")]}
      rows={categories.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={`/admin/categories/${c.id}`}>{categoryName(c)}</Link>
          </td>
          <td>{c.active ? t("categories.offeredYes") : t("categories.offeredNo")}</td>
          <td>{c.uses > 0 ? t("categories.usesCount", { count: c.uses }) : t("categories.unused")}</td>
        </tr>
      ))}
      addHeading={t("categories.addHeading")}
      form={form}
      formKey={String(categories.length)}
      fields={<CategoryFields form={form} nameHint />}
      addLabel={t("categories.add")}
    />
  );
}
