/**
 * Sessions: the ONE module that knows lucia (see docs/decisions/004-lucia-behind-one-module.md).
 * Everything else calls the functions below; swapping lucia for another library (or our own ~100 lines)
 * changes this file only.
 *
 * What lucia does here: session ids, the adapter that writes and deletes rows of `sessions`, and cookie
 * serialisation. What we do on top, because lucia v3 has one global lifetime: expiry by role (idle and
 * absolute), and hashing — the cookie holds a random token, the table only its SHA-256, so a leaked
 * database or backup holds no usable session.
 */
import { createHash } from "node:crypto";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { Cookie, generateIdFromEntropySize, Lucia, TimeSpan } from "lucia";
import type { Db } from "@db/client";
import { sessions, users } from "@db/schema";
import type { MembershipRole, UiLocale, UserRole } from "@db/schema/enums";
import { homePathFor, type AuthUser } from "./auth-user";
import { usesSecureTransport } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

export type { AuthUser } from "./auth-user";
export { homePathFor } from "./auth-user";

declare module "lucia" {
  interface Register {
    Lucia: Lucia;
    DatabaseSessionAttributes: { userAgent: string | null };
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Coordinators and admins read sensitive needs and personal data: short sessions. Volunteers and
 * organisation members stay signed in for a week of inactivity, at most a month.
 */
export const SESSION_POLICY = {
  standard: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
  privileged: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
} as const;

/** last_seen_at is written at most once a minute per session, not on every request. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

export function sessionPolicyFor(role: UserRole): { idleMs: number; absoluteMs: number } {
  return role === "coordinator" || role === "admin" ? SESSION_POLICY.privileged : SESSION_POLICY.standard;
}

/** Secure + `__Host-` in production (but for a demo on http://localhost: see usesSecureTransport). */
function cookieConfig(): { name: string; secure: boolean } {
  const secure = usesSecureTransport();
  return { name: secure ? "__Host-session" : "session", secure };
}

const luciaByDb = new WeakMap<Db, { standard: Lucia; privileged: Lucia }>();

function luciaFor(db: Db, role: UserRole): Lucia {
  let pair = luciaByDb.get(db);
  if (!pair) {
    const adapter = new DrizzleSQLiteAdapter(db, sessions, users);
    // lucia writes expires_at = now + sessionExpiresIn on creation: one instance per policy gives each new
    // session its role's idle deadline in a single insert. Validation is ours (see loadSession).
    const make = (idleMs: number) =>
      new Lucia(adapter, { sessionExpiresIn: new TimeSpan(Math.round(idleMs / 1000), "s") });
    pair = {
      standard: make(SESSION_POLICY.standard.idleMs),
      privileged: make(SESSION_POLICY.privileged.idleMs),
    };
    luciaByDb.set(db, pair);
  }
  return sessionPolicyFor(role) === SESSION_POLICY.privileged ? pair.privileged : pair.standard;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function serializeCookie(value: string, maxAgeSeconds: number): string {
  const { name, secure } = cookieConfig();
  return new Cookie(name, value, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: maxAgeSeconds,
  }).serialize();
}

/** A Set-Cookie value that removes the session cookie. */
export function blankSessionCookie(): string {
  return serializeCookie("", 0);
}

function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const { name } = cookieConfig();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // lucia ids are lowercase base32; anything else cannot be ours and is not looked up.
    return /^[a-z2-7]{32,64}$/.test(value) ? value : null;
  }
  return null;
}

function hasSessionCookie(request: Request): boolean {
  const { name } = cookieConfig();
  return (request.headers.get("Cookie") ?? "").split(";").some((p) => p.trim().startsWith(`${name}=`));
}

/**
 * Starts a session for a user who has just proven who they are, and returns the `Set-Cookie` header value
 * to send with the response (usually a redirect). Expired sessions of everyone are purged on the way.
 */
export async function createUserSession(db: Db, userId: string, request: Request): Promise<string> {
  const user = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`createUserSession: no user ${userId}`);
  const lucia = luciaFor(db, user.role);
  await lucia.deleteExpiredSessions();
  // 25 bytes = 200 bits of entropy in the cookie; the row's id is its hash.
  const token = generateIdFromEntropySize(25);
  const userAgent = request.headers.get("User-Agent")?.slice(0, 300) ?? null;
  await lucia.createSession(userId, { userAgent }, { sessionId: hashToken(token) });
  return serializeCookie(token, Math.floor(sessionPolicyFor(user.role).absoluteMs / 1000));
}

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

interface LoadedSession {
  user: AuthUser;
  session: SessionInfo;
}

const loadedByRequest = new WeakMap<Request, Promise<LoadedSession | null>>();

/** One query for the session, the user, their memberships, scope and volunteer profile; one write at most. */
async function loadSession(db: Db, request: Request): Promise<LoadedSession | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const id = hashToken(token);
  const row = db
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      hasProfile: sql<number>`exists (select 1 from volunteer_profiles vp where vp.user_id = ${users.id})`,
      memberships: sql<string>`(select json_group_array(json_object('organisationId', m.organisation_id, 'role', m.role))
        from (select organisation_id, role from memberships where user_id = ${users.id} order by created_at, organisation_id) m)`,
      neighbourhoodIds: sql<string>`(select json_group_array(c.neighbourhood_id)
        from (select neighbourhood_id from coordinator_neighbourhoods where user_id = ${users.id} order by neighbourhood_id) c)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;

  const policy = sessionPolicyFor(row.role);
  const now = Date.now();
  const createdAt = row.createdAt.getTime();
  const lastSeenAt = row.lastSeenAt.getTime();
  const absoluteDeadline = createdAt + policy.absoluteMs;
  const deadline = Math.min(lastSeenAt + policy.idleMs, absoluteDeadline, row.expiresAt * 1000);
  if (now >= deadline) {
    await luciaFor(db, row.role).invalidateSession(id);
    return null;
  }
  let session: SessionInfo = { id, createdAt, lastSeenAt, expiresAt: row.expiresAt * 1000 };
  if (now - lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) {
    const expiresAt = Math.floor(Math.min(now + policy.idleMs, absoluteDeadline) / 1000);
    db.update(sessions)
      .set({ lastSeenAt: new Date(now), expiresAt })
      .where(eq(sessions.id, id))
      .run();
    session = { id, createdAt, lastSeenAt: now, expiresAt: expiresAt * 1000 };
  }
  const user: AuthUser = {
    id: row.userId,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    locale: row.locale as UiLocale,
    isVolunteer: row.role === "volunteer" || row.hasProfile === 1,
    memberships: JSON.parse(row.memberships) as { organisationId: number; role: MembershipRole }[],
    coordinatorNeighbourhoodIds: JSON.parse(row.neighbourhoodIds) as number[],
  };
  return { user, session };
}

function loadSessionOnce(db: Db, request: Request): Promise<LoadedSession | null> {
  let loaded = loadedByRequest.get(request);
  if (!loaded) {
    loaded = loadSession(db, request);
    loadedByRequest.set(request, loaded);
  }
  return loaded;
}

/** The signed-in user, or null. Cached per request, so the root and the route loader share one lookup. */
export async function getOptionalUser(db: Db, request: Request): Promise<AuthUser | null> {
  return (await loadSessionOnce(db, request))?.user ?? null;
}

/** The signed-in user with their current session (for the sessions list on the account page). */
export async function getOptionalSession(db: Db, request: Request): Promise<LoadedSession | null> {
  return loadSessionOnce(db, request);
}

/** The path (with query) to come back to after login; single-fetch `.data` URLs map to their page. */
export function returnPathOf(request: Request): string {
  const url = new URL(request.url);
  let path = url.pathname;
  if (path.endsWith(".data")) {
    path = path.slice(0, -".data".length);
    if (path === "/_root") path = "/";
  }
  url.searchParams.delete("_routes");
  const search = url.searchParams.toString();
  return search ? `${path}?${search}` : path;
}

/** The signed-in user; anonymous requests are redirected to `/login?redirectTo=<this page>`. */
export async function requireUser(db: Db, request: Request): Promise<AuthUser> {
  const user = await getOptionalUser(db, request);
  if (user) return user;
  const headers = new Headers();
  // A cookie that no longer names a live session is removed, so the browser stops sending it.
  if (hasSessionCookie(request)) headers.append("Set-Cookie", blankSessionCookie());
  throw redirect(`/login?${new URLSearchParams({ redirectTo: returnPathOf(request) })}`, { headers });
}

/**
 * For pages only visitors need (login, registration): a signed-in person is sent on, to the page named
 * by a safe `redirectTo` query parameter, else to their home page.
 */
export async function requireAnonymous(db: Db, request: Request): Promise<void> {
  const user = await getOptionalUser(db, request);
  if (!user) return;
  throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), homePathFor(user)));
}

/** The signed-in user if their role is one of `roles`; otherwise 403 (anonymous: redirect to login). */
export async function requireRole(db: Db, request: Request, ...roles: UserRole[]): Promise<AuthUser> {
  const user = await requireUser(db, request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Ends the current session and redirects (default: home page), removing the cookie. */
export async function logout(db: Db, request: Request, redirectTo = "/"): Promise<Response> {
  const token = readSessionToken(request);
  if (token)
    db.delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .run();
  return redirect(redirectTo, { headers: { "Set-Cookie": blankSessionCookie() } });
}

/** Every session of the user ends (password change by reset, role change, erasure). */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Every session but the one the user is using now ("log out everywhere else", password change). */
export async function revokeOtherSessions(db: Db, userId: string, keepSessionId: string): Promise<number> {
  return db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run().changes;
}

/** Ends one session of this user; another user's session id changes nothing (ownership in the where). */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  return (
    db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
      .run().changes > 0
  );
}

export interface UserSessionListItem {
  id: string;
  userAgent: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** The user's live sessions, most recently used first. */
export function listUserSessions(db: Db, userId: string): UserSessionListItem[] {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > ${nowSeconds}`))
    .orderBy(desc(sessions.lastSeenAt), asc(sessions.id))
    .all()
    .map((s) => ({
      id: s.id,
      userAgent: s.userAgent,
      createdAt: s.createdAt.getTime(),
      lastSeenAt: s.lastSeenAt.getTime(),
      expiresAt: s.expiresAt * 1000,
    }));
}
