import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UI_LOCALE } from "@db/schema/enums";
import {
  AUDIT_DETAIL_KEYS,
  AUDIT_DETAIL_VALUES,
  describeAuditDetails,
  type AuditWords,
} from "./audit-details";

interface AuditTexts {
  audit: { detailKeys: Record<string, string>; values: Record<string, string> };
}

function texts(locale: string): AuditTexts {
  const file = fileURLToPath(new URL(`../../locales/${locale}/dashboard.json`, import.meta.url));
  return JSON.parse(readFileSync(file, "utf8")) as AuditTexts;
}

function wordsFor(locale: string): AuditWords {
  const { audit } = texts(locale);
  return {
    key: (key) => audit.detailKeys[key] ?? `MISSING:${key}`,
    value: (value) => audit.values[value] ?? `MISSING:${value}`,
    locale,
  };
}

describe("audit details in words", () => {
  it.each(UI_LOCALE)("every recorded key and value has a name in %s", (locale) => {
    const { audit } = texts(locale);
    expect(AUDIT_DETAIL_KEYS.filter((key) => !audit.detailKeys[key])).toEqual([]);
    expect(AUDIT_DETAIL_VALUES.filter((value) => !audit.values[value])).toEqual([]);
  });

  it("writes states, instants, days, lists, languages and score components the German way", () => {
    const startsAt = Date.parse("2026-12-10T14:30:00Z"); // 15:30 in Berlin
    const text = describeAuditDetails(
      {
        status: { from: "proposed", to: "accepted" },
        startsAt,
        date: "2026-12-10",
        hours: 1.25,
        languages: ["ar", "de"],
        requiresCertificate: true,
        components: { language: 1, distance: 0.5 },
        textChanged: ["title", "description"],
        undefinedIsLeftOut: undefined,
      },
      wordsFor("de"),
    );
    expect(text).not.toMatch(/MISSING|[{}"]|1\.25|1765/);
    expect(text).toContain("Stand: vorgeschlagen → angenommen");
    expect(text).toContain("Beginn: Do., 10. Dezember 2026, 15:30");
    expect(text).toContain("Tag: Do., 10. Dezember 2026");
    expect(text).toContain("1,25");
    expect(text).toContain("Sprachen: Arabisch und Deutsch");
    expect(text).toContain("Führungszeugnis nötig: ja");
    expect(text).toContain("Passung im Einzelnen: Sprache 1, Entfernung 0,5");
    expect(text).toContain("Text geändert: Titel und Beschreibung");
    expect(text).not.toContain("undefinedIsLeftOut");
  });

  it("writes Arabic words and the language's own list", () => {
    const text = describeAuditDetails({ urgency: "urgent", languages: ["de", "tr"] }, wordsFor("ar"));
    expect(text).toContain("درجة الاستعجال: عاجلة");
    expect(text).not.toMatch(/MISSING|urgent|\bde\b/);
  });
});
