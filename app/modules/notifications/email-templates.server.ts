import type { NotificationKind, UiLocale } from "@db/schema/enums";
import { getServerT } from "~/modules/i18n/server-t.server";

export type EmailParams = Record<string, string | number>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Renders an e-mail from the `email` namespace: `<kind>.subject`, `<kind>.body` (paragraphs separated
 * by blank lines) and optional `<kind>.action` (the label of the link in `params.url`).
 * Every value is HTML-escaped in the HTML version. Synchronous, so it can run inside a transaction.
 */
export function renderEmail(kind: NotificationKind, locale: UiLocale, params: EmailParams): RenderedEmail {
  const t = getServerT(locale, "email");
  const subject = t(`${kind}.subject`, params);
  const body = t(`${kind}.body`, params);
  const actionLabel = t(`${kind}.action`, { ...params, defaultValue: "" });
  const greeting = t("greeting", params);
  const footer = t("footer", params);
  const url = typeof params.url === "string" ? params.url : undefined;
  const unsubscribeUrl = typeof params.unsubscribeUrl === "string" ? params.unsubscribeUrl : undefined;
  const unsubscribeLabel = unsubscribeUrl ? t("unsubscribe") : "";

  const textParts = [greeting, body];
  if (url) textParts.push(`${actionLabel || url}:\n${url}`);
  textParts.push(footer);
  if (unsubscribeUrl) textParts.push(`${unsubscribeLabel}: ${unsubscribeUrl}`);

  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const dir = locale === "ar" ? "rtl" : "ltr";
  const html = [
    `<!DOCTYPE html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">`,
    `<p>${escapeHtml(greeting)}</p>`,
    paragraphs,
    url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(actionLabel || url)}</a></p>` : "",
    `<p style="color:#4a5563">${escapeHtml(footer)}</p>`,
    unsubscribeUrl ? `<p style="font-size:smaller"><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(unsubscribeLabel)}</a></p>` : "",
    `</body></html>`,
  ].join("\n");

  return { subject, text: textParts.join("\n\n"), html };
}
