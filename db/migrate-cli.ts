import { closeDatabase, migrateDatabase, openDatabase } from "./client";

const path = process.env.DATABASE_PATH ?? "data/app.db";
const db = openDatabase(path);
migrateDatabase(db);
closeDatabase(db);
console.log(`Migrated ${path}`);
