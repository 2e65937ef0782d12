import { data, type ActionFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { Db } from "@db/client";
import type { UiLocale } from "@db/schema/enums";
import { validateFormData } from "~/utils/form-validation";
import { appOrigin, type Outcome } from "./account-queries.server";
import { clientIpOf } from "./client-ip.server";
import { requestLocale } from "./request-locale.server";
import { formRefusal } from "./retry-after";

type Register<S extends z.ZodTypeAny> = (
  db: Db,
  input: z.output<S> & { locale: UiLocale },
  ip: string,
  origin: string,
) => Promise<Outcome<{ sentTo: string }>>;

/**
 * The action of both registration forms (a volunteer; an organisation with its owner): check the form
 * with its schema, register in the visitor's language, and answer the same for a free and a taken
 * address (see registerAccount). A throttled form comes back with 429 and Retry-After.
 */
export async function registrationAction<S extends z.ZodTypeAny>(
  db: Db,
  { request, context }: Pick<ActionFunctionArgs, "request" | "context">,
  schema: S,
  register: Register<S>,
) {
  const formData = await request.formData();
  const result = validateFormData(formData, schema);
  if (!result.success) return data(result, { status: 400 });
  const locale = await requestLocale(db, request);
  const outcome = await register(db, { ...result.data, locale }, clientIpOf(context), appOrigin(request));
  if (!outcome.ok) return formRefusal(formData, outcome);
  return { sentTo: outcome.value.sentTo };
}
