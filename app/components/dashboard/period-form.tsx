import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/forms";

/** A GET form choosing a period of whole days (from, to). Works without JavaScript. */
export function PeriodForm({
  from,
  to,
  errors,
  submitLabel,
  idPrefix = "period",
}: {
  from: string;
  to: string;
  errors: { from?: string; to?: string };
  submitLabel: string;
  idPrefix?: string;
}) {
  const { t } = useTranslation("reports");
  const field = (name: "from" | "to", value: string) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>{t(`period.${name}`)}</label>
      <input
        id={`${idPrefix}-${name}`}
        type="date"
        name={name}
        defaultValue={value}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${idPrefix}-${name}-error` : undefined}
      />
      <FieldError id={`${idPrefix}-${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <Form method="get" className="filter-inline" key={`${from}:${to}`}>
      {field("from", from)}
      {field("to", to)}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
