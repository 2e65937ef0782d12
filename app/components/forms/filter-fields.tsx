/**
 * The fields, buttons and results section of the list filters (activities, finding work, needs). The
 * filter is a GET form whose values live in the URL, so each field is uncontrolled, starts from the URL's
 * value, and names its error (an i18n key from the loader) right under itself, wired with aria-invalid
 * and aria-describedby.
 */
import { Link } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldFrame } from "./field-frame";

interface FieldBase {
  /** The element id; the error is `${id}-error`, the hint `${id}-hint`. */
  id: string;
  name: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
}

/** A select; `allLabel` adds a first, empty option ("all", "any") that leaves the filter off. */
export function FilterSelect({
  value,
  options,
  allLabel,
  ...field
}: FieldBase & {
  value: string | null | undefined;
  options: { value: string; label: string }[];
  allLabel?: string;
}) {
  return (
    <FieldFrame id={field.id} label={field.label} hint={field.hint} error={field.error} hintBelow>
      {(control) => (
        <select {...control} name={field.name} defaultValue={value ?? ""}>
          {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A text, search, number or date input. */
export function FilterInput({
  value,
  id,
  name,
  label,
  error,
  hint,
  ...props
}: FieldBase & { value: string | null | undefined } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    "id" | "name" | "defaultValue" | "value"
  >) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hintBelow>
      {(control) => <input {...control} name={name} defaultValue={value ?? ""} {...props} />}
    </FieldFrame>
  );
}

/** The filter's buttons: show the results, or go back to the unfiltered list. */
export function FilterActions({
  submitLabel,
  resetLabel,
  resetTo,
}: {
  submitLabel: string;
  resetLabel: string;
  resetTo: string;
}) {
  return (
    <div className="actions">
      <button type="submit" className="button">
        {submitLabel}
      </button>
      <Link to={resetTo} className="button button--secondary">
        {resetLabel}
      </Link>
    </div>
  );
}

/**
 * The results beside the filter: a heading with the count (announced when it changes; JumpToResults
 * links to it), the cards as list items, or the empty text, then `footer` (pagination and the like).
 */
export function ResultsSection({
  headingId,
  heading,
  emptyText,
  isEmpty,
  children,
  footer,
}: {
  headingId: string;
  heading: string;
  emptyText: string;
  isEmpty: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="results">
      <h2 id={headingId} className="h3" aria-live="polite">
        {heading}
      </h2>
      {isEmpty ? <p className="empty">{emptyText}</p> : <ul className="card-list">{children}</ul>}
      {footer}
    </section>
  );
}
