import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { DateTime } from "~/components/time";
import {
  blankSessionCookie,
  getOptionalSession,
  listUserSessions,
  requireUser,
  revokeAllSessions,
  revokeOtherSessions,
  revokeSession,
} from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { describeUserAgent } from "~/modules/auth/user-agent";
import { pageTitle } from "~/utils/page-title";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "accountSessions") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const current = await getOptionalSession(getDb(), request);
  const sessions = listUserSessions(getDb(), user.id).map((s) => ({
    ...s,
    device: describeUserAgent(s.userAgent),
    current: s.id === current?.session.id,
  }));
  return { sessions };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const current = (await getOptionalSession(getDb(), request))!;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "revoke-all") {
    await revokeAllSessions(getDb(), user.id);
    return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
  }
  if (intent === "revoke-others") {
    const count = await revokeOtherSessions(getDb(), user.id, current.session.id);
    return redirectWithNotice("/account/sessions", { key: "auth:sessions.revokedOthers", values: { count } });
  }
  if (intent === "revoke") {
    const sessionId = formData.get("sessionId");
    // Ownership is in the query: another person's session id changes nothing.
    const done = typeof sessionId === "string" && (await revokeSession(getDb(), user.id, sessionId));
    if (!done) return data({ message: "sessions.notFound" as const, count: 0 }, { status: 404 });
    if (sessionId === current.session.id)
      return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
    return redirectWithNotice("/account/sessions", { key: "auth:sessions.revoked", values: { count: 1 } });
  }
  return data({ message: "sessions.unknownIntent" as const, count: 0 }, { status: 400 });
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  return (
    <div className="page">
      <p>
        <Link to="/account">
          <BackArrow /> {t("account.title")}
        </Link>
      </p>
      <h1>{t("sessions.title")}</h1>
      <p>{t("sessions.intro")}</p>
      {actionData ? <FormMessage>{t(actionData.message, { count: actionData.count })}</FormMessage> : null}
      <ul className="card-list">
        {sessions.map((s) => (
          <li key={s.id} className="card">
            <p className="card__title">
              <strong>{s.device ?? t("sessions.unknownDevice")}</strong>{" "}
              {s.current ? <span className="tag">{t("sessions.current")}</span> : null}
            </p>
            <p className="muted small">
              {t("sessions.since")} <DateTime value={s.createdAt} /> · {t("sessions.lastSeen")}{" "}
              <DateTime value={s.lastSeenAt} />
            </p>
            <Form method="post">
              <input type="hidden" name="sessionId" value={s.id} />
              <button
                type="submit"
                name="intent"
                value="revoke"
                className="button button--small button--secondary"
              >
                {s.current ? t("sessions.logoutHere") : t("sessions.revoke")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <div className="actions">
        <Form method="post">
          <button type="submit" name="intent" value="revoke-others" className="button button--secondary">
            {t("sessions.revokeOthers")}
          </button>
        </Form>
        <Form method="post">
          <button type="submit" name="intent" value="revoke-all" className="button">
            {t("sessions.revokeAll")}
          </button>
        </Form>
      </div>
    </div>
  );
}
