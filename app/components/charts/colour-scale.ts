/**
 * A sequential colour scale for the heat map: viridis, which stays ordered in lightness for readers
 * with any common colour-vision deficiency and in greyscale print. Light (yellow) = little, dark
 * (purple) = much. Colour is never the only carrier: every cell also prints its numbers.
 */
const VIRIDIS = [
  "#fde725",
  "#b5de2b",
  "#6ece58",
  "#35b779",
  "#1f9e89",
  "#26828e",
  "#31688e",
  "#3e4989",
  "#482878",
  "#440154",
] as const;

/** The heat map's cells take the stops themselves (classes heat-0 … heat-9 in dashboard.css). */
export const VIRIDIS_STEPS = VIRIDIS.length;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** The colour for t in [0, 1] (clamped), interpolated between the viridis stops. */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const f = x - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Okabe–Ito colours for line series, each paired with its own dash and marker in the chart. */
export const SERIES_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"] as const;
