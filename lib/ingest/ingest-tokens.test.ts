import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateIngestToken, hashIngestToken, ingestTokenHint } from './ingest-tokens';

describe('ingest token format', () => {
  it('is brn_ and 40 base62 characters, different every time', () => {
    const tokens = Array.from({ length: 200 }, generateIngestToken);
    for (const t of tokens) expect(t).toMatch(/^brn_[A-Za-z0-9]{40}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it.each([
    ['brn_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd', 'brn_AbCd…'],
    ['brn_0000000000000000000000000000000000000000', 'brn_0000…'],
  ])('%s is stored as its sha256 with the hint %s', (token, hint) => {
    expect(hashIngestToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashIngestToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(ingestTokenHint(token)).toBe(hint);
  });
});
