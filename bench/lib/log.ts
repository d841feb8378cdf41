const started = performance.now();

/** Progress on stderr, with seconds since the bench started (stdout carries the report). */
export function log(what: string): void {
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${what}`);
}
