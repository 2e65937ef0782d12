import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CertificateCard } from "~/components/certificate-card";
import { HomeAddressForm } from "~/components/home-address-form";
import { VolunteerProfileForm } from "~/components/volunteer-profile-form";
import { requireUser, type AuthUser } from "~/modules/auth/session.server";
import {
  calendarFeedPath,
  createCalendarToken,
  getCalendarToken,
  revokeCalendarToken,
} from "~/modules/feeds/calendar-token.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { getHomeLocation } from "~/modules/outside/geocode-cache.server";
import { outsideConfig, serviceHost } from "~/modules/outside/outside-config.server";
import { listNeighbourhoods } from "~/modules/places/places.server";
import { HomeAddressSchema } from "~/modules/volunteers/home-address.schema";
import { saveHomeAddress } from "~/modules/volunteers/home-address.server";
import { gridShowsExactly } from "~/modules/volunteers/availability";
import {
  EMPTY_PROFILE,
  parseRowIntent,
  profileFormValues,
  withLanguageRowAdded,
  withLanguageRowRemoved,
} from "~/modules/volunteers/profile-form";
import { getVolunteerProfile, saveVolunteerProfile } from "~/modules/volunteers/volunteer-profile.server";
import { VolunteerProfileSchema } from "~/modules/volunteers/volunteer-profile.schema";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import {
  echoValues,
  formDataToObject,
  formFailure,
  validateFormData,
  type FormFailure,
} from "~/utils/form-validation";
import { validateNestedFormData } from "~/utils/nested-form";
import { zonedIsoDate } from "~/utils/time";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "volunteer"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

/** A volunteer edits their profile; anyone who may become one creates it here. */
function guard(user: AuthUser, hasProfile: boolean) {
  if (hasProfile) assertCan(user, "volunteer-profile:update", { userId: user.id, neighbourhoodIds: [] });
  else assertCan(user, "volunteer-profile:create");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const db = getDb();
  const profile = getVolunteerProfile(db, user.id, zonedIsoDate(Date.now()));
  guard(user, profile !== null);
  const t = await i18nServer(getDb()).getFixedT(request, "volunteer");
  const token = profile ? getCalendarToken(db, user.id) : null;
  const home = profile ? getHomeLocation(db, user.id) : null;
  return {
    home: home && {
      precision: home.precision,
      street: home.street,
      postcode: home.postcode,
      status: home.status,
      hasHomeNeighbourhood: home.point !== null,
    },
    geocoderHost: serviceHost(outsideConfig().geocoderUrl),
    mode: profile ? ("edit" as const) : ("create" as const),
    title: profile ? t("profile.title") : t("profile.createTitle"),
    defaults: profileFormValues(profile ?? EMPTY_PROFILE),
    certificate: profile?.certificate ?? null,
    // Times saved more exactly than the grid shows (e.g. 15–19 h) are named, since saving rounds them.
    exactTimes: profile && !gridShowsExactly(profile.availability) ? profile.availability : null,
    neighbourhoods: listNeighbourhoods(db),
    calendarUrl: token ? `${publicOrigin()}${calendarFeedPath(token)}` : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const db = getDb();
  const hasProfile = getVolunteerProfile(db, user.id, zonedIsoDate(Date.now())) !== null;
  guard(user, hasProfile);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "calendar-create" || intent === "calendar-revoke") {
    if (!hasProfile) throw new Response("Not found", { status: 404 });
    if (intent === "calendar-create") createCalendarToken(db, user.id);
    else revokeCalendarToken(db, user.id);
    return redirectWithNotice("/volunteer/profile#calendar", {
      key:
        intent === "calendar-create"
          ? "volunteer:profile.notice.calendarCreated"
          : "volunteer:profile.notice.calendarRevoked",
    });
  }

  if (intent === "home-address") {
    if (!hasProfile) throw new Response("Not found", { status: 404 });
    const result = validateFormData(formData, HomeAddressSchema);
    if (!result.success) return data({ ...result, formId: "home-address" as const }, { status: 400 });
    const saved = saveHomeAddress(db, user.id, result.data);
    if (!saved.ok)
      return data(
        { ...formFailure(formData, saved.errors), formId: "home-address" as const },
        { status: 400 },
      );
    return redirectWithNotice("/volunteer/profile#home-address", {
      key: "volunteer:profile.notice.homeSaved",
    });
  }

  const row = parseRowIntent(typeof intent === "string" ? intent : null);
  if (row) {
    const values = echoValues(formDataToObject(formData));
    return {
      errors: {},
      values: row.kind === "add" ? withLanguageRowAdded(values) : withLanguageRowRemoved(values, row.index),
    };
  }

  const result = validateNestedFormData(formData, VolunteerProfileSchema);
  if (!result.success) return data(result, { status: 400 });
  const saved = saveVolunteerProfile(db, user.id, result.data);
  if (!saved.ok) return data(formFailure(formData, saved.errors), { status: 400 });
  return redirectWithNotice("/volunteer/profile", {
    key: saved.created ? "volunteer:profile.notice.created" : "volunteer:profile.notice.saved",
  });
}

export default function VolunteerProfilePage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const homeFailure =
    answer && "formId" in answer && answer.formId === "home-address" ? (answer as FormFailure) : undefined;
  const actionData = homeFailure ? undefined : answer;
  const { t } = useTranslation("volunteer");
  // After a failed post only what was sent counts: unticked boxes must stay unticked.
  const defaults = actionData ? {} : data.defaults;
  return (
    <div className="page page--wide">
      <h1>{data.mode === "create" ? t("profile.createTitle") : t("profile.title")}</h1>
      {data.mode === "create" ? <p className="lead">{t("profile.createIntro")}</p> : null}
      {data.certificate ? <CertificateCard certificate={data.certificate} /> : null}
      {data.mode === "edit" ? (
        <section id="calendar" aria-labelledby="calendar-heading" className="section-card">
          <h2 id="calendar-heading">{t("calendar.title")}</h2>
          <p>{t("calendar.intro")}</p>
          {data.calendarUrl ? (
            <>
              <label htmlFor="calendar-url">{t("calendar.urlLabel")}</label>
              <input id="calendar-url" className="copy-field" readOnly value={data.calendarUrl} />
              <p className="hint">{t("calendar.secretHint")}</p>
              <div className="actions">
                <Form method="post">
                  <button
                    type="submit"
                    name="intent"
                    value="calendar-create"
                    className="button button--secondary"
                  >
                    {t("calendar.renew")}
                  </button>
                </Form>
                <Form method="post">
                  <button
                    type="submit"
                    name="intent"
                    value="calendar-revoke"
                    className="button button--secondary"
                  >
                    {t("calendar.revoke")}
                  </button>
                </Form>
              </div>
            </>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="calendar-create" className="button">
                {t("calendar.create")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <VolunteerProfileForm
        key={JSON.stringify(data.defaults)}
        mode={data.mode}
        defaults={defaults}
        actionData={actionData}
        neighbourhoods={data.neighbourhoods}
        exactTimes={data.exactTimes}
      />
      {data.home ? (
        <HomeAddressForm
          key={JSON.stringify(data.home)}
          home={data.home}
          geocoderHost={data.geocoderHost}
          failure={homeFailure}
        />
      ) : null}
    </div>
  );
}
