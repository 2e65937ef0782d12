/** A page title in the visitor's language, from the titles the root loader sends along. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: string): string {
  const root = matches.find((m) => m.id === "root")?.data as { titles?: Record<string, string> } | undefined;
  const title = root?.titles?.[key];
  return title ? `${title} · miteinander` : "miteinander";
}
