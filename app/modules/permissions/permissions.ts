/**
 * "May this user do this action on this resource?" — one pure answer, shared by the UI (to hide a
 * button) and the server (to refuse the request; see guards.server.ts). Hiding is never the protection.
 *
 * To add an action: add an entry to RULES with a typed resource. `allow` answers for a signed-in
 * non-admin (admins may do everything); `anonymous` (optional) answers for visitors; `visible` (optional)
 * says whether the user may know the object exists at all — when it says no, a denial is a 404 instead
 * of a 403, so ids cannot be probed.
 */
import type { AuthUser } from "~/modules/auth/auth-user";

// ---- resources ------------------------------------------------------------------------------------

export interface OrganisationResource {
  organisationId: number;
  /** The organisation's neighbourhoods: coordinators of any of them are responsible for it. */
  neighbourhoodIds: readonly number[];
}
export interface PersonResource {
  userId: string;
  /** Where the person volunteers (home and chosen neighbourhoods): the coordinators who may see them. */
  neighbourhoodIds: readonly number[];
}
export interface OfferResource {
  volunteerId: string | null;
  organisationId: number | null;
  neighbourhoodIds: readonly number[];
}
export interface NeedResource {
  neighbourhoodId: number;
  organisationId: number | null;
}
export interface EventResource {
  organisationId: number | null;
  createdBy: string | null;
  neighbourhoodId: number;
  /** status = published */
  published: boolean;
  /** The organisation is verified (true for events without an organisation). */
  organisationVerified: boolean;
}
export interface SignupResource {
  volunteerId: string;
  event: EventResource;
}
export interface MatchResource {
  need: NeedResource;
  offer: OfferResource;
}
/** An arrival (a household announced to a neighbourhood): its neighbourhood's coordinators only. */
export interface ArrivalResource {
  neighbourhoodId: number;
}
export interface HoursResource {
  volunteerId: string | null;
  organisationId: number | null;
  neighbourhoodId: number | null;
}

// ---- building blocks ------------------------------------------------------------------------------

export function isMemberOf(user: AuthUser, organisationId: number | null): boolean {
  return organisationId !== null && user.memberships.some((m) => m.organisationId === organisationId);
}
export function isOwnerOf(user: AuthUser, organisationId: number | null): boolean {
  return (
    organisationId !== null &&
    user.memberships.some((m) => m.organisationId === organisationId && m.role === "owner")
  );
}
export function coordinates(user: AuthUser, neighbourhoodId: number | null): boolean {
  return (
    user.role === "coordinator" &&
    neighbourhoodId !== null &&
    user.coordinatorNeighbourhoodIds.includes(neighbourhoodId)
  );
}
export function coordinatesAny(user: AuthUser, neighbourhoodIds: readonly number[]): boolean {
  return neighbourhoodIds.some((id) => coordinates(user, id));
}
/** An organisation without neighbourhoods is every coordinator's business (otherwise nobody would verify it). */
function coordinatesOrganisation(user: AuthUser, org: OrganisationResource): boolean {
  if (user.role !== "coordinator") return false;
  return org.neighbourhoodIds.length === 0 || coordinatesAny(user, org.neighbourhoodIds);
}
function ownsOffer(user: AuthUser, offer: OfferResource): boolean {
  return offer.volunteerId === user.id || isMemberOf(user, offer.organisationId);
}
function managesEvent(user: AuthUser, event: EventResource): boolean {
  if (event.organisationId !== null) return isMemberOf(user, event.organisationId);
  return coordinates(user, event.neighbourhoodId);
}
function isPublicEvent(event: EventResource): boolean {
  return event.published && event.organisationVerified;
}
function readsNeed(user: AuthUser, need: NeedResource): boolean {
  return coordinates(user, need.neighbourhoodId) || isMemberOf(user, need.organisationId);
}
function readsOffer(user: AuthUser, offer: OfferResource): boolean {
  return ownsOffer(user, offer) || coordinatesAny(user, offer.neighbourhoodIds);
}
function readsPerson(user: AuthUser, person: PersonResource): boolean {
  return person.userId === user.id || coordinatesAny(user, person.neighbourhoodIds);
}

interface Rule<R> {
  allow: (user: AuthUser, resource: R) => boolean;
  anonymous?: (resource: R) => boolean;
  visible?: (user: AuthUser | null, resource: R) => boolean;
}

function rule<R = void>(definition: Rule<R>): Rule<R> {
  return definition;
}

const nobodyButAdmins = () => false;

// ---- the rules ------------------------------------------------------------------------------------

export const RULES = {
  // Areas (home pages and their sub-pages)
  "admin:access": rule({ allow: nobodyButAdmins }),
  "coordination:access": rule({ allow: (u) => u.role === "coordinator" }),
  /** Entering /coordination at all: coordinators, and organisation members for their needs pages. */
  "coordination-area:enter": rule({ allow: (u) => u.role === "coordinator" || u.memberships.length > 0 }),
  "organisation-area:access": rule({ allow: (u) => u.memberships.length > 0 }),
  "volunteer-area:access": rule({ allow: (u) => u.isVolunteer }),

  // Administration
  "user:manage": rule({ allow: nobodyButAdmins }),
  "invite:create": rule({ allow: nobodyButAdmins }),
  "outbox:read": rule({ allow: nobodyButAdmins }),
  "system:read": rule({ allow: nobodyButAdmins }),
  /** Importing organisations and activities from a spreadsheet; each row is checked with the next one. */
  "organisations:import": rule({ allow: (u) => u.role === "coordinator" }),
  "organisations:import-into": rule<{ neighbourhoodId: number }>({
    allow: (u, r) => coordinates(u, r.neighbourhoodId),
  }),
  "settings:manage": rule({ allow: nobodyButAdmins }),
  /** The list of neighbourhoods every form chooses from (docs/decisions/093-neighbourhoods-by-admins.md). */
  "neighbourhoods:manage": rule({ allow: nobodyButAdmins }),
  /** The categories of help every form chooses from (docs/decisions/093-neighbourhoods-by-admins.md). */
  "categories:manage": rule({ allow: nobodyButAdmins }),
  "dashboard:read": rule({ allow: (u) => u.role === "coordinator" }),
  "audit:read": rule<{ neighbourhoodId: number | null }>({
    allow: (u, r) => coordinates(u, r.neighbourhoodId),
  }),

  // Organisations
  "organisation:read-private": rule<OrganisationResource>({
    allow: (u, o) => isMemberOf(u, o.organisationId) || coordinatesOrganisation(u, o),
  }),
  "organisation:update": rule<OrganisationResource>({ allow: (u, o) => isOwnerOf(u, o.organisationId) }),
  "organisation:manage-members": rule<OrganisationResource>({
    allow: (u, o) => isOwnerOf(u, o.organisationId),
  }),
  /** The organisation's own activity list (drafts included), its offers list and creating activities. */
  "organisation:manage-activities": rule<OrganisationResource>({
    allow: (u, o) => isMemberOf(u, o.organisationId),
  }),
  "organisation:verify": rule<OrganisationResource>({ allow: (u, o) => coordinatesOrganisation(u, o) }),

  // Volunteers (people)
  "volunteer-profile:read": rule<PersonResource>({
    allow: readsPerson,
    visible: (u, p) => !!u && (u.role === "admin" || readsPerson(u, p)),
  }),
  // An organisation member (or a new volunteer whose profile is gone) becomes a volunteer by creating one.
  "volunteer-profile:create": rule({
    allow: (u) => !u.isVolunteer && (u.role === "volunteer" || u.role === "org_member"),
  }),
  "volunteer-profile:update": rule<PersonResource>({
    allow: (u, p) => p.userId === u.id,
    visible: (u, p) => !!u && (u.role === "admin" || readsPerson(u, p)),
  }),
  "volunteer:verify-certificate": rule<PersonResource>({
    allow: (u, p) => coordinatesAny(u, p.neighbourhoodIds),
    visible: (u, p) => !!u && (u.role === "admin" || readsPerson(u, p)),
  }),

  // Offers
  "offer:create": rule<{ organisationId: number | null }>({
    allow: (u, r) => (r.organisationId === null ? u.isVolunteer : isMemberOf(u, r.organisationId)),
  }),
  "offer:read": rule<OfferResource>({
    allow: readsOffer,
    visible: (u, o) => !!u && (u.role === "admin" || readsOffer(u, o)),
  }),
  "offer:update": rule<OfferResource>({
    allow: ownsOffer,
    visible: (u, o) => !!u && (u.role === "admin" || readsOffer(u, o)),
  }),

  // Needs (never public: they describe newcomers' situations)
  "need:create": rule<NeedResource>({
    allow: (u, n) => coordinates(u, n.neighbourhoodId) || isMemberOf(u, n.organisationId),
  }),
  /** The needs list: a coordinator's scope, an organisation member's own organisations' needs. */
  "need:list": rule({ allow: (u) => u.role === "coordinator" || u.memberships.length > 0 }),
  "need:read": rule<NeedResource>({
    allow: readsNeed,
    visible: (u, n) => !!u && (u.role === "admin" || readsNeed(u, n)),
  }),
  "need:update": rule<NeedResource>({
    allow: readsNeed,
    visible: (u, n) => !!u && (u.role === "admin" || readsNeed(u, n)),
  }),

  // Arrivals (never public, never an organisation's: they are the coordination's records of households)
  "arrival:create": rule<ArrivalResource>({ allow: (u, a) => coordinates(u, a.neighbourhoodId) }),
  /** The arrivals overview: a coordinator's neighbourhoods. */
  "arrival:list": rule({ allow: (u) => u.role === "coordinator" }),
  "arrival:read": rule<ArrivalResource>({
    allow: (u, a) => coordinates(u, a.neighbourhoodId),
    visible: (u, a) => !!u && (u.role === "admin" || coordinates(u, a.neighbourhoodId)),
  }),
  /** Marking steps done or not needed, assigning them to organisations, bulk assignment for them. */
  "arrival:manage": rule<ArrivalResource>({
    allow: (u, a) => coordinates(u, a.neighbourhoodId),
    visible: (u, a) => !!u && (u.role === "admin" || coordinates(u, a.neighbourhoodId)),
  }),
  /** The city's first steps (templates) that arrivals are planned from. */
  "first-step-template:manage": rule({ allow: nobodyButAdmins }),

  // Events (activities) and shifts
  "event:create": rule<{ organisationId: number | null; neighbourhoodId: number }>({
    allow: (u, r) =>
      r.organisationId === null ? coordinates(u, r.neighbourhoodId) : isMemberOf(u, r.organisationId),
  }),
  "event:read": rule<EventResource>({
    allow: (u, e) => isPublicEvent(e) || managesEvent(u, e) || coordinates(u, e.neighbourhoodId),
    anonymous: isPublicEvent,
    visible: (u, e) =>
      isPublicEvent(e) ||
      (!!u && (u.role === "admin" || managesEvent(u, e) || coordinates(u, e.neighbourhoodId))),
  }),
  "event:update": rule<EventResource>({
    allow: managesEvent,
    visible: (u, e) =>
      isPublicEvent(e) ||
      (!!u && (u.role === "admin" || managesEvent(u, e) || coordinates(u, e.neighbourhoodId))),
  }),
  "shift:manage": rule<EventResource>({
    allow: managesEvent,
    visible: (u, e) => isPublicEvent(e) || (!!u && (u.role === "admin" || managesEvent(u, e))),
  }),

  // Sign-ups
  "signup:create": rule<EventResource>({ allow: (u, e) => u.isVolunteer && isPublicEvent(e) }),
  "signup:cancel": rule<SignupResource>({
    allow: (u, s) => s.volunteerId === u.id || managesEvent(u, s.event),
    visible: (u, s) => !!u && (u.role === "admin" || s.volunteerId === u.id || managesEvent(u, s.event)),
  }),
  "signup:read-list": rule<EventResource>({
    allow: (u, e) => managesEvent(u, e) || coordinates(u, e.neighbourhoodId),
  }),
  /** Writing to the helpers of a shift or an activity: the organisation and the neighbourhood's coordinators. */
  "event:message-helpers": rule<EventResource>({
    allow: (u, e) => managesEvent(u, e) || coordinates(u, e.neighbourhoodId),
    visible: (u, e) =>
      isPublicEvent(e) ||
      (!!u && (u.role === "admin" || managesEvent(u, e) || coordinates(u, e.neighbourhoodId))),
  }),

  // Matches
  "match:propose": rule<NeedResource>({ allow: (u, n) => coordinates(u, n.neighbourhoodId) }),
  "match:read": rule<MatchResource>({
    allow: (u, m) => coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer),
    visible: (u, m) =>
      !!u && (u.role === "admin" || coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer)),
  }),
  "match:respond": rule<MatchResource>({
    allow: (u, m) => ownsOffer(u, m.offer),
    visible: (u, m) =>
      !!u && (u.role === "admin" || coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer)),
  }),
  /** Starting an accepted match, completing it, confirming its hours: the need's coordinators. */
  "match:manage": rule<MatchResource>({
    allow: (u, m) => coordinates(u, m.need.neighbourhoodId),
    visible: (u, m) =>
      !!u && (u.role === "admin" || coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer)),
  }),
  /** Ending a match early (or withdrawing a proposal): the coordinators, or the offerer who can't go on. */
  "match:end": rule<MatchResource>({
    allow: (u, m) => coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer),
    visible: (u, m) =>
      !!u && (u.role === "admin" || coordinates(u, m.need.neighbourhoodId) || ownsOffer(u, m.offer)),
  }),

  // Hours
  "hours:log": rule<{ volunteerId: string }>({ allow: (u, r) => u.isVolunteer && r.volunteerId === u.id }),
  "hours:confirm": rule<HoursResource>({
    allow: (u, h) => isMemberOf(u, h.organisationId) || coordinates(u, h.neighbourhoodId),
  }),
} as const;

export type Action = keyof typeof RULES;
export type ResourceOf<A extends Action> = Parameters<(typeof RULES)[A]["allow"]>[1];
/** The arguments after the action: none for actions without a resource, the resource otherwise. */
export type ResourceArgs<A extends Action> = [ResourceOf<A>] extends [void] ? [] : [resource: ResourceOf<A>];

function ruleOf<A extends Action>(action: A): Rule<ResourceOf<A>> {
  return RULES[action] as unknown as Rule<ResourceOf<A>>;
}

/** May `user` (null = visitor) do `action` on the resource? Admins may do everything. */
export function can<A extends Action>(user: AuthUser | null, action: A, ...args: ResourceArgs<A>): boolean {
  const r = ruleOf(action);
  const resource = args[0] as ResourceOf<A>;
  if (!user) return r.anonymous ? r.anonymous(resource) : false;
  if (user.role === "admin") return true;
  return r.allow(user, resource);
}

/** May `user` know that the resource exists? False means a denial must look like "not found". */
export function mayKnowExists<A extends Action>(
  user: AuthUser | null,
  action: A,
  ...args: ResourceArgs<A>
): boolean {
  const r = ruleOf(action);
  if (!r.visible) return true;
  return r.visible(user, args[0] as ResourceOf<A>);
}
