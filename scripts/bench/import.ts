/**
 * `npm run bench -- import [rows]`: the spreadsheet import (issue 14: 5,000 rows in under 10 s), as an
 * administrator on a fresh demo database: preview (read, check every row) and confirm (read and check
 * again, one transaction), for a semicolon CSV in Windows-1252 and for the same rows as XLSX.
 * Prints progress on stderr and, as the LAST line, one JSON object.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import { categories, neighbourhoods, users } from "../../db/schema";
import { DEMO_EMAILS, defaultAnchor, seedDatabase } from "../../db/seed/seed";
import { confirmImport } from "../../app/modules/imports/imports.server";
import { previewImport } from "../../app/modules/imports/preview.server";
import type { AuthUser } from "../../app/modules/auth/auth-user";
import { buildXlsx } from "./lib/xlsx";

const log = (line: string) => console.error(line);
const ROWS = Math.max(1, Number(process.argv[2] ?? 5000) || 5000);
const TARGET_MS = 10_000;
const WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"];

async function run(format: "csv" | "xlsx") {
  const dir = mkdtempSync(join(tmpdir(), "miteinander-bench-import-"));
  const db = openDatabase(join(dir, "bench.db"));
  try {
    migrateDatabase(db);
    await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });
    const nbs = db.select({ name: neighbourhoods.name }).from(neighbourhoods).all();
    const cats = db.select({ name: categories.name }).from(categories).all();
    const admin = db.select().from(users).where(eq(users.email, DEMO_EMAILS.admin)).get()!;
    const user: AuthUser = {
      id: admin.id,
      email: admin.email,
      displayName: admin.displayName,
      role: admin.role,
      locale: admin.locale,
      isVolunteer: false,
      memberships: [],
      coordinatorNeighbourhoodIds: [],
    };
    const header = [
      "Name",
      "Art",
      "Quartier",
      "Kontakt",
      "Website",
      "Angebot",
      "Kategorie",
      "Ort",
      "Wochentag",
      "Von",
      "Bis",
      "Sprachen",
    ];
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const org = Math.floor(i / 5);
      return [
        `Bürgerverein Nr. ${org} „Glück auf“`,
        ["Sportverein", "Kulturgruppe", "Initiative", "Migrantenorganisation"][org % 4]!,
        nbs[org % nbs.length]!.name,
        `kontakt${org}@verein-${org}.de`,
        `www.verein-${org}.de`,
        `Treffen ${i % 5} für Groß und Klein`,
        cats[i % cats.length]!.name,
        `Gemeindehaus, Straße ${i}`,
        WEEKDAYS[i % 7]!,
        `${String(9 + (i % 8)).padStart(2, "0")}:00`,
        `${String(10 + (i % 8)).padStart(2, "0")}:30`,
        ["Deutsch, Arabisch", "Deutsch", "Türkisch, Deutsch", "Ukrainisch"][i % 4]!,
      ];
    });
    const bytes =
      format === "xlsx"
        ? buildXlsx([header, ...rows])
        : Uint8Array.from(
            [...[header, ...rows].map((r) => r.join(";")).join("\r\n")].map((c) => {
              const code = c.charCodeAt(0);
              // Windows-1252: Latin-1 plus „ (0x84) and “ (0x93), the quotes in the names above.
              return c === "„" ? 0x84 : c === "“" ? 0x93 : code;
            }),
          );
    log(`${format}: ${ROWS} rows, ${(bytes.length / 1024).toFixed(0)} KB`);
    const t0 = performance.now();
    const preview = await previewImport(db, user, { name: `bench.${format}`, bytes });
    const t1 = performance.now();
    if (!preview.ok) throw new Error(`preview failed: ${preview.error}`);
    if (preview.preview.problemRows > 0) {
      const first = preview.preview.rows.find((r) => r.problems.length)!;
      throw new Error(`${preview.preview.problemRows} rows with problems, e.g. ${JSON.stringify(first)}`);
    }
    const result = await confirmImport(db, user, preview.preview.importId);
    const t2 = performance.now();
    if (!result.ok) throw new Error(`import failed: ${result.error}`);
    log(
      `${format}: preview ${(t1 - t0).toFixed(0)} ms, confirm ${(t2 - t1).toFixed(0)} ms — ` +
        `${result.organisationsCreated} organisations, ${result.activitiesCreated} activities`,
    );
    return { previewMs: t1 - t0, confirmMs: t2 - t1, totalMs: t2 - t0, kb: bytes.length / 1024 };
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

const csv = await run("csv");
const xlsx = await run("xlsx");
const round = (x: number) => Math.round(x);
console.log(
  JSON.stringify({
    rows: ROWS,
    csv_kb: round(csv.kb),
    csv_preview_ms: round(csv.previewMs),
    csv_confirm_ms: round(csv.confirmMs),
    csv_total_ms: round(csv.totalMs),
    xlsx_kb: round(xlsx.kb),
    xlsx_preview_ms: round(xlsx.previewMs),
    xlsx_confirm_ms: round(xlsx.confirmMs),
    xlsx_total_ms: round(xlsx.totalMs),
    target_ms: TARGET_MS,
    within_target: csv.totalMs < TARGET_MS && xlsx.totalMs < TARGET_MS,
  }),
);
