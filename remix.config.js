// @ts-check
// The one home of the Remix options. Under Vite, Remix never reads this file itself:
// vite.config.ts imports it and hands it to the Remix plugin.

/** @type {import('@remix-run/dev').VitePluginConfig} */
const remixConfig = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};

export default remixConfig;
