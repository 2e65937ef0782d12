import { getEnv, publicOrigin } from "~/utils/env.server";

export interface MailConfig {
  appUrl: string;
  smtpUrl: string | undefined;
  from: string;
  /** Right-hand side of generated Message-IDs. */
  messageIdDomain: string;
  appSecret: string | undefined;
  databasePath: string;
}

/**
 * The notification settings from the environment, read on every call (not cached) so that a test
 * can point one worker at its own SMTP server. A wrong value fails fast with the variable's name.
 */
export function getMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  // The one environment schema (app/utils/env.server.ts) checks these settings with all the others.
  const e = getEnv(env);
  const appUrl = publicOrigin(env);
  const host = new URL(appUrl).hostname;
  const messageIdDomain = host === "localhost" || /^[\d.]+$/.test(host) ? "miteinander.local" : host;
  return {
    appUrl,
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM ?? `miteinander <no-reply@${messageIdDomain}>`,
    messageIdDomain,
    appSecret: e.APP_SECRET,
    databasePath: e.DATABASE_PATH,
  };
}

/** An absolute URL for a path inside the app (links in e-mails). */
export function absoluteUrl(path: string, config: MailConfig = getMailConfig()): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${config.appUrl}${path.startsWith("/") ? "" : "/"}${path}`;
}
