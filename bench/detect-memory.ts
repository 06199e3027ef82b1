// Resident memory of the benchmark process in MB: sampled by the phases as they go (a
// synchronous loop gives a timer no chance to run), plus the kernel's own high-water mark.

const MB = 2 ** 20;

export function createRssMeter() {
  let peak = 0;
  let phasePeak = 0;
  return {
    sample(): void {
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
      if (rss > phasePeak) phasePeak = rss;
    },
    /** Highest sample since the last call (or the start), in MB; starts a new phase. */
    phasePeakMb(): number {
      this.sample();
      const mb = phasePeak / MB;
      phasePeak = 0;
      return mb;
    },
    /** Highest resident set of the whole run so far, in MB (maxRSS is in KB). */
    peakMb(): number {
      this.sample();
      return Math.max(peak, process.resourceUsage().maxRSS * 1024) / MB;
    },
  };
}

export type RssMeter = ReturnType<typeof createRssMeter>;
