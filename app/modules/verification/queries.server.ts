/**
 * Reading what coordinators vouch for: the permission resources, the queue of organisations and
 * certificates in a coordinator's scope, the volunteer search, and the records a decision starts from.
 * Writing: commands.server.ts.
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { type DbOrTx } from "@db/client";
import { memberships, organisations, users, volunteerProfiles } from "@db/schema";
import { OPEN_NEED_STATUSES, sqlValueList, type OrganisationKind } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { OrganisationResource, PersonResource } from "~/modules/permissions/permissions";
import { CERTIFICATE_EXPIRING_DAYS } from "~/modules/volunteers/certificate-state";
import { zonedIsoDate } from "~/utils/time";

/** Needs still looking for helpers, as an SQL list for the hand-written queries below. */
const OPEN_NEEDS = sql.raw(sqlValueList(OPEN_NEED_STATUSES));

/** Certificates that ran out this many days ago or less still show in the queue, marked expired. */
const RECENTLY_EXPIRED_DAYS = 30;

/** The queue shows the oldest organisations and the most urgent certificates; the totals say how many wait. */
const ORGANISATIONS_SHOWN = 20;

const CERTIFICATES_SHOWN = 40;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function idList(ids: readonly number[]): SQL {
  return ids.length
    ? sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
}

/** Organisations this coordinator is responsible for: in their neighbourhoods, or in none at all. */
function organisationScope(user: AuthUser): SQL {
  if (user.role === "admin") return sql`1`;
  return sql`(not exists (select 1 from organisation_neighbourhoods onb where onb.organisation_id = organisations.id)
    or exists (select 1 from organisation_neighbourhoods onb where onb.organisation_id = organisations.id
      and onb.neighbourhood_id in (${idList(user.coordinatorNeighbourhoodIds)})))`;
}

/** Volunteers this coordinator may see: living in or serving one of their neighbourhoods. */
function volunteerScope(user: AuthUser): SQL {
  if (user.role === "admin") return sql`1`;
  const ids = idList(user.coordinatorNeighbourhoodIds);
  return sql`(volunteer_profiles.home_neighbourhood_id in (${ids})
    or exists (select 1 from volunteer_neighbourhoods vn where vn.user_id = volunteer_profiles.user_id and vn.neighbourhood_id in (${ids})))`;
}

/** The organisation as a permission resource (its neighbourhoods), or null when there is none. */
export function loadOrganisationResource(db: DbOrTx, organisationId: number): OrganisationResource | null {
  const row = db
    .select({
      id: organisations.id,
      neighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from organisation_neighbourhoods where organisation_id = organisations.id)`,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  return row
    ? { organisationId: row.id, neighbourhoodIds: JSON.parse(row.neighbourhoodIds) as number[] }
    : null;
}

/** A volunteer as a permission resource (home and chosen neighbourhoods), or null without a profile. */
export function loadPersonResource(db: DbOrTx, userId: string): PersonResource | null {
  const row = db
    .select({
      userId: volunteerProfiles.userId,
      home: volunteerProfiles.homeNeighbourhoodId,
      chosen: sql<string>`(select json_group_array(neighbourhood_id) from volunteer_neighbourhoods where user_id = volunteer_profiles.user_id)`,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row) return null;
  const ids = new Set<number>(JSON.parse(row.chosen) as number[]);
  if (row.home !== null) ids.add(row.home);
  return { userId: row.userId, neighbourhoodIds: [...ids].sort((a, b) => a - b) };
}

export interface OrganisationInQueue {
  id: number;
  name: string;
  kind: OrganisationKind;
  email: string | null;
  website: string | null;
  createdAt: number;
  neighbourhoodNames: string[];
  ownerNames: string[];
}

export interface CertificateInQueue {
  userId: string;
  displayName: string;
  homeNeighbourhoodName: string | null;
  validUntil: string | null;
  /** "expiring": runs out within 60 days; "expired": ran out recently; "requested": none valid, but needed. */
  reason: "expiring" | "expired" | "requested";
}

/**
 * What waits for this coordinator: unverified organisations in scope (once their owner has confirmed the
 * address they registered with), certificates that run out soon
 * (or just did), and volunteers without a valid certificate whose active offers fit live needs in scope
 * that require one. Three queries.
 */
export function listVerificationQueue(
  db: DbOrTx,
  user: AuthUser,
  now: number = Date.now(),
): {
  organisations: OrganisationInQueue[];
  organisationTotal: number;
  certificates: CertificateInQueue[];
  certificateTotal: number;
} {
  const today = zonedIsoDate(now);
  const orgRows = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      email: organisations.email,
      website: organisations.website,
      createdAt: organisations.createdAt,
      neighbourhoodNames: sql<string>`(select json_group_array(n.name) from organisation_neighbourhoods onb
        join neighbourhoods n on n.id = onb.neighbourhood_id where onb.organisation_id = organisations.id)`,
      ownerNames: sql<string>`(select json_group_array(u.display_name) from memberships m
        join users u on u.id = m.user_id where m.organisation_id = organisations.id and m.role = 'owner')`,
      total: sql<number>`count(*) over ()`,
    })
    .from(organisations)
    .where(
      and(
        isNull(organisations.verifiedAt),
        organisationScope(user),
        // A registration counts once its owner has confirmed the address (registerAccount).
        sql`not exists (select 1 from memberships m join users u on u.id = m.user_id
          where m.organisation_id = organisations.id and m.role = 'owner' and u.email_verified_at is null)`,
      ),
    )
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(ORGANISATIONS_SHOWN)
    .all();

  const certificateColumns = {
    userId: volunteerProfiles.userId,
    displayName: users.displayName,
    validUntil: volunteerProfiles.certificateValidUntil,
    homeNeighbourhoodName: sql<
      string | null
    >`(select name from neighbourhoods where id = volunteer_profiles.home_neighbourhood_id)`,
    total: sql<number>`count(*) over ()`,
  };
  const expiring = db
    .select(certificateColumns)
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(
      and(
        sql`${volunteerProfiles.certificateVerifiedAt} is not null`,
        sql`volunteer_profiles.certificate_valid_until between ${addDays(today, -RECENTLY_EXPIRED_DAYS)} and ${addDays(today, CERTIFICATE_EXPIRING_DAYS)}`,
        volunteerScope(user),
      ),
    )
    .orderBy(asc(volunteerProfiles.certificateValidUntil), asc(users.displayName))
    .limit(CERTIFICATES_SHOWN)
    .all();
  const scopeNeeds =
    user.role === "admin" ? sql`1` : sql`n.neighbourhood_id in (${idList(user.coordinatorNeighbourhoodIds)})`;
  const requested = db
    .select(certificateColumns)
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(
      and(
        sql`(volunteer_profiles.certificate_valid_until is null or volunteer_profiles.certificate_valid_until < ${addDays(today, -RECENTLY_EXPIRED_DAYS)})`,
        volunteerScope(user),
        // The categories with open needs that require a certificate are few: one uncorrelated list,
        // computed once (a correlated check per offer took seconds at city scale).
        sql`exists (select 1 from offers o where o.volunteer_id = volunteer_profiles.user_id and o.status = 'active'
          and o.category_id in (select n.category_id from needs n where n.requires_certificate = 1
            and n.status in ${OPEN_NEEDS} and ${scopeNeeds}))`,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(CERTIFICATES_SHOWN)
    .all();

  return {
    organisationTotal: orgRows[0]?.total ?? 0,
    certificateTotal: (expiring[0]?.total ?? 0) + (requested[0]?.total ?? 0),
    organisations: orgRows.map(({ total: _total, ...r }) => ({
      ...r,
      createdAt: r.createdAt.getTime(),
      neighbourhoodNames: JSON.parse(r.neighbourhoodNames) as string[],
      ownerNames: JSON.parse(r.ownerNames) as string[],
    })),
    certificates: [
      ...expiring.map(({ total: _total, ...r }) => ({
        ...r,
        reason: (r.validUntil !== null && r.validUntil < today
          ? "expired"
          : "expiring") as CertificateInQueue["reason"],
      })),
      ...requested.map(({ total: _total, ...r }) => ({ ...r, reason: "requested" as const })),
    ],
  };
}

/** Volunteers in scope whose name or e-mail contains the query (to record a certificate for anyone). */
export function searchVolunteers(
  db: DbOrTx,
  user: AuthUser,
  query: string,
): { userId: string; displayName: string; email: string }[] {
  const q = query.trim();
  if (q.length < 2) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ userId: volunteerProfiles.userId, displayName: users.displayName, email: users.email })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(
      and(
        sql`(${users.displayName} like ${pattern} escape '\\' or ${users.email} like ${pattern} escape '\\')`,
        volunteerScope(user),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(20)
    .all();
}

export interface VolunteerCertificate {
  userId: string;
  displayName: string;
  email: string;
  homeNeighbourhoodId: number | null;
  homeNeighbourhoodName: string | null;
  validUntil: string | null;
  verifiedAt: number | null;
  verifiedByName: string | null;
  /** A verified certificate that has not run out (`validUntil` is the last day it counts). */
  valid: boolean;
}

/** The certificate state of a volunteer the user may verify; 404 / 403 otherwise. */
export function requireVolunteerCertificate(
  db: DbOrTx,
  user: AuthUser,
  userId: string,
  now = Date.now(),
): VolunteerCertificate {
  const person = loadPersonResource(db, userId);
  if (!person) throw notFound();
  assertCan(user, "volunteer:verify-certificate", person);
  const row = db
    .select({
      userId: volunteerProfiles.userId,
      displayName: users.displayName,
      email: users.email,
      homeNeighbourhoodId: volunteerProfiles.homeNeighbourhoodId,
      homeNeighbourhoodName: sql<
        string | null
      >`(select name from neighbourhoods where id = volunteer_profiles.home_neighbourhood_id)`,
      validUntil: volunteerProfiles.certificateValidUntil,
      verifiedAt: volunteerProfiles.certificateVerifiedAt,
      verifiedByName: sql<
        string | null
      >`(select display_name from users v where v.id = volunteer_profiles.certificate_verified_by)`,
    })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row) throw notFound();
  const today = zonedIsoDate(now);
  return {
    ...row,
    verifiedAt: row.verifiedAt?.getTime() ?? null,
    valid: row.verifiedAt !== null && row.validUntil !== null && row.validUntil >= today,
  };
}

export interface OrganisationForVerification {
  id: number;
  name: string;
  kind: OrganisationKind;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  createdAt: number;
  verifiedAt: number | null;
  verifiedByName: string | null;
  neighbourhoodNames: string[];
  owners: { displayName: string; email: string }[];
}

/** An organisation the user may verify, with its owners; 404 / 403 otherwise. Two queries. */
export function requireOrganisationForVerification(
  db: DbOrTx,
  user: AuthUser,
  organisationId: number,
): OrganisationForVerification {
  const resource = loadOrganisationResource(db, organisationId);
  if (!resource) throw notFound();
  assertCan(user, "organisation:verify", resource);
  const row = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      description: organisations.description,
      email: organisations.email,
      phone: organisations.phone,
      website: organisations.website,
      createdAt: organisations.createdAt,
      verifiedAt: organisations.verifiedAt,
      verifiedByName: sql<
        string | null
      >`(select display_name from users v where v.id = organisations.verified_by)`,
      neighbourhoodNames: sql<string>`(select json_group_array(n.name) from organisation_neighbourhoods onb
        join neighbourhoods n on n.id = onb.neighbourhood_id where onb.organisation_id = organisations.id)`,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!row) throw notFound();
  const owners = db
    .select({ displayName: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
    .orderBy(asc(users.displayName))
    .all();
  return {
    ...row,
    createdAt: row.createdAt.getTime(),
    verifiedAt: row.verifiedAt?.getTime() ?? null,
    neighbourhoodNames: JSON.parse(row.neighbourhoodNames) as string[],
    owners,
  };
}
