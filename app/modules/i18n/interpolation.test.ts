import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions } from "./config";

/**
 * Numbers, days and months in texts are written the reader's way (issue 13, seam 6: the match page wrote
 * "1.25" and "7.5", the proof "2026-11", the home page "gültig bis 2028-11-06").
 */
async function t(lng: string) {
  const instance = createInstance();
  await instance.init({
    ...i18nOptions,
    lng,
    ns: ["x"],
    defaultNS: "x",
    resources: {
      [lng]: {
        x: {
          hours_one: "{{count}} Stunde",
          hours_other: "{{count}} Stunden",
          until: "gültig bis {{date}}",
          month: "im {{month}}",
          need: "Bedarf {{id}}, {{year}}, {{needId}}",
        },
      },
    },
  });
  type Translate = (key: string, options?: object) => string;
  return (instance.getFixedT as unknown as (lng: string, ns: string) => Translate)(lng, "x");
}

describe("interpolated values", () => {
  it("numbers in the reader's notation, the plural form still chosen by the count", async () => {
    const de = await t("de");
    expect(de("hours", { count: 1.25 })).toBe("1,25 Stunden");
    expect(de("hours", { count: 7.5 })).toBe("7,5 Stunden");
    expect(de("hours", { count: 1 })).toBe("1 Stunde");
    expect(de("hours", { count: 1234 })).toBe("1.234 Stunden");
    expect((await t("en"))("hours", { count: 1.25 })).toBe("1.25 Stunden");
    expect((await t("ar"))("hours", { count: 1.25 })).toBe(
      `${new Intl.NumberFormat("ar").format(1.25)} Stunden`,
    );
  });

  it("ids and years as they are", async () => {
    expect((await t("de"))("need", { id: 1234, year: 2026, needId: 5678 })).toBe("Bedarf 1234, 2026, 5678");
  });

  it("ISO days and months as words", async () => {
    const de = await t("de");
    expect(de("until", { date: "2028-11-06" })).toBe("gültig bis Mo., 6. November 2028");
    expect(de("month", { month: "2026-11" })).toBe("im November 2026");
    expect((await t("tr"))("month", { month: "2026-11" })).toBe("im Kasım 2026");
  });
});
