import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  GAP_STEPS,
  gapColour,
  gapStep,
  gapStepColour,
  luminanceOf,
  NO_GAP_COLOUR,
  textColourOn,
} from "./colour-scale";

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** The heat map's classes as dashboard.css paints them: heat-N → background and text colour. */
function cssSteps(): Map<number, { background: string; color: string }> {
  const css = readFileSync(join(process.cwd(), "app/styles/dashboard.css"), "utf8");
  const steps = new Map<number, { background: string; color: string }>();
  for (const m of css.matchAll(
    /\.heat-map \.heat-(\d+) \{\s*background: (#[0-9a-f]{6});\s*color: (#[0-9a-f]{3,6});/g,
  )) {
    const full = (hex: string) =>
      hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex;
    steps.set(Number(m[1]), { background: m[2]!, color: full(m[3]!) });
  }
  return steps;
}

/** Issue 13, seam 11: the heat map painted "no gap" bright yellow, drawing the eye to cells that need nothing. */
describe("the heat map's colours", () => {
  it("paint no gap neutral, and larger gaps ever darker (stronger)", () => {
    expect(gapColour(0)).toBe(NO_GAP_COLOUR);
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(NO_GAP_COLOUR.slice(i, i + 2), 16)) as number[];
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(12); // a grey, not a colour
    const steps = Array.from({ length: 21 }, (_, i) => i / 20);
    const luminance = steps.map((t) => luminanceOf(gapColour(t)));
    for (let i = 1; i < luminance.length; i++) expect(luminance[i]!).toBeLessThan(luminance[i - 1]!);
  });

  it("give only no gap the neutral step, and the largest gap the strongest", () => {
    expect(gapStep(0)).toBe(0);
    expect(gapStep(0.001)).toBe(1);
    expect(gapStep(1)).toBe(GAP_STEPS - 1);
    for (let i = 1; i <= 20; i++) expect(gapStep(i / 20)).toBeGreaterThanOrEqual(gapStep((i - 1) / 20));
  });

  it("keep the printed numbers readable on every colour (4.5:1)", () => {
    for (let i = 0; i <= 20; i++) {
      const background = gapColour(i / 20);
      expect(contrast(background, textColourOn(background)), background).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("are what dashboard.css paints the table's cells with, step by step", () => {
    const css = cssSteps();
    expect([...css.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: GAP_STEPS }, (_, i) => i));
    for (const [step, { background, color }] of css) {
      expect(background, `heat-${step}`).toBe(gapStepColour(step));
      expect(contrast(background, color), `heat-${step} text`).toBeGreaterThanOrEqual(4.5);
    }
    const luminance = [...css.keys()].sort((a, b) => a - b).map((s) => luminanceOf(css.get(s)!.background));
    for (let i = 1; i < luminance.length; i++) expect(luminance[i]!).toBeLessThan(luminance[i - 1]!);
  });
});
