/**
 * Where a geocoded address counts, and what a distance is measured from. Pure (used by the geocoding job,
 * the loaders of finding work and matching, and the property test).
 *
 * A geocoder's point is believed only inside the neighbourhood the address was given for (its centroid's
 * radius): a postcode that lies elsewhere, or an answer for the same street in another town, falls back
 * to the centroid. So by the triangle inequality a distance from a believed point is never longer than
 * the centroid estimate by more than that radius (docs/decisions/086-outside-services.md).
 */
import { haversineKm } from "~/modules/matching/geo";

export interface LatLon {
  lat: number;
  lon: number;
}

export interface NeighbourhoodArea extends LatLon {
  radiusKm: number;
}

/** True when `point` lies within the neighbourhood's radius of its centroid. */
export function liesWithin(area: NeighbourhoodArea, point: LatLon): boolean {
  return haversineKm(area.lat, area.lon, point.lat, point.lon) <= area.radiusKm;
}

export interface Located extends LatLon {
  /** True when this is the neighbourhood's centroid standing in for an address ("ungefähr"). */
  approximate: boolean;
}

/** The point a distance is measured from: the believed geocoded point, else the centroid. */
export function locate(area: NeighbourhoodArea, geocoded: LatLon | null): Located {
  if (geocoded && liesWithin(area, geocoded))
    return { lat: geocoded.lat, lon: geocoded.lon, approximate: false };
  return { lat: area.lat, lon: area.lon, approximate: true };
}
