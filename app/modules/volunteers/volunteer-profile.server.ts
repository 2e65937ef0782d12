/**
 * The volunteer profile: read it with everything the profile page shows, and save it (create or
 * update) in one transaction. A person who registered as an organisation member becomes a volunteer
 * by saving a profile.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@db/client";
import {
  neighbourhoods,
  users,
  volunteerAvailability,
  volunteerLanguages,
  volunteerNeighbourhoods,
  volunteerProfiles,
  volunteerSkills,
} from "@db/schema";
import type { Language, LanguageLevel } from "@db/schema/enums";
import type { FieldErrors } from "~/utils/form-validation";
import { rekeyHomeAddress } from "./home-address.server";
import type { WeeklyWindow } from "./availability";
import { certificateState, type CertificateState } from "./certificate-state";
import type { VolunteerProfileInput } from "./volunteer-profile.schema";

export interface VolunteerProfileView {
  userId: string;
  homeNeighbourhoodId: number | null;
  radiusKm: number;
  hoursCapPerWeek: number;
  bio: string;
  languages: { language: Language; level: LanguageLevel }[];
  skills: string[];
  neighbourhoodIds: number[];
  availability: WeeklyWindow[];
  certificate: {
    validUntil: string | null;
    verifiedAt: number | null;
    verifiedByName: string | null;
    state: CertificateState;
    daysLeft: number | null;
  };
  hasCalendarToken: boolean;
}

const verifier = alias(users, "verifier");

/** Strongest language first, the way people list them. */
const LEVEL_ORDER = sql`case ${volunteerLanguages.level} when 'native' then 0 when 'fluent' then 1 when 'good' then 2 else 3 end`;

/** The profile with languages, skills, neighbourhoods and availability, or null: five queries. */
export function getVolunteerProfile(db: Db, userId: string, today: string): VolunteerProfileView | null {
  const row = db
    .select({
      profile: volunteerProfiles,
      verifiedByName: verifier.displayName,
    })
    .from(volunteerProfiles)
    .leftJoin(verifier, eq(verifier.id, volunteerProfiles.certificateVerifiedBy))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row) return null;
  const p = row.profile;
  const languages = db
    .select({ language: volunteerLanguages.language, level: volunteerLanguages.level })
    .from(volunteerLanguages)
    .where(eq(volunteerLanguages.userId, userId))
    .orderBy(LEVEL_ORDER, asc(volunteerLanguages.language))
    .all();
  const skills = db
    .select({ skill: volunteerSkills.skill })
    .from(volunteerSkills)
    .where(eq(volunteerSkills.userId, userId))
    .orderBy(asc(volunteerSkills.skill))
    .all()
    .map((s) => s.skill);
  const neighbourhoodIds = db
    .select({ id: volunteerNeighbourhoods.neighbourhoodId })
    .from(volunteerNeighbourhoods)
    .where(eq(volunteerNeighbourhoods.userId, userId))
    .orderBy(asc(volunteerNeighbourhoods.neighbourhoodId))
    .all()
    .map((n) => n.id);
  const availability = db
    .select({
      weekday: volunteerAvailability.weekday,
      startMinute: volunteerAvailability.startMinute,
      endMinute: volunteerAvailability.endMinute,
    })
    .from(volunteerAvailability)
    .where(eq(volunteerAvailability.userId, userId))
    .orderBy(asc(volunteerAvailability.weekday), asc(volunteerAvailability.startMinute))
    .all();
  const verified = p.certificateVerifiedAt !== null;
  const { state, daysLeft } = certificateState(verified ? p.certificateValidUntil : null, today);
  return {
    userId,
    homeNeighbourhoodId: p.homeNeighbourhoodId,
    radiusKm: p.radiusKm,
    hoursCapPerWeek: p.hoursCapPerWeek,
    bio: p.bio,
    languages,
    skills,
    neighbourhoodIds,
    availability,
    certificate: {
      validUntil: verified ? p.certificateValidUntil : null,
      verifiedAt: p.certificateVerifiedAt?.getTime() ?? null,
      verifiedByName: row.verifiedByName,
      state,
      daysLeft,
    },
    hasCalendarToken: p.calendarToken !== null,
  };
}

export function hasVolunteerProfile(db: Db, userId: string): boolean {
  return !!db
    .select({ id: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
}

export type SaveProfileResult = { ok: true; created: boolean } | { ok: false; errors: FieldErrors };

/**
 * Creates or replaces the profile of `userId` (languages, skills, neighbourhoods and availability are
 * replaced as a whole). Unknown neighbourhood ids answer with field errors and change nothing. The
 * certificate and the calendar token are never touched here.
 */
export function saveVolunteerProfile(
  db: Db,
  userId: string,
  input: VolunteerProfileInput,
): SaveProfileResult {
  return db.transaction(
    (tx) => {
      const wanted = [
        ...new Set([
          ...input.neighbourhoodIds,
          ...(input.homeNeighbourhoodId ? [input.homeNeighbourhoodId] : []),
        ]),
      ];
      const known = new Set(
        wanted.length === 0
          ? []
          : tx
              .select({ id: neighbourhoods.id })
              .from(neighbourhoods)
              .where(inArray(neighbourhoods.id, wanted))
              .all()
              .map((n) => n.id),
      );
      const errors: FieldErrors = {};
      if (input.homeNeighbourhoodId !== null && !known.has(input.homeNeighbourhoodId)) {
        errors.homeNeighbourhoodId = "volunteer:errors.neighbourhoodUnknown";
      }
      if (input.neighbourhoodIds.some((id) => !known.has(id)))
        errors.neighbourhoodIds = "volunteer:errors.neighbourhoodUnknown";
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };

      const existed = !!tx
        .select({ id: volunteerProfiles.userId })
        .from(volunteerProfiles)
        .where(eq(volunteerProfiles.userId, userId))
        .get();
      const fields = {
        homeNeighbourhoodId: input.homeNeighbourhoodId,
        radiusKm: input.radiusKm,
        hoursCapPerWeek: input.hoursCapPerWeek,
        bio: input.bio,
      };
      if (existed) {
        tx.update(volunteerProfiles).set(fields).where(eq(volunteerProfiles.userId, userId)).run();
        rekeyHomeAddress(tx, userId);
      } else {
        tx.insert(volunteerProfiles)
          .values({ userId, ...fields })
          .run();
      }

      tx.delete(volunteerLanguages).where(eq(volunteerLanguages.userId, userId)).run();
      if (input.languages.length > 0) {
        tx.insert(volunteerLanguages)
          .values(input.languages.map((l) => ({ userId, ...l })))
          .run();
      }
      tx.delete(volunteerSkills).where(eq(volunteerSkills.userId, userId)).run();
      if (input.skills.length > 0)
        tx.insert(volunteerSkills)
          .values(input.skills.map((skill) => ({ userId, skill })))
          .run();
      tx.delete(volunteerNeighbourhoods).where(eq(volunteerNeighbourhoods.userId, userId)).run();
      if (input.neighbourhoodIds.length > 0) {
        tx.insert(volunteerNeighbourhoods)
          .values(input.neighbourhoodIds.map((neighbourhoodId) => ({ userId, neighbourhoodId })))
          .run();
      }
      tx.delete(volunteerAvailability).where(eq(volunteerAvailability.userId, userId)).run();
      if (input.availability.length > 0) {
        tx.insert(volunteerAvailability)
          .values(input.availability.map((w) => ({ userId, ...w })))
          .run();
      }
      return { ok: true as const, created: !existed };
    },
    { behavior: "immediate" },
  );
}

/** The neighbourhoods a volunteer serves as the permission check sees them (home + chosen). */
export function volunteerNeighbourhoodIds(db: Db, userId: string): number[] {
  const home = db
    .select({ id: volunteerProfiles.homeNeighbourhoodId })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  const chosen = db
    .select({ id: volunteerNeighbourhoods.neighbourhoodId })
    .from(volunteerNeighbourhoods)
    .where(eq(volunteerNeighbourhoods.userId, userId))
    .all()
    .map((r) => r.id);
  return [...new Set([...(home?.id ? [home.id] : []), ...chosen])];
}
