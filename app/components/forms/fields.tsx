/**
 * The fields of a validated form: label, optional hint, the translated error, aria-invalid and
 * aria-describedby wired the same way for each, and the same no-JavaScript behaviour: what the server
 * echoes after a failed submit is rendered as the default.
 */
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import type { FieldValues, Path } from "react-hook-form";
import { describedBy, FieldError } from "./field-error";
import type { ValidatedForm } from "./use-validated-form";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "id" | "defaultValue">;

/** Label, input, optional hint and the translated error, wired with aria-invalid and aria-describedby. */
export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...inputProps
}: { form: ValidatedForm<T>; name: Path<T>; label: ReactNode; hint?: ReactNode } & InputProps) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const described = describedBy(id, hint, error);
  const value = form.valueOf(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...inputProps}
        {...form.rhf.register(name)}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A select with the same wiring as TextField. */
export function SelectField<T extends FieldValues>({
  form,
  name,
  label,
  options,
  hint,
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  label: ReactNode;
  options: { value: string; label: string }[];
  hint?: ReactNode;
}) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const described = describedBy(id, hint, error);
  const value = form.valueOf(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...form.rhf.register(name)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A multi-line text field. `children` renders below the box (e.g. a live advisory). */
export function TextAreaField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  children,
  ...props
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  label: ReactNode;
  hint?: ReactNode;
  children?: ReactNode;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "form" | "name" | "id" | "defaultValue">) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const value = form.valueOf(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={6}
        defaultValue={typeof value === "string" ? value : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
        {...form.rhf.register(name)}
      />
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

/** One checkbox; posts "on" when ticked (the schema accepts "on" and true). */
export function CheckboxField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  label: ReactNode;
  hint?: ReactNode;
}) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const value = form.valueOf(name);
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        defaultChecked={value === "on" || value === "true"}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...form.rhf.register(name)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A group of checkboxes or radio buttons sharing one name, in a fieldset with a legend. */
export function ChoiceGroupField<T extends FieldValues>({
  form,
  name,
  legend,
  hint,
  options,
  type = "checkbox",
  className,
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  type?: "checkbox" | "radio";
  className?: string;
}) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const value = form.valueOf(name);
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={["choice-group", className].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      <div className="choice-group__options">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type={type}
              value={o.value}
              defaultChecked={chosen.includes(o.value)}
              {...form.rhf.register(name)}
            />{" "}
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
