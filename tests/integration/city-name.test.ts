/**
 * The municipality's name is the installation's (CITY_NAME), not written into the code: the text under
 * every page, the place of events in calendar feeds and the activity page's structured data name it, and
 * say nothing about a town when it is unset.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { getServerT } from "~/modules/i18n/server-t.server";
import { loader as rootLoader } from "~/root";
import * as activityPage from "~/routes/activities.$id";
import { loader as activityIcsLoader } from "~/routes/activities.$id[.ics]";
import { checkEnv, cityName } from "~/utils/env.server";
import { getDb } from "~/utils/db.server";
import { createEvent, createNeighbourhood } from "../factories";

afterEach(() => vi.unstubAllEnvs());

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
}

async function icsLocation(eventId: number): Promise<string> {
  const response = (await activityIcsLoader({
    request: new Request(`http://localhost/activities/${eventId}.ics`),
    params: { id: String(eventId) },
    context: {},
  })) as Response;
  expect(response.status).toBe(200);
  return unfold(await response.text()).find((l) => l.startsWith("LOCATION:"))!;
}

async function jsonLdLocality(eventId: number): Promise<string | null> {
  const result = (await activityPage.loader({
    request: new Request(`http://localhost/activities/${eventId}`),
    params: { id: String(eventId) },
    context: {},
  })) as { city: string | null };
  return result.city;
}

async function rootCity(): Promise<string | null> {
  const data = (await rootLoader({
    request: new Request("http://localhost/"),
    params: {},
    context: {},
  })) as { city: string | null };
  return data.city;
}

describe("the municipality's name (CITY_NAME)", () => {
  it("is read from the environment, trimmed; unset it is none, and a demo start names the demo data's town", () => {
    expect(cityName({ CITY_NAME: "  Musterstadt " })).toBe("Musterstadt");
    expect(cityName({})).toBeNull();
    expect(cityName({ CITY_NAME: "" })).toBeNull();
    expect(cityName({ MITEINANDER_DEMO: "1" })).toBe("Gelsenkirchen");
    expect(cityName({ MITEINANDER_DEMO: "1", CITY_NAME: "Bochum" })).toBe("Bochum");
  });

  it("is checked at start: too long or with markup is named as a problem", () => {
    for (const bad of ["x".repeat(101), "<b>Stadt</b>", "{{city}}"]) {
      const result = checkEnv({ NODE_ENV: "test", CITY_NAME: bad });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.join()).toMatch(/^CITY_NAME: /);
    }
    expect(checkEnv({ NODE_ENV: "test", CITY_NAME: "Castrop-Rauxel" }).ok).toBe(true);
  });

  it("goes into the text under every page in all five languages, and neutral words when unset", async () => {
    vi.stubEnv("CITY_NAME", "Musterstadt");
    expect(await rootCity()).toBe("Musterstadt");
    vi.stubEnv("CITY_NAME", "");
    expect(await rootCity()).toBeNull();
    for (const locale of SUPPORTED_LOCALES) {
      const t = getServerT(locale, "common");
      expect(t("footer.tagline", { city: "Musterstadt" }), locale).toContain("Musterstadt");
      expect(t("footer.taglineLocal"), locale).not.toMatch(/Gelsenkirchen|\{\{/);
    }
  });

  it("is the town of an event's place in its calendar file and its structured data", async () => {
    const db = getDb();
    const neighbourhood = createNeighbourhood(db, { name: "Stadtmitte" });
    const event = createEvent(db, { neighbourhoodId: neighbourhood.id, place: "Bürgerhaus" });

    vi.stubEnv("CITY_NAME", "Musterstadt");
    expect(await icsLocation(event.id)).toBe("LOCATION:Bürgerhaus\\, Stadtmitte\\, Musterstadt");
    expect(await jsonLdLocality(event.id)).toBe("Musterstadt");

    vi.stubEnv("CITY_NAME", "");
    expect(await icsLocation(event.id)).toBe("LOCATION:Bürgerhaus\\, Stadtmitte");
    expect(await jsonLdLocality(event.id)).toBeNull();
  });
});
