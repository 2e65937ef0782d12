/**
 * The lint rules that keep areas apart and imports acyclic (eslint/architecture.js), run through ESLint on
 * a small tree of their own, so they are shown to catch what they are meant to and to pass the rest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import architecture from "../../eslint/architecture.js";

let root: string;

function write(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function lint(path: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.{ts,tsx}"],
        languageOptions: { parser: tseslint.parser },
        settings: { architecture: { root } },
        plugins: { architecture },
        rules: { "architecture/area-boundaries": "error", "architecture/no-cycle": "error" },
      },
    ],
  });
  const [result] = await eslint.lintFiles([join(root, path)]);
  return (result?.messages ?? []).map((m) => m.message);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "miteinander-architecture-"));
  // A cycle through runtime imports, one through a type-only import, and an area with an internal folder.
  write("app/modules/alpha/a.server.ts", 'import { b } from "./b.server";\nexport const a = () => b;\n');
  write(
    "app/modules/alpha/b.server.ts",
    'import { a } from "~/modules/alpha/a.server";\nexport const b = 1;\nexport const c = a;\n',
  );
  write(
    "app/modules/beta/c.ts",
    'import type { D } from "./d";\nexport interface C { d?: D }\nexport const c = 1;\n',
  );
  write("app/modules/beta/d.ts", 'import { c } from "./c";\nexport type D = number;\nexport const d = c;\n');
  write("app/modules/beta/parts/inner.ts", "export const inner = 1;\n");
  write(
    "app/modules/beta/public.ts",
    'import { inner } from "./parts/inner";\nexport const shown = inner;\n',
  );
  write(
    "app/modules/gamma/uses.ts",
    'import { shown } from "~/modules/beta/public";\nimport { inner } from "~/modules/beta/parts/inner";\nexport const both = shown + inner;\n',
  );
  write("app/modules/gamma/route-user.ts", 'import { x } from "~/routes/page";\nexport const y = x;\n');
  write("app/utils/db.server.ts", "export function getDb() {\n  return {};\n}\n");
  write(
    "app/modules/gamma/opens-db.server.ts",
    'import { getDb } from "~/utils/db.server";\nexport const rows = () => getDb();\n',
  );
  write(
    "app/modules/gamma/opens-db-relative.server.ts",
    'import { getDb } from "../../utils/db.server";\nexport const rows = () => getDb();\n',
  );
  write(
    "app/routes/with-db.tsx",
    'import { getDb } from "~/utils/db.server";\nimport { rows } from "~/modules/gamma/takes-db.server";\nexport const loader = () => rows(getDb());\n',
  );
  write("app/modules/gamma/takes-db.server.ts", "export const rows = (db: object) => db;\n");
  write(
    "app/routes/page.tsx",
    'import { inner } from "../modules/beta/parts/inner";\nexport const x = inner;\n',
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("architecture lint rules", () => {
  it("report a cycle of runtime imports on both of its files, naming the way round", async () => {
    expect(await lint("app/modules/alpha/a.server.ts")).toEqual([
      "Import cycle: modules/alpha/a.server.ts → modules/alpha/b.server.ts → modules/alpha/a.server.ts.",
    ]);
    expect(await lint("app/modules/alpha/b.server.ts")).toHaveLength(1);
  });

  it("leave out imports of types only, which the compiler erases", async () => {
    expect(await lint("app/modules/beta/c.ts")).toEqual([]);
    expect(await lint("app/modules/beta/d.ts")).toEqual([]);
  });

  it("let an area use its own subfolders, and others only its top-level files", async () => {
    expect(await lint("app/modules/beta/public.ts")).toEqual([]);
    expect(await lint("app/modules/gamma/uses.ts")).toEqual([
      "parts/ is internal to the beta area: import one of its top-level files instead.",
    ]);
    expect(await lint("app/routes/page.tsx")).toEqual([
      "parts/ is internal to the beta area: import one of its top-level files instead.",
    ]);
  });

  it("keep modules from importing routes", async () => {
    expect(await lint("app/modules/gamma/route-user.ts")).toEqual([
      "A module does not import routes or components: pass what it needs in.",
    ]);
  });

  it("keep modules from opening the database: they take the handle, routes pass getDb()", async () => {
    const message =
      "A module takes its database handle (Db, Tx or DbOrTx) as a parameter: only routes and server/ call getDb().";
    expect(await lint("app/modules/gamma/opens-db.server.ts")).toEqual([message]);
    expect(await lint("app/modules/gamma/opens-db-relative.server.ts")).toEqual([message]);
    expect(await lint("app/modules/gamma/takes-db.server.ts")).toEqual([]);
    expect(await lint("app/routes/with-db.tsx")).toEqual([]);
  });
});
