/** An offer's form values (flat, as a plain form post sends them back). Pure. */
import { windowsToGrid, type GridKey, type WeeklyWindow } from "~/modules/volunteers/availability";

export interface OfferFormSource {
  categoryId: number | null;
  title: string;
  description: string;
  languages: string[];
  neighbourhoodIds: number[];
  availability: WeeklyWindow[] | GridKey[];
  capacity: number;
  radiusKm: number;
  validUntil: string | null;
}

export const EMPTY_OFFER: OfferFormSource = {
  categoryId: null,
  title: "",
  description: "",
  languages: [],
  neighbourhoodIds: [],
  availability: [],
  capacity: 1,
  radiusKm: 0,
  validUntil: null,
};

export function offerFormValues(offer: OfferFormSource): Record<string, string | string[]> {
  const grid = offer.availability.map((cell) => (typeof cell === "string" ? cell : null));
  return {
    categoryId: offer.categoryId === null ? "" : String(offer.categoryId),
    title: offer.title,
    description: offer.description,
    languages: [...offer.languages],
    neighbourhoodIds: offer.neighbourhoodIds.map(String),
    availability: grid.every((c) => c !== null)
      ? (grid as string[])
      : windowsToGrid(offer.availability as WeeklyWindow[]),
    capacity: String(offer.capacity),
    radiusKm: String(offer.radiusKm),
    validUntil: offer.validUntil ?? "",
  };
}
