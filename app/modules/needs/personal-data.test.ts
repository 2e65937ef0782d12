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

describe("findPersonalData about a household (arrivals)", () => {
  const household = (text: string) => findPersonalData(text, now, { household: true }).map((f) => f.kind);

  it.each([
    ["Familie Ahmadi kommt am Abend an.", "name"],
    ["Ansprechpartnerin ist Frau Petrenko.", "name"],
    ["Name: Karimi", "name"],
    ["Die Familie kommt aus Syrien.", "nationality"],
    ["Staatsangehörigkeit ungeklärt", "nationality"],
    ["Afghanische Familie mit drei Kindern", "nationality"],
    ["Household from Eritrea", "nationality"],
    ["Die Mutter ist schwanger.", "health"],
    ["Ein Kind braucht einen Rollstuhl.", "health"],
    ["Vater hat Diabetes und braucht Insulin.", "health"],
    ["Impfstatus der Kinder unklar", "health"],
    ["Tochter ist traumatisiert.", "health"],
    ["Bitte 0170 1234567 anrufen", "phone"],
  ])("refuses %j", (text, kind) => {
    expect(household(text)).toContain(kind);
  });

  it.each([
    "Ankunft am späten Abend, erste Nacht in der Übergangsunterkunft.",
    "Die Familie spricht Ukrainisch, Türkisch und etwas Englisch.",
    "Krankenkasse ist noch nicht angemeldet.",
    "Frau und Mann wünschen Begleitung durch eine Frau.",
    "Zwei Kinder im Schulalter, ein Kleinkind.",
  ])("leaves a plain note alone: %j", (text) => {
    expect(findPersonalData(text, now, { household: true })).toEqual([]);
  });

  it("leaves needs as they were: a need may say where a family comes from", () => {
    expect(findPersonalData("Familie aus Syrien sucht Begleitung.", now)).toEqual([]);
  });

  it("stays fast on hostile text ten times longer than a note may be", () => {
    for (const text of [
      "a".repeat(5_000),
      "Frau ".repeat(1_000),
      "krank".repeat(1_000),
      "Familie A".repeat(600),
    ]) {
      const started = performance.now();
      findPersonalData(text, now, { household: true });
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
