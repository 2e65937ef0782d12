import type Database from "better-sqlite3";
import type { NotificationParamsByKind } from "../../app/modules/notifications/kinds";
import type { AuditEntity, Language, LanguageLevel, NotificationKind, PersonGender } from "../schema/enums";
import { Rng } from "./prng";
import type { CategorySlug } from "./reference/categories";
import type { ScaleConfig, SeedScale } from "./scales";

/** A weekly window: weekday (0 = Monday), start and end minute. */
export type Slot = readonly [weekday: number, start: number, end: number];

export interface SeededNeighbourhood {
  id: number;
  slug: string;
  name: string;
  district: string;
  lat: number;
  lon: number;
  weight: number;
}

export interface SeededVolunteer {
  id: string;
  displayName: string;
  gender: PersonGender;
  createdAt: number;
  homeNb: number;
  radiusKm: number;
  languages: Map<Language, LanguageLevel>;
  /** Neighbourhoods chosen on the profile, besides home and radius. */
  chosen: number[];
  /** Neighbourhoods served: home, those within the radius, and the chosen ones. */
  serves: Set<number>;
  slots: Slot[];
  certificateValidUntil: number | null;
  /** 0–1: how much this person has done before (matching's experience component). */
  experience: number;
  /** 0–1: how reliably this person answers proposals. */
  responsiveness: number;
}

export interface SeededOrganisation {
  id: number;
  name: string;
  slug: string;
  kind: string;
  verifiedAt: number | null;
  ownerId: string;
  createdAt: number;
  /** Home neighbourhood first. */
  nbIds: number[];
  categories: readonly CategorySlug[];
  languages: Language[];
}

export interface SeededOffer {
  id: number;
  categoryId: number;
  /** Index into ctx.volunteers, or -1. */
  volunteer: number;
  /** Index into ctx.organisations, or -1. */
  organisation: number;
  title: string;
  languages: Language[];
  /** The neighbourhoods listed on the offer. */
  listed: number[];
  /** Listed ones plus those within the radius of the owner's home. */
  serves: Set<number>;
  homeNb: number;
  radiusKm: number;
  slots: Slot[];
  capacity: number;
  /** Live matches (proposed, accepted, active). */
  load: number;
  active: boolean;
  validUntil: number | null;
  createdAt: number;
}

/**
 * A notification as the app itself would write it: the params its texts interpolate (typed per kind, so a
 * seeded message reads like a real one) and a link to a page its reader may open.
 */
export type PendingNotification = {
  [K in NotificationKind]: {
    userId: string;
    kind: K;
    params: NotificationParamsByKind[K];
    link: string | null;
    createdAt: number;
    readAt: number | null;
  };
}[NotificationKind];

export interface PendingAuditEvent {
  actorId: string | null;
  action: string;
  entityType: AuditEntity;
  entityId: string;
  neighbourhoodId: number | null;
  details: Record<string, string | number>;
  createdAt: number;
}

export interface DemoAccounts {
  adminId: string;
  coordinatorId: string;
  organisationMemberId: string;
  volunteerId: string;
}

export interface SeedContext {
  readonly sqlite: Database.Database;
  readonly scale: SeedScale;
  readonly config: ScaleConfig;
  readonly anchorMs: number;
  readonly seed: number;
  readonly passwordHash: string;
  readonly accounts: DemoAccounts;
  neighbourhoods: SeededNeighbourhood[];
  /** Distance in km between two neighbourhoods, by id. */
  distanceKm: (a: number, b: number) => number;
  categoryIds: Map<CategorySlug, number>;
  categorySlugs: Map<number, CategorySlug>;
  /** The coordinator responsible for a neighbourhood (district coordinator or the demo coordinator). */
  coordinatorFor: (nbId: number) => string;
  volunteers: SeededVolunteer[];
  organisations: SeededOrganisation[];
  offers: SeededOffer[];
  emails: Set<string>;
  nextUserNumber: number;
  /** Written last, ordered by time, so ids follow the order things happened in. */
  notifications: PendingNotification[];
  audit: PendingAuditEvent[];
}

export function userId(n: number): string {
  return `u_${String(n).padStart(6, "0")}`;
}

/** A PRNG stream for one step, independent of the others. */
export function stepRng(ctx: Pick<SeedContext, "seed">, label: string): Rng {
  return new Rng(ctx.seed, label);
}

/** A fresh, unique, lowercase e-mail address at the seed's domain. */
export function uniqueEmail(ctx: SeedContext, localPart: string, domain = "beispiel.test"): string {
  let candidate = `${localPart}@${domain}`;
  for (let n = 2; ctx.emails.has(candidate); n++) candidate = `${localPart}${n}@${domain}`;
  ctx.emails.add(candidate);
  return candidate;
}

export function allocateUserId(ctx: SeedContext): string {
  return userId(ctx.nextUserNumber++);
}
