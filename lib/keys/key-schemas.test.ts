import { describe, expect, it } from 'vitest';
import { disableKeyBodySchema, keyBreakdownQuerySchema, keyDetailSchema, keySeriesQuerySchema } from './key-schemas';

describe('key contracts', () => {
  it.each([
    [{}, { range: '7d', unit: 'cost' }],
    [{ range: '90d', unit: 'tokens' }, { range: '90d', unit: 'tokens' }],
  ])('series query %j', (input, expected) => {
    expect(keySeriesQuerySchema.parse(input)).toEqual(expected);
  });

  it.each([[{ range: '1y' }], [{ unit: 'dollars' }]])('rejects series query %j', (input) => {
    expect(keySeriesQuerySchema.safeParse(input).success).toBe(false);
  });

  it('defaults the breakdown to a week', () => {
    expect(keyBreakdownQuerySchema.parse({})).toEqual({ range: '7d' });
  });

  it.each([
    [{ confirmName: 'Support chat' }, true],
    [{ confirmName: '' }, true], // parsed; disableKey answers "type the key's name"
    [{}, false],
    [{ confirmName: 42 }, false],
  ])('disable body %j', (body, ok) => {
    expect(disableKeyBodySchema.safeParse(body).success).toBe(ok);
  });

  it('says what to send when the name is missing', () => {
    const result = disableKeyBodySchema.safeParse({});
    expect(result.error?.issues[0]?.message).toBe("confirmName must be the key's name, typed to confirm");
  });

  it('has no field that could carry a credential', () => {
    expect(Object.keys(keyDetailSchema.shape).filter((k) => /secret|credential|adminkey|token/i.test(k))).toEqual([]);
  });
});
