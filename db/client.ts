import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens (and creates, with its folder) the one SQLite file that is the whole store, and sets the
 * connection PRAGMAs every connection needs. See docs/decisions/003-sqlite-durability.md for `synchronous`.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Deleted personal data is overwritten, not left in free pages (GDPR erasure).
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("cache_size = -8000");
  sqlite.pragma("temp_store = MEMORY");
  cachePreparedStatements(sqlite);
  return drizzle(sqlite, { schema });
}

/** Distinct statements kept per connection (a page runs tens; the whole app has a few hundred). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle prepares every query afresh, and compiling the SQL costs as much as running it for the
 * small queries a page makes (measured: ~3 ms of a suggestion's ~15 ms). This keeps the compiled
 * statements of a connection by their SQL text, least recently used out first. A statement comes
 * back in its default modes (raw, pluck and expand are switches that stay on a statement), and one
 * that is still being iterated is never handed out twice.
 */
function cachePreparedStatements(sqlite: Database.Database): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/** The checked-in drizzle-kit migrations, found from the source tree or from the project root. */
export function migrationsFolder(): string {
  const candidates = [
    process.env.MIGRATIONS_PATH,
    fileURLToPath(new URL("./migrations", import.meta.url)),
    resolve(process.cwd(), "db/migrations"),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(resolve(candidate, "meta/_journal.json"))) return candidate;
  }
  throw new Error("Cannot find db/migrations (set MIGRATIONS_PATH or run from the project root).");
}

export interface MigrationStatus {
  /** Migrations this version knows. */
  known: number;
  /** Migrations recorded in the database. */
  applied: number;
  /** Known migrations the database has not had yet. */
  pending: number;
  /** Migrations recorded in the database that this version does not know (a newer version ran). */
  unknown: number;
  /** When the newest recorded migration was created (its folder timestamp), or null. */
  newestAppliedAt: number | null;
}

/** Compares the migrations recorded in a database with the ones this version ships. */
export function migrationStatus(connection: Database.Database): MigrationStatus {
  const known = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const hasTable = connection
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied = hasTable
    ? (connection.prepare("SELECT hash, created_at AS createdAt FROM __drizzle_migrations").all() as {
        hash: string;
        createdAt: number;
      }[])
    : [];
  const knownHashes = new Set(known.map((m) => m.hash));
  const appliedHashes = new Set(applied.map((m) => m.hash));
  return {
    known: known.length,
    applied: applied.length,
    pending: known.filter((m) => !appliedHashes.has(m.hash)).length,
    unknown: applied.filter((m) => !knownHashes.has(m.hash)).length,
    newestAppliedAt: applied.length ? Math.max(...applied.map((m) => Number(m.createdAt))) : null,
  };
}

/** Thrown instead of migrating a database that a newer version of the app has already migrated. */
export class NewerDatabaseError extends Error {
  constructor(readonly status: MigrationStatus) {
    super(
      `The database was migrated by a newer version of miteinander: ${status.unknown} of its migrations ` +
        `are unknown to this version. Start the newer version again, or restore a backup made before the ` +
        `upgrade (npm run db:restore).`,
    );
    this.name = "NewerDatabaseError";
  }
}

/**
 * Applies every pending migration, and makes sure the one settings row exists. Refuses (throws
 * NewerDatabaseError, changing nothing) when the database has migrations this version does not know:
 * an older version must not write into a schema it does not understand.
 */
export function migrateDatabase(db: Db): void {
  const status = migrationStatus(db.$client);
  if (status.unknown > 0) throw new NewerDatabaseError(status);
  migrate(db, { migrationsFolder: migrationsFolder() });
  // Plain SQL, not the schema's insert (which names every column with a default): the row is made the
  // same way whatever migrations the database has, e.g. one migrated to an older state for a test.
  db.$client.prepare("INSERT INTO app_settings (id) VALUES (1) ON CONFLICT DO NOTHING").run();
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}

export { schema };

/** The handle a `db.transaction(...)` callback gets. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A database or a transaction handle: what a write that may be part of a larger one takes (an outbox row
 * is written with the change that caused it).
 */
export type DbOrTx = Pick<Db, "insert" | "select" | "update" | "delete" | "run" | "get" | "all">;
