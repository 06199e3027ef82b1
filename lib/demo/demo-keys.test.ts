import { describe, expect, it } from 'vitest';
import { DEMO_KEYS } from './demo-keys';

describe('DEMO_KEYS', () => {
  it('has unique, visibly fake ids and hints', () => {
    const ids = DEMO_KEYS.map((k) => k.providerKeyId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of DEMO_KEYS) {
      expect(k.providerKeyId).toMatch(k.provider === 'openai' ? /^key_demo_/ : /^apikey_demo_/);
      expect(k.redactedHint).toMatch(/^sk-(ant-)?\.\.\.demo\d$/);
    }
  });

  it('covers both providers, both environments, an ownerless key and an old key', () => {
    expect(new Set(DEMO_KEYS.map((k) => k.provider))).toEqual(new Set(['openai', 'anthropic']));
    expect(new Set(DEMO_KEYS.map((k) => k.environment))).toEqual(new Set(['production', 'staging']));
    expect(DEMO_KEYS.some((k) => k.owner === null)).toBe(true);
    expect(DEMO_KEYS.some((k) => Date.parse(k.providerCreatedAt) < Date.UTC(2024, 0, 1))).toBe(true);
  });

  it.each(DEMO_KEYS.map((k) => [k.name, k] as const))('%s: has a usable traffic profile', (_name, k) => {
    const t = k.traffic;
    expect(Number.isNaN(Date.parse(k.providerCreatedAt))).toBe(false);
    expect(t.baseRequestsPerHour).toBeGreaterThan(0);
    expect(t.cacheHitFraction).toBeGreaterThanOrEqual(0);
    expect(t.cacheHitFraction).toBeLessThanOrEqual(1);
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: t.timezone })).not.toThrow();
    expect(Object.values(t.models).every((w) => w > 0)).toBe(true);
    expect(Object.keys(t.regions).every((r) => /^[A-Z]{2}$/.test(r))).toBe(true);
    expect(Object.keys(t.models).every((m) => m.startsWith(k.provider === 'openai' ? 'gpt-' : 'claude-'))).toBe(true);
  });
});
