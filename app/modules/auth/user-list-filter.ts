import { USER_ROLE, type UserRole } from "@db/schema/enums";

export interface UserListFilter {
  role?: UserRole;
  /** A search in names and addresses, at most 100 characters. */
  q: string;
  page: number;
}

/** The people list's filter from its URL: an unknown role, a long search or a wild page number is ignored. */
export function parseUserListFilter(params: URLSearchParams): UserListFilter {
  const roleParam = params.get("role");
  const role = (USER_ROLE as readonly string[]).includes(roleParam ?? "")
    ? (roleParam as UserRole)
    : undefined;
  const q = (params.get("q") ?? "").slice(0, 100);
  const pageParam = Number(params.get("page") ?? "1");
  const page = Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  return { role, q, page };
}
