import { allocateUserId, uniqueEmail, type SeedContext } from "../context";
import { DEMO_EMAILS } from "../demo-accounts";
import { DISTRICTS } from "../reference/gelsenkirchen";
import { emailLocalPart } from "../text";
import { DAY_MS, HOUR_MS } from "../time";
import { createWriter, flushAll } from "../writers";

/** The logins the demo documents (every seeded account shares the password). */
export { DEMO_EMAILS, DEMO_PASSWORD } from "../demo-accounts";

/** One coordinator per Stadtbezirk, besides the demo coordinator who covers the whole city. */
const DISTRICT_COORDINATORS: Record<(typeof DISTRICTS)[number], [string, string, "female" | "male"]> = {
  "Gelsenkirchen-Mitte": ["Ahmet", "Yıldırım", "male"],
  "Gelsenkirchen-Nord": ["Julia", "Brinkmann", "female"],
  "Gelsenkirchen-Ost": ["Olena", "Melnyk", "female"],
  "Gelsenkirchen-Süd": ["Thomas", "Kampmann", "male"],
  "Gelsenkirchen-West": ["Derya", "Aydın", "female"],
};

/**
 * Staff accounts: admin, the demo coordinator (scoped to every neighbourhood) and one coordinator per
 * Stadtbezirk. The demo organisation member and volunteer accounts are created by their own steps, with
 * the ids reserved in `ctx.accounts`.
 */
export function seedAccounts(ctx: SeedContext): number {
  const users = createWriter(ctx.sqlite, "users");
  const scopes = createWriter(ctx.sqlite, "coordinator_neighbourhoods");
  const createdAt = ctx.anchorMs - 400 * DAY_MS;
  const verifiedAt = createdAt + HOUR_MS;
  const lastLogin = ctx.anchorMs - 2 * HOUR_MS;

  const addStaff = (id: string, email: string, name: string, role: string, gender: string) => {
    ctx.emails.add(email);
    users.add(
      id,
      email,
      verifiedAt,
      ctx.passwordHash,
      name,
      role,
      "de",
      null,
      gender,
      null,
      lastLogin,
      createdAt,
      createdAt,
    );
  };

  addStaff(ctx.accounts.adminId, DEMO_EMAILS.admin, "Betriebsteam miteinander", "admin", "unspecified");
  addStaff(ctx.accounts.coordinatorId, DEMO_EMAILS.coordinator, "Katrin Neumann", "coordinator", "female");
  for (const nb of ctx.neighbourhoods) scopes.add(ctx.accounts.coordinatorId, nb.id, createdAt);

  // Reserve the other two demo addresses so generated people never take them.
  ctx.emails.add(DEMO_EMAILS.organisationMember);
  ctx.emails.add(DEMO_EMAILS.volunteer);

  const byDistrict = new Map<string, string>();
  for (const district of DISTRICTS) {
    const [first, last, gender] = DISTRICT_COORDINATORS[district];
    const id = allocateUserId(ctx);
    addStaff(id, uniqueEmail(ctx, emailLocalPart(first, last)), `${first} ${last}`, "coordinator", gender);
    byDistrict.set(district, id);
    for (const nb of ctx.neighbourhoods) if (nb.district === district) scopes.add(id, nb.id, createdAt);
  }

  const districtOf = new Map(ctx.neighbourhoods.map((nb) => [nb.id, nb.district]));
  // Most records of a neighbourhood are kept by its district coordinator; a deterministic third by the
  // demo coordinator, so the demo login has plenty of its own records.
  ctx.coordinatorFor = (nbId) =>
    nbId % 3 === 0
      ? ctx.accounts.coordinatorId
      : (byDistrict.get(districtOf.get(nbId) ?? "") ?? ctx.accounts.coordinatorId);

  return flushAll(users, scopes);
}
