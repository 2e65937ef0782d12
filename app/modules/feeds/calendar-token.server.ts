/**
 * The secret behind a volunteer's personal calendar feed (`/feeds/volunteers/<token>.ics`). Anyone
 * with the URL can read the feed, so the token is long and random, and revoking it (or creating a new
 * one) makes the old URL answer 404 at once. Stored as is: the volunteer must be able to see their
 * link again, and the feed shows nothing the database does not already hold in the clear.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { users, volunteerProfiles } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";

/** 32 random bytes, base64url: 256 bits. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedCalendarToken(token: string | undefined): token is string {
  return !!token && TOKEN_PATTERN.test(token);
}

/** The path of the personal feed for a token (prefix it with the site's origin for a full URL). */
export function calendarFeedPath(token: string): string {
  return `/feeds/volunteers/${token}.ics`;
}

/**
 * Creates a new secret calendar token for the volunteer, replacing any earlier one (whose URL stops
 * working). Returns null when the person has no volunteer profile.
 */
export function createCalendarToken(db: Db, userId: string): string | null {
  const token = randomBytes(32).toString("base64url");
  const updated = db
    .update(volunteerProfiles)
    .set({ calendarToken: token })
    .where(eq(volunteerProfiles.userId, userId))
    .run();
  return updated.changes > 0 ? token : null;
}

/** Revokes the volunteer's calendar token: the feed URL answers 404 from now on. */
export function revokeCalendarToken(db: Db, userId: string): void {
  db.update(volunteerProfiles).set({ calendarToken: null }).where(eq(volunteerProfiles.userId, userId)).run();
}

/** The volunteer's current token, or null when they have none (never created, or revoked). */
export function getCalendarToken(db: Db, userId: string): string | null {
  return (
    db
      .select({ token: volunteerProfiles.calendarToken })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, userId))
      .get()?.token ?? null
  );
}

/** Whose feed is this (and in which language)? Null for an unknown, revoked or malformed token. */
export function findVolunteerByCalendarToken(
  db: Db,
  token: string | undefined,
): { userId: string; locale: UiLocale } | null {
  if (!isWellFormedCalendarToken(token)) return null;
  return (
    db
      .select({ userId: volunteerProfiles.userId, locale: users.locale })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .where(eq(volunteerProfiles.calendarToken, token))
      .get() ?? null
  );
}
