/** A page title in the visitor's language, from the titles the root loader sends along. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: string): string {
  const root = matches.find((m) => m.id === "root")?.data as { titles?: Record<string, string> } | undefined;
  const title = root?.titles?.[key];
  return title ? `${title} · miteinander` : "miteinander";
}

/**
 * The referrer policy of a page whose URL holds a single-use token (reset, invite, confirmation, setup):
 * no other site may see the URL in a Referer. "same-origin", not "no-referrer": under no-referrer a
 * browser sends `Origin: null` with the page's own form POST, which the origin check refuses, so the
 * form would not work without JavaScript.
 */
export const TOKEN_PAGE_REFERRER = { name: "referrer", content: "same-origin" } as const;
