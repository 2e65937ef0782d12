import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import type { InboxItem } from "~/modules/notifications/inbox.server";

/** The inbox's messages, newest first: unread ones stand out and each has its own "mark read" button. */
export function InboxItems({ items }: { items: InboxItem[] }) {
  const { t } = useTranslation("notifications");
  return (
    <ul className="card-list">
      {items.map((item) => (
        <li key={item.id} className="card">
          <p className="card__title">
            {item.read ? null : <span className="tag">{t("inbox.unread")}</span>}{" "}
            {item.read ? item.text : <strong>{item.text}</strong>}
          </p>
          <p className="muted small">
            {t("inbox.receivedAt")} <DateTime value={item.createdAt} />
          </p>
          <div className="actions">
            {item.link ? <Link to={item.link}>{t("inbox.open")}</Link> : null}
            {item.read ? null : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={item.id} />
                <button
                  type="submit"
                  name="intent"
                  value="read"
                  className="button button--small button--secondary"
                >
                  {t("inbox.markRead")}
                </button>
              </Form>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
