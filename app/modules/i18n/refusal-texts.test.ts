import { describe, expect, it } from "vitest";
import { refusalLocale, refusalText } from "./refusal-texts.server";

describe("refusal texts", () => {
  it("answer in the language cookie's language, else Accept-Language's first supported one, else German", () => {
    expect(refusalLocale({ cookie: "lng=ar", "accept-language": "tr" })).toBe("ar");
    expect(refusalLocale({ cookie: "session=x; lng=uk" })).toBe("uk");
    expect(refusalLocale({ cookie: "lng=fr", "accept-language": "fr-FR, tr;q=0.8, en;q=0.5" })).toBe("tr");
    expect(refusalLocale({ "accept-language": "en-GB,en;q=0.9" })).toBe("en");
    expect(refusalLocale({})).toBe("de");
  });

  it("fill in their numbers and never leave a placeholder", () => {
    expect(refusalText("tooLarge", {}, { kib: 1024 })).toBe(
      "Die gesendeten Daten sind zu groß (höchstens 1024 KiB). Bitte kürzen Sie den Text und versuchen Sie es noch einmal.",
    );
    for (const lng of ["de", "en", "uk", "ar", "tr"]) {
      for (const key of ["tooLarge", "malformed", "unsupported", "crossSite", "busy"] as const) {
        const text = refusalText(key, { cookie: `lng=${lng}` }, { kib: 1024 });
        expect(text).not.toMatch(/\{\{|\}\}/);
        expect(text.length).toBeGreaterThan(20);
      }
    }
    expect(refusalText("busy", { cookie: "lng=ar" })).toMatch(/يُرجى/);
  });
});
