import { usesSecureTransport } from "./env.server";
/**
 * Security headers for every response. Documents get a CSP whose scripts must carry the per-response
 * nonce (Remix renders its inline scripts with it), so no page needs 'unsafe-inline' scripts.
 */
export function applySecurityHeaders(headers: Headers, nonce?: string): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (usesSecureTransport()) {
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  const scriptSrc = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  const connectSrc = process.env.NODE_ENV === "production" ? "'self'" : "'self' ws:";
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src ${scriptSrc}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connectSrc}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
}
