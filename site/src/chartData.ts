// A leaderboard's progression (the results that set a new best, oldest first) as chart points.
import { dateMs } from "./format";

export interface ProgressionRow {
  model?: string | null;
  value?: string | null;
  numericValue?: number | null;
  date?: string | null;
}

export interface SotaPoint {
  x: number; // the result's date, ms since the epoch (UTC)
  y: number;
  label: string; // "model: value" as the archive writes the value
}

/** Points with both a date and a number, in date order (rows without either cannot be placed). */
export function sotaPoints(rows: ProgressionRow[]): SotaPoint[] {
  const points: SotaPoint[] = [];
  for (const row of rows) {
    const x = dateMs(row.date);
    if (x == null || row.numericValue == null || !Number.isFinite(row.numericValue)) continue;
    points.push({ x, y: row.numericValue, label: `${row.model ?? "?"}: ${row.value ?? row.numericValue}` });
  }
  return points.sort((a, b) => a.x - b.x);
}

/** The first of January of each year between two instants (ms), at most `max` of them (every
 * other year, or every fifth, when the span is long). */
export function yearTicks(from: number, to: number, max = 8): number[] {
  const first = new Date(from).getUTCFullYear() + 1;
  const last = new Date(to).getUTCFullYear();
  const span = last - first + 1;
  const step = span <= max ? 1 : span <= 2 * max ? 2 : Math.ceil(span / max / 5) * 5;
  const ticks: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(Date.UTC(y, 0, 1));
  return ticks;
}

export interface YearCount {
  year: number;
  count: number;
}

/** A papers-per-year series told in words, for the chart's text alternative: the span, the
 * total and the busiest year (the earliest of equals). */
export function describeYears(series: YearCount[], what: string): string {
  if (!series.length) return `No dated ${what}.`;
  const total = series.reduce((sum, y) => sum + y.count, 0);
  const busiest = series.reduce((best, y) => (y.count > best.count ? y : best), series[0]);
  const first = series[0].year;
  const last = series[series.length - 1].year;
  const span = first === last ? `in ${first}` : `from ${first} to ${last}`;
  return `${total.toLocaleString("en")} dated ${what} ${span}; the most in ${busiest.year} (${busiest.count.toLocaleString("en")}).`;
}
