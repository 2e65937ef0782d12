import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { getMailConfig, type MailConfig } from "./config.server";

const SECRET_FILE = "app-secret";
const cache = new Map<string, string>();

/**
 * The server secret that signs unsubscribe links: `APP_SECRET` when set, otherwise a random one that
 * is generated once and kept in a file `app-secret` (mode 0600) in the database's folder, so links keep
 * working across restarts and every process on the same database signs alike.
 * See docs/decisions/010-notification-delivery.md.
 */
export function getAppSecret(config: MailConfig = getMailConfig()): string {
  if (config.appSecret) return config.appSecret;
  const key = config.databasePath === ":memory:" ? ":memory:" : resolve(config.databasePath);
  const cached = cache.get(key);
  if (cached) return cached;
  const secret =
    key === ":memory:" ? randomBytes(32).toString("base64url") : readOrCreateSecretFile(dirname(key));
  cache.set(key, secret);
  return secret;
}

function readOrCreateSecretFile(dir: string): string {
  const path = join(dir, SECRET_FILE);
  const existing = tryRead(path);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  // Written to a private temp file and then hard-linked into place: link() fails if another process
  // won the race, and nobody can ever read a half-written secret.
  const temp = join(dir, `.${SECRET_FILE}.${process.pid}.${randomBytes(4).toString("hex")}`);
  writeFileSync(temp, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  const secret = tryRead(path);
  if (!secret) throw new Error(`Could not read the generated secret at ${path}.`);
  return secret;
}

function tryRead(path: string): string | undefined {
  try {
    const value = readFileSync(path, "utf8").trim();
    return value.length >= 32 ? value : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
