import type { Summary } from '../lib/stats.ts';
import { type Cell, isSummary } from './types.ts';

/** 3 significant digits without scientific notation; thousands separated. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

/** `median (min–max)`, or just the value when every run agreed. */
export function figure(s: Summary): string {
  if (!Number.isFinite(s.median)) return '–';
  if (s.min === s.max) return num(s.median);
  return `${num(s.median)} (${num(s.min)}–${num(s.max)})`;
}

export function cell(value: Cell): string {
  if (isSummary(value)) return figure(value);
  return typeof value === 'number' ? num(value) : value;
}

export const kib = (bytes: number) => `${num(bytes / 1024)} KB`;
export const mib = (bytes: number) => `${num(bytes / 1024 / 1024)} MB`;
