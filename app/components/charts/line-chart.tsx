import { SERIES_COLOURS } from "./colour-scale";

export interface LineSeries {
  key: string;
  label: string;
  values: number[];
}

interface LineChartProps {
  id: string;
  /** The x axis: one label per point, shown every `labelEvery` points counted back from the last. */
  labels: string[];
  series: LineSeries[];
  labelEvery?: number;
  formatNumber: (value: number) => string;
}

const W = 360;
const H = 220;
const M = { top: 10, right: 14, bottom: 30, left: 34 };
const DASHES = ["", "7 4", "2 3", "10 3 2 3"] as const;

/** A round axis maximum: 1, 2 or 5 × 10^k, at least `value`. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function Marker({ kind, x, y, colour }: { kind: number; x: number; y: number; colour: string }) {
  if (kind === 1) return <rect x={x - 3} y={y - 3} width={6} height={6} fill={colour} />;
  if (kind === 2) return <path d={`M${x} ${y - 4}L${x + 4} ${y + 3}L${x - 4} ${y + 3}Z`} fill={colour} />;
  if (kind === 3)
    return <path d={`M${x} ${y - 4}L${x + 4} ${y}L${x} ${y + 4}L${x - 4} ${y}Z`} fill={colour} />;
  return <circle cx={x} cy={y} r={3} fill={colour} />;
}

/**
 * A small server-rendered line chart. Each series differs in colour (Okabe–Ito), dash pattern and
 * marker shape, so it reads without colour too. Decorative for assistive technology: the page shows
 * the numbers in a table with links.
 */
export function LineChart({ id, labels, series, labelEvery = 4, formatNumber }: LineChartProps) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const n = Math.max(1, labels.length - 1);
  // A tenth of a unit is finer than the chart is drawn: longer decimals only weigh on the page.
  const tenth = (v: number) => Math.round(v * 10) / 10;
  const x = (i: number) => tenth(M.left + (i / n) * plotW);
  const y = (v: number) => tenth(M.top + plotH - (v / max) * plotH);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <svg
      id={id}
      className="line-chart"
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
      focusable="false"
      fontSize={11.5}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} stroke="#dde2e7" />
          <text x={M.left - 6} y={y(tick) + 4} textAnchor="end" fill="#4a5563">
            {formatNumber(Math.round(tick * 10) / 10)}
          </text>
        </g>
      ))}
      {labels.map((label, i) =>
        (labels.length - 1 - i) % labelEvery === 0 ? (
          <g key={`${label}-${i}`}>
            <line x1={x(i)} x2={x(i)} y1={M.top + plotH} y2={M.top + plotH + 4} stroke="#4a5563" />
            {/* Labels may be dates, which server and browser can format with slightly different ICU data. */}
            <text x={x(i)} y={H - M.bottom + 17} textAnchor="middle" fill="#4a5563" suppressHydrationWarning>
              {label}
            </text>
          </g>
        ) : null,
      )}
      <line x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} stroke="#4a5563" />
      {series.map((s, si) => {
        const colour = SERIES_COLOURS[si % SERIES_COLOURS.length]!;
        return (
          <g key={s.key}>
            <polyline
              points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
              fill="none"
              stroke={colour}
              strokeWidth={2}
              strokeDasharray={DASHES[si % DASHES.length] || undefined}
            />
            {s.values.map((v, i) => (
              <Marker key={i} kind={si % 4} x={x(i)} y={y(v)} colour={colour} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

/** The legend of a LineChart: the same colour, dash and marker per series, with its label. */
export function LineChartLegend({ series }: { series: { key: string; label: string }[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s, si) => {
        const colour = SERIES_COLOURS[si % SERIES_COLOURS.length]!;
        return (
          <li key={s.key}>
            <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" focusable="false">
              <line
                x1="2"
                x2="34"
                y1="6"
                y2="6"
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={DASHES[si % DASHES.length] || undefined}
              />
              <Marker kind={si % 4} x={18} y={6} colour={colour} />
            </svg>
            {s.label}
          </li>
        );
      })}
    </ul>
  );
}
