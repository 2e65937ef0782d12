import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { UnsubscribeTokenSchema } from "~/modules/notifications/notifications.schema";
import { readUnsubscribeToken, unsubscribeWithToken } from "~/modules/notifications/unsubscribe.server";
import { getDb } from "~/utils/db.server";
import { parseWithinLimits } from "~/utils/field-limits";

/*
 * One-click unsubscribe without login. GET only shows a confirmation (link scanners and previews
 * fetch links, and must not unsubscribe anyone); the POST applies it. Mail providers implementing
 * RFC 8058 POST `List-Unsubscribe=One-Click` straight to this URL (List-Unsubscribe-Post header).
 */

export const handle = { i18n: ["common", "notifications"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
  { name: "robots", content: "noindex" },
];

function tokenOf(request: Request): string | null {
  const parsed = parseWithinLimits(UnsubscribeTokenSchema, new URL(request.url).searchParams.get("token"));
  return parsed.success ? parsed.data : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenOf(request);
  const verified = token ? readUnsubscribeToken(token) : null;
  const t = await i18nServer(getDb()).getFixedT(request, "notifications");
  const title = t("unsubscribe.title");
  if (!token || !verified) return data({ title, token: null, kind: null, expired: false }, { status: 400 });
  // An alert digest's link expires: it says so (and where to switch the digest off instead).
  if (verified.expired) return data({ title, token: null, kind: null, expired: true }, { status: 410 });
  return { title, token, kind: verified.kind, expired: false };
}

export async function action({ request }: ActionFunctionArgs) {
  const token = tokenOf(request);
  const done = token ? unsubscribeWithToken(getDb(), token) : null;
  if (!done) {
    const expired = token ? !!readUnsubscribeToken(token)?.expired : false;
    return data({ done: false as const, kind: null, expired }, { status: expired ? 410 : 400 });
  }
  return { done: true as const, kind: done.kind, expired: false };
}

export default function UnsubscribePage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("notifications");
  const kind = actionData?.kind ?? loaded.kind;
  const invalid = actionData ? !actionData.done : !loaded.token;
  const expired = actionData ? actionData.expired : loaded.expired;
  return (
    <div className="page page--narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {invalid || !kind ? (
        <>
          <p role="alert">{t(expired ? "unsubscribe.expired" : "unsubscribe.invalid")}</p>
          {expired ? (
            <p>
              <Link to="/settings/notifications">{t("unsubscribe.settingsLink")}</Link>
            </p>
          ) : null}
        </>
      ) : actionData?.done ? (
        <>
          <p role="status">{t("unsubscribe.done", { kind: t(`kinds.${kind}`) })}</p>
          <p>{t("unsubscribe.undoHint")}</p>
          <p>
            <Link to="/settings/notifications">{t("unsubscribe.settingsLink")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>
            {kind === "alert_digest"
              ? t("unsubscribe.confirmDigest")
              : t("unsubscribe.confirmText", { kind: t(`kinds.${kind}`) })}
          </p>
          <Form method="post" action={`/unsubscribe?token=${encodeURIComponent(loaded.token!)}`}>
            <button type="submit" className="button">
              {t("unsubscribe.confirm")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
