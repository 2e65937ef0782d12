import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@db/client";
import { memberships, organisations, users } from "@db/schema";
import type { MembershipRole, OrganisationKind } from "@db/schema/enums";

export interface OrganisationSummary {
  id: number;
  name: string;
  kind: OrganisationKind;
  verifiedAt: number | null;
}

export function getOrganisationSummary(db: Db, organisationId: number): OrganisationSummary | null {
  const row = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      verifiedAt: organisations.verifiedAt,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  return row ? { ...row, verifiedAt: row.verifiedAt?.getTime() ?? null } : null;
}

export interface MemberListItem {
  userId: string;
  displayName: string;
  email: string;
  role: MembershipRole;
  since: number;
}

export function listMembers(db: Db, organisationId: number): MemberListItem[] {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.role), asc(users.displayName))
    .all()
    .map((m) => ({ ...m, since: m.since.getTime() }));
}

/** Removes a member (never an owner: an organisation keeps at least the owner who manages it). */
export function removeMember(db: Db, organisationId: number, userId: string): boolean {
  return (
    db
      .delete(memberships)
      .where(
        and(
          eq(memberships.organisationId, organisationId),
          eq(memberships.userId, userId),
          ne(memberships.role, "owner"),
        ),
      )
      .run().changes > 0
  );
}
