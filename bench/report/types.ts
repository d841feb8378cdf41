import type { Summary } from '../lib/stats.ts';

/** One table cell: a figure over runs, a plain number, or text. */
export type Cell = Summary | number | string;

export interface Row {
  [column: string]: Cell;
}

export interface Target {
  name: string;
  /** Human form of the target, e.g. "<= 1.3". */
  goal: string;
  /** Human form of what was measured, e.g. "1.12 (1.05–1.20)". */
  measured: string;
  met: boolean;
  /** When missed: by how much, why, and what would close it. */
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  /** Which code path the numbers took. */
  path: string;
  rows: Row[];
  notes: string[];
  targets: Target[];
}

export const isSummary = (cell: Cell): cell is Summary =>
  typeof cell === 'object' && cell !== null && 'median' in cell;
