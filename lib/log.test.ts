import { describe, expect, it } from 'vitest';
import { redactFields } from './log';

describe('redactFields', () => {
  it.each([
    ['adminKey', 'sk-admin-fake', '[redacted]'],
    ['apiKey', 'sk-fake', '[redacted]'],
    ['webhookUrl', 'https://hooks.example.test/fake', '[redacted]'],
    ['routingKey', 'fake', '[redacted]'],
    ['password', 'x', '[redacted]'],
    ['ingestToken', 'brn_fake', '[redacted]'],
    ['authorization', 'Bearer x', '[redacted]'],
    ['keyId', 'key_abc', 'key_abc'], // ids are not secrets
    ['connectionId', 'c1', 'c1'],
    ['buckets', 12, 12],
  ])('%s', (field, value, shown) => {
    expect(redactFields({ [field]: value })[field]).toBe(shown);
  });

  it('logs errors by message', () => {
    expect(redactFields({ error: new Error('boom') }).error).toBe('boom');
  });
});
