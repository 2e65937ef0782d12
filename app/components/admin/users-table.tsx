import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateTime } from "~/components/time";
import { useFormatList } from "~/components/use-format-list";
import type { UserListItem } from "~/modules/auth/user-admin.server";

/** The people list for administrators: name (to their page), address, role, neighbourhoods, last login. */
export function UsersTable({ users, labelledBy }: { users: UserListItem[]; labelledBy: string }) {
  const { t } = useTranslation(["admin", "auth"]);
  const formatList = useFormatList();
  return (
    <TableScroll labelledBy={labelledBy}>
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
          {users.map((u) => (
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
  );
}
