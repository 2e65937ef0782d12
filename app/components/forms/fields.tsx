/**
 * The fields of a validated form: label, optional hint, the translated error, aria-invalid and
 * aria-describedby wired the same way for each, and the same no-JavaScript behaviour: what the server
 * echoes after a failed submit is rendered as the default.
 */
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import type { FieldValues, Path } from "react-hook-form";
import { FieldFrame } from "./field-frame";
import type { ValidatedForm } from "./use-validated-form";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "id" | "defaultValue">;

/** The id, error and value of `name` in `form`: what every field reads first. */
function fieldState<T extends FieldValues>(form: ValidatedForm<T>, name: Path<T>) {
  const value = form.valueOf(name);
  return {
    id: form.fieldId(name),
    error: form.errorOf(name),
    text: typeof value === "string" ? value : undefined,
    value,
  };
}

/** Label, input, optional hint and the translated error, wired with aria-invalid and aria-describedby. */
export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...inputProps
}: { form: ValidatedForm<T>; name: Path<T>; label: ReactNode; hint?: ReactNode } & InputProps) {
  const { id, error, text } = fieldState(form, name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} defaultValue={text} {...inputProps} {...form.rhf.register(name)} />}
    </FieldFrame>
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
  const { id, error, text } = fieldState(form, name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} defaultValue={text} {...form.rhf.register(name)}>
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
  const { id, error, text } = fieldState(form, name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} after={children}>
      {(control) => (
        <textarea {...control} rows={6} defaultValue={text} {...props} {...form.rhf.register(name)} />
      )}
    </FieldFrame>
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
  const { id, error, value } = fieldState(form, name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} layout="checkbox">
      {(control) => (
        <input
          {...control}
          type="checkbox"
          defaultChecked={value === "on" || value === "true"}
          {...form.rhf.register(name)}
        />
      )}
    </FieldFrame>
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
  const { id, error, value } = fieldState(form, name);
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <FieldFrame
      id={id}
      label={legend}
      hint={hint}
      error={error}
      layout="group"
      className={["choice-group", className].filter(Boolean).join(" ")}
    >
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
    </FieldFrame>
  );
}
