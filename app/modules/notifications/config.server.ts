import { z } from "zod";
import { publicOrigin } from "~/utils/env.server";

const MailEnvSchema = z.object({
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** smtp(s)://user:pass@host:port — without it, e-mails stay in the outbox (read at /admin/outbox). */
  SMTP_URL: z.string().url().optional(),
  /** Sender of every e-mail, e.g. `miteinander <no-reply@stadt.example>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Signs unsubscribe links. Without it, a secret is generated once and kept beside the database. */
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters long").optional(),
  DATABASE_PATH: z.string().min(1).optional(),
});

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
  // The environment is the operator's, not a client's: no size limits to check first.
  // eslint-disable-next-line no-restricted-syntax
  const parsed = MailEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const appUrl = publicOrigin(env);
  const host = new URL(appUrl).hostname;
  const messageIdDomain = host === "localhost" || /^[\d.]+$/.test(host) ? "miteinander.local" : host;
  return {
    appUrl,
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM ?? `miteinander <no-reply@${messageIdDomain}>`,
    messageIdDomain,
    appSecret: e.APP_SECRET,
    databasePath: e.DATABASE_PATH ?? "data/app.db",
  };
}

/** An absolute URL for a path inside the app (links in e-mails). */
export function absoluteUrl(path: string, config: MailConfig = getMailConfig()): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${config.appUrl}${path.startsWith("/") ? "" : "/"}${path}`;
}
