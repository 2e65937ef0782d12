import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InboxItems } from "~/components/notifications/inbox-items";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { requireUser } from "~/modules/auth/session.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import {
  countUnread,
  listInbox,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/modules/notifications/inbox.server";
import { InboxActionSchema } from "~/modules/notifications/notifications.schema";
import { getDb } from "~/utils/db.server";
import { formDataToObject } from "~/utils/form-validation";
import { parseWithinLimits } from "~/utils/field-limits";

export const handle = { i18n: ["common", "notifications"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const locale = await requestLocale(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(request, "notifications");
  const db = getDb();
  return {
    title: t("inbox.title"),
    items: listInbox(db, user.id, locale),
    unread: countUnread(db, user.id),
  };
}

/** Mark read / all read; answers with a redirect back to the list, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const parsed = parseWithinLimits(InboxActionSchema, formDataToObject(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  // Ownership is in the query: another person's message id changes nothing.
  if (parsed.data.intent === "read") markNotificationRead(getDb(), user.id, parsed.data.id);
  else markAllNotificationsRead(getDb(), user.id);
  return redirect("/inbox");
}

export default function InboxPage() {
  const { items, unread } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <div className="page">
      <h1>{t("inbox.title")}</h1>
      <p>{t("inbox.intro")}</p>
      <p role="status">{t("inbox.unreadCount", { count: unread })}</p>
      <div className="actions">
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="button button--secondary">
              {t("inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
        <Link to="/settings/notifications">{t("inbox.settingsLink")}</Link>
      </div>
      {items.length === 0 ? <p className="empty">{t("inbox.empty")}</p> : <InboxItems items={items} />}
    </div>
  );
}
