import { DataText } from "./data-text";

/** A translated error message shown right under its field. `message` is an i18n key ("ns:key"). */
export function FieldError({ id, message }: { id: string; message?: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <DataText k={message} />
    </p>
  );
}
