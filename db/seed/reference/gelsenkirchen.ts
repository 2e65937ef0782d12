/**
 * Gelsenkirchen: 5 Stadtbezirke with 18 Stadtteile (the city's official division). Centroids are
 * approximate (±500 m), good enough for distances between neighbourhoods.
 *
 * The city scale needs at least 50 neighbourhoods, so it adds Quartiere inside the Stadtteile: a few
 * with names in local use (Bulmke, Hüllen, Consol, Sutum, Middelich, Hugo, Löchterheide,
 * Bergmannsglück), the rest named by compass direction within their Stadtteil, with centroids offset
 * from the Stadtteil's. Those are plausible, not surveyed.
 */

import { slugify } from "../text";

export const MUNICIPALITY = "Gelsenkirchen";

export interface NeighbourhoodSeed {
  slug: string;
  name: string;
  /** Stadtbezirk. */
  district: string;
  lat: number;
  lon: number;
  /** Rough share of newcomers living there (relative weight for where needs and events happen). */
  weight: number;
}

const MITTE = "Gelsenkirchen-Mitte";
const NORD = "Gelsenkirchen-Nord";
const OST = "Gelsenkirchen-Ost";
const SUED = "Gelsenkirchen-Süd";
const WEST = "Gelsenkirchen-West";

export const DISTRICTS = [MITTE, NORD, OST, SUED, WEST] as const;

export const STADTTEILE: readonly NeighbourhoodSeed[] = [
  { slug: "altstadt", name: "Altstadt", district: MITTE, lat: 51.5087, lon: 7.0964, weight: 9 },
  { slug: "bismarck", name: "Bismarck", district: MITTE, lat: 51.531, lon: 7.108, weight: 7 },
  { slug: "bulmke-huellen", name: "Bulmke-Hüllen", district: MITTE, lat: 51.517, lon: 7.123, weight: 6 },
  { slug: "feldmark", name: "Feldmark", district: MITTE, lat: 51.509, lon: 7.07, weight: 3 },
  { slug: "hessler", name: "Heßler", district: MITTE, lat: 51.527, lon: 7.053, weight: 2 },
  { slug: "schalke", name: "Schalke", district: MITTE, lat: 51.518, lon: 7.079, weight: 8 },
  { slug: "schalke-nord", name: "Schalke-Nord", district: MITTE, lat: 51.533, lon: 7.079, weight: 4 },
  { slug: "neustadt", name: "Neustadt", district: SUED, lat: 51.499, lon: 7.09, weight: 8 },
  { slug: "ueckendorf", name: "Ückendorf", district: SUED, lat: 51.49, lon: 7.108, weight: 9 },
  { slug: "rotthausen", name: "Rotthausen", district: SUED, lat: 51.479, lon: 7.069, weight: 5 },
  { slug: "horst", name: "Horst", district: WEST, lat: 51.539, lon: 7.033, weight: 6 },
  { slug: "beckhausen", name: "Beckhausen", district: WEST, lat: 51.556, lon: 7.058, weight: 4 },
  { slug: "buer", name: "Buer", district: NORD, lat: 51.577, lon: 7.052, weight: 6 },
  { slug: "hassel", name: "Hassel", district: NORD, lat: 51.599, lon: 7.056, weight: 5 },
  { slug: "scholven", name: "Scholven", district: NORD, lat: 51.601, lon: 7.017, weight: 2 },
  { slug: "erle", name: "Erle", district: OST, lat: 51.555, lon: 7.09, weight: 4 },
  { slug: "resse", name: "Resse", district: OST, lat: 51.573, lon: 7.123, weight: 3 },
  { slug: "resser-mark", name: "Resser Mark", district: OST, lat: 51.552, lon: 7.133, weight: 2 },
];

type Direction = "Nord" | "Süd" | "Ost" | "West";

/** About 700 m north/south, 650 m east/west at this latitude. */
const OFFSET: Record<Direction, [number, number]> = {
  Nord: [0.0065, 0],
  Süd: [-0.0065, 0],
  Ost: [0, 0.0095],
  West: [0, -0.0095],
};

function byDirection(parentSlug: string, direction: Direction): NeighbourhoodSeed {
  const parent = STADTTEILE.find((s) => s.slug === parentSlug);
  if (!parent) throw new Error(`Unknown Stadtteil ${parentSlug}`);
  const name = `${parent.name}-${direction}`;
  const [dLat, dLon] = OFFSET[direction];
  return {
    slug: slugify(name),
    name,
    district: parent.district,
    lat: Math.round((parent.lat + dLat) * 10000) / 10000,
    lon: Math.round((parent.lon + dLon) * 10000) / 10000,
    weight: Math.max(1, Math.round(parent.weight / 2)),
  };
}

function named(name: string, district: string, lat: number, lon: number, weight: number): NeighbourhoodSeed {
  return { slug: slugify(name), name, district, lat, lon, weight };
}

export const QUARTIERE: readonly NeighbourhoodSeed[] = [
  byDirection("altstadt", "Nord"),
  byDirection("altstadt", "Süd"),
  named("Consol", MITTE, 51.5305, 7.098, 3),
  byDirection("bismarck", "Ost"),
  named("Bulmke", MITTE, 51.5205, 7.114, 3),
  named("Hüllen", MITTE, 51.5125, 7.131, 3),
  byDirection("feldmark", "Süd"),
  byDirection("hessler", "Nord"),
  byDirection("schalke", "Ost"),
  byDirection("schalke", "West"),
  byDirection("neustadt", "Ost"),
  byDirection("ueckendorf", "Nord"),
  byDirection("ueckendorf", "Süd"),
  byDirection("ueckendorf", "West"),
  byDirection("rotthausen", "Nord"),
  byDirection("rotthausen", "Süd"),
  byDirection("horst", "Nord"),
  byDirection("horst", "Süd"),
  byDirection("horst", "Ost"),
  named("Sutum", WEST, 51.564, 7.072, 2),
  byDirection("beckhausen", "West"),
  byDirection("buer", "Nord"),
  byDirection("buer", "Süd"),
  byDirection("buer", "Ost"),
  named("Löchterheide", NORD, 51.579, 7.031, 2),
  named("Hugo", NORD, 51.588, 7.044, 2),
  named("Bergmannsglück", NORD, 51.593, 7.066, 2),
  byDirection("hassel", "Nord"),
  byDirection("hassel", "Süd"),
  byDirection("scholven", "Nord"),
  byDirection("erle", "Nord"),
  byDirection("erle", "Süd"),
  named("Middelich", OST, 51.563, 7.106, 2),
  byDirection("resse", "Nord"),
  byDirection("resse", "Süd"),
];
