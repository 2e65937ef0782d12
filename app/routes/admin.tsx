import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import coordinationStyles from "~/styles/coordination.css?url";

// The admin pages share the coordination pages' form layout (checkbox fields, page headings).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinationStyles }];

export const handle = { i18n: ["common", "admin"] };

/**
 * The frame of every /admin page. The guard keeps everyone but administrators out; a layout's loader
 * does not run for a child's action, so every child route keeps its own guard.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "admin:access");
  return null;
}

export default function AdminLayout() {
  return <Outlet />;
}
