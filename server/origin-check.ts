import type { NextFunction, Request, Response } from "express";
import { refusalText } from "~/modules/i18n/refusal-texts.server";

/**
 * CSRF defence in depth (docs/decisions/005-csrf-samesite-and-origin-check.md): the session cookie is
 * SameSite=Lax, and every request that can change something must come from our own pages.
 *
 * - Safe methods (GET, HEAD, OPTIONS) pass: they change nothing.
 * - With an Origin header, its host must be the request's Host (or APP_URL's host). "null" fails.
 * - Without Origin, a Referer must point to our host; a Sec-Fetch-Site other than same-origin/none fails.
 * - With neither Origin, Referer nor Sec-Fetch-Site the request passes: that is not a modern browser (all
 *   of them send Origin on POST), so it cannot carry a victim's cookie in a cross-site attack.
 */
export interface OriginFacts {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
  /** Extra accepted host (from APP_URL), e.g. behind a proxy that rewrites Host. */
  publicHost?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export function isAllowedOrigin(facts: OriginFacts): boolean {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return true;
  const allowed = new Set(
    [facts.host?.toLowerCase(), facts.publicHost?.toLowerCase()].filter((h): h is string => !!h),
  );
  if (facts.origin !== undefined) {
    const host = facts.origin === "null" ? null : hostOf(facts.origin);
    return host !== null && allowed.has(host);
  }
  if (
    facts.secFetchSite !== undefined &&
    facts.secFetchSite !== "same-origin" &&
    facts.secFetchSite !== "none"
  )
    return false;
  if (facts.referer !== undefined) {
    const host = hostOf(facts.referer);
    return host !== null && allowed.has(host);
  }
  return true;
}

function publicHost(): string | undefined {
  const url = process.env.APP_URL;
  if (!url) return undefined;
  return hostOf(url) ?? undefined;
}

/** Express middleware: 403 for a state-changing request from another site. */
export function checkOrigin() {
  const configuredHost = publicHost();
  return (req: Request, res: Response, next: NextFunction): void => {
    const facts: OriginFacts = {
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      referer: req.headers.referer,
      secFetchSite: req.get("sec-fetch-site"),
      publicHost: configuredHost,
    };
    if (isAllowedOrigin(facts)) {
      next();
      return;
    }
    res.status(403).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`${refusalText("crossSite", req.headers)}\n`);
  };
}
