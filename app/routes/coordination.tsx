import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { CoordinationNav } from "~/components/coordination/coordination-nav";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { can } from "~/modules/permissions/permissions";
import coordinationStyles from "~/styles/coordination.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinationStyles }];

export const handle = { i18n: ["common", "coordination"] };

/**
 * The frame of every /coordination page: the area's styles and, for coordinators, its navigation.
 * This guard only keeps visitors and plain volunteers out of the area; a layout's loader does not run
 * for a child's action or resource route, so every child route keeps its own guard.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination-area:enter");
  // Organisation members use the needs pages; the coordinators' sections are not theirs.
  return { showNav: can(user, "coordination:access") };
}

export default function CoordinationLayout() {
  const { showNav } = useLoaderData<typeof loader>();
  return (
    <>
      {showNav ? <CoordinationNav /> : null}
      <Outlet />
    </>
  );
}
