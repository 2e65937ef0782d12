import { http, HttpResponse, type HttpHandler } from "msw";
import { commonAnswer, type MockOptions, type Scenario } from "./scenarios";

/** The geocoder's address in tests (and in `npm run dev` with MOCKS=1). */
export const GEOCODER_MOCK_URL = "http://geocoder.mock.localhost";

/**
 * Gelsenkirchen's postcodes with a point in the part of town each covers (close to the seeded
 * neighbourhood centroids), as a real Nominatim would place them, roughly.
 */
export const MOCK_POSTCODES: Readonly<Record<string, { lat: number; lon: number }>> = {
  "45879": { lat: 51.5105, lon: 7.0985 },
  "45881": { lat: 51.5205, lon: 7.0805 },
  "45883": { lat: 51.5225, lon: 7.0575 },
  "45884": { lat: 51.4805, lon: 7.0705 },
  "45886": { lat: 51.4915, lon: 7.1065 },
  "45888": { lat: 51.5185, lon: 7.1205 },
  "45889": { lat: 51.5325, lon: 7.1065 },
  "45891": { lat: 51.5545, lon: 7.0885 },
  "45892": { lat: 51.5715, lon: 7.1215 },
  "45894": { lat: 51.5765, lon: 7.0505 },
  "45896": { lat: 51.5985, lon: 7.0545 },
  "45897": { lat: 51.5805, lon: 7.0605 },
  "45899": { lat: 51.5405, lon: 7.0345 },
};

/** Munich: the right street in the wrong town, as a geocoder may answer. */
export const ELSEWHERE = { lat: 48.1372, lon: 11.5756 };

/** A street moves the point by up to ~250 m from the postcode's, the same way every time. */
function streetOffset(street: string): { lat: number; lon: number } {
  let hash = 0;
  for (const char of street.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { lat: ((hash % 41) - 20) / 10_000, lon: (((hash >>> 8) % 41) - 20) / 10_000 };
}

/** Where the mock puts an address, or null when it knows no such place. */
export function mockPoint(postcode: string, street: string | null): { lat: number; lon: number } | null {
  const base = MOCK_POSTCODES[postcode];
  if (!base) return null;
  if (!street) return base;
  const offset = streetOffset(street);
  return { lat: base.lat + offset.lat, lon: base.lon + offset.lon };
}

/**
 * Nominatim's GET /search (structured: street, postalcode, city; format=jsonv2), answering as
 * `scenario` says. Besides the shared scenarios, "elsewhere" answers every address with a point in
 * another town. "wrongLanguage" answers in the wrong format (XML, as `format=xml` would).
 */
export function geocoderHandlers(
  scenario: Scenario | "elsewhere" = "success",
  base: string = GEOCODER_MOCK_URL,
  options: MockOptions = {},
): HttpHandler[] {
  return [
    http.get(`${base}/search`, async ({ request }) => {
      options.onRequest?.(request.clone());
      if (scenario !== "elsewhere") {
        const early = await commonAnswer(scenario, options);
        if (early) return early;
      }
      const url = new URL(request.url);
      if (scenario === "wrongLanguage") {
        return new HttpResponse('<?xml version="1.0"?><searchresults></searchresults>', {
          headers: { "Content-Type": "text/xml; charset=utf-8" },
        });
      }
      const point =
        scenario === "elsewhere"
          ? ELSEWHERE
          : mockPoint(url.searchParams.get("postalcode") ?? "", url.searchParams.get("street"));
      if (!point) return HttpResponse.json([]);
      return HttpResponse.json([
        {
          place_id: 1,
          lat: point.lat.toFixed(7),
          lon: point.lon.toFixed(7),
          display_name: `${url.searchParams.get("street") ?? ""}, ${url.searchParams.get("postalcode")} ${url.searchParams.get("city")}`,
        },
      ]);
    }),
  ];
}
