import { Link } from "@remix-run/react";
import { gapColour, gapStep } from "./colour-scale";

export interface HeatMapAxisItem {
  id: number;
  label: string;
}

export interface HeatMapCell {
  /** 0 = no gap (neutral), 1 = the largest gap: the colour. */
  intensity: number;
  /** Printed large in the cell. */
  primary: number;
  /** Printed small beside it. */
  secondary: number;
  href?: string;
  /** What the two numbers mean, for screen readers (the row and column headers are read with it). */
  label: string;
}

export interface HeatMapRow extends HeatMapAxisItem {
  /** One per column, in column order; null: nothing to show (no demand and no supply), a blank cell. */
  cells: Array<HeatMapCell | null>;
}

interface HeatMapProps {
  caption: string;
  /** Names the row headers' column (visually hidden). */
  rowHeader: string;
  columns: HeatMapAxisItem[];
  rows: HeatMapRow[];
  formatNumber: (value: number) => string;
}

/**
 * A heat map as an HTML table (rows × columns): colour from the gap scale in steps (neutral for no gap), both numbers
 * printed in every cell (colour is never the only carrier), each cell a link to the list behind it.
 * Being a real table, it is its own text alternative: screen readers read the row and column headers
 * with each cell, and keyboard users reach every link — no second table with the same numbers.
 */
export function HeatMap({ caption, rowHeader, columns, rows, formatNumber }: HeatMapProps) {
  return (
    <table className="heat-map">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{rowHeader}</span>
          </th>
          {columns.map((column) => (
            <th scope="col" key={column.id}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, i) => {
              if (!cell) return <td key={columns[i]?.id ?? i} />;
              const step = gapStep(cell.intensity);
              const numbers = (
                <>
                  {formatNumber(cell.primary)}
                  <small>{formatNumber(cell.secondary)}</small>
                </>
              );
              return (
                <td key={columns[i]?.id ?? i} className={`heat-${step}`}>
                  {cell.href ? (
                    // Hundreds of cells lead to one list page: its route is learnt on the click, not
                    // announced by every cell (data-discover, ~10 KB of a city's dashboard).
                    <Link to={cell.href} aria-label={cell.label} discover="none">
                      {numbers}
                    </Link>
                  ) : (
                    <span aria-label={cell.label}>{numbers}</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
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
              <stop key={t} offset={t} stopColor={gapColour(t)} />
            ))}
          </linearGradient>
        </defs>
        <rect width="160" height="16" fill="url(#heat-legend-gradient)" stroke="#6b7785" />
      </svg>
      <span>{high}</span>
    </div>
  );
}
