import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safe redirect targets", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/activities?page=2#list")).toBe("/activities?page=2#list");
    expect(safeRedirectPath("/volunteer/profile")).toBe("/volunteer/profile");
    expect(safeRedirectPath("/a/../b")).toBe("/b");
  });

  it("refuses everything that leads elsewhere, however it is written", () => {
    for (const target of [
      "//evil.example",
      "/\t/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "/\n/evil.example",
      "/\r//evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "/\u0000/evil.example",
      "https://evil.example/",
      "http:evil.example",
      "javascript:alert(1)",
      " /activities",
      "activities",
      "",
      "/".repeat(3000),
    ]) {
      expect(safeRedirectPath(target, "/home"), JSON.stringify(target)).toBe("/home");
    }
    expect(safeRedirectPath(null, "/home")).toBe("/home");
  });

  it("answers the login's redirectTo=/%09/evil.example with the home page", () => {
    const target = new URLSearchParams("redirectTo=/%09/evil.example").get("redirectTo");
    expect(safeRedirectPath(target, "/volunteer")).toBe("/volunteer");
  });
});
