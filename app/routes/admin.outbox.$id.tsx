import { Fragment } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { carriesSecretLink } from "~/modules/notifications/kinds";
import { BackArrow } from "~/components/back-arrow";
import { DateTime } from "~/components/time";
import { requeueEmail } from "~/modules/notifications/delivery.server";
import { OutboxActionSchema } from "~/modules/notifications/notifications.schema";
import { getOutboxMessage } from "~/modules/notifications/outbox.server";
import { notFound, requireCan, requireIdParam } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { formDataToObject } from "~/utils/form-validation";
import { parseWithinLimits } from "~/utils/field-limits";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "notifications"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? ""} · miteinander` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "outbox:read");
  const id = requireIdParam(params);
  const message = getOutboxMessage(getDb(), id);
  if (!message) throw notFound();
  return {
    message: {
      id: message.id,
      messageId: message.messageId,
      toAddress: message.toAddress,
      kind: message.kind,
      subject: message.subject,
      bodyText: message.bodyText,
      bodyHtml: message.bodyHtml,
      status: message.status,
      attempts: message.attempts,
      lastError: message.lastError,
      createdAt: message.createdAt.getTime(),
      sentAt: message.sentAt?.getTime() ?? null,
      nextAttemptAt: message.nextAttemptAt.getTime(),
      /** A sent mail whose link was a single-use key keeps no link (delivery.server.ts markSent). */
      linkRemoved: message.status === "sent" && carriesSecretLink(message.kind),
    },
    /** Links into the hub stand on lines of their own in the text version: those become clickable. */
    hubLinkPrefix: `${publicOrigin()}/`,
  };
}

/** An admin sends a failed message once more (e.g. after "outcome unknown", having checked it did not arrive). */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireCan(getDb(), request, "outbox:read");
  const id = requireIdParam(params);
  if (!parseWithinLimits(OutboxActionSchema, formDataToObject(await request.formData())).success) {
    throw new Response("Bad request", { status: 400 });
  }
  if (!requeueEmail(getDb(), id)) return data({ resent: false }, { status: 409 });
  return redirectWithNotice(`/admin/outbox/${id}`, { key: "notifications:outbox.resent" });
}

export default function OutboxMessagePage() {
  const { message, hubLinkPrefix } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin/outbox">
          <BackArrow /> {t("outbox.back")}
        </Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="facts">
        <dt>{t("outbox.to")}</dt>
        <dd>{message.toAddress}</dd>
        <dt>{t("outbox.kind")}</dt>
        <dd>{t(`kinds.${message.kind}`)}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>{t(`outbox.statuses.${message.status}`)}</dd>
        <dt>{t("outbox.attempts")}</dt>
        <dd>{message.attempts}</dd>
        <dt>{t("outbox.createdAt")}</dt>
        <dd>
          <DateTime value={message.createdAt} />
        </dd>
        {message.sentAt ? (
          <>
            <dt>{t("outbox.sentAt")}</dt>
            <dd>
              <DateTime value={message.sentAt} />
            </dd>
          </>
        ) : message.status === "pending" ? (
          <>
            <dt>{t("outbox.nextAttemptAt")}</dt>
            <dd>
              <DateTime value={message.nextAttemptAt} />
            </dd>
          </>
        ) : null}
        {message.lastError ? (
          <>
            <dt>{t("outbox.lastError")}</dt>
            <dd>{message.lastError}</dd>
          </>
        ) : null}
        <dt>{t("outbox.messageId")}</dt>
        <dd>
          <code>{message.messageId}</code>
        </dd>
      </dl>
      {message.status === "failed" ? (
        <Form method="post">
          <p className="hint">{t("outbox.resendHint")}</p>
          <button type="submit" name="intent" value="resend" className="button">
            {t("outbox.resend")}
          </button>
        </Form>
      ) : null}
      {message.linkRemoved ? <p className="notice">{t("outbox.linkRemoved")}</p> : null}
      <h2>{t("outbox.textVersion")}</h2>
      <pre className="prose" style={{ whiteSpace: "pre-wrap" }}>
        <TextWithHubLinks text={message.bodyText} prefix={hubLinkPrefix} />
      </pre>
      <details>
        <summary>{t("outbox.htmlVersion")}</summary>
        <pre style={{ whiteSpace: "pre-wrap" }}>{message.bodyHtml}</pre>
      </details>
    </div>
  );
}

/**
 * The text of a mail, with each line that is a link into the hub (a confirmation or reset link while
 * the mail is unsent, e.g. in the demo) as a link to follow. Nothing else becomes a link.
 */
function TextWithHubLinks({ text, prefix }: { text: string; prefix: string }) {
  return text.split("\n").map((line, i) => (
    <Fragment key={i}>
      {i > 0 ? "\n" : null}
      {line.startsWith(prefix) && !line.includes(" ") ? <a href={line}>{line}</a> : line}
    </Fragment>
  ));
}
