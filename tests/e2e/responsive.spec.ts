import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { KEY_PAGES, resolveTarget, withLanguage, type Target, type Who } from "./key-pages";
import { navigationOutOfReach, overflow } from "./layout";
import { texts } from "./texts";

// A phone held upright (390 px wide), in German and in Arabic, one test per page (each with its own time
// budget, so a busy machine cannot fail a whole role at once): no page scrolls sideways (wide content
// such as a heat map scrolls inside its own labelled region, and a data table becomes a list of cards),
// the header leaves most of the first screen to the page, every link and button of the header and of
// the navigations (log out and the language switch included) is on the screen or behind one visible
// menu button, never past the edge of a row that scrolls sideways, a definition list puts each label
// above its value instead of squeezing the value, and no word of a table breaks inside itself. The
// club's home shows each activity's helpers on the screen; on a desktop (1280 px) the language switch
// is on the header's first line.

const WIDTH = 390;
const HEIGHT = 844;
/**
 * The header (brand and language on one line, the menus below) may take at most a sixth of the first
 * screen, and with the demo database's banner above it at most a quarter.
 */
const MAX_HEADER = HEIGHT / 6;
const MAX_TOP = HEIGHT / 4;

test.use({ viewport: { width: WIDTH, height: HEIGHT } });
test.describe.configure({ mode: "parallel" });

/** Values of definition lists narrower than half their list (a value squeezed beside its label). */
async function squeezedValues(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main dl dd"))
      .filter((dd) => {
        const list = dd.closest("dl")!.getBoundingClientRect().width;
        return dd.getBoundingClientRect().width < list / 2;
      })
      .map((dd) => dd.textContent?.trim().slice(0, 40) ?? ""),
  );
}

/**
 * Words of table headings and cells split across two lines ("Abgeschlosse" / "n", "Veröff" / "entlic" /
 * "ht"): a column squeezed below its longest word. A break after a hyphen or a dash is a break between
 * words; a string longer than a phone's line (an e-mail address) may break.
 */
async function brokenTableWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken = new Set<string>();
    for (const th of Array.from(document.querySelectorAll("main th, main td"))) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest(".visually-hidden")) continue;
        const text = node.textContent ?? "";
        for (const word of text.matchAll(/[^\s\u00ad\u2013\u2014-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          if (lines.size > 1 && word[0].length <= 24) broken.add(word[0]);
        }
      }
    }
    return [...broken];
  });
}

/**
 * Tables that need a sideways scroll to show all their columns (a club's helpers, a volunteer's hours
 * were reachable only that way): on a phone a data table is a list of cards. A heat map is a grid read
 * across, and scrolls inside its box; where it is wider than the screen, a sentence above it must say so
 * (`hint`: a phone shows no scroll bar). Also the cards' values without their column's heading (a row
 * with its own heading, th scope="row", is headed by it).
 */
async function tablesNeedingSideways(page: Page, hint: string): Promise<string[]> {
  return page.evaluate((hint) => {
    const out: string[] = [];
    for (const table of Array.from(document.querySelectorAll<HTMLTableElement>("main table"))) {
      if (table.offsetParent === null) continue;
      const box = table.parentElement!;
      const name = (table.querySelector("th")?.textContent ?? "").trim().slice(0, 30);
      const wide = table.getBoundingClientRect().width > box.clientWidth + 1;
      if (table.classList.contains("heat-map")) {
        const before = box.previousElementSibling;
        if (wide && !(before?.textContent?.trim() === hint && before.checkVisibility()))
          out.push(`${name}…: wider than the screen, and no sentence above it says so`);
        continue;
      }
      if (wide)
        out.push(`${name}…: ${Math.round(table.getBoundingClientRect().width)} px in ${box.clientWidth} px`);
      if (getComputedStyle(table).display === "block")
        for (const cell of Array.from(table.querySelectorAll<HTMLTableCellElement>("tbody td, tbody th")))
          if (
            !cell.dataset.label &&
            cell.colSpan === 1 &&
            cell.textContent?.trim() &&
            !cell.parentElement!.querySelector(":scope > th[scope=row]")
          )
            out.push(
              `${name}…: a card's value without its heading ("${cell.textContent.trim().slice(0, 20)}")`,
            );
    }
    return out;
  }, hint);
}

async function headerHeight(page: Page): Promise<number> {
  return page.locator("header.site-header").evaluate((h) => h.getBoundingClientRect().height);
}

/** From the top of the page to the end of the header: the demo banner (when there is one) and the header. */
async function headerBottom(page: Page): Promise<number> {
  return page
    .locator("header.site-header")
    .evaluate((h) => h.getBoundingClientRect().bottom + window.scrollY);
}

for (const [who, targets] of Object.entries(KEY_PAGES) as [Who, Target[]][]) {
  targets.forEach((target, index) => {
    const name = typeof target === "string" ? target : `${target.link.source} (via ${target.from})`;
    test(`${who}: ${name} fits ${WIDTH} px in German and Arabic`, async ({ page, loginAs }) => {
      if (who !== "visitor") await loginAs(who);
      const path = await resolveTarget(page, targets, index);
      for (const lng of ["de", "ar"]) {
        await gotoHydrated(page, withLanguage(path, lng));
        const { scrollWidth, culprits } = await overflow(page, WIDTH);
        expect
          .soft(scrollWidth, `${path} (${lng}) is ${scrollWidth} px wide: ${culprits.join(", ")}`)
          .toBeLessThanOrEqual(WIDTH);
        expect
          .soft(await squeezedValues(page), `${path} (${lng}): values squeezed beside their labels`)
          .toEqual([]);
        expect
          .soft(await brokenTableWords(page), `${path} (${lng}): table words broken inside a word`)
          .toEqual([]);
        expect
          .soft(
            await tablesNeedingSideways(page, texts(lng)("common:table.scrollHint")),
            `${path} (${lng}): tables that scroll sideways`,
          )
          .toEqual([]);
        expect
          .soft(await headerHeight(page), `${path} (${lng}): the header's height`)
          .toBeLessThanOrEqual(MAX_HEADER);
        expect
          .soft(await headerBottom(page), `${path} (${lng}): the demo banner and the header together`)
          .toBeLessThanOrEqual(MAX_TOP);
        // Last: it opens the menus.
        expect
          .soft(await navigationOutOfReach(page, WIDTH), `${path} (${lng}): menu items out of reach`)
          .toEqual([]);
      }
    });
  });
}

test("organisation: the club's home shows each activity's helpers beside its heading, without a sideways scroll", async ({
  page,
  loginAs,
}) => {
  await loginAs("organisation");
  for (const lng of ["de", "ar"]) {
    const t = texts(lng);
    await gotoHydrated(page, withLanguage("/organisation", lng));
    const cells = page
      .getByRole("main")
      .locator("table td")
      .filter({
        has: page.locator("a[href*='/activities/']"),
        hasText: new RegExp(t("home:organisation.helpersOf", { confirmed: "\\d+", needed: "\\d+" })),
      });
    expect(await cells.count(), `${lng}: activities on the club's home`).toBeGreaterThan(0);
    for (const cell of await cells.all()) {
      const shown = await cell.evaluate((td) => {
        const box = td.getBoundingClientRect();
        const frame = td.closest(".table-scroll")?.getBoundingClientRect() ?? box;
        return {
          inside:
            box.left >= Math.max(0, frame.left) - 1 && box.right <= Math.min(innerWidth, frame.right) + 1,
          heading: getComputedStyle(td, "::before").content,
        };
      });
      expect(shown.inside, `${lng}: "${await cell.textContent()}" lies outside the screen`).toBe(true);
      expect(shown.heading, `${lng}: the count's heading beside it`).toContain(
        t("home:organisation.helpers"),
      );
    }
  }
});

test.describe("desktop", () => {
  const DESKTOP = { width: 1280, height: 800 };
  test.use({ viewport: DESKTOP });
  const HOMES: Record<Who, string> = {
    visitor: "/",
    volunteer: "/volunteer",
    organisation: "/organisation",
    coordinator: "/coordination",
    admin: "/admin",
  };
  for (const [who, path] of Object.entries(HOMES) as [Who, string][]) {
    test(`${who}: at ${DESKTOP.width} px the language switch is on the header's first line`, async ({
      page,
      loginAs,
    }) => {
      if (who !== "visitor") await loginAs(who);
      for (const lng of ["de", "ar"]) {
        await gotoHydrated(page, withLanguage(path, lng));
        const header = page.locator("header.site-header");
        const brand = (await header.locator(".brand").boundingBox())!;
        const language = (await header.getByRole("combobox").boundingBox())!;
        const middle = brand.y + brand.height / 2;
        expect
          .soft(
            middle > language.y && middle < language.y + language.height,
            `${path} (${lng}): the language switch (y ${language.y}–${language.y + language.height}) on the brand's line (middle at y ${middle})`,
          )
          .toBe(true);
        const { scrollWidth, culprits } = await overflow(page, DESKTOP.width);
        expect
          .soft(scrollWidth, `${path} (${lng}) is ${scrollWidth} px wide: ${culprits.join(", ")}`)
          .toBeLessThanOrEqual(DESKTOP.width);
      }
    });
  }
});
