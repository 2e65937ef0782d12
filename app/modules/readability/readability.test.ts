import { describe, expect, it } from "vitest";
import { analyseReadability, countSyllables, splitSentences } from "./readability";

describe("readability (Flesch-Amstad)", () => {
  it("counts German syllables by vowel groups", () => {
    expect(countSyllables("Haus")).toBe(1);
    expect(countSyllables("Begleitung")).toBe(3);
    expect(countSyllables("Ausländerbehörde")).toBe(6);
    expect(countSyllables("Hausaufgabenhilfe")).toBe(6);
  });

  it("does not end sentences at abbreviations or ordinals", () => {
    expect(splitSentences("Wir treffen uns z.B. am 3. Dezember. Alle sind willkommen!")).toHaveLength(2);
  });

  it("rates short plain sentences as easy and bureaucratic German as hard", () => {
    const plain = analyseReadability(
      "Wir spielen Fußball. Alle können mitmachen. Wir treffen uns am Dienstag.",
    );
    expect(plain?.level).toBe("easy");
    expect(plain?.score).toBeGreaterThanOrEqual(60);

    const hard = analyseReadability(
      "Die Inanspruchnahme der Beratungsleistungen hinsichtlich der Anerkennung ausländischer Berufsqualifikationen " +
        "setzt grundsätzlich die vorherige Vorlage sämtlicher erforderlichen Nachweisdokumente einschließlich " +
        "beglaubigter Übersetzungen bei der zuständigen Anerkennungsstelle voraus.",
    );
    expect(hard?.level).toBe("hard");
    expect(hard?.longSentences).toHaveLength(1);
    expect(hard?.longSentences[0]?.words).toBeGreaterThan(15);
  });

  it("has nothing to say about empty text", () => {
    expect(analyseReadability("   ")).toBeNull();
  });
});
