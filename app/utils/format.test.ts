import { describe, expect, it } from "vitest";
import { formatList, numberFormatter } from "./format";

describe("formatList", () => {
  it("writes a list the way each language does", () => {
    const items = ["A", "B", "C"];
    expect(formatList(items, "de")).toBe("A, B und C");
    expect(formatList(items, "en")).toBe("A, B, and C");
    expect(formatList(items, "tr")).toBe("A, B ve C");
    expect(formatList(items, "uk")).toBe("A, B і C");
    // Arabic joins with "و", never with a Latin comma.
    expect(formatList(items, "ar")).toBe("A وB وC");
    expect(formatList(items, "ar")).not.toContain(",");
  });

  it("keeps one item as it is and gives an empty text for no items", () => {
    expect(formatList(["Altstadt"], "de")).toBe("Altstadt");
    expect(formatList([], "de")).toBe("");
  });
});

describe("numberFormatter", () => {
  it("makes one formatter per locale and options, and formats as Intl does", () => {
    expect(numberFormatter("de", { maximumFractionDigits: 2 })).toBe(
      numberFormatter("de", { maximumFractionDigits: 2 }),
    );
    expect(numberFormatter("de")).not.toBe(numberFormatter("ar"));
    expect(numberFormatter("de", { maximumFractionDigits: 2 }).format(1.256)).toBe("1,26");
  });
});
