import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { USER_ROLE } from "@db/schema/enums";
import { BackArrow } from "~/components/back-arrow";
import { UsersTable } from "~/components/admin/users-table";
import { listUsers, USERS_PAGE_SIZE } from "~/modules/auth/user-admin.server";
import { getDb } from "~/utils/db.server";
import { parseUserListFilter } from "~/modules/auth/user-list-filter";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminUsers") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "user:manage");
  const { role, q, page } = parseUserListFilter(new URL(request.url).searchParams);
  const { items, total } = listUsers(getDb(), { role, q, page });
  return {
    items,
    total,
    role: role ?? "",
    q,
    page,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}

export default function AdminUsersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["admin", "auth"]);
  const pageHref = (page: number) =>
    `?${new URLSearchParams({ role: data.role, q: data.q, page: String(page) })}`;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("users.title")}</h1>
      <p>
        <Link to="/admin/invites">{t("users.inviteLink")}</Link>
      </p>
      <Form method="get" className="filter-form">
        <div className="field">
          <label htmlFor="users-role">{t("auth:fields.role")}</label>
          <select id="users-role" name="role" defaultValue={data.role}>
            <option value="">{t("users.allRoles")}</option>
            {USER_ROLE.map((r) => (
              <option key={r} value={r}>
                {t(`auth:roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-q">{t("users.search")}</label>
          <input id="users-q" name="q" type="search" defaultValue={data.q} />
        </div>
        <button type="submit" className="button">
          {t("users.filter")}
        </button>
      </Form>
      <h2 id="users-count" aria-live="polite">
        {t("users.count", { count: data.total })}
      </h2>
      <UsersTable users={data.items} labelledBy="users-count" />
      {data.pageCount > 1 ? (
        <nav aria-label={t("users.pagination")} className="pagination">
          {data.page > 1 ? <Link to={pageHref(data.page - 1)}>{t("users.previous")}</Link> : <span />}
          <span aria-current="page">{t("users.pageOf", { page: data.page, pageCount: data.pageCount })}</span>
          {data.page < data.pageCount ? (
            <Link to={pageHref(data.page + 1)}>{t("users.next")}</Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
