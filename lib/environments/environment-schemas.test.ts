import { describe, expect, it } from 'vitest';
import { ROTATION_SETTING } from '@/lib/keys/key-hygiene';
import { isTimeZone, rotationPolicyInputSchema } from './environment-schemas';
import { ROTATION_SETTING_KEY } from './rotation-policy';

describe('isTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT+5', true],
    ['Mars/Olympus', false],
    ['+01:00', false],
    ['CET', false],
    ['', false],
    ['Europe/Berlin; DROP', false],
  ])('%s -> %s', (zone, valid) => {
    expect(isTimeZone(zone)).toBe(valid);
  });
});

describe('rotation policy', () => {
  it.each([
    [90, true],
    [1, true],
    [3650, true],
    [0, false],
    [3651, false],
    [1.5, false],
    ['90', false],
  ])('%j valid: %s', (rotationDays, valid) => {
    expect(rotationPolicyInputSchema.safeParse({ rotationDays }).success).toBe(valid);
  });

  it('is stored where key hygiene reads it', () => {
    expect(ROTATION_SETTING_KEY).toBe(ROTATION_SETTING);
  });
});
