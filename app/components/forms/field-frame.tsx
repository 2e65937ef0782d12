/**
 * The frame every form field shares: its label (or a fieldset's legend), an optional hint, the control
 * and the translated error, with the control wired to them by id (`<id>-hint`, `<id>-error`,
 * aria-invalid, aria-describedby). The fields in fields.tsx, choice-fields.tsx and filter-fields.tsx
 * differ only in their control.
 */
import type { ReactNode } from "react";
import { describedBy, FieldError } from "./field-error";

/** What the control carries: its id and its aria wiring to the hint and the error. */
export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export function FieldFrame({
  id,
  label,
  hint,
  error,
  layout = "stacked",
  hintBelow = false,
  className,
  after,
  children,
}: {
  id: string;
  /** The label, or the legend of a group. */
  label: ReactNode;
  hint?: ReactNode;
  /** An i18n key ("ns:key"), shown under the control. */
  error?: string | null;
  /**
   * stacked: label, hint, control, error. checkbox: the box before its label. group: a fieldset
   * (the id and aria wiring are its own) with legend, hint, the error, then the options — so the error
   * is in sight where the error summary's link lands, above a long list.
   */
  layout?: "stacked" | "checkbox" | "group";
  /** The hint under the control (the filters, where the hint explains what was typed). */
  hintBelow?: boolean;
  /** The group's class. */
  className?: string;
  /** Under the error (a live advisory, …). */
  after?: ReactNode;
  children: ReactNode | ((control: ControlProps) => ReactNode);
}) {
  const control: ControlProps = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  };
  const hintText = hint ? (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  ) : null;
  const errorText = <FieldError id={`${id}-error`} message={error} />;
  const body = typeof children === "function" ? children(control) : children;
  if (layout === "group")
    return (
      <fieldset {...control} tabIndex={-1} className={className}>
        <legend>{label}</legend>
        {hintText}
        {errorText}
        {body}
        {after}
      </fieldset>
    );
  if (layout === "checkbox")
    return (
      <div className="field field--checkbox">
        {body}
        <label htmlFor={id}>{label}</label>
        {hintText}
        {errorText}
        {after}
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hintBelow ? null : hintText}
      {body}
      {hintBelow ? hintText : null}
      {errorText}
      {after}
    </div>
  );
}
