import { usesSecureTransport } from "~/utils/env.server";
import type { NextFunction, Request, Response } from "express";

/**
 * Security headers for every response, including static files, resource routes (feeds, healthz) and
 * the 403/413 answers of our own middleware. Documents and data requests get their full set (with the
 * nonce CSP) from Remix (app/utils/security-headers.server.ts); a header already there is never
 * replaced or doubled — two CSP headers would both be enforced.
 */
export function baselineSecurityHeaders() {
  const hsts = usesSecureTransport();
  const defaults: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    // Nothing but a document may run or embed anything; files and feeds need no sources at all.
    [
      "Content-Security-Policy",
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ],
    ...(hsts
      ? ([["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]] as [string, string][])
      : []),
  ];
  return (_req: Request, res: Response, next: NextFunction): void => {
    const writeHead = res.writeHead;
    // Headers are complete only when they are written: fill in what is missing at that moment.
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      for (const [name, value] of defaults) if (!this.hasHeader(name)) this.setHeader(name, value);
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    next();
  };
}
