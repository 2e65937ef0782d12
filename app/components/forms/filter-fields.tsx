/**
 * The fields, buttons and results section of the list filters (activities, finding work, needs). The
 * filter is a GET form whose values live in the URL, so each field is uncontrolled, starts from the URL's
 * value, and names its error (an i18n key from the loader) right under itself, wired with aria-invalid
 * and aria-describedby.
 */
import { Link } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { describedBy, FieldError } from "./field-error";

interface FieldBase {
  /** The element id; the error is `${id}-error`, the hint `${id}-hint`. */
  id: string;
  name: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
}

function Field({ id, label, error, hint, children }: Omit<FieldBase, "name"> & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
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
    <Field {...field}>
      <select
        id={field.id}
        name={field.name}
        defaultValue={value ?? ""}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy(field.id, field.hint, field.error)}
      >
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
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
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </Field>
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
