/**
 * The `state` scale copies the seeded city once per further municipality (db/seed/tile.ts). Checked on
 * the demo scale with two copies: every table that holds the city's rows holds them three times, with
 * no dangling reference, no duplicate e-mail or slug, and places moved to each municipality.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyMunicipalities, defaultAnchor, listTables, seedDatabase } from "@db/seed/seed";
import { SHARED_TABLES, STATE_MUNICIPALITIES } from "@db/seed/tile";
import { createTempDb, type TempDb } from "../helpers/db";

let temp: TempDb;
let before: Record<string, number>;
const TWO = STATE_MUNICIPALITIES.slice(0, 2);
const count = (table: string) =>
  temp.db.$client.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;

beforeAll(async () => {
  temp = createTempDb();
  await seedDatabase(temp.db, { scale: "demo", anchor: defaultAnchor() });
  before = Object.fromEntries(listTables(temp.db).map((t) => [t, count(t)]));
  copyMunicipalities(temp.db, TWO);
});
afterAll(() => temp.cleanup());

describe("the state scale's municipalities", () => {
  it("hold the city's rows once per municipality, shared tables once", () => {
    for (const [table, rows] of Object.entries(before)) {
      expect(count(table), table).toBe(SHARED_TABLES.has(table) ? rows : rows * 3);
    }
  });

  it("leave no dangling reference and nothing twice that must be unique", () => {
    expect(temp.db.$client.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    const duplicates = (table: string, column: string) =>
      temp.db.$client
        .prepare(
          `SELECT count(*) FROM (SELECT ${column} FROM ${table} GROUP BY ${column} HAVING count(*) > 1)`,
        )
        .pluck()
        .get();
    expect(duplicates("users", "email")).toBe(0);
    expect(duplicates("organisations", "slug")).toBe(0);
    expect(duplicates("neighbourhoods", "slug")).toBe(0);
    expect(duplicates("arrivals", "code")).toBe(0);
  });

  it("move each copy's places to its municipality, with its own accounts", () => {
    const places = temp.db.$client
      .prepare(
        "SELECT municipality, count(*) AS n, avg(lat) AS lat FROM neighbourhoods GROUP BY 1 ORDER BY 1",
      )
      .all() as { municipality: string; n: number; lat: number }[];
    expect(places.map((p) => p.municipality)).toEqual(["Bielefeld", "Gelsenkirchen", "Münster"]);
    expect(new Set(places.map((p) => p.n)).size).toBe(1);
    expect(places.find((p) => p.municipality === "Münster")!.lat).toBeGreaterThan(51.9);
    const coordinators = temp.db.$client
      .prepare("SELECT email FROM users WHERE email LIKE 'koordination@%' ORDER BY email")
      .pluck()
      .all();
    expect(coordinators).toEqual([
      "koordination@bielefeld.miteinander.test",
      "koordination@miteinander.test",
      "koordination@muenster.miteinander.test",
    ]);
    // A copy's coordinator covers the copy's neighbourhoods only.
    const scope = temp.db.$client
      .prepare(
        `SELECT DISTINCT n.municipality FROM coordinator_neighbourhoods cn JOIN users u ON u.id = cn.user_id
         JOIN neighbourhoods n ON n.id = cn.neighbourhood_id WHERE u.email = 'koordination@muenster.miteinander.test'`,
      )
      .pluck()
      .all();
    expect(scope).toEqual(["Münster"]);
  });

  it("give each copy its own arrivals, with their steps' needs in the arrival's neighbourhood", () => {
    const perMunicipality = temp.db.$client
      .prepare(
        `SELECT n.municipality, count(*) AS n FROM arrivals a JOIN neighbourhoods n ON n.id = a.neighbourhood_id
         GROUP BY 1 ORDER BY 1`,
      )
      .all() as { municipality: string; n: number }[];
    expect(perMunicipality.map((p) => p.municipality)).toEqual(["Bielefeld", "Gelsenkirchen", "Münster"]);
    expect(new Set(perMunicipality.map((p) => p.n)).size).toBe(1);
    const elsewhere = temp.db.$client
      .prepare(
        `SELECT count(*) FROM arrival_steps s JOIN arrivals a ON a.id = s.arrival_id
         JOIN needs n ON n.id = s.need_id WHERE n.neighbourhood_id <> a.neighbourhood_id`,
      )
      .pluck()
      .get();
    expect(elsewhere).toBe(0);
  });
});
