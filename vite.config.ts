import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";
import { devMocks } from "./tests/mocks/dev-plugin";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "@db": fileURLToPath(new URL("./db", import.meta.url)),
};

export default defineConfig({
  // devMocks: `MOCKS=1 npm run dev` answers for the outside services from tests/mocks.
  plugins: [remix(remixConfig), devMocks()],
  resolve: { alias },
  // Native modules must not be pre-bundled by the dev optimizer.
  optimizeDeps: { exclude: ["better-sqlite3", "@node-rs/argon2"] },
  ssr: { external: ["better-sqlite3", "@node-rs/argon2"] },
  server: { port: 3000 },
});
