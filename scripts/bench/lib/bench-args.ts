import { SEED_SCALES, type SeedScale } from "../../../db/seed/seed";

/** `--scale <demo|city|state>` from the command line (default city); exits on an unknown one. */
export function parseScale(argv: readonly string[] = process.argv.slice(2)): SeedScale {
  const at = argv.indexOf("--scale");
  const value = at >= 0 ? argv[at + 1] : (argv.find((a) => a.startsWith("--scale="))?.slice(8) ?? "city");
  if (!SEED_SCALES.includes(value as SeedScale)) {
    console.error(`--scale must be one of ${SEED_SCALES.join(", ")}`);
    process.exit(2);
  }
  return value as SeedScale;
}
