/**
 * The limit the framework's overhead is measured against: a bare node:http server that runs the same
 * module functions (the same prepared SQL, the same session lookup) as the Remix loaders and answers
 * equivalent HTML from a template string — no React, no router, no loader data serialisation.
 * Started by scripts/bench/http.ts with DATABASE_PATH and PORT.
 */
import { createServer, type ServerResponse } from "node:http";
import { parseActivityFilter } from "~/modules/events/activity-filter.schema";
import { listPublicActivities } from "~/modules/events/public-activities.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { parseNeedFilter } from "~/modules/needs/need-filter.schema";
import { listNeeds, needFormOptions } from "~/modules/needs/queries.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { getDb } from "~/utils/db.server";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escape = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function page(res: ServerResponse, title: string, body: string): void {
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head><body><main>${body}</main></body></html>`;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
  });
  res.end(html);
}

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const request = new Request(url, { headers: req.headers as Record<string, string> });
    if (url.pathname === "/activities") {
      const { filter } = parseActivityFilter(url.searchParams);
      const neighbourhoods = listNeighbourhoods(getDb());
      const categories = listActiveCategories(getDb());
      const result = listPublicActivities(getDb(), filter, "de");
      const options = (items: { slug: string; name: string }[]) =>
        items.map((i) => `<option value="${escape(i.slug)}">${escape(i.name)}</option>`).join("");
      const cards = result.items
        .map(
          (a) =>
            `<li><article><h3><a href="/activities/${a.id}">${escape(a.title)}</a></h3><p>${escape(a.categoryName)} · ${escape(a.neighbourhoodName)}</p>` +
            `<p><time datetime="${new Date(a.startsAt).toISOString()}">${new Date(a.startsAt).toLocaleString("de-DE", { timeZone: "Europe/Berlin" })}</time></p>` +
            `<p>${escape(a.place)} · ${escape(a.organisationName)} · ${a.languages.map(escape).join(", ")} · ${a.openSlots} · ${a.placesLeft}</p></article></li>`,
        )
        .join("");
      page(
        res,
        "Aktivitäten · miteinander",
        `<h1>Aktivitäten</h1><form method="get"><select name="neighbourhood">${options(neighbourhoods)}</select><select name="category">${options(categories)}</select></form>` +
          `<h2>${result.total} Aktivitäten</h2><ul>${cards}</ul><nav>Seite ${result.page} von ${result.pageCount}</nav>`,
      );
      return;
    }
    if (url.pathname === "/coordination/needs") {
      const user = await getOptionalUser(getDb(), request);
      if (!user) {
        res.writeHead(302, { Location: "/login" }).end();
        return;
      }
      const db = getDb();
      const { filter } = parseNeedFilter(url.searchParams);
      const options = needFormOptions(db, user);
      const result = listNeeds(db, user, filter);
      const cards = result.items
        .map(
          (n) =>
            `<li><article><h3><a href="/coordination/needs/${n.id}">${escape(n.title)}</a></h3><p>${escape(JSON.stringify(n).slice(0, 200))}</p></article></li>`,
        )
        .join("");
      page(
        res,
        "Bedarfe · miteinander",
        `<h1>Bedarfe</h1><form method="get"><select name="neighbourhood">${options.neighbourhoods.map((o) => `<option value="${o.id}">${escape(o.name)}</option>`).join("")}</select></form>` +
          `<h2>${result.total}</h2><ul>${cards}</ul><nav>${result.page} / ${result.pageCount}</nav>`,
      );
      return;
    }
    res.writeHead(404).end();
  })().catch((error: unknown) => {
    console.error(error);
    res.writeHead(500).end();
  });
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
