/** What "Find work" shows: one page of open shifts and open needs for one volunteer (find-work.server.ts). */
import { type Language, type NeedSchedule, type NeedUrgency } from "@db/schema/enums";
import { type Located } from "~/modules/outside/geo-gate";
import type { WeeklyWindow } from "~/modules/volunteers/availability";
import type { FindKind } from "./find-work.schema";

/** The filter with slugs already resolved to ids (unknown slugs are reported by the route). */
export interface ResolvedFindFilter {
  what: FindKind;
  neighbourhoodId?: number;
  categoryId?: number;
  language?: Language;
  /** Distance from the volunteer's home, km (ignored without a home). */
  km?: number;
  from?: string;
  to?: string;
  fits: boolean;
  page: number;
}

export interface FindViewer {
  userId: string;
  /** Where distances are measured from: the geocoded address, else the home neighbourhood's centroid. */
  home: Located | null;
  locale: string;
}

interface Base {
  id: number;
  startsAt: number;
  endsAt: number;
  categorySlug: string;
  categoryName: string;
  neighbourhoodName: string;
  distanceKm: number | null;
  /** A neighbourhood's centroid stood in for an address (the home's or the activity's place): "ungefähr". */
  distanceApproximate: boolean;
  languages: Language[];
  requiresCertificate: boolean;
}

export interface ShiftWorkItem extends Base {
  kind: "shift";
  shiftTitle: string;
  eventId: number;
  eventTitle: string;
  place: string;
  neededCount: number;
  confirmedCount: number;
  waitlistCount: number;
  mine: { status: "confirmed" | "waitlisted"; position: number | null } | null;
}

export interface NeedWorkItem extends Base {
  kind: "need";
  description: string;
  translated: boolean;
  originalLanguage: string;
  schedule: NeedSchedule;
  slots: WeeklyWindow[];
  helpersStillNeeded: number;
  urgency: NeedUrgency;
  /** The volunteer's active offer in the need's category: the coordinator can match it. */
  myOffer: { id: number; title: string } | null;
}

export type WorkItem = ShiftWorkItem | NeedWorkItem;

export interface FindWorkResult {
  items: WorkItem[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** False when the volunteer has no home neighbourhood: no distances, no distance filter. */
  hasHome: boolean;
  /** The home is its neighbourhood's centroid (no address, or no answer for it): distances are "ungefähr". */
  homeApproximate: boolean;
}
