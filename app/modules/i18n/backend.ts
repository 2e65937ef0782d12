import type { BackendModule, ReadCallback, ResourceKey } from "i18next";

// Locale files are bundled by Vite and loaded lazily per language and namespace, on the server and in
// the browser alike, so no extra HTTP backend or file-system path is involved.
const files = import.meta.glob<{ default: ResourceKey }>("../../locales/*/*.json");

export const bundledBackend: BackendModule = {
  type: "backend",
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = files[`../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};
