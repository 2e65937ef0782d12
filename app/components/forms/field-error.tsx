import { DataText } from "~/components/data-text";

/** A field's aria-describedby: its hint and its error, each when shown (`<id>-hint`, `<id>-error`). */
export function describedBy(id: string, hint: unknown, error: string | null | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A translated error message shown right under its field. `message` is an i18n key ("ns:key"). */
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <DataText k={message} />
    </p>
  );
}
