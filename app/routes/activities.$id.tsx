import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { contentLanguage } from "~/components/content-language";
import { ShiftSignup } from "~/components/shift-signup";
import { MachineMark } from "~/components/machine-translation";
import { DateRange } from "~/components/time";
import { useNonce } from "~/components/nonce";
import { getPublicActivity, type PublicActivity } from "~/modules/events/public-activities.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getShiftSignupStates } from "~/modules/signups/commitments.server";
import { loadEventResource } from "~/modules/events/queries.server";
import { can } from "~/modules/permissions/permissions";
import volunteerStyles from "~/styles/volunteer.css?url";
import { getDb } from "~/utils/db.server";
import { cityName, publicOrigin } from "~/utils/env.server";
import { formatMoney } from "~/utils/format";
import { useFormatList } from "~/components/use-format-list";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "activities", "volunteer"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.activity.title} · miteinander` },
        { name: "description", content: data.activity.description.slice(0, 160) },
      ]
    : [];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Not found", { status: 404 });
  const locale = await i18nServer(getDb()).getLocale(request);
  const activity = getPublicActivity(getDb(), id, locale);
  if (!activity) throw new Response("Not found", { status: 404 });
  // The viewer's own sign-ups and the waitlists, for the sign-up buttons (one query).
  const user = await getOptionalUser(getDb(), request);
  const signups = getShiftSignupStates(
    getDb(),
    activity.shifts.map((s) => s.id),
    user?.id ?? null,
  );
  // The organisation and the neighbourhood's coordinators may write to the helpers from here.
  const resource =
    user && (user.role !== "volunteer" || user.memberships.length > 0)
      ? loadEventResource(getDb(), id)
      : null;
  const viewer = {
    signedIn: !!user,
    isVolunteer: !!user?.isVolunteer,
    mayMessage: !!user && !!resource && can(user, "event:message-helpers", resource),
  };
  return { activity, origin: publicOrigin(), city: cityName(), signups, viewer };
}

/** schema.org Event, so calendars and municipal portals can read the page. */
function eventJsonLd(activity: PublicActivity, origin: string, city: string | null) {
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: activity.title,
    description: activity.description,
    startDate: new Date(activity.startsAt).toISOString(),
    endDate: new Date(activity.endsAt).toISOString(),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    url: `${origin}/activities/${activity.id}`,
    inLanguage: activity.languages,
    isAccessibleForFree: activity.costCents === 0,
    location: {
      "@type": "Place",
      name: activity.place || activity.neighbourhoodName,
      address: {
        "@type": "PostalAddress",
        ...(city ? { addressLocality: city } : {}),
        addressCountry: "DE",
      },
      geo: { "@type": "GeoCoordinates", latitude: activity.lat, longitude: activity.lon },
    },
    ...(activity.organisationName
      ? {
          organizer: {
            "@type": "Organization",
            name: activity.organisationName,
            url: activity.organisationWebsite ?? undefined,
          },
        }
      : {}),
    ...(activity.costCents > 0
      ? { offers: { "@type": "Offer", price: (activity.costCents / 100).toFixed(2), priceCurrency: "EUR" } }
      : {}),
  };
}

export default function ActivityPage() {
  const { activity, origin, city, signups, viewer } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  const nonce = useNonce();
  // "<" is escaped so text from the database can never close the script element.
  const jsonLd = JSON.stringify(eventJsonLd(activity, origin, city)).replace(/</g, "\\u003c");
  return (
    <article className="page" aria-labelledby="activity-title">
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <p>
        <Link to="/activities">
          <BackArrow /> {t("detail.back")}
        </Link>
      </p>
      <p className="card__eyebrow">
        <span className="tag">
          {categoryName({ slug: activity.categorySlug, name: activity.categoryName })}
        </span>{" "}
        <Link to={`/activities?neighbourhood=${activity.neighbourhoodSlug}`}>
          {activity.neighbourhoodName}
        </Link>
      </p>
      <h1 id="activity-title">
        <span {...contentLanguage(activity)}>{activity.title}</span>
      </h1>
      {activity.machineTranslated ? <MachineMark /> : null}
      {viewer.mayMessage ? (
        <p>
          <Link to={`/activities/${activity.id}/message`} className="button button--secondary">
            {t("detail.messageHelpers")}
          </Link>
        </p>
      ) : null}
      {!activity.translated ? (
        <p className="notice">
          {t("common:content.originalLanguage", {
            language: t(`common:languages.${activity.originalLanguage}`),
          })}
        </p>
      ) : null}
      <dl className="facts-grid">
        <dt>{t("detail.when")}</dt>
        <dd>
          <DateRange start={activity.startsAt} end={activity.endsAt} />
          {activity.weekly ? (
            <>
              {" "}
              · {t("weekly")}
              {activity.recurrenceUntil ? ` ${t("detail.until", { date: activity.recurrenceUntil })}` : ""}
            </>
          ) : null}
        </dd>
        <dt>{t("detail.where")}</dt>
        <dd>
          <bdi>{activity.place || activity.placeAddress?.name || activity.neighbourhoodName}</bdi>
          {activity.placeAddress ? (
            <>
              <br />
              <bdi>
                {activity.placeAddress.street}, {activity.placeAddress.postcode}
              </bdi>
            </>
          ) : null}
        </dd>
        {activity.organisationName ? (
          <>
            <dt>{t("detail.organiser")}</dt>
            <dd>
              <bdi>{activity.organisationName}</bdi>
            </dd>
          </>
        ) : null}
        <dt>{t("languages")}</dt>
        <dd>{formatList(activity.languages.map((code) => t(`common:languages.${code}`))) || "—"}</dd>
        <dt>{t("detail.cost")}</dt>
        <dd>{activity.costCents === 0 ? t("free") : formatMoney(activity.costCents, i18n.language)}</dd>
        {activity.participantPlaces > 0 ? (
          <>
            <dt>{t("detail.places")}</dt>
            <dd>
              {t("detail.placesLeft", { count: activity.placesLeft, total: activity.participantPlaces })}
            </dd>
          </>
        ) : null}
        {activity.targetGroup ? (
          <>
            <dt>{t("detail.targetGroup")}</dt>
            <dd>
              <bdi lang={activity.originalLanguage}>{activity.targetGroup}</bdi>
            </dd>
          </>
        ) : null}
        {activity.accessibility ? (
          <>
            <dt>{t("detail.accessibility")}</dt>
            <dd>
              <bdi lang={activity.originalLanguage}>{activity.accessibility}</bdi>
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/activities/${activity.id}.ics`} download>
          {t("detail.addToCalendar")}
        </a>
      </p>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("detail.about")}</h2>
        <p className="prose" {...contentLanguage(activity)}>
          {activity.description}
        </p>
      </section>
      {activity.organisationAbout ? (
        <section aria-labelledby="organiser-heading">
          <h2 id="organiser-heading">{t("detail.aboutOrganiser")}</h2>
          {activity.organisationAbout.machineTranslated ? <MachineMark /> : null}
          <p className="prose" {...contentLanguage(activity.organisationAbout)}>
            {activity.organisationAbout.text}
          </p>
        </section>
      ) : null}
      {activity.shifts.length > 0 ? (
        <section aria-labelledby="shifts-heading">
          <h2 id="shifts-heading">{t("detail.shifts")}</h2>
          <p>{t("detail.shiftsIntro")}</p>
          <ul className="shift-list">
            {activity.shifts.map((shift) => (
              <li key={shift.id} id={`shift-${shift.id}`} className="card">
                <h3 className="card__title">{shift.title}</h3>
                <p>
                  <DateRange start={shift.startsAt} end={shift.endsAt} />
                </p>
                <p>
                  {shift.past
                    ? t("detail.shiftPast")
                    : shift.placesLeft > 0
                      ? t("detail.shiftOpen", { count: shift.placesLeft, needed: shift.neededCount })
                      : t("detail.shiftFull")}
                </p>
                {shift.requiresCertificate ? (
                  <p className="muted small">{t("detail.requiresCertificate")}</p>
                ) : null}
                <ShiftSignup
                  shift={shift}
                  state={signups[shift.id] ?? null}
                  viewer={viewer}
                  returnTo={`/activities/${activity.id}`}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
