import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

/** Liveness and readiness: answers 200 only after a real query against the database. */
export function loader() {
  try {
    const row = getDb().get<{ ok: number }>(sql`select count(*) as ok from app_settings`);
    if (!row || row.ok < 1) throw new Error("settings row missing");
    return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
