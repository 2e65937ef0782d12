declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as express sees it (X-Forwarded-For only from a trusted local proxy). */
    clientIp?: string;
  }
}

/** The client's IP for throttling; "unknown" when there is no server in front (tests, dev). */
export function clientIpOf(context: { clientIp?: string } | undefined): string {
  const ip = context?.clientIp;
  return typeof ip === "string" && ip.length > 0 && ip.length <= 64 ? ip : "unknown";
}
