import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { TemplateListActionSchema } from "~/modules/arrivals/first-step-template.schema";
import {
  DEFAULT_TEMPLATES,
  installDefaultTemplates,
  loadTemplates,
  templateText,
  templateUsage,
} from "~/modules/arrivals/templates.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { validateFormData } from "~/utils/form-validation";
import { useCategoryName } from "~/components/use-category-name";
import { redirectWithNotice } from "~/utils/notice.server";
import type { Notice } from "~/utils/notice";

export const handle = { i18n: ["common", "arrivals"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "first-step-template:manage");
  const locale = await requestLocale(getDb(), request);
  const db = getDb();
  const usage = templateUsage(db);
  const templates = loadTemplates(db).map((t) => ({
    id: t.id,
    title: templateText(t.texts, locale).title,
    categorySlug: t.categorySlug,
    categoryName: t.categoryName,
    leadDays: t.leadDays,
    perPerson: t.perPerson,
    ageGroups: [...t.ageGroups],
    active: t.active,
    translated: Object.keys(t.texts).length,
    used: usage.get(t.id) ?? 0,
  }));
  return {
    templates,
    defaults: DEFAULT_TEMPLATES.length,
    pageTitle: `${getServerT(locale, "arrivals")("templates.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "first-step-template:manage");
  const result = validateFormData(await request.formData(), TemplateListActionSchema);
  if (!result.success) return data(result, { status: 400 });
  const installed = installDefaultTemplates(getDb(), user.id);
  const notices: Notice[] = [
    {
      key: "arrivals:templates.installed",
      values: { count: installed.installed, present: installed.present },
    },
  ];
  if (installed.missingCategories.length > 0) {
    notices.push({
      key: "arrivals:templates.missingCategories",
      values: { categories: installed.missingCategories.join(", ").slice(0, 200) },
      tone: "warning",
    });
  }
  return redirectWithNotice("/admin/first-steps", notices);
}

export default function FirstStepsPage() {
  const { templates, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["arrivals", "common"]);
  const categoryName = useCategoryName();
  const failed = actionData && "errors" in actionData ? actionData.errors.intent : undefined;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("templates.back")}
        </Link>
      </p>
      <div className="page-heading">
        <h1>{t("templates.title")}</h1>
        <Link to="/admin/first-steps/new" className="button">
          {t("templates.new")}
        </Link>
      </div>
      <p className="lead">{t("templates.intro")}</p>
      {failed ? (
        <FormMessage>
          <DataText k={failed} />
        </FormMessage>
      ) : null}
      <Form method="post">
        <p>{t("templates.defaultsIntro", { count: defaults })}</p>
        <button type="submit" name="intent" value="install-defaults" className="button button--secondary">
          {t("templates.installDefaults")}
        </button>
      </Form>
      {templates.length === 0 ? (
        <p className="empty">{t("templates.empty")}</p>
      ) : (
        <TableScroll label={t("templates.title")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("templates.fields.titleColumn")}</th>
                <th scope="col">{t("templates.fields.category")}</th>
                <th scope="col">{t("templates.fields.leadDaysColumn")}</th>
                <th scope="col">{t("templates.fields.forWhom")}</th>
                <th scope="col">{t("templates.fields.languagesColumn")}</th>
                <th scope="col">{t("templates.fields.used")}</th>
                <th scope="col">{t("templates.fields.state")}</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => {
                const groups = template.ageGroups.map((g) => t(`ageGroups.${g}`)).join(", ");
                return (
                  <tr key={template.id}>
                    <th scope="row">
                      <Link to={`/admin/first-steps/${template.id}`}>{template.title}</Link>
                    </th>
                    <td>{categoryName({ slug: template.categorySlug, name: template.categoryName })}</td>
                    <td className="numeric">{template.leadDays}</td>
                    <td>
                      {template.perPerson
                        ? t("form.perPerson", { groups })
                        : groups
                          ? t("form.forGroups", { groups })
                          : t("templates.household")}
                    </td>
                    <td className="numeric">{template.translated} / 5</td>
                    <td className="numeric">{template.used}</td>
                    <td>{template.active ? t("templates.active") : t("templates.inactive")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
