import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/forms";
import { DateRange, DateTime } from "~/components/time";
import { requireUser } from "~/modules/auth/session.server";
import { CHECK_IN_CODE_MAX, normaliseCheckInCode } from "~/modules/attendance/check-in-code";
import { checkIn, checkInPath, checkInState } from "~/modules/attendance/self-check-in.server";
import { getDb } from "~/utils/db.server";

export const handle = { i18n: ["common", "events"] };

export const meta: MetaFunction = () => [{ title: "Check-in · miteinander" }];

/** The code from the URL or the form, normalised; anything too long or malformed counts as no valid code. */
function codeOf(raw: FormDataEntryValue | string | null): string {
  return typeof raw === "string" ? normaliseCheckInCode(raw) : "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const url = new URL(request.url);
  const code = codeOf(url.searchParams.get("code"));
  if (!code) return { code: "", typed: url.searchParams.has("code"), result: null };
  return { code, typed: true, result: checkInState(getDb(), code, user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const formData = await request.formData();
  const code = codeOf(formData.get("code"));
  const result = code ? checkIn(getDb(), code, user.id) : { state: "invalid" as const };
  // Post/redirect/get: the page then shows where the person stands (checked in, or why not).
  const done = result.state === "already" ? "&done=1" : "";
  return redirect(`${checkInPath(code)}${done}`);
}

export default function CheckInPage() {
  const { code, typed, result } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation(["events", "common"]);
  const justNow = searchParams.get("done") === "1";

  return (
    <article aria-labelledby="checkin-heading">
      <h1 id="checkin-heading">{t("checkIn.title")}</h1>
      {result && result.state !== "invalid" ? (
        <>
          <p>
            <strong>
              {result.eventTitle} – {result.shiftTitle}
            </strong>
            {result.organisationName ? ` · ${result.organisationName}` : null}
            <br />
            <DateRange start={result.startsAt} end={result.endsAt} />
          </p>
          {result.state === "already" ? (
            justNow ? (
              <FormMessage tone="success">{t("checkIn.done")}</FormMessage>
            ) : (
              <p className="notice">
                {t("checkIn.already")} <DateTime value={result.checkedInAt} />
              </p>
            )
          ) : result.state === "open" ? (
            <Form method="post">
              <input type="hidden" name="code" value={code} />
              <p>{t("checkIn.confirmText")}</p>
              <button type="submit" className="button">
                {t("checkIn.submit")}
              </button>
            </Form>
          ) : (
            <FormMessage>
              {t(`checkIn.errors.${result.state}`)}
              {result.state === "too_early" ? (
                <>
                  {" "}
                  <DateTime value={result.opensAt} />
                </>
              ) : null}
            </FormMessage>
          )}
          <p>
            <Link to={`/activities/${result.eventId}`}>{t("checkIn.toActivity")}</Link>
          </p>
        </>
      ) : (
        <>
          {typed ? <FormMessage>{t("checkIn.errors.invalid")}</FormMessage> : null}
          <p>{t("checkIn.intro")}</p>
          <Form method="get">
            <div className="field">
              <label htmlFor="checkin-code">{t("checkIn.code")}</label>
              <p id="checkin-code-hint" className="hint">
                {t("checkIn.codeHint")}
              </p>
              <input
                id="checkin-code"
                name="code"
                defaultValue={code}
                maxLength={CHECK_IN_CODE_MAX}
                autoComplete="off"
                autoCapitalize="characters"
                aria-describedby="checkin-code-hint"
                aria-invalid={typed ? true : undefined}
              />
            </div>
            <button type="submit" className="button">
              {t("checkIn.find")}
            </button>
          </Form>
        </>
      )}
    </article>
  );
}
