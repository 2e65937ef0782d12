import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NotificationKind, OutboxStatus } from "@db/schema/enums";
import { TableScroll } from "~/components/table-scroll";
import { DateTime } from "~/components/time";
import { carriesSecretLink } from "~/modules/notifications/kinds";

interface OutboxRow {
  id: number;
  createdAt: number;
  toAddress: string;
  subject: string;
  kind: NotificationKind;
  status: OutboxStatus;
  lastError: string | null;
  attempts: number;
}

/** The outbox's mails for administrators: when, to whom, what, its state (and the last error), tries. */
export function OutboxTable({ messages, labelledBy }: { messages: OutboxRow[]; labelledBy: string }) {
  const { t } = useTranslation("notifications");
  return (
    <TableScroll labelledBy={labelledBy}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("outbox.createdAt")}</th>
            <th scope="col">{t("outbox.to")}</th>
            <th scope="col">{t("outbox.subject")}</th>
            <th scope="col">{t("outbox.status")}</th>
            <th scope="col">{t("outbox.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td>
                <DateTime value={m.createdAt} />
              </td>
              <td>{m.toAddress}</td>
              <td>
                <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                <br />
                <span className="muted small">{t(`kinds.${m.kind}`)}</span>
              </td>
              <td>
                {t(`outbox.statuses.${m.status}`)}
                {m.status === "sent" && carriesSecretLink(m.kind) ? (
                  <span className="muted small"> · {t("outbox.linkRemovedShort")}</span>
                ) : null}
                {m.lastError ? <span className="muted small"> — {m.lastError}</span> : null}
              </td>
              <td>{m.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
