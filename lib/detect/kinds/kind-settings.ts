// Settings of the kind detectors (new model, new region, dormant wake, off-hours).
// Durations are in hours, never buckets, and money per hour of bucket, so the same settings
// fit minute and hourly buckets.

export interface NoveltySettings {
  /** Hours since the key's first activity before anything it does counts as new. */
  warmupHours: number;
  /** A model or region stays "new" (judged, not learnt) this long after it first appears. */
  noveltyHours: number;
  /** A region below this share of the key's past requests counts as rarely seen. */
  rareShare: number;
  /** New traffic needs at least this many requests in the bucket. */
  minRequests: number;
  /** A new model pages when its cost per request is this multiple of the key's usual... */
  priceMultiple: number;
  /** ...or its cost per hour is this share of the key's typical hourly cost... */
  costShare: number;
  /** ...and in any case at least this much per hour ("no page for cents", unless pricey). */
  minUsdPerHour: number;
}

export const DEFAULT_NOVELTY_SETTINGS: NoveltySettings = {
  warmupHours: 24,
  noveltyHours: 6,
  rareShare: 0.01,
  minRequests: 3,
  priceMultiple: 2,
  costShare: 0.25,
  minUsdPerHour: 0.01,
};

export interface DormantSettings {
  /** Never call a key dormant after less idle time than this. */
  minIdleHours: number;
  /** Idle time must be this multiple of the longest gap the key has had before. */
  gapMultiple: number;
  /** Hours of observation before a key's gaps are known well enough. */
  warmupHours: number;
}

export const DEFAULT_DORMANT_SETTINGS: DormantSettings = {
  // A week of history shows the weekend gap, the longest a working key has.
  minIdleHours: 72,
  gapMultiple: 2,
  warmupHours: 7 * 24,
};

export interface OffHoursSettings {
  /** Days a local hour must have been observed before its profile is trusted. */
  readyDays: number;
  /** Weeks an hour-of-week slot needs before it replaces the hour-of-day profile. */
  readyWeeks: number;
  /** A slot is idle when its mean cost per hour is below this share of the key's active level. */
  idleShare: number;
  /** Usage is material when its cost per hour is at least this share of the active level... */
  materialShare: number;
  /** ...and this multiple of the slot's usual (a slot is idle, not necessarily empty)... */
  slotMultiple: number;
  /** ...and at least this much per hour, or this many requests per hour (cheap keys)... */
  minUsdPerHour: number;
  minRequestsPerHour: number;
  /** ...and requests beyond the slot's usual count by this score on the square-root scale (a trickle hour is not idle enough to page for a few). */
  countZ: number;
  /** Hours after the key's last use during which silence is learnt: a dormant key's empty weeks say nothing about its hours. */
  inServiceHours: number;
}

export const DEFAULT_OFF_HOURS_SETTINGS: OffHoursSettings = {
  readyDays: 2,
  readyWeeks: 2,
  idleShare: 0.05,
  materialShare: 0.15,
  slotMultiple: 4,
  minUsdPerHour: 0.05,
  minRequestsPerHour: 5,
  countZ: 3,
  inServiceHours: 24,
};
