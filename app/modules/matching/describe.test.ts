import i18next, { type i18n } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import de from "../../locales/de/matching.json";
import en from "../../locales/en/matching.json";
import { describeCandidate, describeReason, type Translate } from "./describe";
import type { Reason } from "./types";

let instance: i18n;
beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({
    lng: "de",
    fallbackLng: false,
    ns: ["matching"],
    defaultNS: "matching",
    resources: { de: { matching: de }, en: { matching: en } },
    interpolation: { escapeValue: false },
  });
});

/** The engine's translator over the test's instance (keys relative to the matching namespace). */
function translate(lng: "de" | "en"): Translate {
  const t = instance.getFixedT(lng, "matching") as unknown as Translate;
  return (key, params) => t(key, params);
}

const reasons: Reason[] = [
  { key: "language.shared", params: { languages: ["ar", "de"] } },
  { key: "distance.km", params: { km: 1.2 } },
  { key: "availability.when", params: { when: ["1_afternoon"] } },
  { key: "load.active", params: { count: 1 } },
];

describe("explanations read as sentences", () => {
  it("in German", () => {
    const t = translate("de");
    expect(describeCandidate({ reasons }, t, "de")).toBe(
      "spricht Arabisch und Deutsch · etwa 1,2 km entfernt · hat dienstagnachmittags Zeit · 1 laufende Vermittlung",
    );
    expect(describeReason({ key: "load.active", params: { count: 0 } }, t, "de")).toBe(
      "keine laufende Vermittlung",
    );
    expect(describeReason({ key: "load.active", params: { count: 3 } }, t, "de")).toBe(
      "3 laufende Vermittlungen",
    );
  });

  it("in English", () => {
    const t = translate("en");
    expect(describeCandidate({ reasons }, t, "en")).toBe(
      "speaks Arabic and German · about 1.2 km away · is free on Tuesday afternoons · 1 ongoing match",
    );
  });

  it("explains exclusions with dates and lists in the locale", () => {
    const t = translate("de");
    expect(
      describeReason({ key: "exclusion.certificate.expired", params: { validUntil: "2025-03-10" } }, t, "de"),
    ).toBe("das Führungszeugnis gilt nur bis 10.03.2025");
    expect(
      describeReason({ key: "exclusion.language", params: { needLanguages: ["uk", "ru"] } }, t, "de"),
    ).toBe("spricht keine Sprache der Person (gebraucht: Ukrainisch und Russisch)");
    expect(
      describeReason({ key: "exclusion.availability.oneOff", params: { when: "5_morning" } }, t, "de"),
    ).toBe("hat samstagvormittags keine Zeit");
  });

  it("every key the engine can emit exists in both locales", () => {
    const keys = [
      "language.shared",
      "language.none",
      "language.any",
      "distance.km",
      "distance.sameNeighbourhood",
      "distance.served",
      "availability.when",
      "availability.none",
      "load.active",
      "experience.completed",
      "experience.hours",
      "experience.none",
      "responsiveness.rate",
      "responsiveness.new",
      "exclusion.inactive",
      "exclusion.category",
      "exclusion.language",
      "exclusion.neighbourhood.notServed",
      "exclusion.neighbourhood.tooFar",
      "exclusion.availability.oneOff",
      "exclusion.availability.recurring",
      "exclusion.capacity",
      "exclusion.certificate.missing",
      "exclusion.certificate.expired",
      "exclusion.offer_expired",
      "exclusion.gender.female",
      "exclusion.gender.male",
      "exclusion.hours_cap",
      "exclusion.declined",
      "exclusion.already_matched",
    ];
    for (const lng of ["de", "en"]) {
      for (const key of keys)
        expect(instance.exists(key, { lng, ns: "matching", count: 2 }), `${lng}:${key}`).toBe(true);
      for (let d = 0; d < 7; d++) {
        for (const part of ["morning", "afternoon", "evening", "night"]) {
          expect(instance.exists(`when.${d}_${part}`, { lng, ns: "matching" })).toBe(true);
        }
      }
    }
  });
});
