import { describe, expect, it } from "vitest";
import { flatten, rowIndices, unflatten } from "./nested-form";

describe("unflatten (the one reader of flat form posts with rows)", () => {
  it("makes arrays from row numbers and objects from names", () => {
    expect(unflatten({ "shifts.0.title": "Aufbau", "shifts.1.title": "Abbau", bio: "x" })).toEqual({
      shifts: [{ title: "Aufbau" }, { title: "Abbau" }],
      bio: "x",
    });
    expect(unflatten({ "translations.en.title": "Hi" })).toEqual({ translations: { en: { title: "Hi" } } });
  });

  it("turns rows removed in the browser (holes) into empty rows", () => {
    const nested = unflatten({ "languages.0.language": "de", "languages.3.language": "ar" });
    expect(nested.languages).toEqual([{ language: "de" }, {}, {}, { language: "ar" }]);
  });

  it("drops keys whose numbers are not row numbers, so a forged post cannot make a huge array", () => {
    expect(unflatten({ "shifts.0.title": "a", "shifts.1000.title": "b" })).toEqual({
      shifts: [{ title: "a" }],
    });
    expect(unflatten({ "shifts.0.title": "a", "shifts.4294967294.title": "b" })).toEqual({
      shifts: [{ title: "a" }],
    });
    expect(unflatten({ "shifts.01.title": "b" })).toEqual({});
    expect((unflatten({ "shifts.999.title": "z" }).shifts as unknown[]).length).toBe(1000);
  });

  it("drops prototype keys and keeps the first of two clashing names", () => {
    expect(unflatten({ "__proto__.polluted": "yes", "a.constructor.x": "1", "b..c": "2" })).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unflatten({ a: "1", "a.b": "2" })).toEqual({ a: "1" });
    expect(unflatten({ "a.b": "2", a: "1" })).toEqual({ a: { b: "2" } });
  });

  it("is reversed by flatten", () => {
    const flat = { "shifts.0.title": "Aufbau", "shifts.1.remove": "true", languages: ["de", "ar"] };
    expect(flatten(unflatten(flat))).toEqual(flat);
  });

  it("lists the row numbers present", () => {
    expect(
      rowIndices({ "languages.2.level": "", "languages.0.language": "de", "languages.x.y": "" }, "languages"),
    ).toEqual([0, 2]);
  });
});
