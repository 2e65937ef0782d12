import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { FieldError } from "~/components/forms";
import { DateRange, DateTime } from "~/components/time";
import type { ArrivalDetail, ChecklistStep } from "~/modules/arrivals/queries.server";
import { isLiveStep } from "~/modules/arrivals/step-state";
import { IsoDay, StepStateTag } from "./parts";

export interface StepError {
  stepId: string;
  /** About the step as a whole (shown above its actions). */
  message: string | null;
  /** About the day it was done, shown under that field, with the day as sent. */
  doneOn: string | null;
  doneOnValue: string | null;
}

/**
 * The checklist of an arrival: every first step with where it stands (open, asked, helper found, done,
 * overdue, not needed), who helps or helped and when it was done, and what the coordinator can do next.
 * Each action is its own small form, so everything works without JavaScript.
 */
export function Checklist({ arrival, error }: { arrival: ArrivalDetail; error: StepError | null }) {
  const { t } = useTranslation("arrivals");
  return (
    <ol className="checklist" aria-label={t("checklist.label", { code: arrival.code })}>
      {arrival.steps.map((step) => (
        <li
          key={step.stepId}
          id={`step-${step.stepId}`}
          className={`checklist__step checklist__step--${step.state}`}
        >
          <StepItem
            step={step}
            options={arrival.organisationOptions[step.categoryId] ?? []}
            doneOnRange={arrival.doneOnRange}
            error={error && error.stepId === String(step.stepId) ? error : null}
          />
        </li>
      ))}
    </ol>
  );
}

function StepItem({
  step,
  options,
  doneOnRange,
  error: stepError,
}: {
  step: ChecklistStep;
  options: ArrivalDetail["organisationOptions"][number];
  doneOnRange: ArrivalDetail["doneOnRange"];
  error: StepError | null;
}) {
  const error = stepError?.message ?? null;
  const doneOnError = stepError?.doneOn ?? null;
  const doneOnId = `step-${step.stepId}-done-on`;
  const doneOnErrorId = `${doneOnId}-error`;
  const { t } = useTranslation(["arrivals", "matches"]);
  const live = isLiveStep(step.state);
  const helpers = step.helpers.filter((h) => h.status !== "proposed");
  const asked = step.helpers.filter((h) => h.status === "proposed");
  const unstaffed = live && step.filling < step.helpersNeeded;
  const errorId = `step-${step.stepId}-error`;
  return (
    <article aria-labelledby={`step-${step.stepId}-title`}>
      <p className="card__eyebrow">
        <StepStateTag state={step.state} />{" "}
        {step.urgency === "urgent" && live ? (
          <span className="tag tag--urgency-urgent">{t("checklist.urgent")}</span>
        ) : null}
      </p>
      <h3 id={`step-${step.stepId}-title`}>
        {step.title}
        {step.personNumber !== null ? ` (${t("checklist.person", { n: step.personNumber })})` : null}
      </h3>
      <ul className="facts">
        <li>
          {t("checklist.planned")}: <DateRange start={step.startsAt} end={step.endsAt} />
        </li>
        <li>
          {t("checklist.dueBy")} <IsoDay value={step.dueOn} /> (
          {t("checklist.leadDays", { count: step.leadDays })})
        </li>
      </ul>
      {step.state === "done" && step.doneAt !== null ? (
        <p>
          {helpers.length > 0
            ? t("checklist.doneBy", {
                names: helpers.map((h) => h.name ?? t("checklist.formerHelper")).join(", "),
              })
            : t("checklist.doneByCoordination")}{" "}
          <DateTime value={step.doneAt} />
        </p>
      ) : null}
      {step.state !== "done" && helpers.length > 0 ? (
        <p>
          {t("checklist.helpers")}:{" "}
          {helpers
            .map((h) => `${h.name ?? t("checklist.formerHelper")} (${t(`matches:status.${h.status}`)})`)
            .join(", ")}
        </p>
      ) : null}
      {live && asked.length > 0 ? (
        <p>
          {t("checklist.asked")}: {asked.map((h) => h.name ?? t("checklist.formerHelper")).join(", ")}
        </p>
      ) : null}
      {step.state === "cancelled" ? <p className="muted">{t("checklist.notNeededText")}</p> : null}
      <p>
        <Link to={`/coordination/needs/${step.needId}`}>
          {live && unstaffed ? t("checklist.findHelper") : t("checklist.openNeed")}
        </Link>
      </p>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          <DataText k={error} />
        </p>
      ) : null}
      {live ? (
        <div className="checklist__actions">
          {/* The server's day check answers in the page's language, next to the field. */}
          <Form method="post" className="checklist__done" noValidate>
            <input type="hidden" name="stepId" value={step.stepId} />
            <div className="field">
              <label htmlFor={doneOnId}>{t("checklist.doneOn")}</label>
              <input
                id={doneOnId}
                type="date"
                name="doneOn"
                min={doneOnRange.min}
                max={doneOnRange.max}
                maxLength={10}
                defaultValue={stepError?.doneOnValue ?? step.doneOnDefault}
                aria-invalid={doneOnError ? true : undefined}
                aria-describedby={doneOnError ? doneOnErrorId : `${doneOnId}-hint`}
              />
              {doneOnError ? (
                <FieldError id={doneOnErrorId} message={doneOnError} />
              ) : (
                <p id={`${doneOnId}-hint`} className="hint">
                  {t("checklist.doneOnHint")}
                </p>
              )}
            </div>
            <button type="submit" name="intent" value="done" className="button button--small">
              {t("checklist.markDone")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="stepId" value={step.stepId} />
            <button
              type="submit"
              name="intent"
              value="not-needed"
              className="button button--secondary button--small"
            >
              {t("checklist.markNotNeeded")}
            </button>
          </Form>
          {unstaffed && options.length > 0 ? (
            <Form method="post" className="checklist__assign">
              <input type="hidden" name="stepId" value={step.stepId} />
              <div className="field">
                <label htmlFor={`step-${step.stepId}-org`}>{t("checklist.organisation")}</label>
                <select
                  id={`step-${step.stepId}-org`}
                  name="offerId"
                  aria-describedby={error ? errorId : undefined}
                >
                  {options.map((o) => (
                    <option key={o.offerId} value={o.offerId}>
                      {o.local
                        ? `${o.organisationName} – ${o.offerTitle}`
                        : `${o.organisationName} – ${o.offerTitle} (${t("checklist.elsewhere")})`}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="submit"
                name="intent"
                value="assign-organisation"
                className="button button--secondary button--small"
              >
                {t("checklist.assignOrganisation")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
