import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ShiftSignup } from "~/components/shift-signup";
import { DateRange } from "~/components/time";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { assertCan, notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { can } from "~/modules/permissions/permissions";
import {
  getShiftSignupStates,
  getSignupShift,
  shiftEventResource,
} from "~/modules/signups/commitments.server";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { signUpForShift, type SignupError } from "~/modules/signups/signups.server";
import { getDb } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import volunteerStyles from "~/styles/volunteer.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer", "activities"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.shift.eventTitle ?? ""} · miteinander` },
];

/**
 * The sign-up for one shift. The activity page posts here; with JavaScript the answer appears on the
 * activity page, without it the browser shows this page when something needs an answer (hours cap,
 * overlap, certificate) and goes back to the activity page when the sign-up went through.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const shiftId = requireIdParam(params);
  const user = await getOptionalUser(getDb(), request);
  const db = getDb();
  const shift = getSignupShift(db, shiftId);
  if (!shift) throw notFound();
  assertCan(user ?? null, "event:read", shiftEventResource(shift));
  return {
    shift,
    state: getShiftSignupStates(db, [shiftId], user?.id ?? null)[shiftId] ?? null,
    viewer: { signedIn: !!user, isVolunteer: !!user?.isVolunteer },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const shiftId = requireIdParam(params);
  const db = getDb();
  const shift = getSignupShift(db, shiftId);
  if (!shift) throw notFound();
  const formData = await request.formData();
  const returnTo = safeRedirectPath(formData.get("returnTo"), `/activities/${shift.eventId}`);
  const resource = shiftEventResource(shift);
  // 404 first for activities the person may not know exist (drafts), so a sign-up cannot probe them.
  assertCan(user, "event:read", resource);
  if (!user.isVolunteer && can(user, "volunteer-profile:create")) {
    return data({ ok: false as const, error: { code: "no_profile" } as SignupError }, { status: 409 });
  }
  assertCan(user, "signup:create", resource);
  const result = signUpForShift(
    db,
    { shiftId, volunteerId: user.id, confirmOverCap: formData.get("confirmOverCap") === "1" },
    notifySignupChange,
  );
  if (!result.ok) return data({ ok: false as const, error: result.error }, { status: 409 });
  return redirect(`${returnTo}#shift-${shiftId}`, 303);
}

export default function ShiftSignupPage() {
  const { shift, state, viewer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["volunteer", "activities"]);
  return (
    <div className="page">
      <p>
        <Link to={`/activities/${shift.eventId}`}>
          <BackArrow /> {shift.eventTitle}
        </Link>
      </p>
      <h1>{t("signup.pageTitle", { shift: shift.title })}</h1>
      <p>
        <DateRange start={shift.startsAt} end={shift.endsAt} />
      </p>
      <p>
        {shift.past
          ? t("activities:detail.shiftPast")
          : shift.placesLeft > 0
            ? t("activities:detail.shiftOpen", { count: shift.placesLeft, needed: shift.neededCount })
            : t("activities:detail.shiftFull")}
      </p>
      {shift.requiresCertificate ? (
        <p className="muted">{t("activities:detail.requiresCertificate")}</p>
      ) : null}
      <ShiftSignup
        shift={shift}
        state={state}
        viewer={viewer}
        returnTo={`/activities/${shift.eventId}`}
        result={actionData}
      />
    </div>
  );
}
