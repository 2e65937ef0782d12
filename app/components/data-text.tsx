import { useDataKeys } from "~/modules/i18n/keys";

/**
 * The text of a key that arrives as data: a validation message or a refusal from the server
 * (`"auth:errors.emailTaken"`). Keys without a namespace are read in `ns`. See modules/i18n/keys.ts.
 */
export function DataText({
  k,
  ns,
  values,
}: {
  k: string;
  ns?: string;
  values?: Record<string, string | number>;
}) {
  const translate = useDataKeys([k], ns);
  return <>{translate(k, values)}</>;
}
