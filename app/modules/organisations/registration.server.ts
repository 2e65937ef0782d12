import type { Db, DbOrTx } from "@db/client";
import { like } from "drizzle-orm";
import { memberships, organisations } from "@db/schema";
import type { OrganisationKind, UiLocale } from "@db/schema/enums";
import { registerAccount } from "~/modules/auth/registration.server";
import { type Outcome } from "~/modules/auth/account-queries.server";

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

function freeSlug(tx: DbOrTx, name: string): string {
  const base = slugify(name);
  const taken = new Set(
    tx
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
 * Registers an organisation with its first person as owner, the same way as a volunteer's registration
 * (registerAccount): the same answer whether the address was free or taken, and the account is usable
 * once its address is confirmed. The organisation starts unverified: its activities become public once a
 * coordinator has verified it; coordinators see it once its owner has confirmed the address.
 */
export function registerOrganisation(
  db: Db,
  input: NewOrganisationAccount,
  ip: string,
  origin: string,
): Promise<Outcome<{ sentTo: string }>> {
  return registerAccount(
    db,
    {
      account: input,
      role: "org_member",
      createWith: (tx, userId) => {
        const organisationId = tx
          .insert(organisations)
          .values({
            slug: freeSlug(tx, input.organisationName),
            name: input.organisationName,
            kind: input.kind,
            email: input.email,
          })
          .returning({ id: organisations.id })
          .get().id;
        tx.insert(memberships).values({ organisationId, userId, role: "owner" }).run();
      },
    },
    ip,
    origin,
  );
}
