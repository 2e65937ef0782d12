import { textColourOn, viridis } from "./colour-scale";

export interface HeatMapAxisItem {
  id: number;
  label: string;
}

export interface HeatMapCell {
  row: number;
  column: number;
  /** 0 = least, 1 = most: the colour. */
  intensity: number;
  /** Printed large in the cell. */
  primary: number;
  /** Printed small under it. */
  secondary: number;
  /** Nothing to show at all (no demand and no supply): a blank cell. */
  empty: boolean;
  href?: string;
  /** Tooltip for pointer users. */
  title: string;
}

interface HeatMapProps {
  id: string;
  rows: HeatMapAxisItem[];
  columns: HeatMapAxisItem[];
  cells: HeatMapCell[];
  formatNumber: (value: number) => string;
}

const CELL_W = 50;
const CELL_H = 42;
const ROW_LABEL_W = 132;
const FONT = 13;
const ANGLE = 40;

/** Truncates a label to fit `px` at the font size (a rough average glyph width; names stay readable). */
function fit(label: string, px: number): string {
  const max = Math.floor(px / (FONT * 0.56));
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * A server-rendered heat map (rows × columns). Decorative for assistive technology (aria-hidden): the
 * page puts a data table with the same numbers and links beside it. Each cell prints its two numbers,
 * so colour is never the only carrier, and links to the list behind it (pointer users; keyboard and
 * screen-reader users follow the table's links).
 */
export function HeatMap({ id, rows, columns, cells, formatNumber }: HeatMapProps) {
  const longest = Math.min(34, Math.max(4, ...columns.map((c) => c.label.length)));
  const headerH = Math.ceil(longest * FONT * 0.56 * Math.sin((ANGLE * Math.PI) / 180)) + 24;
  // Rotated column labels reach right of their column: leave room for the last one.
  const labelReach = Math.ceil(longest * FONT * 0.56 * Math.cos((ANGLE * Math.PI) / 180));
  const width = ROW_LABEL_W + columns.length * CELL_W + Math.max(40, labelReach - CELL_W / 2 + 8);
  const height = headerH + rows.length * CELL_H + 4;
  const byKey = new Map(cells.map((c) => [`${c.row}:${c.column}`, c]));
  return (
    <svg
      id={id}
      className="heat-map"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
      fontSize={FONT}
    >
      {columns.map((column, ci) => {
        const x = ROW_LABEL_W + ci * CELL_W + CELL_W / 2;
        return (
          <text
            key={column.id}
            transform={`translate(${x + 4} ${headerH - 8}) rotate(${-ANGLE})`}
            fill="#1b1f24"
          >
            {fit(column.label, 34 * FONT * 0.56)}
          </text>
        );
      })}
      {rows.map((row, ri) => {
        const y = headerH + ri * CELL_H;
        return (
          <g key={row.id}>
            <text x={ROW_LABEL_W - 8} y={y + CELL_H / 2 + FONT / 3} textAnchor="end" fill="#1b1f24">
              {fit(row.label, ROW_LABEL_W - 12)}
            </text>
            {columns.map((column, ci) => {
              const cell = byKey.get(`${row.id}:${column.id}`);
              const x = ROW_LABEL_W + ci * CELL_W;
              if (!cell || cell.empty) {
                return (
                  <rect
                    key={column.id}
                    x={x + 1}
                    y={y + 1}
                    width={CELL_W - 2}
                    height={CELL_H - 2}
                    fill="#f4f6f8"
                    stroke="#dde2e7"
                  />
                );
              }
              const fill = viridis(cell.intensity);
              const ink = textColourOn(fill);
              const body = (
                <>
                  <title>{cell.title}</title>
                  <rect
                    x={x + 1}
                    y={y + 1}
                    width={CELL_W - 2}
                    height={CELL_H - 2}
                    fill={fill}
                    stroke="#ffffff"
                  />
                  <text x={x + CELL_W / 2} y={y + 18} textAnchor="middle" fontWeight={700} fill={ink}>
                    {formatNumber(cell.primary)}
                  </text>
                  <text x={x + CELL_W / 2} y={y + 34} textAnchor="middle" fontSize={11} fill={ink}>
                    {formatNumber(cell.secondary)}
                  </text>
                </>
              );
              return cell.href ? (
                <a key={column.id} href={cell.href} tabIndex={-1}>
                  {body}
                </a>
              ) : (
                <g key={column.id}>{body}</g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** The colour legend: a gradient from light to dark with its two ends named. */
export function HeatMapLegend({ low, high }: { low: string; high: string }) {
  const stops = Array.from({ length: 11 }, (_, i) => i / 10);
  return (
    <div className="heat-legend">
      <span>{low}</span>
      <svg width="160" height="16" viewBox="0 0 160 16" aria-hidden="true" focusable="false">
        <defs>
          <linearGradient id="heat-legend-gradient">
            {stops.map((t) => (
              <stop key={t} offset={t} stopColor={viridis(t)} />
            ))}
          </linearGradient>
        </defs>
        <rect width="160" height="16" fill="url(#heat-legend-gradient)" stroke="#6b7785" />
      </svg>
      <span>{high}</span>
    </div>
  );
}
