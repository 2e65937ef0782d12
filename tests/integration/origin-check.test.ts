import { describe, expect, it } from "vitest";
import { isAllowedOrigin, type OriginFacts } from "../../server/origin-check";

const post = (facts: Partial<OriginFacts>): OriginFacts => ({
  method: "POST",
  host: "miteinander.example",
  origin: undefined,
  referer: undefined,
  secFetchSite: undefined,
  ...facts,
});

describe("origin check", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isAllowedOrigin({ ...post({ origin: "https://evil.example" }), method: "GET" })).toBe(true);
    expect(isAllowedOrigin({ ...post({ origin: "https://evil.example" }), method: "HEAD" })).toBe(true);
  });

  it("accepts a POST from our own origin and refuses one from another site", () => {
    expect(isAllowedOrigin(post({ origin: "https://miteinander.example" }))).toBe(true);
    expect(isAllowedOrigin(post({ origin: "https://evil.example" }))).toBe(false);
    expect(isAllowedOrigin(post({ origin: "https://miteinander.example.evil.example" }))).toBe(false);
    expect(isAllowedOrigin(post({ origin: "null" }))).toBe(false);
    expect(isAllowedOrigin({ ...post({ origin: "https://evil.example" }), method: "DELETE" })).toBe(false);
  });

  it("compares the port too", () => {
    expect(isAllowedOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isAllowedOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" }))).toBe(false);
  });

  it("accepts APP_URL's host behind a proxy that rewrites Host", () => {
    expect(
      isAllowedOrigin(
        post({
          host: "127.0.0.1:3000",
          origin: "https://miteinander.example",
          publicHost: "miteinander.example",
        }),
      ),
    ).toBe(true);
  });

  it("without Origin, decides by Referer and Sec-Fetch-Site", () => {
    expect(isAllowedOrigin(post({ referer: "https://miteinander.example/login" }))).toBe(true);
    expect(isAllowedOrigin(post({ referer: "https://evil.example/page" }))).toBe(false);
    expect(isAllowedOrigin(post({ secFetchSite: "cross-site" }))).toBe(false);
    expect(isAllowedOrigin(post({ secFetchSite: "same-site" }))).toBe(false);
    expect(isAllowedOrigin(post({ secFetchSite: "same-origin" }))).toBe(true);
    // No browser signal at all: not a browser, so no victim's cookie to abuse (curl, monitoring).
    expect(isAllowedOrigin(post({}))).toBe(true);
  });
});
