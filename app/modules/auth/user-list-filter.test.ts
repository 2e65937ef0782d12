import { describe, expect, it } from "vitest";
import { parseUserListFilter } from "./user-list-filter";

const parse = (query: string) => parseUserListFilter(new URLSearchParams(query));

describe("the people list's filter", () => {
  it("takes a known role, the search and the page", () => {
    expect(parse("role=coordinator&q=Ana&page=3")).toEqual({ role: "coordinator", q: "Ana", page: 3 });
  });

  it("ignores an unknown role and a wild page, and cuts a long search", () => {
    expect(parse(`role=root&q=${"x".repeat(500)}&page=-1`)).toEqual({
      role: undefined,
      q: "x".repeat(100),
      page: 1,
    });
    expect(parse("page=1e9").page).toBe(1);
    expect(parse("page=2.5").page).toBe(1);
    expect(parse("").page).toBe(1);
  });
});
