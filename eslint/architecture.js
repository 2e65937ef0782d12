// @ts-check
/**
 * Two lint rules that keep the layering of app/ (docs/decisions/096-commands-queries-and-area-boundaries.md):
 *
 *  - `area-boundaries`: code outside an area of app/modules/<area>/ may import its top-level files (the
 *    area's public files) but nothing in its subfolders (the area's internals); an area imports no
 *    route or component (routes → modules → database, never back); and an area does not open the
 *    database itself: it imports no `getDb` (app/utils/db.server.ts), its functions take their handle.
 *  - `no-cycle`: no import cycle among the runtime imports of app/ (`import type` and imports of types
 *    only are erased by the compiler, so they are left out, as they are by import-x/no-cycle).
 *
 * Both resolve `~/…` (app/), `@db/…` (db/) and relative specifiers the way tsconfig.json does. The module
 * graph of app/ is read once per lint run with the TypeScript parser, and its strongly connected components
 * tell which imports close a cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** The repository; a test lints a tree of its own through `settings.architecture.root`. */
const REPOSITORY = resolve(dirname(new URL(import.meta.url).pathname), "..");
const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx"];
/** The file of `getDb()`, the app's one connection, relative to app/. */
const DB_CONNECTION = join("utils", "db.server.ts");

/**
 * The file a specifier names, or null for a package (or a file outside the repository).
 * @param {string} root the repository
 * @param {string} fromFile absolute path of the importing file
 * @param {string} specifier
 * @returns {string | null}
 */
export function resolveImport(root, fromFile, specifier) {
  let base;
  if (specifier.startsWith("~/")) base = join(root, "app", specifier.slice(2));
  else if (specifier.startsWith("@db/")) base = join(root, "db", specifier.slice(4));
  else if (specifier.startsWith(".")) base = resolve(dirname(fromFile), specifier);
  else return null;
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, "index" + ext)),
  ];
  for (const file of candidates) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/**
 * The area of app/modules a file belongs to and its path inside it, or null outside app/modules.
 * @param {string} root the repository
 * @param {string} file absolute path
 * @returns {{ area: string; inner: string[] } | null}
 */
export function areaOf(root, file) {
  const rel = relative(join(root, "app", "modules"), file);
  if (rel.startsWith("..") || rel === "") return null;
  const [area, ...inner] = rel.split(sep);
  return area ? { area, inner } : null;
}

/**
 * Why `toFile` may not be imported from `fromFile`, or null when it may.
 * @param {string} root the repository
 * @param {string} fromFile
 * @param {string} toFile
 * @returns {string | null}
 */
export function boundaryProblem(root, fromFile, toFile) {
  const from = areaOf(root, fromFile);
  const to = areaOf(root, toFile);
  if (from) {
    const rel = relative(join(root, "app"), toFile);
    if (rel.startsWith("routes" + sep) || rel.startsWith("components" + sep))
      return "A module does not import routes or components: pass what it needs in.";
    if (rel === DB_CONNECTION)
      return "A module takes its database handle (Db, Tx or DbOrTx) as a parameter: only routes and server/ call getDb().";
  }
  if (!to || to.inner.length <= 1) return null;
  if (from && from.area === to.area) return null;
  return `${to.inner.slice(0, -1).join("/")}/ is internal to the ${to.area} area: import one of its top-level files instead.`;
}

/**
 * Runtime imports of a source file: `import type`, imports whose specifiers are all types, and
 * `export type … from` are left out (the compiler erases them).
 * @param {string} root
 * @param {string} file
 * @returns {string[]} resolved absolute paths inside the repository
 */
function runtimeImportsOf(root, file) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  /** @type {string[]} */
  const out = [];
  for (const statement of source.statements) {
    let specifier;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      if (
        clause &&
        !clause.name &&
        clause.namedBindings &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly)
      )
        continue;
      specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      if (statement.isTypeOnly) continue;
      specifier = statement.moduleSpecifier;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const target = resolveImport(root, file, specifier.text);
    if (target) out.push(target);
  }
  return out;
}

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|jsx)$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name))
      out.push(path);
  }
  return out;
}

/** @type {Map<string, { edges: Map<string, string[]>; component: Map<string, number> }>} */
const graphs = new Map();

/**
 * The runtime import graph of app/ and its strongly connected components (Tarjan), built once a run.
 * @param {string} root the repository
 */
function moduleGraph(root) {
  const known = graphs.get(root);
  if (known) return known;
  const app = join(root, "app");
  /** @type {Map<string, string[]>} */
  const edges = new Map();
  for (const file of sourceFiles(app)) {
    edges.set(
      file,
      runtimeImportsOf(root, file).filter((target) => target.startsWith(app + sep)),
    );
  }
  /** @type {Map<string, number>} */
  const component = new Map();
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  let counter = 0;
  let components = 0;
  /** @param {string} start */
  const strongConnect = (start) => {
    // Iterative, so a long import chain cannot overflow the call stack.
    /** @type {Array<{ node: string; next: number }>} */
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = /** @type {{ node: string; next: number }} */ (work[work.length - 1]);
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = /** @type {string} */ (targets[frame.next++]);
        if (!edges.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(Number(low.get(frame.node)), Number(index.get(target))));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(Number(low.get(parent.node)), Number(low.get(frame.node))));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member;
        do {
          member = /** @type {string} */ (stack.pop());
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components += 1;
      }
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) strongConnect(file);
  const graph = { edges, component };
  graphs.set(root, graph);
  return graph;
}

/**
 * The shortest way back from `target` to `file` (both in one component), as paths relative to app/.
 * @param {string} root
 * @param {string} file
 * @param {string} target
 */
function cyclePath(root, file, target) {
  const { edges, component } = moduleGraph(root);
  const scc = component.get(file);
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [target];
  const seen = new Set([target]);
  while (queue.length > 0) {
    const node = /** @type {string} */ (queue.shift());
    if (node === file) break;
    for (const next of edges.get(node) ?? []) {
      if (seen.has(next) || component.get(next) !== scc) continue;
      seen.add(next);
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  const path = [file];
  for (let node = cameFrom.get(file); node && node !== target; node = cameFrom.get(node)) path.unshift(node);
  path.unshift(target);
  return [file, ...path].map((p) => relative(join(root, "app"), p)).join(" → ");
}

/**
 * The repository the rules look at: this one, or `settings.architecture.root` (tests).
 * @param {import("eslint").Rule.RuleContext} context
 * @returns {string}
 */
function rootOf(context) {
  const settings = /** @type {{ architecture?: { root?: string } }} */ (context.settings);
  return settings.architecture?.root ?? REPOSITORY;
}

/** @type {import("eslint").Rule.RuleModule} */
const areaBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Areas of app/modules are imported only through their top-level (public) files." },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = rootOf(context);
    /** @param {import("estree").Node & { source?: import("estree").Node | null }} node */
    const check = (node) => {
      const value = node.source && node.source.type === "Literal" ? node.source.value : undefined;
      if (typeof value !== "string") return;
      const target = resolveImport(root, file, value);
      if (!target) return;
      const problem = boundaryProblem(root, file, target);
      if (problem) context.report({ node, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** @type {import("eslint").Rule.RuleModule} */
const noCycle = {
  meta: {
    type: "problem",
    docs: { description: "No cycle among the runtime imports of app/." },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = rootOf(context);
    if (!file.startsWith(join(root, "app") + sep)) return {};
    const { component } = moduleGraph(root);
    const own = component.get(file);
    if (own === undefined) return {};
    /** @param {import("estree").Node & { source?: import("estree").Literal | null; importKind?: string; exportKind?: string; specifiers?: Array<{ importKind?: string; exportKind?: string }> }} node */
    const check = (node) => {
      const value = node.source?.value;
      if (typeof value !== "string") return;
      if (node.importKind === "type" || node.exportKind === "type") return;
      const specifiers = node.specifiers ?? [];
      if (
        node.type === "ImportDeclaration" &&
        specifiers.length > 0 &&
        specifiers.every((s) => s.importKind === "type")
      )
        return;
      const target = resolveImport(root, file, value);
      if (!target || target === file || component.get(target) !== own) return;
      context.report({ node, message: `Import cycle: ${cyclePath(root, file, target)}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { "area-boundaries": areaBoundaries, "no-cycle": noCycle } };
