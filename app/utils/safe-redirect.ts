/** What a same-site path is resolved against: only the comparison of origins matters, not the host. */
const BASE = "https://hub.invalid";

/**
 * A same-site path to go back to; anything else becomes `fallback`. The target is resolved the way a
 * browser resolves it (`new URL(target, base)`) and must stay on the same origin; control characters
 * and backslashes are refused first, because browsers drop or rewrite them (`/\t/evil.example` and
 * `/\evil.example` both lead to evil.example).
 */
export function safeRedirectPath(
  value: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value) || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
