/** Peak resident set size of this process, sampled on an interval while a section runs. */
export function sampleRss(intervalMs = 50) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  return {
    /** Stops sampling; the peak in bytes. */
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}
