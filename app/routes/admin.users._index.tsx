import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { USER_ROLE, type UserRole } from "@db/schema/enums";
import { BackArrow } from "~/components/back-arrow";
import { DateTime } from "~/components/time";
import { listUsers, USERS_PAGE_SIZE } from "~/modules/auth/user-admin.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";
import { useFormatList } from "~/components/use-format-list";
import { TableScroll } from "~/components/table-scroll";

export const handle = { i18n: ["common", "auth", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminUsers") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(request, "user:manage");
  const url = new URL(request.url);
  const roleParam = url.searchParams.get("role");
  const role = (USER_ROLE as readonly string[]).includes(roleParam ?? "")
    ? (roleParam as UserRole)
    : undefined;
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const { items, total } = listUsers({ role, q, page });
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
  const formatList = useFormatList();
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
      <TableScroll labelledBy="users-count">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("auth:fields.displayName")}</th>
              <th scope="col">{t("auth:fields.email")}</th>
              <th scope="col">{t("auth:fields.role")}</th>
              <th scope="col">{t("auth:fields.neighbourhoods")}</th>
              <th scope="col">{t("users.lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                </td>
                <td>{u.email}</td>
                <td>{t(`auth:roles.${u.role}`)}</td>
                <td>{formatList(u.neighbourhoodNames)}</td>
                <td>{u.lastLoginAt ? <DateTime value={u.lastLoginAt} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
