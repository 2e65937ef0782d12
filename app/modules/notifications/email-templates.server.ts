import type { NotificationKind, UiLocale } from "@db/schema/enums";
import deEmail from "~/locales/de/email.json";
import { fixedT, formatParams, textLocaleFor, type TextParams } from "./texts.server";

type EmailTexts = typeof deEmail;
/** The kinds whose texts have `key` (every language has the same keys: locales.test.ts). */
type KindWith<K extends string> = {
  [Kind in NotificationKind]: K extends keyof EmailTexts[Kind] ? Kind : never;
}[NotificationKind];

function hasText<K extends string>(kind: NotificationKind, key: K): kind is KindWith<K> {
  return Object.hasOwn(deEmail[kind], key);
}

export type EmailParams = TextParams;

/** One line of a list of links after the body (a digest's items): its text and its one link. */
export interface EmailListItem {
  label: string;
  url: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Renders an e-mail from the `email` namespace: `<kind>.subject`, `<kind>.body` (paragraphs separated
 * by blank lines) and optional `<kind>.action` (the label of the link in `params.url`; a second link
 * `params.secondaryUrl` is labelled `<kind>.secondaryAction`), greeting
 * `params.name`, and — when `params.unsubscribeUrl` is given — an unsubscribe link at the end. A `list`
 * of links (a digest's items) follows the body: in the text each label with its URL on the next line,
 * in the HTML a list of links; then the kind's optional `<kind>.after` text.
 * Synchronous, so it can run inside the transaction that writes the outbox row.
 * Every value is HTML-escaped in the HTML version.
 */
export function renderEmail(
  kind: NotificationKind,
  locale: UiLocale,
  params: EmailParams,
  list: readonly EmailListItem[] = [],
): RenderedEmail {
  const t = fixedT(locale, "email");
  const values = formatParams(locale, params);
  const subject = t(`${kind}.subject`, values);
  const body = t(`${kind}.body`, values);
  const actionLabel = hasText(kind, "action") ? t(`${kind}.action`, values) : t("openLink");
  const greeting = t("greeting", values);
  const footer = t("footer", values);
  const url = typeof params.url === "string" ? params.url : undefined;
  const secondaryUrl = typeof params.secondaryUrl === "string" ? params.secondaryUrl : undefined;
  // Only kinds with a second link (an urgent request's "Ich kann nicht") name one.
  const secondaryLabel =
    secondaryUrl && hasText(kind, "secondaryAction") ? t(`${kind}.secondaryAction`, values) : "";
  const unsubscribeUrl = typeof params.unsubscribeUrl === "string" ? params.unsubscribeUrl : undefined;
  const unsubscribeLabel = unsubscribeUrl ? t("unsubscribe") : "";

  const textParts = [greeting, body];
  if (list.length > 0) textParts.push(list.map((item) => `- ${item.label}\n  ${item.url}`).join("\n\n"));
  // Kinds with a list may say something after it (`<kind>.after`).
  const after = list.length > 0 && hasText(kind, "after") ? t(`${kind}.after`, values) : "";
  if (after) textParts.push(after);
  if (url) textParts.push(`${actionLabel}:\n${url}`);
  if (secondaryUrl) textParts.push(`${secondaryLabel}:\n${secondaryUrl}`);
  textParts.push(footer);
  if (unsubscribeUrl) textParts.push(`${unsubscribeLabel}:\n${unsubscribeUrl}`);

  const paragraphs = (text: string) =>
    text
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
      .join("\n");
  const lang = textLocaleFor(locale);
  const dir = lang === "ar" ? "rtl" : "ltr";
  const html = [
    `<!DOCTYPE html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">`,
    `<p>${escapeHtml(greeting)}</p>`,
    paragraphs(body),
    list.length > 0
      ? `<ul>\n${list.map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.label)}</a></li>`).join("\n")}\n</ul>`
      : "",
    after ? paragraphs(after) : "",
    url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(actionLabel)}</a></p>` : "",
    secondaryUrl ? `<p><a href="${escapeHtml(secondaryUrl)}">${escapeHtml(secondaryLabel)}</a></p>` : "",
    `<p style="color:#4a5563">${escapeHtml(footer).replace(/\n/g, "<br>")}</p>`,
    unsubscribeUrl
      ? `<p style="font-size:smaller"><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(unsubscribeLabel)}</a></p>`
      : "",
    `</body></html>`,
  ]
    .filter(Boolean)
    .join("\n");

  return { subject, text: textParts.join("\n\n"), html };
}

// A link with a single-use token, as renderEmail writes it: on its own line in the text, as the href of
// the one action link in the HTML (where "&" would be "&amp;").
const SECRET_URL = /https?:\/\/[^\s"<>]*[?&]token=[A-Za-z0-9_-]+/g;
const SECRET_ANCHOR = /<a href="[^"]*[?&](?:amp;)?token=[A-Za-z0-9_-]+">[^<]*<\/a>/g;

/**
 * A rendered e-mail without its secret link: what the outbox keeps once the mail server has taken a
 * reset, invite or confirmation mail. The rest (greeting, text, the expiry) stays readable for support.
 */
export function withoutSecretLinks(
  mail: { bodyText: string; bodyHtml: string },
  locale: UiLocale,
): { bodyText: string; bodyHtml: string } {
  const removed = fixedT(locale, "email")("linkRemoved");
  return {
    bodyText: mail.bodyText.replace(SECRET_URL, removed),
    bodyHtml: mail.bodyHtml
      .replace(SECRET_ANCHOR, escapeHtml(removed))
      .replace(SECRET_URL, escapeHtml(removed)),
  };
}
