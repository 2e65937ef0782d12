import { describe, expect, it } from "vitest";
import type { AuthUser } from "~/modules/auth/auth-user";
import { can, mayKnowExists, RULES, type EventResource, type OfferResource } from "./permissions";

function user(overrides: Partial<AuthUser>): AuthUser {
  return {
    id: "u",
    email: "u@beispiel.test",
    displayName: "U",
    role: "volunteer",
    locale: "de",
    isVolunteer: true,
    memberships: [],
    coordinatorNeighbourhoodIds: [],
    ...overrides,
  };
}

const ana = user({ id: "ana" });
const ben = user({ id: "ben" });
const clubOwner = user({
  id: "club",
  role: "org_member",
  isVolunteer: false,
  memberships: [{ organisationId: 1, role: "owner" }],
});
const clubMember = user({
  id: "member",
  role: "org_member",
  isVolunteer: false,
  memberships: [{ organisationId: 1, role: "member" }],
});
const otherClub = user({
  id: "other",
  role: "org_member",
  isVolunteer: false,
  memberships: [{ organisationId: 2, role: "owner" }],
});
const coordinator = user({
  id: "coord",
  role: "coordinator",
  isVolunteer: false,
  coordinatorNeighbourhoodIds: [10],
});
const farCoordinator = user({
  id: "far",
  role: "coordinator",
  isVolunteer: false,
  coordinatorNeighbourhoodIds: [20],
});
const admin = user({ id: "admin", role: "admin", isVolunteer: false });

const anasOffer: OfferResource = { volunteerId: "ana", organisationId: null, neighbourhoodIds: [10] };
const publishedClubEvent: EventResource = {
  organisationId: 1,
  createdBy: "club",
  neighbourhoodId: 10,
  published: true,
  organisationVerified: true,
};
const draftClubEvent: EventResource = { ...publishedClubEvent, published: false };

describe("can", () => {
  it("lets admins do every action", () => {
    for (const action of Object.keys(RULES) as (keyof typeof RULES)[]) {
      // Any resource shape: admins are answered before the rule runs.
      expect(can(admin, action, {} as never)).toBe(true);
    }
  });

  it("lets visitors only read public activities", () => {
    expect(can(null, "event:read", publishedClubEvent)).toBe(true);
    expect(can(null, "event:read", draftClubEvent)).toBe(false);
    expect(can(null, "event:read", { ...publishedClubEvent, organisationVerified: false })).toBe(false);
    expect(can(null, "offer:read", anasOffer)).toBe(false);
    expect(can(null, "admin:access")).toBe(false);
  });

  it("IDOR: a volunteer may change only their own offer, and may not even know of another's", () => {
    expect(can(ana, "offer:update", anasOffer)).toBe(true);
    expect(can(ben, "offer:update", anasOffer)).toBe(false);
    expect(mayKnowExists(ben, "offer:update", anasOffer)).toBe(false);
  });

  it("IDOR: an organisation changes only its own activities; a public one of another answers 403, not 404", () => {
    expect(can(clubMember, "event:update", publishedClubEvent)).toBe(true);
    expect(can(otherClub, "event:update", publishedClubEvent)).toBe(false);
    expect(mayKnowExists(otherClub, "event:update", publishedClubEvent)).toBe(true);
    expect(mayKnowExists(otherClub, "event:update", draftClubEvent)).toBe(false);
  });

  it("scopes coordinators to their neighbourhoods", () => {
    const need = { neighbourhoodId: 10, organisationId: null };
    expect(can(coordinator, "need:read", need)).toBe(true);
    expect(can(farCoordinator, "need:read", need)).toBe(false);
    expect(mayKnowExists(farCoordinator, "need:read", need)).toBe(false);
    expect(can(coordinator, "match:propose", need)).toBe(true);
    expect(can(farCoordinator, "match:propose", need)).toBe(false);
    expect(can(coordinator, "volunteer-profile:read", { userId: "ana", neighbourhoodIds: [10] })).toBe(true);
    expect(can(farCoordinator, "volunteer-profile:read", { userId: "ana", neighbourhoodIds: [10] })).toBe(
      false,
    );
  });

  it("lets owners, not plain members, manage an organisation's members", () => {
    const org = { organisationId: 1, neighbourhoodIds: [10] };
    expect(can(clubOwner, "organisation:manage-members", org)).toBe(true);
    expect(can(clubMember, "organisation:manage-members", org)).toBe(false);
    expect(can(clubMember, "organisation:read-private", org)).toBe(true);
    expect(can(otherClub, "organisation:read-private", org)).toBe(false);
  });

  it("lets coordinators of an organisation's neighbourhood verify it; an organisation without any, every coordinator", () => {
    expect(can(coordinator, "organisation:verify", { organisationId: 1, neighbourhoodIds: [10] })).toBe(true);
    expect(can(farCoordinator, "organisation:verify", { organisationId: 1, neighbourhoodIds: [10] })).toBe(
      false,
    );
    expect(can(farCoordinator, "organisation:verify", { organisationId: 1, neighbourhoodIds: [] })).toBe(
      true,
    );
    expect(can(clubOwner, "organisation:verify", { organisationId: 1, neighbourhoodIds: [] })).toBe(false);
  });

  it("keeps staff areas to staff", () => {
    expect(can(ana, "coordination:access")).toBe(false);
    expect(can(coordinator, "coordination:access")).toBe(true);
    expect(can(ana, "coordination-area:enter")).toBe(false);
    expect(can(coordinator, "coordination-area:enter")).toBe(true);
    expect(can(clubOwner, "coordination-area:enter")).toBe(true);
    expect(can(clubOwner, "coordination:access")).toBe(false);
    expect(can(coordinator, "admin:access")).toBe(false);
    expect(can(coordinator, "volunteer-area:access")).toBe(false);
    expect(can(clubOwner, "organisation-area:access")).toBe(true);
    expect(can(ana, "organisation-area:access")).toBe(false);
  });
});
