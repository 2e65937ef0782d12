import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";

/** Logout is a POST only: a link or an image on another page cannot log anyone out. */
export async function action({ request }: ActionFunctionArgs) {
  return logout(getDb(), request, "/");
}

export function loader() {
  return redirect("/");
}
