/**
 * Any address no other route knows. Answering 404 from a loader (instead of leaving the URL unmatched)
 * lets the root loader run first, so the not-found page has the person's header, language and, on a
 * demo database, the demo banner like every other page.
 */
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
