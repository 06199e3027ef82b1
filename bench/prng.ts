// A small seeded PRNG (mulberry32) so every run, and both benchmark processes, generate the
// same rows and events from the same seed. Not for anything secret.

export type Prng = {
  next: () => number; // [0, 1)
  int: (min: number, max: number) => number; // inclusive bounds
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  logNormal: (median: number, sigma: number) => number;
};

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    logNormal: (median, sigma) => median * Math.exp(sigma * gaussian()),
  };
}

// A deterministic UUID (v4 layout) from the PRNG, so key ids are stable across runs.
export function prngUuid(prng: Prng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(prng.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
