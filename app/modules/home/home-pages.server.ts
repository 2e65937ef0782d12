/**
 * The data of each role's home page. Each loads with a fixed number of queries, whatever the size of
 * the lists (counts and sums are aggregated in SQL).
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  authTokens,
  emailOutbox,
  events,
  matches,
  needs,
  neighbourhoods,
  offers,
  organisations,
  shifts,
  signups,
  users,
  volunteerProfiles,
} from "@db/schema";
import {
  OPEN_NEED_STATUSES,
  USER_ROLE,
  type EventStatus,
  type OrganisationKind,
  type SignupStatus,
  type UserRole,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { listMatchDates, type MatchDate } from "~/modules/matches/match-dates.server";
import { countOrganisationsForReview } from "~/modules/organisations/verification.server";
import { hoursTotalsOfYear } from "~/modules/volunteers/hours.server";
import { zonedIsoDate } from "~/utils/time";

/**
 * A number on a home page and the page that lists exactly what it counts (issue 13, seam 5: a count of
 * proposals linked to a page that said there were none). tests/integration/home-figures.test.ts follows
 * every `href` and counts.
 */
export interface HomeFigure {
  key: string;
  value: number;
  href: string;
}

// ---- volunteer ------------------------------------------------------------------------------------

export interface VolunteerHome {
  profile: {
    homeNeighbourhood: string | null;
    radiusKm: number;
    hoursCapPerWeek: number;
    certificateValidUntil: string | null;
    languages: { language: string; level: string }[];
    skills: string[];
    neighbourhoods: string[];
  } | null;
  commitments: {
    signupId: number;
    status: SignupStatus;
    eventId: number;
    eventTitle: string;
    shiftTitle: string;
    startsAt: number;
    endsAt: number;
    place: string;
    neighbourhood: string;
  }[];
  /** Appointments of matches the volunteer said yes to. */
  matchDates: MatchDate[];
  /** The numbers on top, each with the list it counts. */
  figures: HomeFigure[];
}

export function loadVolunteerHome(db: Db, userId: string, now = Date.now()): VolunteerHome {
  const profileRow = db
    .select({
      homeNeighbourhood: neighbourhoods.name,
      radiusKm: volunteerProfiles.radiusKm,
      hoursCapPerWeek: volunteerProfiles.hoursCapPerWeek,
      certificateValidUntil: volunteerProfiles.certificateValidUntil,
      languages: sql<string>`(select json_group_array(json_object('language', language, 'level', level)) from (select language, level from volunteer_languages where user_id = ${volunteerProfiles.userId} order by language))`,
      skills: sql<string>`(select json_group_array(skill) from (select skill from volunteer_skills where user_id = ${volunteerProfiles.userId} order by skill))`,
      neighbourhoods: sql<string>`(select json_group_array(n.name) from volunteer_neighbourhoods vn join neighbourhoods n on n.id = vn.neighbourhood_id where vn.user_id = ${volunteerProfiles.userId})`,
    })
    .from(volunteerProfiles)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerProfiles.homeNeighbourhoodId))
    .where(eq(volunteerProfiles.userId, userId))
    .get();

  const commitments = db
    .select({
      signupId: signups.id,
      status: signups.status,
      eventId: events.id,
      eventTitle: events.title,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      place: events.place,
      neighbourhood: neighbourhoods.name,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .where(
      and(
        eq(signups.volunteerId, userId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        gt(shifts.endsAt, new Date(now)),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(signups.id))
    .limit(20)
    .all();

  const hours = hoursTotalsOfYear(db, userId, zonedIsoDate(now).slice(0, 4));
  const upcoming = db
    .select({ n: count() })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(
      and(
        eq(signups.volunteerId, userId),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        gt(shifts.endsAt, new Date(now)),
      ),
    )
    .get();
  const matchDates = listMatchDates(db, userId, now);
  const proposed = db
    .select({ n: count() })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(and(eq(offers.volunteerId, userId), eq(matches.status, "proposed")))
    .get();

  return {
    profile: profileRow
      ? {
          homeNeighbourhood: profileRow.homeNeighbourhood,
          radiusKm: profileRow.radiusKm,
          hoursCapPerWeek: profileRow.hoursCapPerWeek,
          certificateValidUntil: profileRow.certificateValidUntil,
          languages: JSON.parse(profileRow.languages) as { language: string; level: string }[],
          skills: JSON.parse(profileRow.skills) as string[],
          neighbourhoods: JSON.parse(profileRow.neighbourhoods) as string[],
        }
      : null,
    commitments: commitments.map((c) => ({
      ...c,
      startsAt: c.startsAt.getTime(),
      endsAt: c.endsAt.getTime(),
    })),
    matchDates,
    figures: [
      { key: "hoursConfirmed", value: hours.confirmed, href: "/volunteer/hours" },
      {
        key: "dates",
        value: (upcoming?.n ?? 0) + matchDates.length,
        href: "/volunteer/commitments",
      },
      { key: "proposals", value: proposed?.n ?? 0, href: "/matches?status=proposed" },
    ],
  };
}

// ---- organisation ---------------------------------------------------------------------------------

export interface OrganisationHomeItem {
  id: number;
  name: string;
  kind: OrganisationKind;
  verified: boolean;
  myRole: "owner" | "member";
  memberCount: number;
  activities: {
    id: number;
    title: string;
    status: EventStatus;
    startsAt: number;
    endsAt: number;
    helpersNeeded: number;
    helpersConfirmed: number;
  }[];
}

export function loadOrganisationHome(db: Db, user: AuthUser, now = Date.now()): OrganisationHomeItem[] {
  const ids = user.memberships.map((m) => m.organisationId);
  if (ids.length === 0) return [];
  const orgs = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      verifiedAt: organisations.verifiedAt,
      memberCount: sql<number>`(select count(*) from memberships m where m.organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .orderBy(asc(organisations.name))
    .all();
  const activities = db
    .select({
      id: events.id,
      organisationId: events.organisationId,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      helpersNeeded: sql<number>`coalesce(sum(${shifts.neededCount}), 0)`,
      helpersConfirmed: sql<number>`coalesce(sum(${shifts.confirmedCount}), 0)`,
    })
    .from(events)
    .leftJoin(shifts, eq(shifts.eventId, events.id))
    .where(and(inArray(events.organisationId, ids), gt(events.endsAt, new Date(now))))
    .groupBy(events.id)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(200)
    .all();
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    verified: o.verifiedAt !== null,
    myRole: user.memberships.find((m) => m.organisationId === o.id)?.role ?? "member",
    memberCount: o.memberCount,
    activities: activities
      .filter((a) => a.organisationId === o.id)
      .slice(0, 20)
      .map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        startsAt: a.startsAt.getTime(),
        endsAt: a.endsAt.getTime(),
        helpersNeeded: a.helpersNeeded,
        helpersConfirmed: a.helpersConfirmed,
      })),
  }));
}

// ---- coordination ---------------------------------------------------------------------------------

export interface CoordinationHome {
  allNeighbourhoods: boolean;
  /** Per neighbourhood: needs still looking for helpers, and of those the urgent ones. */
  neighbourhoods: { id: number; name: string; openNeeds: HomeFigure; urgentNeeds: HomeFigure }[];
  figures: HomeFigure[];
}

/** The needs list, as the needs page reads its filter. */
function needsHref(params: Record<string, string | number>): string {
  return `/coordination/needs?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function loadCoordinationHome(db: Db, user: AuthUser): CoordinationHome {
  const all = user.role === "admin";
  const scope = user.coordinatorNeighbourhoodIds;
  const rows =
    all || scope.length > 0
      ? db
          .select({
            id: neighbourhoods.id,
            name: neighbourhoods.name,
            openNeeds: sql<number>`count(${needs.id})`,
            urgentNeeds: sql<number>`coalesce(sum(case when ${needs.urgency} = 'urgent' then 1 else 0 end), 0)`,
          })
          .from(neighbourhoods)
          .leftJoin(
            needs,
            and(eq(needs.neighbourhoodId, neighbourhoods.id), inArray(needs.status, [...OPEN_NEED_STATUSES])),
          )
          .where(all ? undefined : inArray(neighbourhoods.id, scope))
          .groupBy(neighbourhoods.id)
          .orderBy(desc(sql`count(${needs.id})`), asc(neighbourhoods.name))
          .all()
      : [];
  const proposed =
    all || scope.length > 0
      ? (db
          .select({ n: count() })
          .from(matches)
          .innerJoin(needs, eq(needs.id, matches.needId))
          .where(and(eq(matches.status, "proposed"), all ? undefined : inArray(needs.neighbourhoodId, scope)))
          .get()?.n ?? 0)
      : 0;
  return {
    allNeighbourhoods: all,
    neighbourhoods: rows.map((r) => ({
      id: r.id,
      name: r.name,
      openNeeds: {
        key: "openNeeds",
        value: r.openNeeds,
        href: needsHref({ status: "active", neighbourhood: r.id }),
      },
      urgentNeeds: {
        key: "urgentNeeds",
        value: r.urgentNeeds,
        href: needsHref({ status: "active", neighbourhood: r.id, urgency: "urgent" }),
      },
    })),
    figures: [
      {
        key: "openNeeds",
        value: rows.reduce((n, r) => n + r.openNeeds, 0),
        href: needsHref({ status: "active" }),
      },
      { key: "proposals", value: proposed, href: "/coordination/dashboard/matches?kind=waiting" },
      {
        key: "organisationsToVerify",
        value: countOrganisationsForReview(db, user),
        href: "/coordination/organisations",
      },
    ],
  };
}

// ---- admin ----------------------------------------------------------------------------------------

export interface AdminHome {
  /** People per role, each with the user list filtered to that role. */
  people: (HomeFigure & { role: UserRole })[];
  /** What waits for the operator: invites, organisations, e-mails. */
  figures: HomeFigure[];
}

export function loadAdminHome(db: Db, now = Date.now()): AdminHome {
  const byRole = db.select({ role: users.role, n: count() }).from(users).groupBy(users.role).all();
  const usersByRole: Record<UserRole, number> = { volunteer: 0, org_member: 0, coordinator: 0, admin: 0 };
  for (const row of byRole) usersByRole[row.role] = row.n;
  const invites = db
    .select({ n: count() })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.purpose, "invite"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date(now)),
      ),
    )
    .get();
  const unverified = db
    .select({ n: count() })
    .from(organisations)
    .where(isNull(organisations.verifiedAt))
    .get();
  const outbox = db
    .select({
      pending: sql<number>`coalesce(sum(case when ${emailOutbox.status} = 'pending' then 1 else 0 end), 0)`,
      failed: sql<number>`coalesce(sum(case when ${emailOutbox.status} = 'failed' then 1 else 0 end), 0)`,
    })
    .from(emailOutbox)
    .get();
  return {
    people: USER_ROLE.map((role) => ({
      key: `role-${role}`,
      role,
      value: usersByRole[role],
      href: `/admin/users?role=${role}`,
    })),
    figures: [
      { key: "invites", value: invites?.n ?? 0, href: "/admin/invites" },
      { key: "organisationsToVerify", value: unverified?.n ?? 0, href: "/coordination/organisations" },
      { key: "outboxPending", value: outbox?.pending ?? 0, href: "/admin/outbox?status=pending" },
      { key: "outboxFailed", value: outbox?.failed ?? 0, href: "/admin/outbox?status=failed" },
    ],
  };
}
