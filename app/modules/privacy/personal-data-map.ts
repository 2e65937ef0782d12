/**
 * Which data in the database is about a person, and how a row is tied to the person it is about.
 * EVERY column of EVERY table is classified here; `tests/integration/privacy-export.test.ts` walks the
 * Drizzle schema and fails on a column that is missing (or listed but gone), and proves the export holds
 * every personal value of a person's rows. Pure data: the export (`export.server.ts`) interprets it.
 *
 * Classes:
 * - personal      data about the person (or linking a row to them): exported as stored.
 * - credential    a secret of theirs (session id hash, token hash, calendar token): exported as a short
 *                 fingerprint, so an export file that leaks is never a way into the account.
 * - withheld      the password hash: never leaves the server (the export says that it exists).
 * - not_personal  reference data, organisations' data, counts, system state.
 *
 * A column is classified by what it is in the rows a subject link finds; in a table whose rows are the
 * person's own (their profile, their offers) every column is personal, ids and timestamps included.
 */
import type { SubjectLink, TablePrivacy } from "./data-map/classes";
import { ACCOUNT_TABLES } from "./data-map/accounts";
import { ORGANISATION_TABLES } from "./data-map/organisations";
import { VOLUNTEER_TABLES } from "./data-map/volunteers";
import { NEED_TABLES } from "./data-map/needs";
import { ACTIVITY_TABLES } from "./data-map/activities";
import { MESSAGE_TABLES } from "./data-map/messages";
import { SYSTEM_TABLES } from "./data-map/system";

/** Every table, in the order of the groups (one file each under data-map/). */
export const PERSONAL_DATA_MAP = {
  ...ACCOUNT_TABLES,
  ...ORGANISATION_TABLES,
  ...VOLUNTEER_TABLES,
  ...NEED_TABLES,
  ...ACTIVITY_TABLES,
  ...MESSAGE_TABLES,
  ...SYSTEM_TABLES,
} as const satisfies Record<string, TablePrivacy>;

export type TableName = keyof typeof PERSONAL_DATA_MAP;

/** The columns exported for rows found through `link` (see SubjectLink.columns). */
export function exportedColumns(table: TablePrivacy, link: SubjectLink): string[] {
  if ("columns" in link && link.columns) return [...link.columns];
  return Object.entries(table.columns)
    .filter(([, cls]) => cls !== "not_personal")
    .map(([name]) => name);
}
