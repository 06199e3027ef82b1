// Settings of the robust spike detector. Durations are in hours or occurrences of a slot,
// never in buckets, so the same settings fit minute and hourly buckets.

export interface SpikeSettings {
  /** Robust z-like score (excess over expected, in robust standard deviations) to flag. */
  zThreshold: number;
  /** Observed must be at least this multiple of expected once seasonality is known. */
  minMultiple: number;
  /** Multiple required while only the key's overall level is known (warm-up). */
  warmupMultiple: number;
  /** Excess cost below this, per hour of bucket, pages only with enough excess requests... */
  minExcessUsdPerHour: number;
  /** ...this many per hour of bucket: a cheap key abused by volume is still a leak. */
  minExcessRequestsPerHour: number;
  /**
   * Counting noise: the excess in requests (or in request-equivalents of cost and tokens)
   * must also pass this score on the square-root scale, 2(sqrt(x + 3/8) - sqrt(e + 3/8)),
   * which is ~N(0, 1) for Poisson counts and, unlike (x - e)/sqrt(e), honest for small e.
   */
  countZ: number;
  /** Hours of history before a key is scored at all. */
  warmupHours: number;
  /** Occurrences a slot needs before it is trusted (weeks for hour-of-week, days for hour-of-day). */
  readyWeeks: number;
  readyDays: number;
  /** EWMA memory, in occurrences of the slot; older ones fade out. */
  memoryWeeks: number;
  memoryDays: number;
  memoryHours: number;
  /** Values beyond this many scales from the level are clipped before learning (Huber). */
  huber: number;
  /** Robust scale is never below this share of the expected value. */
  relativeScaleFloor: number;
  /** Weeks of history the weekday/weekend hour-of-day level weighs in the hour-of-week one. */
  priorWeeks: number;
}

export const DEFAULT_SPIKE_SETTINGS: SpikeSettings = {
  zThreshold: 6,
  minMultiple: 2,
  warmupMultiple: 5,
  minExcessUsdPerHour: 0.05,
  minExcessRequestsPerHour: 10,
  countZ: 4.5,
  warmupHours: 24,
  readyWeeks: 2,
  readyDays: 2,
  memoryWeeks: 4,
  memoryDays: 7,
  memoryHours: 7 * 24,
  huber: 3,
  relativeScaleFloor: 0.1,
  priorWeeks: 2,
};
