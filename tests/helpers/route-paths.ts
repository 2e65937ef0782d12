import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * Which route module answers a path, read from the file names in app/routes as Remix's flat routes name
 * them (`coordination.organisations_.$id.tsx` → `/coordination/organisations/:id`, `activities.$id[.ics].ts` →
 * `/activities/:id.ics`). For tests that follow links the app writes (notifications, home pages) to the
 * loader that would answer them.
 */

const ROUTES_DIR = join(process.cwd(), "app/routes");

interface RoutePattern {
  file: string;
  segments: string[];
}

function patternOf(file: string): RoutePattern {
  const base = file.replace(/\.(tsx|ts)$/, "");
  const parts: string[] = [];
  let current = "";
  let inBrackets = false;
  for (const ch of base) {
    if (ch === "[") inBrackets = true;
    else if (ch === "]") inBrackets = false;
    else if (ch === "." && !inBrackets) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const segments = parts
    .filter((p) => p !== "_index" && !p.startsWith("_"))
    .map((p) => (p.endsWith("_") ? p.slice(0, -1) : p))
    .map((p) => p.replace(/^\$/, ":"));
  return { file, segments };
}

const PATTERNS = readdirSync(ROUTES_DIR)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f))
  .map(patternOf);

/** The route file and params for a path, preferring literal segments over params (as Remix does). */
export function resolveRoute(path: string): { file: string; params: Record<string, string> } | null {
  const segments = new URL(path, "http://x").pathname.split("/").filter(Boolean);
  let best: { file: string; params: Record<string, string>; literal: number } | null = null;
  for (const pattern of PATTERNS) {
    if (pattern.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literal = 0;
    const ok = pattern.segments.every((p, i) => {
      const s = segments[i]!;
      if (p.startsWith(":")) {
        // `:id.ics`: a param with a literal suffix.
        const dot = p.indexOf(".");
        const name = dot === -1 ? p.slice(1) : p.slice(1, dot);
        const suffix = dot === -1 ? "" : p.slice(dot);
        if (!s.endsWith(suffix) || s.length === suffix.length) return false;
        params[name] = s.slice(0, s.length - suffix.length);
        return true;
      }
      literal++;
      return p === s;
    });
    if (ok && (!best || literal > best.literal)) best = { file: pattern.file, params, literal };
  }
  return best ? { file: best.file, params: best.params } : null;
}

type Loader = (args: LoaderFunctionArgs) => unknown;

/** The loader of the route module that answers a path (null when no file matches or it has none). */
export async function loaderFor(
  path: string,
): Promise<{ loader: Loader; params: Record<string, string>; file: string } | null> {
  const route = resolveRoute(path);
  if (!route) return null;
  const module = (await import(/* @vite-ignore */ join(ROUTES_DIR, route.file))) as { loader?: Loader };
  return module.loader ? { loader: module.loader, params: route.params, file: route.file } : null;
}
