// @ts-check
/** `npm run build`: the Remix app, the server process (build/runtime/) and build/version.json. */
import { build } from "./lib/build.js";

try {
  build();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
