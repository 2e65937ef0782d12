import { describe, expect, it } from "vitest";
import { unflatten } from "~/utils/nested-form";
import { certificateState } from "./certificate-state";
import {
  parseRowIntent,
  profileFormValues,
  withLanguageRowAdded,
  withLanguageRowRemoved,
} from "./profile-form";
import { VolunteerProfileSchema } from "./volunteer-profile.schema";

const base = {
  "languages.0.language": "de",
  "languages.0.level": "native",
  "languages.1.language": "",
  "languages.1.level": "good",
  skills: "Nachhilfe Mathe\n\n  Führerschein  \nNachhilfe Mathe",
  homeNeighbourhoodId: "3",
  radiusKm: "2,5",
  neighbourhoodIds: "4",
  availability: ["0-morning", "0-afternoon"],
  hoursCapPerWeek: "6",
  bio: "  Hallo  ",
};

describe("VolunteerProfileSchema (as the action reads a plain form post)", () => {
  it("reads rows, one ticked box, German decimals and skills one per line", () => {
    const result = VolunteerProfileSchema.safeParse(unflatten(base));
    expect(result.success && result.data).toEqual({
      languages: [{ language: "de", level: "native" }],
      skills: ["Nachhilfe Mathe", "Führerschein"],
      homeNeighbourhoodId: 3,
      radiusKm: 2.5,
      neighbourhoodIds: [4],
      availability: [{ weekday: 0, startMinute: 480, endMinute: 1020 }],
      hoursCapPerWeek: 6,
      bio: "Hallo",
    });
  });

  it("skips rows removed in the browser (holes) and reports errors at the row's own field name", () => {
    const flat = {
      ...base,
      "languages.3.language": "de",
      "languages.3.level": "good",
      "languages.5.language": "ar",
      "languages.5.level": "",
    };
    const result = VolunteerProfileSchema.safeParse(unflatten(flat));
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["languages.5.level", "volunteer:errors.levelRequired"],
        ["languages.3.language", "volunteer:errors.languageTwice"],
      ]),
    );
  });

  it("needs a language, a place and a positive hours cap", () => {
    const result = VolunteerProfileSchema.safeParse(
      unflatten({
        "languages.0.language": "",
        "languages.0.level": "good",
        homeNeighbourhoodId: "",
        radiusKm: "x",
        hoursCapPerWeek: "0",
      }),
    );
    const errors = result.success
      ? {}
      : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
    expect(errors).toMatchObject({
      languages: "volunteer:errors.languageRequired",
      homeNeighbourhoodId: "volunteer:errors.whereRequired",
      radiusKm: "volunteer:errors.radiusInvalid",
      hoursCapPerWeek: "volunteer:errors.hoursCapRange",
    });
  });

  it("refuses grid values that are not cells and prototype keys in names", () => {
    expect(VolunteerProfileSchema.safeParse(unflatten({ ...base, availability: "7-morning" })).success).toBe(
      false,
    );
    expect(unflatten({ "__proto__.polluted": "yes", "a.constructor.x": "1" })).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("profile form rows without JavaScript", () => {
  it("starts with the saved languages and one empty row, adds and removes rows", () => {
    const values = profileFormValues({
      languages: [{ language: "ar", level: "native" }],
      skills: ["a", "b"],
      homeNeighbourhoodId: null,
      radiusKm: 3,
      neighbourhoodIds: [2],
      availability: [{ weekday: 1, startMinute: 900, endMinute: 1140 }],
      hoursCapPerWeek: 4,
      bio: "",
    });
    expect(values).toMatchObject({
      "languages.0.language": "ar",
      "languages.1.language": "",
      skills: "a\nb",
      homeNeighbourhoodId: "",
      availability: ["1-afternoon", "1-evening"],
    });
    const added = withLanguageRowAdded(values);
    expect(added["languages.2.level"]).toBe("good");
    expect(Object.keys(withLanguageRowRemoved(added, 0)).some((k) => k.startsWith("languages.0."))).toBe(
      false,
    );
    expect(parseRowIntent("remove-language:12")).toEqual({ kind: "remove", index: 12 });
    expect(parseRowIntent("remove-language:x")).toBeNull();
    expect(parseRowIntent("add-language")).toEqual({ kind: "add" });
  });
});

describe("certificateState", () => {
  it("tells none, valid, expiring within 60 days and expired apart; the last day still counts", () => {
    expect(certificateState(null, "2026-06-01")).toEqual({ state: "none", daysLeft: null });
    expect(certificateState("2027-06-01", "2026-06-01").state).toBe("valid");
    expect(certificateState("2026-07-31", "2026-06-01")).toEqual({ state: "expiring", daysLeft: 60 });
    expect(certificateState("2026-06-01", "2026-06-01")).toEqual({ state: "expiring", daysLeft: 0 });
    expect(certificateState("2026-05-31", "2026-06-01")).toEqual({ state: "expired", daysLeft: -1 });
  });
});
