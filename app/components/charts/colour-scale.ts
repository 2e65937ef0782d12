/**
 * The heat map's colour for a gap: no gap is neutral (a grey like the empty cells around it), and the
 * larger the gap, the stronger the colour — a single-hue orange-to-red ramp (ColorBrewer OrRd) that stays
 * ordered in lightness for readers with any common colour-vision deficiency and in greyscale print.
 * Viridis drew the eye to the cells that need nothing: its "little" end is bright yellow (issue 13,
 * seam 11). Colour is never the only carrier: every cell also prints its numbers.
 */
export const NO_GAP_COLOUR = "#eef0f2";
export const GAP_RAMP = [
  "#fdd49e",
  "#fdbb84",
  "#fc8d59",
  "#ef6548",
  "#d7301f",
  "#b30000",
  "#7f0000",
] as const;

/**
 * The heat map's cells take steps rather than any colour (classes heat-0 … heat-7 in dashboard.css, which
 * a test holds to these colours): 0 is no gap, 1 … 7 the ramp.
 */
export const GAP_STEPS = GAP_RAMP.length + 1;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

const clamp = (t: number) => Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));

/** The colour for a gap of t in [0, 1] (clamped): neutral at 0, then from light orange to dark red. */
export function gapColour(t: number): string {
  const clamped = clamp(t);
  if (clamped === 0) return NO_GAP_COLOUR;
  const x = clamped * (GAP_RAMP.length - 1);
  const i = Math.min(GAP_RAMP.length - 2, Math.floor(x));
  const a = hexToRgb(GAP_RAMP[i]!);
  const b = hexToRgb(GAP_RAMP[i + 1]!);
  const f = x - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** The step of a gap of t in [0, 1]: 0 only for no gap at all, so the smallest gap is coloured too. */
export function gapStep(t: number): number {
  const clamped = clamp(t);
  return clamped === 0 ? 0 : 1 + Math.round(clamped * (GAP_RAMP.length - 1));
}

/** The colour of a step (what dashboard.css gives the class heat-N). */
export function gapStepColour(step: number): string {
  return step <= 0 ? NO_GAP_COLOUR : GAP_RAMP[Math.min(GAP_RAMP.length, step) - 1]!;
}

/** WCAG relative luminance of a colour. */
export function luminanceOf(colour: string): number {
  const [r, g, b] = hexToRgb(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white text, whichever contrasts more with the background (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const luminance = luminanceOf(background);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#111111" : "#ffffff";
}

/** Okabe–Ito colours for line series, each paired with its own dash and marker in the chart. */
export const SERIES_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"] as const;
