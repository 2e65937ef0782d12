/**
 * Forms that validate in the browser with the same zod schema the action uses, and work without
 * JavaScript: the action answers `{ errors, values }` and the page renders them. Messages are i18n keys.
 *
 *   const form = useValidatedForm({ id: "login", schema: LoginSchema, actionData });
 *   <Form method="post" noValidate onSubmit={form.onSubmit}>
 *     <ErrorSummary form={form} />
 *     <TextField form={form} name="email" label={t("auth:fields.email")} type="email" autoComplete="email" />
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { useDataKeys } from "~/modules/i18n/keys";
import type { FieldErrors, FormFailure } from "~/utils/form-validation";

export interface ValidatedForm<T extends FieldValues> {
  id: string;
  rhf: UseFormReturn<T>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The i18n key of the field's current error (browser check first, then the server's). */
  errorOf: (name: string) => string | undefined;
  /** Every current error, in field order, for the summary. */
  errors: () => FieldErrors;
  /** The value the server sent back after a failed submit (for the no-JS render). */
  valueOf: (name: string) => string | string[] | undefined;
  fieldId: (name: string) => string;
  summaryRef: React.RefObject<HTMLDivElement>;
}

/** Flattens react-hook-form's nested error tree into "a.b" → message. */
function collectMessages(node: unknown, prefix: string, out: FieldErrors): void {
  if (typeof node !== "object" || node === null) return;
  const message = (node as { message?: unknown }).message;
  if (prefix && typeof message === "string") {
    out[prefix] = message;
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === "ref" || key === "type" || key === "types") continue;
    collectMessages(child, prefix ? `${prefix}.${key}` : key, out);
  }
}

function isFailure(value: unknown): value is FormFailure {
  return typeof value === "object" && value !== null && "errors" in value && "values" in value;
}

export function useValidatedForm<S extends z.ZodType<FieldValues>>({
  id,
  schema,
  actionData,
  defaultValues,
}: {
  id: string;
  schema: S;
  actionData?: unknown;
  defaultValues?: Record<string, unknown>;
}): ValidatedForm<z.input<S>> {
  const failure = isFailure(actionData) ? actionData : undefined;
  const serverErrors: FieldErrors = failure?.errors ?? {};
  const values: Record<string, unknown> = { ...defaultValues, ...failure?.values };
  const rhf = useForm<z.input<S>>({
    resolver: zodResolver(schema),
    defaultValues: values as never,
    shouldFocusError: false,
  });
  const submit = useSubmit();
  const summaryRef = useRef<HTMLDivElement>(null);

  // After a failed server round trip, move focus to the summary so screen readers hear what to fix.
  useEffect(() => {
    if (failure && Object.keys(failure.errors).length > 0) summaryRef.current?.focus();
  }, [failure]);

  const clientErrors = rhf.formState.errors;
  const clientMessages: FieldErrors = {};
  collectMessages(clientErrors, "", clientMessages);
  const errorOf = (name: string): string | undefined => clientMessages[name] ?? serverErrors[name];

  return {
    id,
    rhf,
    onSubmit: (event) => {
      const nativeEvent = event.nativeEvent as SubmitEvent;
      const form = event.currentTarget;
      void rhf.handleSubmit(
        () => submit(nativeEvent.submitter instanceof HTMLButtonElement ? nativeEvent.submitter : form),
        () => requestAnimationFrame(() => summaryRef.current?.focus()),
      )(event);
    },
    errorOf,
    errors: () => ({ ...serverErrors, ...clientMessages }),
    valueOf: (name) => {
      const value = values[name];
      return typeof value === "string" || Array.isArray(value) ? (value as string | string[]) : undefined;
    },
    fieldId: (name) => `${id}-${name.replace(/\./g, "-")}`,
    summaryRef,
  };
}

/** A box listing every problem, each linked to its field. Receives focus after a failed submit. */
export function ErrorSummary<T extends FieldValues>({ form }: { form: ValidatedForm<T> }) {
  const errors = form.errors();
  const entries = Object.entries(errors).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  const { t } = useTranslation();
  const message = useDataKeys(entries.map(([, key]) => key));
  return (
    <div
      ref={form.summaryRef}
      tabIndex={-1}
      className={entries.length ? "error-summary" : undefined}
      aria-labelledby={entries.length ? `${form.id}-summary-title` : undefined}
    >
      {entries.length > 0 ? (
        <>
          <h2 id={`${form.id}-summary-title`} className="h3">
            {t("form.summaryTitle", { count: entries.length })}
          </h2>
          <ul>
            {entries.map(([name, key]) => (
              <li key={name}>
                {name === "form" ? message(key) : <a href={`#${form.fieldId(name)}`}>{message(key)}</a>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** A form-wide message (e.g. "too many attempts", "saved") announced to screen readers. Pass translated text. */
export function FormMessage({
  children,
  tone = "error",
}: {
  children?: ReactNode;
  tone?: "error" | "success";
}) {
  if (!children) return null;
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`form-message form-message--${tone}`}>
      {children}
    </p>
  );
}
