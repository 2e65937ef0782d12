/**
 * The sign-up control of one shift: sign up, join the waitlist, confirm going over the weekly hours
 * cap, cancel. A plain form post without JavaScript (the browser lands on /shifts/:id/signup when
 * something needs an answer); a fetcher with JavaScript, so the answer appears in place.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SignupError } from "~/modules/signups/signups.server";
import { formatNumber, formatRange } from "~/utils/format";

export interface ShiftSignupShift {
  id: number;
  title: string;
  placesLeft: number;
  past: boolean;
  requiresCertificate: boolean;
}

export interface ShiftSignupViewer {
  signedIn: boolean;
  isVolunteer: boolean;
}

export interface ShiftSignupStateView {
  waitlistCount: number;
  started: boolean;
  mine: { signupId: number; status: "confirmed" | "waitlisted"; position: number | null } | null;
}

/** What the sign-up action answers when it does not redirect. */
export type SignupActionData = { ok: false; error: SignupError };

function isSignupFailure(value: unknown): value is SignupActionData {
  return (
    typeof value === "object" && value !== null && "ok" in value && value.ok === false && "error" in value
  );
}

export function ShiftSignup({
  shift,
  state,
  viewer,
  returnTo,
  result,
}: {
  shift: ShiftSignupShift;
  state: ShiftSignupStateView | null;
  viewer: ShiftSignupViewer;
  /** The page to come back to after signing up or cancelling. */
  returnTo: string;
  /** The action's answer after a plain form post (the fetcher's answer takes its place with JavaScript). */
  result?: unknown;
}) {
  const { t, i18n } = useTranslation("volunteer");
  const fetcher = useFetcher({ key: `signup-${shift.id}` });
  const answer = isSignupFailure(fetcher.data) ? fetcher.data : isSignupFailure(result) ? result : null;
  const busy = fetcher.state !== "idle";
  const focus = useKeepFocus(
    state?.mine ? `${state.mine.signupId}:${state.mine.status}` : null,
    !!answer,
    busy,
  );

  if (shift.past || state?.started) return null;
  if (!viewer.signedIn) {
    return (
      <p>
        <Link to={`/login?${new URLSearchParams({ redirectTo: returnTo })}`}>
          {t("signup.loginToSignUp")}
        </Link>
      </p>
    );
  }
  if (!viewer.isVolunteer) {
    return (
      <p>
        <Link to="/volunteer/profile">{t("signup.becomeVolunteer")}</Link>
      </p>
    );
  }

  const mine = state?.mine ?? null;
  if (mine) {
    return (
      <div className="signup" ref={focus.rootRef}>
        <p className="highlight" role="status" tabIndex={-1} ref={focus.statusRef}>
          {mine.status === "confirmed"
            ? t("signup.youAreConfirmed")
            : t("signup.youAreWaitlisted", { position: mine.position ?? 0 })}
        </p>
        <fetcher.Form method="post" action={`/signups/${mine.signupId}/cancel`} onSubmit={focus.onSubmit}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <button
            type="submit"
            className="button button--secondary button--small"
            aria-disabled={busy || undefined}
          >
            {mine.status === "confirmed" ? t("signup.cancel") : t("signup.leaveWaitlist")}
            <span className="visually-hidden"> – {shift.title}</span>
          </button>
        </fetcher.Form>
      </div>
    );
  }

  const full = shift.placesLeft <= 0;
  const waiting = state?.waitlistCount ?? 0;
  const overCap = answer?.error.code === "over_cap" ? answer.error : null;
  return (
    <div className="signup" ref={focus.rootRef}>
      {full ? <p>{t("signup.waitlistInfo", { count: waiting, position: waiting + 1 })}</p> : null}
      {answer ? <SignupProblem error={answer.error} locale={i18n.language} /> : null}
      <fetcher.Form method="post" action={`/shifts/${shift.id}/signup`} onSubmit={focus.onSubmit}>
        <input type="hidden" name="returnTo" value={returnTo} />
        {overCap ? <input type="hidden" name="confirmOverCap" value="1" /> : null}
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {overCap ? t("signup.signUpAnyway") : full ? t("signup.joinWaitlist") : t("signup.signUp")}
          <span className="visually-hidden"> – {shift.title}</span>
        </button>
      </fetcher.Form>
    </div>
  );
}

/**
 * Signing up or cancelling swaps the button for another one, which would drop the focus to the page's
 * start. After a sign-up the focus goes to the confirmation (read out, and the cancel button is the next
 * Tab); after a cancel to the sign-up button. The buttons are not `disabled` while the request runs (that
 * too drops the focus): a second press is ignored instead.
 */
function useKeepFocus(mineKey: string | null, refused: boolean, busy: boolean) {
  const rootRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const acting = useRef(false);
  useEffect(() => {
    if (!acting.current) return;
    acting.current = false;
    (statusRef.current ?? rootRef.current?.querySelector("button"))?.focus();
  }, [mineKey]);
  useEffect(() => {
    // Refused: the button stays where it was, with the focus, and the alert is read out.
    if (refused && !busy) acting.current = false;
  }, [refused, busy]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (busy) event.preventDefault();
    else acting.current = true;
  };
  return { rootRef, statusRef, onSubmit };
}

function SignupProblem({ error, locale }: { error: SignupError; locale: string }) {
  const { t } = useTranslation("volunteer");
  let text: string;
  switch (error.code) {
    case "overlap":
      text = t("signup.errors.overlap", {
        shift: error.other.shiftTitle,
        event: error.other.eventTitle,
        time: formatRange(error.other.startsAt, error.other.endsAt, locale),
      });
      break;
    case "over_cap":
      text = t("signup.errors.over_cap", {
        planned: formatNumber(error.plannedHours, locale),
        cap: formatNumber(error.capHours, locale),
      });
      break;
    case "already_signed_up":
      text = t(`signup.errors.already_${error.status}`);
      break;
    default:
      text = t(`signup.errors.${error.code}`);
  }
  return (
    <div
      role="alert"
      className={
        error.code === "over_cap" ? "form-message form-message--warning" : "form-message form-message--error"
      }
    >
      <p>{text}</p>
      {error.code === "certificate_required" || error.code === "no_profile" ? (
        <p>
          <Link to="/volunteer/profile">{t("signup.toProfile")}</Link>
        </p>
      ) : null}
    </div>
  );
}
