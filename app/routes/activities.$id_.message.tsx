import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, useValidatedForm, TextAreaField } from "~/components/forms";
import { DateTime } from "~/components/time";
import { requireUser } from "~/modules/auth/session.server";
import { loadEventResource } from "~/modules/events/queries.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { assertCan, notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { isMemberOf } from "~/modules/permissions/permissions";
import {
  MESSAGE_MAX,
  MESSAGES_PER_DAY,
  recipientChoiceOf,
  ShiftMessageSchema,
} from "~/modules/signups/shift-message.schema";
import {
  getMessagePageActivity,
  listShiftMessages,
  messageRecipients,
  messagesInLastDay,
  sendShiftMessage,
} from "~/modules/signups/shift-messages.server";
import organisationStyles from "~/styles/organisation.css?url";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "events"] };

// The organisation area's form styles (checkbox rows, the inline choice form): clubs and coordinators.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organisationStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.activity.title} · miteinander` : "miteinander" },
];

/** The activity, checked against `event:message-helpers`: its organisation and the neighbourhood's coordinators. */
async function guard(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(getDb(), request);
  const eventId = requireIdParam(params);
  const resource = loadEventResource(getDb(), eventId);
  if (!resource) throw notFound();
  assertCan(user, "event:message-helpers", resource);
  return { user, eventId, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, eventId } = await guard(request, params);
  const db = getDb();
  const now = Date.now();
  const activity = getMessagePageActivity(db, eventId, now);
  if (!activity) throw notFound();
  const url = new URL(request.url);
  const choice = recipientChoiceOf(url.searchParams);
  const target = messageRecipients(db, eventId, choice, now);
  // After a change of time or place the page offers a text to start from, in the sender's language.
  let prefill = "";
  if (url.searchParams.get("prefill") === "changed") {
    const locale = await i18nServer(getDb()).getLocale(request);
    const t = await i18nServer(getDb()).getFixedT(locale, "events");
    const shift = activity.shifts.find((s) => s.id === choice.shiftId);
    prefill = t("message.prefillChanged", {
      title: shift ? `${activity.title} – ${shift.title}` : activity.title,
      when: formatRange(shift?.startsAt ?? activity.startsAt, shift?.endsAt ?? activity.endsAt, locale),
      place: [activity.place, activity.neighbourhoodName].filter(Boolean).join(", "),
    });
  }
  return {
    activity,
    choice: { shift: choice.shiftId === null ? "" : String(choice.shiftId), waitlist: choice.waitlist },
    target,
    prefill,
    left: Math.max(0, MESSAGES_PER_DAY - messagesInLastDay(db, eventId, now)),
    messages: listShiftMessages(db, eventId),
    back: isMemberOf(user, activity.organisationId)
      ? `/organisations/${activity.organisationId}/activities/${activity.id}`
      : `/activities/${activity.id}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, eventId } = await guard(request, params);
  const formData = await request.formData();
  const result = validateFormData(formData, ShiftMessageSchema);
  if (!result.success) return data(result, { status: 400 });
  const { shift, waitlist, body } = result.data;
  const outcome = sendShiftMessage(getDb(), user, eventId, {
    shiftId: shift === "" ? null : Number(shift),
    waitlist,
    body,
  });
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  // The page keeps the choice of recipients (shift, waitlist).
  const next = new URLSearchParams();
  if (shift) next.set("shift", shift);
  if (waitlist) next.set("waitlist", "on");
  const query = next.toString() ? `?${next.toString()}` : "";
  return redirectWithNotice(`/activities/${eventId}/message${query}`, {
    key: "events:message.sent",
    values: { count: outcome.sent },
  });
}

export default function ShiftMessagePage() {
  const { activity, choice, target, prefill, left, messages, back } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation(["events", "common"]);
  const confirmed = target.recipients.filter((r) => r.status === "confirmed").length;
  const waiting = target.recipients.length - confirmed;

  return (
    <article aria-labelledby="message-heading">
      <p>
        <Link to={back}>
          <BackArrow /> {activity.title}
        </Link>
      </p>
      <h1 id="message-heading">{t("message.title", { title: activity.title })}</h1>
      <p>{t("message.intro")}</p>

      <section aria-labelledby="recipients-heading">
        <h2 id="recipients-heading">{t("message.recipientsHeading")}</h2>
        <Form method="get" key={searchParams.toString()}>
          {/* Its id is the one the error summary links to for a problem with the chosen shift. */}
          <div className="field">
            <label htmlFor="shift-message-shift">{t("message.shift")}</label>
            <select id="shift-message-shift" name="shift" defaultValue={choice.shift}>
              <option value="">{t("message.allShifts")}</option>
              {activity.shifts.map((s) => (
                <option key={s.id} value={String(s.id)} suppressHydrationWarning>
                  {s.title} · {formatRange(s.startsAt, s.endsAt, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--checkbox">
            <input
              id="message-choice-waitlist"
              type="checkbox"
              name="waitlist"
              defaultChecked={choice.waitlist}
            />
            <label htmlFor="message-choice-waitlist">{t("message.waitlist")}</label>
          </div>
          <button type="submit" className="button button--secondary">
            {t("message.showRecipients")}
          </button>
        </Form>
        {!target.valid ? (
          <p className="field-error">{t("message.errors.shift")}</p>
        ) : target.recipients.length === 0 ? (
          <p className="empty" aria-live="polite">
            {t("message.nobody")}
          </p>
        ) : (
          <>
            <p aria-live="polite">
              <strong>
                {waiting > 0
                  ? t("message.recipientsWithWaiting", { count: target.recipients.length, waiting })
                  : t("message.recipients", { count: target.recipients.length })}
              </strong>
            </p>
            <ul className="recipient-list">
              {target.recipients.map((r) => (
                <li key={r.userId}>
                  {r.displayName}
                  {r.status === "waitlisted" ? ` (${t("message.onWaitlist")})` : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {/* Keyed by the newest message: after sending, the box starts empty again (with JavaScript too). */}
      <WriteMessage
        key={messages[0]?.id ?? 0}
        choice={choice}
        prefill={prefill}
        left={left}
        recipients={target.valid ? target.recipients.length : 0}
      />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("message.historyHeading")}</h2>
        {messages.length === 0 ? (
          <p className="empty">{t("message.noHistory")}</p>
        ) : (
          <ul className="message-history">
            {messages.map((m) => (
              <li key={m.id}>
                <p className="muted">
                  <DateTime value={m.createdAt} /> · {m.shiftTitle ?? t("message.allShifts")} ·{" "}
                  {t(m.includesWaitlist ? "message.toWithWaitlist" : "message.to", {
                    count: m.recipientCount,
                  })}
                  {m.senderName ? ` · ${m.senderName}` : null}
                </p>
                <p className="prose">{m.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

/** The message box and its send button; the choice of recipients travels along as hidden fields. */
function WriteMessage({
  choice,
  prefill,
  left,
  recipients,
}: {
  choice: { shift: string; waitlist: boolean };
  prefill: string;
  left: number;
  recipients: number;
}) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("events");
  const form = useValidatedForm({
    id: "shift-message",
    schema: ShiftMessageSchema,
    actionData,
    defaultValues: { body: prefill },
  });
  return (
    <section aria-labelledby="write-heading">
      <h2 id="write-heading">{t("message.writeHeading")}</h2>
      {left === 0 ? (
        <p className="notice">{t("message.errors.rateLimited")}</p>
      ) : (
        <p className="muted">{t("message.left", { count: left, limit: MESSAGES_PER_DAY })}</p>
      )}
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="shift" value={choice.shift} />
        {choice.waitlist ? <input type="hidden" name="waitlist" value="on" /> : null}
        <TextAreaField
          form={form}
          name="body"
          label={t("message.body")}
          hint={t("message.bodyHint", { max: MESSAGE_MAX })}
          maxLength={MESSAGE_MAX}
          required
        />
        <div className="actions">
          <button type="submit" className="button" disabled={recipients === 0 || left === 0}>
            {t("message.send", { count: recipients })}
          </button>
        </div>
      </Form>
    </section>
  );
}
