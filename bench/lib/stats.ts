/** Median, min and max of repeated runs: every figure in the results is one of these. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many runs the figure is made of. */
  runs: number;
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile (p in 0..100) of one run's samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values);
  return {
    median: median(s),
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
    runs: s.length,
  };
}

/** Per-run ratios a/b of two interleaved series, summarized. */
export function ratios(a: readonly number[], b: readonly number[]): Summary {
  return summarize(a.map((x, i) => x / (b[i] as number)));
}

export const ms = (start: number) => performance.now() - start;
