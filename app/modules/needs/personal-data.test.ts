import { describe, expect, it } from "vitest";
import { findPersonalData } from "./personal-data";

const now = new Date("2026-11-23T12:00:00Z");
const kinds = (text: string) => findPersonalData(text, now).map((f) => f.kind);

describe("findPersonalData", () => {
  it.each([
    ["Bitte rufen Sie 0170 1234567 an.", "phone"],
    ["Tel. +49 209 123456", "phone"],
    ["Erreichbar unter 0209/12 34 56", "phone"],
    ["Nummer: (0209) 1234567", "phone"],
    ["Kontakt: familie.a@example.org", "email"],
    ["Das Kind ist geb. 03.04.2019 und geht zur Schule.", "birthdate"],
    ["Geburtsdatum 1985-07-12", "birthdate"],
    ["Mutter, 12.5.1990, sucht Hilfe", "birthdate"],
    ["Die Familie wohnt in der Bahnhofstraße 12.", "address"],
    ["Wohnt Am Stadtgarten 4a", "address"],
    ["Adresse: 45879 Gelsenkirchen", "address"],
  ])("finds personal data in %j", (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    "Familie aus Syrien sucht Begleitung zum Jobcenter, Termin am 03.12.2026 um 9:30 Uhr.",
    "Zwei Kinder (8 und 11 Jahre) brauchen Hilfe bei den Hausaufgaben, dienstags 15–17 Uhr.",
    "Frau sucht Begleitung zur Ausländerbehörde in Buer. 2 Helfende gesucht.",
    "Treffpunkt im Stadtteilbüro Ückendorf, Raum 12.",
    "Wir brauchen 3 Personen für 10 Stunden pro Woche.",
  ])("leaves plain need descriptions alone: %j", (text) => {
    expect(findPersonalData(text, now)).toEqual([]);
  });
});
