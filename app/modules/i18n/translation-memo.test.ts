import { createInstance } from "i18next";
import { describe, expect, it, vi } from "vitest";
import { rememberPlainTranslations } from "./translation-memo.server";

/** The instance without the app's typed keys: these tests use namespaces of their own. */
interface Loose {
  getFixedT(lng: string | null, ns: string): (key: string, options?: Record<string, unknown>) => string;
  t(key: string): string;
  translator: { translate(...args: unknown[]): unknown };
}

async function instanceWith(lng: string, resources: Record<string, Record<string, Record<string, string>>>) {
  const instance = createInstance();
  await instance.init({
    lng,
    fallbackLng: "de",
    defaultNS: "common",
    resources,
    interpolation: { escapeValue: false },
  });
  return rememberPlainTranslations(instance) as unknown as Loose;
}

describe("plain translation lookups remembered across requests", () => {
  it("answers a repeated plain lookup without resolving it again, per language and namespace", async () => {
    const resources = {
      de: { memo1: { title: "Bedarfe", greeting: "Hallo {{name}}" } },
      ar: { memo1: { title: "الاحتياجات" } },
    };
    const de = await instanceWith("de", resources);
    const translate = vi.spyOn(de.translator, "translate");
    const t = de.getFixedT(null, "memo1");
    expect(t("title")).toBe("Bedarfe");
    expect(t("title")).toBe("Bedarfe");
    expect(translate).toHaveBeenCalledTimes(1);

    // With values, every call is resolved: the values differ.
    expect(t("greeting", { name: "Ada" })).toBe("Hallo Ada");
    expect(t("greeting", { name: "Ben" })).toBe("Hallo Ben");

    const ar = await instanceWith("ar", resources);
    expect(ar.getFixedT(null, "memo1")("title")).toBe("الاحتياجات");
    expect(de.getFixedT("ar", "memo1")("title")).toBe("الاحتياجات");
  });

  it("never remembers a key that was not found (a namespace a request had not loaded)", async () => {
    const without = await instanceWith("de", { de: { common: {} } });
    expect(without.getFixedT(null, "memo2")("title")).toBe("title");
    expect(without.t("memo2:title")).toBe("title");

    const loaded = await instanceWith("de", { de: { memo2: { title: "Angebote" } } });
    expect(loaded.getFixedT(null, "memo2")("title")).toBe("Angebote");
    expect(loaded.t("memo2:title")).toBe("Angebote");
  });
});
