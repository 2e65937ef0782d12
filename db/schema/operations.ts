import { sql } from "drizzle-orm";
import { blob, check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf } from "./columns";
import { BACKUP_AFTER_STATUS, BACKUP_KIND, BACKUP_STATUS, IMPORT_STATUS } from "./enums";
import { users } from "./users";

/**
 * One row per backup attempt (docs/decisions/070-operations.md): what the administrator's system page
 * and /metrics report as "last backup". A row's file may have been rotated away (`removed_at`).
 */
export const backups = sqliteTable(
  "backups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: BACKUP_KIND }).notNull(),
    status: text("status", { enum: BACKUP_STATUS }).notNull(),
    /** The file's name inside BACKUP_DIR (null when no file was written). */
    fileName: text("file_name"),
    bytes: integer("bytes"),
    /** Rows in all tables of the copy, as counted when it was verified. */
    totalRows: integer("total_rows"),
    /** Why the backup failed or did not pass its checks. */
    problem: text("problem"),
    afterStatus: text("after_status", { enum: BACKUP_AFTER_STATUS }).notNull().default("not_configured"),
    afterProblem: text("after_problem"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }).notNull(),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("backups_finished_idx").on(t.finishedAt),
    check("backups_kind_check", oneOf("kind", BACKUP_KIND)),
    check("backups_status_check", oneOf("status", BACKUP_STATUS)),
    check("backups_after_status_check", oneOf("after_status", BACKUP_AFTER_STATUS)),
    check("backups_file_when_written", sql`status = 'failed' or file_name is not null`),
  ],
);

/**
 * A spreadsheet of organisations and activities being imported. The uploaded file is kept from the
 * preview to the confirmation (so the confirmed import is exactly the previewed one) and dropped after.
 */
export const spreadsheetImports = sqliteTable(
  "spreadsheet_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /** The file as uploaded; emptied once imported or discarded. */
    content: blob("content", { mode: "buffer" }),
    status: text("status", { enum: IMPORT_STATUS }).notNull().default("previewed"),
    rowCount: integer("row_count").notNull(),
    organisationsCreated: integer("organisations_created").notNull().default(0),
    activitiesCreated: integer("activities_created").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("spreadsheet_imports_created_idx").on(t.createdBy, t.createdAt),
    check("spreadsheet_imports_status_check", oneOf("status", IMPORT_STATUS)),
    check("spreadsheet_imports_rows_nonneg", sql`row_count >= 0`),
  ],
);
