// @ts-check
import { builtinModules } from "node:module";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import architecture from "./eslint/architecture.js";

// Not type-aware on purpose: `npm run lint` stays a few seconds; `tsc --noEmit` does the type checking.

/** Any module name ending in `.server` (Remix's server-only convention), with or without an extension. */
const SERVER_MODULE = String.raw`(^|/)[^/]+\.server(\.[cm]?[jt]sx?)?$|(^|/)\.server(/|$)`;

/**
 * What browser code may not reach: the DB layer (except the pure enums and the text rules a form shares
 * with its CHECK) and the native driver.
 */
const browserBoundary = {
  paths: [
    { name: "better-sqlite3", message: "The SQLite driver is server-only: use it from a *.server.ts file." },
  ],
  patterns: [
    {
      regex: String.raw`^@db/(?!schema/(enums|text-rules)(\.ts)?$)`,
      message:
        "Only @db/schema/enums and @db/schema/text-rules may be imported from code that can reach the browser. Move DB access into a *.server.ts module.",
    },
    {
      regex: String.raw`^(\.{1,2}/)+db/(?!schema/(enums|text-rules)(\.ts)?$)`,
      message:
        "Import the DB layer through @db/* (and only @db/schema/enums or text-rules outside *.server.ts files).",
    },
  ],
};

/** The matching engine is pure TypeScript: no DB, no framework, no Node APIs, no server modules. */
const matchingIsPure = {
  paths: [
    // Bare builtins ("fs", "path"); the `node:` prefixed forms are caught by a pattern below.
    ...builtinModules.map((name) => ({ name, message: "The matching engine is pure: no Node APIs." })),
  ],
  patterns: [
    {
      regex: String.raw`^@db(/|$)`,
      message: "The matching engine is pure: pass data in, don't import the DB layer.",
    },
    {
      regex: String.raw`(^|/)db/`,
      message: "The matching engine is pure: pass data in, don't import the DB layer.",
    },
    { regex: String.raw`^drizzle-orm`, message: "The matching engine is pure: no ORM." },
    { regex: String.raw`^better-sqlite3`, message: "The matching engine is pure: no database access." },
    { regex: String.raw`^@remix-run/`, message: "The matching engine is pure: no Remix." },
    { regex: String.raw`^react`, message: "The matching engine is pure: no React." },
    { regex: String.raw`^node:`, message: "The matching engine is pure: no Node APIs." },
    { regex: SERVER_MODULE, message: "The matching engine is pure: it may not import *.server modules." },
  ],
};

const SERVER_FILES = ["app/**/*.server.{ts,tsx}", "app/**/.server/**"];
const TEST_FILES = ["**/*.test.{ts,tsx}", "**/*.spec.{ts,tsx}"];

export default defineConfig(
  {
    ignores: [
      "build/",
      "data/",
      "node_modules/",
      "db/migrations/",
      "test-results/",
      "playwright-report/",
      ".cache/",
      "bench-results/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...reactHooks.configs["recommended-latest"],
  },
  {
    // console.log is debug output; server code reports through console.error / warn / info.
    files: ["app/**"],
    rules: { "no-console": ["warn", { allow: ["error", "warn", "info"] }] },
  },
  {
    files: ["app/**"],
    ignores: [...SERVER_FILES, ...TEST_FILES],
    rules: { "no-restricted-imports": ["error", browserBoundary] },
  },
  {
    // What a client sends is measured against its limits before a schema runs (app/utils/field-limits.ts,
    // docs/decisions/025-request-limits.md): validateFormData, parseUrlFilter or parseWithinLimits.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/field-limits.ts", ...TEST_FILES],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(safeParse|parse|safeParseAsync|parseAsync)$/][callee.object.name=/Schema$|^z$/]",
          message:
            "Parse client input with validateFormData, parseUrlFilter or parseWithinLimits (app/utils/field-limits.ts): they check its size before any pattern runs.",
        },
      ],
    },
  },
  {
    // Areas are imported through their top-level files only, and an area imports no route or component
    // (docs/decisions/096-commands-queries-and-area-boundaries.md). Tests may reach into an area.
    files: ["app/**/*.{ts,tsx}", "server/**/*.{ts,js}", "scripts/**/*.{ts,js}", "db/**/*.ts"],
    ignores: TEST_FILES,
    plugins: { architecture },
    rules: { "architecture/area-boundaries": "error" },
  },
  {
    // No import cycle among the runtime imports of app/ (type-only imports are erased and left out).
    files: ["app/**/*.{ts,tsx}"],
    ignores: TEST_FILES,
    plugins: { architecture },
    rules: { "architecture/no-cycle": "error" },
  },
  {
    // Last, so it replaces the browser boundary for these files (it is stricter in every respect).
    files: ["app/modules/matching/**"],
    rules: { "no-restricted-imports": ["error", matchingIsPure] },
  },
);
