import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { memberships, organisations, users } from "@db/schema";
import type { OrganisationKind, UiLocale } from "@db/schema/enums";
import { isUniqueViolation, registrationThrottled, type Outcome } from "~/modules/auth/accounts.server";
import { hashPassword } from "~/modules/auth/password.server";
import { recordFailure, throttleKeys } from "~/modules/auth/throttle.server";
import { getDb } from "~/utils/db.server";

/** "Türkischer Kulturverein e.V." → "tuerkischer-kulturverein-e-v" */
export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "organisation";
}

function freeSlug(name: string): string {
  const base = slugify(name);
  const taken = new Set(
    getDb()
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(like(organisations.slug, `${base}%`))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface NewOrganisationAccount {
  organisationName: string;
  kind: OrganisationKind;
  displayName: string;
  email: string;
  password: string;
  locale: UiLocale;
}

/**
 * Registers an organisation with its first person as owner. The organisation starts unverified: its
 * activities become public once a coordinator has verified it.
 */
export async function registerOrganisation(
  input: NewOrganisationAccount,
  ip: string,
): Promise<Outcome<{ userId: string; organisationId: number }>> {
  const throttled = registrationThrottled(ip);
  if (throttled) return throttled;
  const db = getDb();
  if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
    return { ok: false, errors: { email: "auth:errors.emailTaken" } };
  }
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  let organisationId = 0;
  try {
    db.transaction((tx) => {
      tx.insert(users)
        .values({
          id: userId,
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          role: "org_member",
          locale: input.locale,
        })
        .run();
      organisationId = tx
        .insert(organisations)
        .values({
          slug: freeSlug(input.organisationName),
          name: input.organisationName,
          kind: input.kind,
          email: input.email,
        })
        .returning({ id: organisations.id })
        .get().id;
      tx.insert(memberships).values({ organisationId, userId, role: "owner" }).run();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { email: "auth:errors.emailTaken" } };
    throw error;
  }
  recordFailure([throttleKeys.registerIp(ip)]);
  return { ok: true, value: { userId, organisationId } };
}
