import { migrateDatabase, openDatabase, type Db } from "@db/client";

let db: Db | undefined;
let openedPath: string | undefined;

/**
 * The app's one connection, opened (and migrated) on first use. DATABASE_PATH is read at that moment,
 * so tests can point each file at its own temp database.
 */
export function getDb(): Db {
  const path = process.env.DATABASE_PATH ?? "data/app.db";
  if (db && openedPath === path) return db;
  if (db) db.$client.close();
  db = openDatabase(path);
  openedPath = path;
  migrateDatabase(db);
  return db;
}
