import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

/** The per-response CSP nonce, for the few inline scripts Remix renders. */
export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
