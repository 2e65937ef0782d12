/**
 * Invitations: admins invite coordinators and admins; organisation owners invite members. An invite is
 * a single-use, expiring token sent by e-mail; accepting it creates the account (or, for an organisation
 * invite to an existing account, adds the membership).
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  authTokens,
  coordinatorNeighbourhoods,
  memberships,
  neighbourhoods,
  organisations,
  users,
} from "@db/schema";
import type { UiLocale, UserRole } from "@db/schema/enums";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { findUserByEmail, isUniqueViolation, type Outcome } from "./account-queries.server";
import { passwordMatchesEmail } from "./auth.schema";
import { hashPassword } from "./password.server";
import { recordFailure, throttledNow, throttleKeys } from "./throttle.server";
import { consumeToken, findUsableToken, hashToken, issueToken, TOKEN_TTL_MS } from "./tokens.server";
import { neighbourhoodsExist } from "~/modules/places/places.server";

const DAY = 24 * 3_600_000;

interface Inviter {
  id: string;
  displayName: string;
}

/**
 * Every invitation e-mail counts against its sender: a few dozen an hour (THROTTLE.inviteSender), so a
 * taken-over account cannot turn the hub into a mail cannon. Null when the sender may send one more.
 */
function inviteThrottled(db: Db, inviter: Inviter) {
  return throttledNow(db, [throttleKeys.inviteSender(inviter.id)]);
}

function countInvite(db: Db, inviter: Inviter): void {
  recordFailure(db, [throttleKeys.inviteSender(inviter.id)]);
}

/** An admin invites a coordinator or an admin. The e-mail goes out in the admin's current language. */
export async function createStaffInvite(
  db: Db,
  inviter: Inviter,
  input: {
    email: string;
    role: Extract<UserRole, "coordinator" | "admin">;
    neighbourhoodIds?: readonly number[];
  },
  origin: string,
  locale: UiLocale,
): Promise<Outcome<null>> {
  const throttled = inviteThrottled(db, inviter);
  if (throttled) return throttled;
  if (findUserByEmail(db, input.email))
    return { ok: false, errors: { email: "auth:errors.emailHasAccount" } };
  // A coordinator invite carries the neighbourhoods the account starts with; an admin sees everything.
  const scope = input.role === "coordinator" ? [...new Set(input.neighbourhoodIds ?? [])] : [];
  if (scope.length > 0) {
    if (!neighbourhoodsExist(db, scope))
      return { ok: false, errors: { neighbourhoodIds: "auth:errors.neighbourhoodInvalid" } };
  }
  const t = await i18nServer(db).getFixedT(locale, "auth");
  countInvite(db, inviter);
  db.transaction((tx) => {
    const token = issueToken(tx, {
      purpose: "invite",
      email: input.email,
      role: input.role,
      neighbourhoodIds: scope.length > 0 ? scope : undefined,
      createdBy: inviter.id,
    });
    enqueueEmail(tx, {
      to: input.email,
      locale,
      kind: "invite",
      params: {
        name: input.email,
        inviter: inviter.displayName,
        role: t(`roles.${input.role}`),
        days: TOKEN_TTL_MS.invite / DAY,
        url: `${origin}/invite?token=${token}`,
      },
    });
  });
  return { ok: true, value: null };
}

/** An owner invites someone (with or without an account) into the organisation. */
export async function createOrganisationInvite(
  db: Db,
  inviter: Inviter,
  organisationId: number,
  email: string,
  origin: string,
  locale: UiLocale,
): Promise<Outcome<null>> {
  const throttled = inviteThrottled(db, inviter);
  if (throttled) return throttled;
  const org = db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!org) return { ok: false, errors: { form: "auth:errors.organisationMissing" } };
  const existing = findUserByEmail(db, email);
  if (existing) {
    const member = db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, existing.id)))
      .get();
    if (member) return { ok: false, errors: { email: "auth:errors.alreadyMember" } };
  }
  const t = await i18nServer(db).getFixedT(existing?.locale ?? locale, "auth");
  countInvite(db, inviter);
  db.transaction((tx) => {
    const token = issueToken(tx, {
      purpose: "organisation_invite",
      email,
      organisationId,
      createdBy: inviter.id,
    });
    enqueueEmail(tx, {
      userId: existing?.id ?? null,
      to: email,
      locale: existing?.locale ?? locale,
      kind: "invite",
      params: {
        name: existing?.displayName ?? email,
        inviter: inviter.displayName,
        role: t("roles.memberOf", { organisation: org.name }),
        days: TOKEN_TTL_MS.organisation_invite / DAY,
        url: `${origin}/invite?token=${token}`,
      },
    });
  });
  return { ok: true, value: null };
}

export interface InviteDetails {
  purpose: "invite" | "organisation_invite";
  email: string;
  role: UserRole;
  organisationId: number | null;
  organisationName: string | null;
  /** A coordinator invite's neighbourhoods: the account's scope from the start. */
  neighbourhoodIds: number[];
  /** An organisation invite to an address that already has an account: log in and join. */
  accountExists: boolean;
}

export function findInvite(db: Db, token: string): InviteDetails | null {
  const row = findUsableToken(db, "invite", token) ?? findUsableToken(db, "organisation_invite", token);
  if (!row) return null;
  const org =
    row.organisationId !== null
      ? db
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, row.organisationId))
          .get()
      : undefined;
  if (row.purpose === "organisation_invite" && !org) return null;
  return {
    purpose: row.purpose as InviteDetails["purpose"],
    email: row.email,
    role: row.purpose === "invite" ? (row.role ?? "coordinator") : "org_member",
    organisationId: row.organisationId,
    organisationName: org?.name ?? null,
    neighbourhoodIds:
      row.purpose === "invite" && row.role === "coordinator" ? (row.neighbourhoodIds ?? []) : [],
    accountExists: !!findUserByEmail(db, row.email),
  };
}

/** Creates the invited person's account (and membership) and uses up the token. */
export async function acceptInviteWithNewAccount(
  db: Db,
  token: string,
  input: { displayName: string; password: string },
  locale: UiLocale,
): Promise<Outcome<{ userId: string; role: UserRole }>> {
  const invite = findInvite(db, token);
  if (!invite) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  if (invite.accountExists) return { ok: false, errors: { form: "auth:errors.inviteNeedsLogin" } };
  if (passwordMatchesEmail(input.password, invite.email))
    return { ok: false, errors: { password: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    const done = db.transaction((tx) => {
      if (!consumeToken(tx, hashToken(token))) return false;
      tx.insert(users)
        .values({
          id: userId,
          email: invite.email,
          emailVerifiedAt: new Date(),
          displayName: input.displayName,
          passwordHash,
          role: invite.role,
          locale,
        })
        .run();
      if (invite.organisationId !== null)
        tx.insert(memberships)
          .values({ organisationId: invite.organisationId, userId, role: "member" })
          .run();
      // Neighbourhoods removed since the invite was sent are skipped.
      const scope = invite.neighbourhoodIds.length
        ? tx
            .select({ id: neighbourhoods.id })
            .from(neighbourhoods)
            .where(inArray(neighbourhoods.id, invite.neighbourhoodIds))
            .all()
        : [];
      if (scope.length)
        tx.insert(coordinatorNeighbourhoods)
          .values(scope.map((n) => ({ userId, neighbourhoodId: n.id })))
          .run();
      return true;
    });
    if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { form: "auth:errors.inviteNeedsLogin" } };
    throw error;
  }
  return { ok: true, value: { userId, role: invite.role } };
}

/** A signed-in person joins the organisation they were invited to (only with the invited address). */
export function acceptOrganisationInvite(
  db: Db,
  token: string,
  user: { id: string; email: string },
): Outcome<{ organisationId: number }> {
  const invite = findInvite(db, token);
  if (!invite || invite.organisationId === null)
    return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  if (invite.email !== user.email) return { ok: false, errors: { form: "auth:errors.inviteOtherEmail" } };
  const organisationId = invite.organisationId;
  const done = db.transaction((tx) => {
    if (!consumeToken(tx, hashToken(token))) return false;
    tx.insert(memberships)
      .values({ organisationId, userId: user.id, role: "member" })
      .onConflictDoNothing()
      .run();
    return true;
  });
  if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  return { ok: true, value: { organisationId } };
}

export interface PendingInvite {
  id: string;
  email: string;
  role: UserRole | null;
  /** A coordinator invite's neighbourhoods (empty otherwise). */
  neighbourhoodIds: number[];
  expiresAt: number;
  createdAt: number;
}

/** Open invites (staff invites, or one organisation's), newest last. `id` is the token's hash, not the token. */
export function listPendingInvites(
  db: Db,
  filter: { organisationId: number } | { staff: true },
): PendingInvite[] {
  const purposeWhere =
    "staff" in filter
      ? eq(authTokens.purpose, "invite")
      : and(
          eq(authTokens.purpose, "organisation_invite"),
          eq(authTokens.organisationId, filter.organisationId),
        );
  return db
    .select({
      id: authTokens.tokenHash,
      email: authTokens.email,
      role: authTokens.role,
      neighbourhoodIds: authTokens.neighbourhoodIds,
      expiresAt: authTokens.expiresAt,
      createdAt: authTokens.createdAt,
    })
    .from(authTokens)
    .where(and(purposeWhere, isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .orderBy(asc(authTokens.createdAt))
    .all()
    .map((r) => ({
      ...r,
      neighbourhoodIds: r.neighbourhoodIds ?? [],
      expiresAt: r.expiresAt.getTime(),
      createdAt: r.createdAt.getTime(),
    }));
}

/** Withdraws an open invite; the filter keeps an owner from touching another organisation's invites. */
export function revokeInvite(
  db: Db,
  id: string,
  filter: { organisationId: number } | { staff: true },
): boolean {
  const purposeWhere =
    "staff" in filter
      ? eq(authTokens.purpose, "invite")
      : and(
          eq(authTokens.purpose, "organisation_invite"),
          eq(authTokens.organisationId, filter.organisationId),
        );
  const result = db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.tokenHash, id), purposeWhere, isNull(authTokens.usedAt)))
    .run();
  return result.changes > 0;
}
