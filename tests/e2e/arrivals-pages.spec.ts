import { scan } from "./axe";
import { expect, test, type DemoAccount } from "./fixtures";
import { type Target, resolveTargets } from "./key-pages";
import { overflow } from "./layout";

// Every page of arrivals and first steps, on a phone (390 px), in German and in Arabic: no WCAG 2.2 AA
// violation (axe) and nothing that scrolls sideways. One test per page and language: each has its
// own time budget.

const WIDTH = 390;

const PAGES: [DemoAccount, string, Target][] = [
  ["coordinator", "the arrivals overview", "/coordination/arrivals"],
  ["coordinator", "recording an arrival", "/coordination/arrivals/new"],
  [
    "coordinator",
    "an arrival's checklist",
    { from: "/coordination/arrivals?status=all", link: /^\/coordination\/arrivals\/\d+$/ },
  ],
  [
    "coordinator",
    "an arrival's bulk assignment",
    { from: "previous", link: /^\/coordination\/arrivals\/\d+\/bulk$/ },
  ],
  ["coordinator", "the Lagebild's list of arrivals", "/coordination/dashboard/arrivals"],
  ["admin", "the first steps", "/admin/first-steps"],
  ["admin", "a new first step", "/admin/first-steps/new"],
  ["admin", "editing a first step", { from: "/admin/first-steps", link: /^\/admin\/first-steps\/\d+$/ }],
];

test.use({ viewport: { width: WIDTH, height: 844 } });
test.describe.configure({ mode: "parallel" });

for (const [index, [who, name]] of PAGES.entries()) {
  for (const lng of ["de", "ar"]) {
    test(`${name} (${lng}) passes axe and fits ${WIDTH} px`, async ({ page, loginAs }) => {
      await loginAs(who);
      // A page found through a link: the pages before it in the list lead there.
      let first = index;
      while (first > 0 && typeof PAGES[first]![2] !== "string") first -= 1;
      const paths = await resolveTargets(
        page,
        PAGES.slice(first, index + 1).map(([, , target]) => target),
      );
      const path = paths.at(-1)!;
      expect.soft(await scan(page, path, lng), `axe on ${path} (${lng})`).toEqual([]);
      const { scrollWidth, culprits } = await overflow(page, WIDTH);
      expect(
        scrollWidth,
        `${path} (${lng}) is ${scrollWidth} px wide: ${culprits.join(", ")}`,
      ).toBeLessThanOrEqual(WIDTH);
    });
  }
}
