import type { HeadersFunction } from "@remix-run/node";

/**
 * Passes an action's Retry-After on to the document response (a plain form POST without JavaScript);
 * data requests get it from the action's headers already.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
