import { useEffect, useState } from "react";

/**
 * False in the server render and until React has hydrated, true afterwards: controls that need
 * JavaScript (add a row without a round trip) replace their plain-form fallback only then.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
