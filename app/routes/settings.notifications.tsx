import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NOTIFICATION_CHANNEL } from "@db/schema/enums";
import { DataText } from "~/components/data-text";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { requireUser } from "~/modules/auth/session.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { NotificationPreferencesSchema } from "~/modules/notifications/notifications.schema";
import {
  listNotificationPreferences,
  setNotificationPreferences,
} from "~/modules/notifications/preferences.server";
import { alertDigestSetting, DIGEST_MAX_ITEMS, setAlertDigest } from "~/modules/reach/alert-digests.server";
import { AlertDigestSettingSchema, UrgentSettingSchema } from "~/modules/reach/reach.schema";
import { acceptsUrgentRequests } from "~/modules/reach/queries.server";
import { setAcceptsUrgentRequests } from "~/modules/reach/commands.server";
import { getDb } from "~/utils/db.server";
import { urgentMaxPerWeek } from "~/utils/env.server";
import { parseWithinLimits } from "~/utils/field-limits";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "notifications"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(request, "notifications");
  const db = getDb();
  return {
    title: t("settings.title"),
    preferences: listNotificationPreferences(db, user.id),
    /** Null: no volunteer profile, so the hub never asks them (the question is not shown). */
    urgentRequests: acceptsUrgentRequests(db, user.id),
    urgentMaxPerWeek: urgentMaxPerWeek(),
    /** Null: no volunteer profile, so there is nothing to fit (the question is not shown). */
    alertDigest: alertDigestSetting(db, user.id),
    digestMaxItems: DIGEST_MAX_ITEMS,
  };
}

/**
 * Saves the whole page in one transaction. The form is radio buttons only, so the browser cannot
 * send anything invalid; the schema guards the action against hand-made requests.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const formData = await request.formData();
  const result = validateFormData(formData, NotificationPreferencesSchema);
  if (!result.success)
    return data({ saved: false, error: "notifications:settings.invalid" }, { status: 400 });
  const db = getDb();
  const hasProfile = acceptsUrgentRequests(db, user.id) !== null;
  const urgent = hasProfile ? parseWithinLimits(UrgentSettingSchema, formData.get("urgentRequests")) : null;
  if (urgent && !urgent.success)
    return data({ saved: false, error: "notifications:settings.invalid" }, { status: 400 });
  const digest = hasProfile
    ? parseWithinLimits(AlertDigestSettingSchema, formData.get("alertDigest") ?? "off")
    : null;
  if (digest && !digest.success)
    return data({ saved: false, error: "notifications:settings.invalid" }, { status: 400 });
  const now = Date.now();
  db.transaction((tx) => {
    setNotificationPreferences(tx, user.id, result.data);
    if (urgent?.success) setAcceptsUrgentRequests(tx, user.id, urgent.data === "on");
    // Saving the page unchanged keeps the digest's place (what it already covered).
    if (digest?.success && digest.data !== alertDigestSetting(tx, user.id))
      setAlertDigest(tx, user.id, digest.data, now);
  });
  return redirectWithNotice("/settings/notifications", { key: "notifications:settings.saved" });
}

export default function NotificationSettingsPage() {
  const { preferences, urgentRequests, urgentMaxPerWeek, alertDigest, digestMaxItems } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("notifications");
  return (
    <div className="page">
      <p>
        <Link to="/inbox">
          <BackArrow /> {t("inbox.title")}
        </Link>
      </p>
      <h1>{t("settings.title")}</h1>
      <p>{t("settings.intro")}</p>
      {actionData?.error ? (
        <FormMessage>
          <DataText k={actionData.error} />
        </FormMessage>
      ) : null}
      <Form method="post">
        {urgentRequests !== null ? (
          <fieldset className="field" aria-describedby="urgent-requests-hint">
            <legend>{t("settings.urgent.title")}</legend>
            <p id="urgent-requests-hint" className="hint">
              {t("settings.urgent.explain", { count: urgentMaxPerWeek })}
            </p>
            <div className="checkbox-group">
              {(["on", "off"] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name="urgentRequests"
                    value={value}
                    defaultChecked={urgentRequests === (value === "on")}
                  />{" "}
                  {t(`settings.urgent.${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {alertDigest !== null ? (
          <fieldset className="field" aria-describedby="alert-digest-hint">
            <legend>{t("settings.digest.title")}</legend>
            <p id="alert-digest-hint" className="hint">
              {t("settings.digest.explain", { count: digestMaxItems })}
            </p>
            <div className="checkbox-group">
              {(["off", "daily", "weekly"] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name="alertDigest"
                    value={value}
                    defaultChecked={alertDigest === value}
                  />{" "}
                  {t(`settings.digest.${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {preferences.map((preference) => (
          <fieldset key={preference.kind} className="field">
            <legend>{t(`kinds.${preference.kind}`)}</legend>
            <div className="checkbox-group">
              {NOTIFICATION_CHANNEL.map((channel) => (
                <label key={channel}>
                  <input
                    type="radio"
                    name={preference.kind}
                    value={channel}
                    defaultChecked={preference.channel === channel}
                  />{" "}
                  {t(`channels.${channel}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <p className="hint">{t("settings.securityNote")}</p>
        <div className="actions">
          <button type="submit" className="button">
            {t("settings.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}
