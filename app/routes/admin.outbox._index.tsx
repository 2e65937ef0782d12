import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OUTBOX_STATUS } from "@db/schema/enums";
import { BackArrow } from "~/components/back-arrow";
import { OutboxTable } from "~/components/notifications/outbox-table";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getMailConfig } from "~/modules/notifications/config.server";
import { OutboxFilterSchema } from "~/modules/notifications/notifications.schema";
import { countOutboxByStatus, listOutbox, OUTBOX_PAGE_SIZE } from "~/modules/notifications/outbox.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { parseUrlFilter } from "~/utils/url-filter";

export const handle = { i18n: ["common", "notifications"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "outbox:read");
  const url = new URL(request.url);
  const { filter } = parseUrlFilter(OutboxFilterSchema, url.searchParams, ["status", "before"] as const, {});
  const db = getDb();
  const t = await i18nServer(getDb()).getFixedT(request, "notifications");
  const messages = listOutbox(db, { status: filter.status, before: filter.before }).map((m) => ({
    ...m,
    createdAt: m.createdAt.getTime(),
    sentAt: m.sentAt?.getTime() ?? null,
    nextAttemptAt: m.nextAttemptAt.getTime(),
  }));
  return {
    title: t("outbox.title"),
    status: filter.status ?? null,
    counts: countOutboxByStatus(db),
    smtpConfigured: Boolean(getMailConfig().smtpUrl),
    messages,
    nextBefore: messages.length === OUTBOX_PAGE_SIZE ? messages.at(-1)!.id : null,
  };
}

export default function OutboxPage() {
  const { status, counts, smtpConfigured, messages, nextBefore } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["notifications", "auth"]);
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("auth:nav.admin")}
        </Link>
      </p>
      <h1 id="outbox-heading">{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <p className="notice">{smtpConfigured ? t("outbox.smtpOn") : t("outbox.smtpOff")}</p>
      <Form method="get" className="filter-form">
        <label htmlFor="outbox-status">{t("outbox.filterLabel")}</label>
        <select id="outbox-status" name="status" defaultValue={status ?? ""}>
          <option value="">{t("outbox.filterAll")}</option>
          {OUTBOX_STATUS.map((s) => (
            <option key={s} value={s}>
              {t(`outbox.statuses.${s}`)} ({counts[s] ?? 0})
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small">
          {t("outbox.filterSubmit")}
        </button>
      </Form>
      {messages.length === 0 ? (
        <p className="empty">{t("outbox.empty")}</p>
      ) : (
        <OutboxTable messages={messages} labelledBy="outbox-heading" />
      )}
      {nextBefore ? (
        <p className="pagination">
          <Link to={`?${new URLSearchParams({ ...(status ? { status } : {}), before: String(nextBefore) })}`}>
            {t("outbox.more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
