/**
 * The `state` scale: the city, ten times, as ten municipalities of North Rhine-Westphalia — a
 * state-wide (or Kreis-wide) installation. The city is seeded once by the generator; each further
 * municipality is a copy made in SQL (INSERT … SELECT from a snapshot of the city), with its own ids,
 * accounts, e-mail addresses and slugs, and its neighbourhoods moved to the municipality's place on
 * the map. Generating ten cities row by row in JavaScript would take ten times the city's time; copying
 * in SQLite takes a fraction of it, which keeps `state` under three minutes (scripts/bench/growth.ts).
 *
 * The copy follows the schema, not a hand-kept list: every integer key is offset by the table's own
 * stride, every foreign key by its target's, every reference to a person gets the copy's prefix. What
 * the schema cannot say is listed below (unique texts, audit entity ids, places); a table this file does
 * not know how to copy stops the seed with its name, so a new table cannot be silently left out.
 *
 * Within a copy, notification links and JSON payloads still name the city's records: fine for load,
 * not for reading — the copies exist to measure how cost grows, the demo is `demo`.
 */
import type Database from "better-sqlite3";
import { slugify } from "./text";

export interface Municipality {
  name: string;
  /** Where its copy of the city's centre (Gelsenkirchen-Altstadt) lies. */
  lat: number;
  lon: number;
}

/** Far enough apart (25–170 km) that no helper's radius reaches the next one. */
export const STATE_MUNICIPALITIES: readonly Municipality[] = [
  { name: "Münster", lat: 51.962, lon: 7.626 },
  { name: "Bielefeld", lat: 52.021, lon: 8.535 },
  { name: "Paderborn", lat: 51.719, lon: 8.754 },
  { name: "Siegen", lat: 50.875, lon: 8.024 },
  { name: "Aachen", lat: 50.776, lon: 6.084 },
  { name: "Köln", lat: 50.938, lon: 6.96 },
  { name: "Düsseldorf", lat: 51.227, lon: 6.774 },
  { name: "Duisburg", lat: 51.434, lon: 6.762 },
  { name: "Dortmund", lat: 51.514, lon: 7.468 },
];

/** Tables every municipality shares (not copied): the installation's settings, categories and first steps. */
export const SHARED_TABLES: ReadonlySet<string> = new Set([
  "app_settings",
  "cache_versions",
  "categories",
  "first_step_templates",
  "first_step_template_age_groups",
  "first_step_template_languages",
  "first_step_template_texts",
  "installation",
  "__drizzle_migrations",
]);
/** Tables of running installations, empty after a seed, left empty in the copies. */
const OPERATIONAL = new Set([
  "sessions",
  "auth_tokens",
  "login_throttle",
  "scheduled_jobs",
  "email_outbox",
  "matching_changes",
  "geocode_cache",
  "outside_services",
]);
/** Tables whose rows are people: keyed by a text id that each copy prefixes. */
const PERSON_TABLES = new Set(["users", "volunteer_profiles"]);

/** audit_events.entity_id names a row of these tables (by entity_type). */
const AUDIT_ENTITY_TABLE: Record<string, string> = {
  need: "needs",
  arrival: "arrivals",
  match: "matches",
  offer: "offers",
  organisation: "organisations",
  event: "events",
  shift: "shifts",
  signup: "signups",
  hours: "hours_log",
  user: "users",
  volunteer_profile: "users",
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Column {
  name: string;
  type: string;
  pk: number;
}

/**
 * Adds `municipalities.length` copies of the database's content (one per municipality) to the same
 * database, reading from `base` (a snapshot of it, attached under that name). The original keeps its
 * municipality. Foreign keys must be off (the copies are consistent by construction; the seed's
 * tests run foreign_key_check).
 */
export function tileMunicipalities(
  sqlite: Database.Database,
  municipalities: readonly Municipality[],
  origin: { name: string; lat: number; lon: number },
): number {
  const tables = sqlite
    .prepare(
      "SELECT name FROM base.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const columnsOf = (table: string) =>
    sqlite.prepare(`PRAGMA base.table_info(${q(table)})`).all() as Column[];
  const foreignKeys = (table: string) =>
    sqlite.prepare(`PRAGMA base.foreign_key_list(${q(table)})`).all() as { from: string; table: string }[];
  const count = (table: string) =>
    sqlite
      .prepare(`SELECT count(*) FROM base.${q(table)}`)
      .pluck()
      .get() as number;
  const hasIntegerId = (table: string) =>
    columnsOf(table).some((c) => c.name === "id" && c.pk === 1 && /int/i.test(c.type));
  // Each copy k adds k × stride to the table's integer ids: the largest id of the city.
  const stride = new Map<string, number>();
  for (const table of tables) {
    if (hasIntegerId(table) && !SHARED_TABLES.has(table)) {
      stride.set(
        table,
        (sqlite
          .prepare(`SELECT coalesce(max(id), 0) FROM base.${q(table)}`)
          .pluck()
          .get() as number) + 1,
      );
    }
  }

  const codeStride = tables.includes("arrivals")
    ? (sqlite
        .prepare("SELECT coalesce(max(cast(substr(code, 8) AS integer)), 0) FROM base.arrivals")
        .pluck()
        .get() as number) + 1
    : 0;

  let rows = 0;
  municipalities.forEach((municipality, index) => {
    const k = index + 1;
    const town = slugify(municipality.name);
    const person = (column: string) => `('m${k}_' || ${column})`;
    const offset = (column: string, table: string) => `(${column} + ${k * stride.get(table)!})`;
    const dLat = municipality.lat - origin.lat;
    const dLon = municipality.lon - origin.lon;

    for (const table of tables) {
      if (SHARED_TABLES.has(table)) continue;
      const columns = columnsOf(table);
      if (OPERATIONAL.has(table)) {
        if (count(table) > 0) throw new Error(`tile: ${table} has rows; the seed leaves it empty`);
        continue;
      }
      const fks = new Map(foreignKeys(table).map((fk) => [fk.from, fk.table]));
      const textPk = columns.find((c) => c.pk === 1 && !/int/i.test(c.type));
      if (textPk && !PERSON_TABLES.has(table) && !fks.has(textPk.name))
        throw new Error(`tile: do not know how to copy ${table} (text key ${textPk.name})`);
      const expressions = columns.map((c) => {
        const col = q(c.name);
        const target = fks.get(c.name);
        if (target) {
          if (SHARED_TABLES.has(target)) return col;
          if (PERSON_TABLES.has(target)) return person(col);
          if (!stride.has(target)) throw new Error(`tile: ${table}.${c.name} references ${target}`);
          return offset(col, target);
        }
        if (c.name === "id" && stride.has(table)) return offset(col, table);
        if (c.name === "id" && PERSON_TABLES.has(table)) return person(col);
        if (table === "volunteer_profiles" && c.name === "user_id") return person(col);
        // What the schema cannot say: unique texts, places, the audit trail's entity ids.
        if (table === "users" && c.name === "email")
          return `substr(${col}, 1, instr(${col}, '@')) || '${town}.' || substr(${col}, instr(${col}, '@') + 1)`;
        if (c.name === "slug" && (table === "organisations" || table === "neighbourhoods"))
          return `${col} || '-${town}'`;
        if (table === "volunteer_profiles" && c.name === "calendar_token") return `${col} || '-${town}'`;
        // Arrival codes are numbered per year across the installation: each copy's numbers follow on.
        if (table === "arrivals" && c.name === "code")
          return `substr(${col}, 1, 7) || printf('%03d', cast(substr(${col}, 8) AS integer) + ${k * codeStride})`;
        if (table === "neighbourhoods" && c.name === "municipality") return `'${municipality.name}'`;
        if (table === "neighbourhoods" && c.name === "district")
          return `replace(${col}, '${origin.name}', '${municipality.name}')`;
        if (table === "neighbourhoods" && c.name === "lat") return `${col} + ${dLat}`;
        if (table === "neighbourhoods" && c.name === "lon") return `${col} + ${dLon}`;
        if (table === "audit_events" && c.name === "entity_id") {
          const cases = Object.entries(AUDIT_ENTITY_TABLE)
            .map(([type, target]) =>
              PERSON_TABLES.has(target)
                ? `WHEN '${type}' THEN ${person(col)}`
                : stride.has(target)
                  ? `WHEN '${type}' THEN cast(${offset(`cast(${col} AS integer)`, target)} AS text)`
                  : "",
            )
            .join(" ");
          return `CASE entity_type ${cases} ELSE ${col} END`;
        }
        return col;
      });
      const names = columns.map((c) => q(c.name)).join(", ");
      rows += sqlite
        .prepare(
          `INSERT INTO main.${q(table)} (${names}) SELECT ${expressions.join(", ")} FROM base.${q(table)}`,
        )
        .run().changes;
    }
  });
  return rows;
}
