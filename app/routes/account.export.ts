import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { exportOwnData } from "~/modules/privacy/account-privacy.server";

/** GET /account/export: everything stored about the signed-in person, as a JSON download (GDPR art. 15, 20). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const data = exportOwnData(getDb(), user.id);
  if (!data) throw new Response("Not found", { status: 404 });
  const date = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="miteinander-my-data-${date}.json"`,
      // Personal data: never kept by a browser cache or a proxy.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
