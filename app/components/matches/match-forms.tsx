import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import type { FieldValues, Path } from "react-hook-form";
import {
  ErrorSummary,
  FormMessage,
  TextField,
  useValidatedForm,
  type ValidatedForm,
  TextAreaField,
} from "~/components/forms";
import {
  CompleteSchema,
  EndSchema,
  REASON_MAX,
  RespondFieldsSchema,
} from "~/modules/matches/match-forms.schema";
import type { Weekday } from "@db/schema/enums";
import { useFormatList } from "~/components/use-format-list";
import { defaultHoursDate, type MatchWindow } from "~/modules/matches/match-window";
import { LogHoursSchema } from "~/modules/volunteers/hours.schema";
import type { FormFailure } from "~/utils/form-validation";

/** The action's failure, if it came from the form with this intent (several forms share one page). */
export function failureFor(actionData: unknown, ...intents: string[]): FormFailure | undefined {
  if (typeof actionData !== "object" || actionData === null || !("values" in actionData)) return undefined;
  const failure = actionData as FormFailure;
  const intent = failure.values.intent;
  return typeof intent === "string" && intents.includes(intent) ? failure : undefined;
}

/** Accept, or decline with an optional reason. */
export function RespondForm({ actionData }: { actionData: unknown }) {
  const { t } = useTranslation("matches");
  const failure = failureFor(actionData, "accept", "decline");
  const form = useValidatedForm({
    id: "respond",
    schema: RespondFieldsSchema,
    actionData: failure,
    defaultValues: { reason: "" },
  });
  return (
    <section aria-labelledby="respond-heading" className="card">
      <h2 id="respond-heading">{t("respond.title")}</h2>
      <p>{t("respond.intro")}</p>
      <ErrorSummary form={form} />
      <FormMessage>{failure?.errors.form ? <DataText k={failure.errors.form} /> : null}</FormMessage>
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <div className="actions">
          <button type="submit" name="intent" value="accept" className="button">
            {t("respond.accept")}
          </button>
        </div>
        <TextAreaField
          form={form}
          name="reason"
          label={t("respond.reason")}
          hint={t("respond.reasonHint")}
          rows={3}
          maxLength={REASON_MAX}
        />
        <div className="actions">
          <button type="submit" name="intent" value="decline" className="button button--secondary">
            {t("respond.decline")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The day hours are for: the appointment's day by default, no other day than the match's. */
function HoursDateField<T extends FieldValues>({
  form,
  window,
}: {
  form: ValidatedForm<T>;
  window: MatchWindow;
}) {
  const { t } = useTranslation(["matches", "needs"]);
  const formatList = useFormatList();
  return (
    <TextField
      form={form}
      name={"date" as Path<T>}
      type="date"
      label={t("hours.date")}
      min={window.opens}
      max={window.last}
      hint={
        window.opens === window.last
          ? t("hours.dateHintDay", { date: window.opens })
          : window.weekdays.length > 0
            ? t("hours.dateHintWeekdays", {
                days: formatList(window.weekdays.map((d) => t(`needs:weekdays.${d as Weekday}`))),
                first: window.opens,
                last: window.last,
              })
            : t("hours.dateHintPeriod", { first: window.opens, last: window.last })
      }
    />
  );
}

/** The volunteer logs time spent on the match; the coordinator confirms it. */
export function LogHoursForm({
  matchId,
  actionData,
  window,
}: {
  matchId: number;
  actionData: unknown;
  window: MatchWindow;
}) {
  const { t } = useTranslation("matches");
  const failure = failureFor(actionData, "log-hours");
  const form = useValidatedForm({
    id: "log-hours",
    schema: LogHoursSchema,
    actionData: failure,
    defaultValues: { matchId: String(matchId), date: defaultHoursDate(window), hours: "", note: "" },
  });
  return (
    <section aria-labelledby="hours-heading" className="card">
      <h2 id="hours-heading">{t("hours.logTitle")}</h2>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="log-hours" />
        {/* The value is in the markup too, so the form posts it without JavaScript. */}
        <input type="hidden" defaultValue={String(matchId)} {...form.rhf.register("matchId")} />
        <div className="field-row">
          <HoursDateField form={form} window={window} />
          <TextField form={form} name="hours" inputMode="decimal" label={t("hours.hours")} />
        </div>
        <TextField form={form} name="note" label={t("hours.note")} maxLength={500} />
        <button type="submit" className="button">
          {t("hours.log")}
        </button>
      </Form>
    </section>
  );
}

/** The coordinator completes the match; hours can be entered here when none were logged. */
export function CompleteForm({
  actionData,
  hasHours,
  window,
}: {
  actionData: unknown;
  hasHours: boolean;
  window: MatchWindow;
}) {
  const { t } = useTranslation("matches");
  const failure = failureFor(actionData, "complete");
  const form = useValidatedForm({
    id: "complete",
    schema: CompleteSchema,
    actionData: failure,
    defaultValues: { intent: "complete", hours: "", date: defaultHoursDate(window) },
  });
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="card">
      <h3 className="h3">{t("manage.completeTitle")}</h3>
      <p>{hasHours ? t("manage.completeWithLogged") : t("manage.completeNeedsHours")}</p>
      <ErrorSummary form={form} />
      <FormMessage>{failure?.errors.form ? <DataText k={failure.errors.form} /> : null}</FormMessage>
      <input type="hidden" {...form.rhf.register("intent")} value="complete" />
      <div className="field-row">
        <TextField form={form} name="hours" inputMode="decimal" label={t("hours.hours")} />
        <HoursDateField form={form} window={window} />
      </div>
      <button type="submit" className="button">
        {t("manage.complete")}
      </button>
    </Form>
  );
}

/** Ending a match early; `label` says who ends it and how. */
export function EndForm({
  actionData,
  title,
  explained,
  submit,
}: {
  actionData: unknown;
  title: string;
  explained: string;
  submit: string;
}) {
  const { t } = useTranslation("matches");
  const failure = failureFor(actionData, "end");
  const form = useValidatedForm({
    id: "end",
    schema: EndSchema,
    actionData: failure,
    defaultValues: { intent: "end", reason: "" },
  });
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="card">
      <h3 className="h3">{title}</h3>
      <p>{explained}</p>
      <ErrorSummary form={form} />
      <FormMessage>{failure?.errors.form ? <DataText k={failure.errors.form} /> : null}</FormMessage>
      <input type="hidden" {...form.rhf.register("intent")} value="end" />
      <TextField form={form} name="reason" label={t("respond.reasonOptional")} maxLength={REASON_MAX} />
      <button type="submit" className="button button--secondary">
        {submit}
      </button>
    </Form>
  );
}
