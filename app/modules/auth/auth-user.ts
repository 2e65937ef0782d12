import type { MembershipRole, UiLocale, UserRole } from "@db/schema/enums";

/**
 * The signed-in person as every loader, action and permission check sees them. Pure data: safe to pass
 * to the browser (root loader) and to the pure `can()`.
 */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  locale: UiLocale;
  /** True for volunteers and for anyone else who keeps a volunteer profile (an org member can help too). */
  isVolunteer: boolean;
  memberships: { organisationId: number; role: MembershipRole }[];
  /** The coordinator's scope; empty for everyone else. */
  coordinatorNeighbourhoodIds: number[];
}

/** Where a person lands after login and when they click "My page". */
export function homePathFor(user: Pick<AuthUser, "role" | "memberships">): string {
  switch (user.role) {
    case "admin":
      return "/admin";
    case "coordinator":
      return "/coordination";
    case "org_member":
      return "/organisation";
    default:
      return "/volunteer";
  }
}
