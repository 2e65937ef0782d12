import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatList } from "~/components/stat-list";
import { loadAdminHome } from "~/modules/home/home-pages.server";
import { getDb } from "~/utils/db.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "home", "settings", "dashboard", "arrivals"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "admin:access");
  return loadAdminHome(getDb());
}

type AdminFigure = "invites" | "organisationsToVerify" | "outboxPending" | "outboxFailed";

export default function AdminHomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["home", "auth", "dashboard", "settings", "arrivals"]);
  return (
    <div className="page page--wide">
      <h1>{t("admin.title")}</h1>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t("admin.people")}</h2>
        <StatList figures={data.people} label={(f) => t(`auth:roles.${f.role}`)} />
      </section>
      <section aria-labelledby="todo-heading">
        <h2 id="todo-heading">{t("admin.todo")}</h2>
        <StatList figures={data.figures} label={(f) => t(`admin.figures.${f.key as AdminFigure}`)} />
        <ul>
          <li>
            <Link to="/coordination">{t("admin.coordination")}</Link>
          </li>
          <li>
            <Link to="/coordination/dashboard">{t("dashboard:home.dashboard")}</Link>
          </li>
          <li>
            <Link to="/coordination/audit">{t("dashboard:home.audit")}</Link>
          </li>
          <li>
            <Link to="/admin/settings">{t("settings:title")}</Link>
          </li>
          <li>
            <Link to="/admin/neighbourhoods">{t("admin.neighbourhoods")}</Link>
          </li>
          <li>
            <Link to="/admin/categories">{t("admin.categories")}</Link>
          </li>
          <li>
            <Link to="/admin/system">{t("admin.system")}</Link>
          </li>
          <li>
            <Link to="/coordination/import">{t("admin.import")}</Link>
          </li>
          <li>
            <Link to="/admin/first-steps">{t("arrivals:templates.title")}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
