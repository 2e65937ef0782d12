import { data, type HeadersFunction } from "@remix-run/node";
import { formFailure, type FieldErrors } from "~/utils/form-validation";

/**
 * Passes an action's Retry-After on to the document response (a plain form POST without JavaScript);
 * data requests get it from the action's headers already.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/**
 * A refused form with the typed values: 429 with Retry-After when a throttle refused it (the route
 * exports `headers = retryAfterHeaders`), otherwise 400.
 */
export function formRefusal(
  formData: FormData,
  outcome: { errors: FieldErrors; retryAfterSeconds?: number },
) {
  const failure = formFailure(formData, outcome.errors);
  return outcome.retryAfterSeconds
    ? data(failure, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } })
    : data(failure, { status: 400 });
}
