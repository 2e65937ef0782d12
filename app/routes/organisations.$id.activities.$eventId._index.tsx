import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { BackArrow } from "~/components/back-arrow";
import { ShiftSignups } from "~/components/shift-signups";
import { FormMessage } from "~/components/forms";
import { DateRange } from "~/components/time";
import { markAttendance } from "~/modules/attendance/attendance.server";
import { CHECK_IN_WINDOW_MIN } from "~/modules/attendance/check-in-code";
import { qrSvgPath } from "~/modules/attendance/qr.server";
import { checkInCode, checkInPath } from "~/modules/attendance/self-check-in.server";
import type { SelfCheckIn } from "~/components/shift-signups";
import {
  duplicateActivity,
  publishActivity,
  unpublishActivity,
} from "~/modules/events/status-commands.server";
import { getManagedActivity } from "~/modules/events/queries.server";
import { requireManagedActivity } from "~/modules/events/guards.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { can } from "~/modules/permissions/permissions";
import { cancelSignup } from "~/modules/signups/signups.server";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { getDb } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { publicOrigin } from "~/utils/env.server";
import { formatMoney } from "~/utils/format";
import { useFormatList } from "~/components/use-format-list";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.activity.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, resource } = await requireManagedActivity(
    getDb(),
    request,
    params,
    "signup:read-list",
  );
  const now = Date.now();
  const activity = getManagedActivity(getDb(), scope, now);
  if (!activity) throw notFound();
  // Each shift's self check-in code and QR code, while helpers can still use them.
  const checkIns: Record<string, SelfCheckIn> = {};
  if (activity.status === "published") {
    for (const shift of activity.shifts) {
      if (shift.endsAt + CHECK_IN_WINDOW_MIN * 60_000 < now) continue;
      const code = checkInCode(shift.id);
      const path = checkInPath(code);
      checkIns[String(shift.id)] = { code, path, qr: qrSvgPath(`${publicOrigin()}${path}`) };
    }
  }
  return {
    organisationId: scope.organisationId,
    activity,
    checkIns,
    now,
    may: {
      update: can(user, "event:update", resource),
      confirmHours: can(user, "hours:confirm", {
        volunteerId: null,
        organisationId: scope.organisationId,
        neighbourhoodId: resource.neighbourhoodId,
      }),
    },
  };
}

/** A refusal shown on the page, next to the buttons (the successes are notices after a redirect). */
function refusal(key: string, status: number) {
  return data({ refusal: key }, { status });
}

type ManageNotice =
  | "published"
  | "unpublished"
  | "copied"
  | "present"
  | "noShow"
  | "signupCancelled"
  | "signupCancelledPromoted";

/** Back to `url` with `events:manage.notices.<name>`. */
function done(url: string, name: ManageNotice, values?: { hours: number }) {
  return redirectWithNotice(url, { key: `events:manage.notices.${name}`, values });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, resource } = await requireManagedActivity(getDb(), request, params);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const signupId = Number(formData.get("signupId"));
  const base = `/organisations/${scope.organisationId}/activities/${scope.eventId}`;

  switch (intent) {
    case "publish": {
      const result = publishActivity(db, scope);
      return result.ok
        ? done(base, "published")
        : refusal(result.errors.form ?? "events:errors.notFound", result.status ?? 400);
    }
    case "unpublish": {
      const result = unpublishActivity(db, scope);
      return result.ok
        ? done(base, "unpublished")
        : refusal(result.errors.form ?? "events:errors.notFound", result.status ?? 400);
    }
    case "duplicate": {
      const result = duplicateActivity(db, scope, user.id);
      if (!result.ok) return refusal("events:errors.notFound", 404);
      return done(`/organisations/${scope.organisationId}/activities/${result.eventId}/edit`, "copied");
    }
    case "present":
    case "no_show": {
      if (!Number.isSafeInteger(signupId) || signupId < 1) return refusal("events:errors.notFound", 404);
      assertCan(user, "hours:confirm", {
        volunteerId: null,
        organisationId: scope.organisationId,
        neighbourhoodId: resource.neighbourhoodId,
      });
      const result = markAttendance(db, {
        signupId,
        eventId: scope.eventId,
        organisationId: scope.organisationId,
        attendance: intent,
        memberId: user.id,
      });
      if (!result.ok)
        return refusal(
          `events:manage.attendanceErrors.${result.error}`,
          result.error === "not_found" ? 404 : 409,
        );
      return intent === "present"
        ? done(base, "present", { hours: result.hoursLogged ?? 0 })
        : done(base, "noShow");
    }
    case "cancel-signup": {
      if (!Number.isSafeInteger(signupId) || signupId < 1) return refusal("events:errors.notFound", 404);
      const result = cancelSignup(
        db,
        { signupId, organisationId: scope.organisationId, eventId: scope.eventId },
        notifySignupChange,
      );
      if (!result.ok)
        return refusal(
          `events:manage.cancelErrors.${result.error}`,
          result.error === "not_found" ? 404 : 409,
        );
      return done(base, result.promoted ? "signupCancelledPromoted" : "signupCancelled");
    }
    default:
      return refusal("events:errors.unknownIntent", 400);
  }
}

export default function ManageActivityPage() {
  const { organisationId, activity, may, now, checkIns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["events", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  const base = `/organisations/${organisationId}/activities/${activity.id}`;
  const isPublic = activity.status === "published" && activity.organisationVerified;

  return (
    <article aria-labelledby="activity-heading">
      <p>
        <Link to={`/organisations/${organisationId}/activities`}>
          <BackArrow /> {t("manage.back")}
        </Link>
      </p>
      <h1 id="activity-heading">{activity.title}</h1>
      <p>
        <span className={`status status--${activity.status}`}>{t(`status.${activity.status}`)}</span>
        {activity.status === "published" && !activity.organisationVerified ? (
          <span className="muted"> · {t("manage.waitingForVerification")}</span>
        ) : null}
      </p>
      {actionData ? (
        <FormMessage>
          <DataText k={actionData.refusal} />
        </FormMessage>
      ) : null}

      {may.update ? (
        <div className="actions" role="group" aria-label={t("manage.actionsLabel")}>
          {activity.status !== "cancelled" ? (
            <>
              <Link to={`${base}/edit`} className="button button--secondary">
                {t("manage.edit")}
              </Link>
              <Link to={`${base}/translations`} className="button button--secondary">
                {t("manage.translations", { count: activity.translations.length })}
              </Link>
            </>
          ) : null}
          <Form method="post" className="inline-form">
            {activity.status === "draft" ? (
              <button type="submit" name="intent" value="publish" className="button">
                {t("manage.publish")}
              </button>
            ) : null}
            {activity.status === "published" ? (
              <button type="submit" name="intent" value="unpublish" className="button button--secondary">
                {t("manage.unpublish")}
              </button>
            ) : null}
            <button type="submit" name="intent" value="duplicate" className="button button--secondary">
              {t("manage.duplicate")}
            </button>
          </Form>
          <Link to={`/activities/${activity.id}/message`} className="button button--secondary">
            {t("message.link")}
          </Link>
          {activity.status !== "cancelled" ? (
            <Link to={`${base}/cancel`} className="button button--danger">
              {t("manage.cancel")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {isPublic ? (
        <p>
          <Link to={`/activities/${activity.id}`}>{t("manage.publicPage")}</Link> ·{" "}
          <a href={`/activities/${activity.id}.ics`} download>
            {t("manage.ics")}
          </a>
        </p>
      ) : null}

      <dl className="facts-grid">
        <dt>{t("manage.when")}</dt>
        <dd>
          <DateRange start={activity.startsAt} end={activity.endsAt} />
          {activity.weekly ? ` · ${t("weeklyUntil", { date: activity.recurrenceUntil ?? "" })}` : null}
        </dd>
        <dt>{t("manage.where")}</dt>
        <dd>{[activity.place, activity.neighbourhoodName].filter(Boolean).join(", ")}</dd>
        <dt>{t("form.category")}</dt>
        <dd>{categoryName({ slug: activity.categorySlug, name: activity.categoryName })}</dd>
        <dt>{t("form.languages")}</dt>
        <dd>{formatList(activity.languages.map((code) => t(`common:languages.${code}`))) || "—"}</dd>
        <dt>{t("form.cost")}</dt>
        <dd>
          {activity.costCents === 0 ? t("manage.free") : formatMoney(activity.costCents, i18n.language)}
        </dd>
        <dt>{t("form.participantPlaces")}</dt>
        <dd>
          {activity.participantPlaces > 0
            ? t("manage.places", {
                registered: activity.participantsRegistered,
                total: activity.participantPlaces,
              })
            : "—"}
        </dd>
      </dl>

      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t("form.description")}</h2>
        <p className="prose">{activity.description}</p>
        {activity.targetGroup ? (
          <p>
            <strong>{t("form.targetGroup")}</strong> {activity.targetGroup}
          </p>
        ) : null}
        {activity.accessibility ? (
          <p>
            <strong>{t("form.accessibility")}:</strong> {activity.accessibility}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="shifts-heading">
        <h2 id="shifts-heading">{t("manage.shifts")}</h2>
        {activity.shifts.length === 0 ? <p className="empty">{t("manage.noShifts")}</p> : null}
        {activity.shifts.map((shift) => (
          <ShiftSignups
            key={shift.id}
            shift={shift}
            now={now}
            canAct={may.confirmHours}
            checkIn={checkIns[String(shift.id)]}
          />
        ))}
      </section>
    </article>
  );
}
