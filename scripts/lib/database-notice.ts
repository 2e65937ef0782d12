import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * What the database scripts (db:backup, db:restore) say before they touch anything, when they are
 * probably not working on the service's database: DATABASE_PATH unset (so data/app.db under the current
 * folder), or run as root on a database that belongs to another user (the service's), whose files made
 * now (the copy, a -wal/-shm file, a restored database) would then belong to root.
 */
export function databaseNotice(
  env: NodeJS.ProcessEnv = process.env,
  uid = process.getuid?.(),
): string | null {
  const lines: string[] = [];
  const path = resolve(env.DATABASE_PATH?.trim() || "data/app.db");
  if (!env.DATABASE_PATH?.trim()) {
    lines.push(
      `DATABASE_PATH is not set: working on ${path}. For the service's database, load its environment ` +
        "file first (docs/deploy.md, section 7).",
    );
  }
  const existing = existsSync(path) ? path : existsSync(dirname(path)) ? dirname(path) : null;
  if (uid === 0 && existing && statSync(existing).uid !== 0) {
    lines.push(
      `Warning: running as root on ${existing}, which belongs to another user (uid ${statSync(existing).uid}): ` +
        "files made now belong to root and the service may not be able to use them. " +
        "Run as the service's user: runuser -u miteinander -- …",
    );
  }
  return lines.length ? lines.join("\n") : null;
}
