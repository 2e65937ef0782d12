import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldFrame } from "~/components/forms";

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
    <FieldFrame id={`${idPrefix}-${name}`} label={t(`period.${name}`)} error={errors[name]}>
      {(control) => <input {...control} type="date" name={name} defaultValue={value} required />}
    </FieldFrame>
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
