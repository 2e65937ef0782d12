/**
 * Builds the server process itself (server/main.ts) and the bulk matching worker into build/runtime/,
 * as plain JavaScript for plain Node: `npm run build` runs it after `remix vite:build`. Packages stay
 * imports from node_modules (Vite's SSR default); only the project's own TypeScript is bundled.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { alias } from "../vite.config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: source(".."),
  resolve: { alias },
  logLevel: "warn",
  publicDir: false,
  build: {
    ssr: true,
    outDir: "build/runtime",
    emptyOutDir: true,
    target: "node20",
    sourcemap: false,
    minify: false,
    rollupOptions: {
      input: {
        main: source("./main.ts"),
        "bulk-assignment-worker": source("../app/modules/matches/bulk-assignment-worker.server.ts"),
        "backup-worker": source("../app/modules/backups/backup-worker.server.ts"),
      },
      output: { format: "esm", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
