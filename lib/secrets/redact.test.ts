import { describe, expect, it } from 'vitest';
import { redactSecret, type SecretKind } from './redact';

describe('redactSecret', () => {
  it.each<[SecretKind, string, string]>([
    ['openai', 'sk-admin-fake-0000000000000000abcd', 'sk-admin-...abcd'],
    ['openai', 'sk-proj-fake-0000000000000000wxyz', 'sk-...wxyz'],
    ['openai', 'sk-fake-000000000000dcba', 'sk-...dcba'],
    ['openai', 'fake-key-without-prefix-1234', '...1234'],
    ['anthropic', 'sk-ant-admin01-fake-000000000000abcd', 'sk-ant-...abcd'],
    ['anthropic', 'fake-anthropic-key-00005678', '...5678'],
    ['slack', 'https://hooks.slack.com/services/TFAKE/BFAKE/fakefakefake', 'https://hooks.slack.com/services/…fake'],
    ['slack', 'http://127.0.0.1:4010/services/TFAKE/BFAKE/fake0000wxyz', 'http://127.0.0.1:4010/services/…wxyz'],
    ['slack', 'https://user:pass@chat.example.test/hooks/fake0000abcd', 'https://chat.example.test/…abcd'],
    ['slack', 'not-a-url-but-long-enough-9876', '…9876'],
    ['pagerduty', 'fakeroutingkey00000000000000abcd', '…abcd'],
    // Exactly twelve characters: the last four still show.
    ['pagerduty', 'fake0000abcd', '…abcd'],
  ])('%s %s -> %s', (kind, value, hint) => {
    expect(redactSecret(value, kind)).toBe(hint);
  });

  it.each<SecretKind>(['openai', 'anthropic', 'slack', 'pagerduty'])('shows nothing of a %s value under twelve characters', (kind) => {
    expect(redactSecret('sk-admin-abc', kind).length).toBeGreaterThan(0); // twelve: shown
    expect(redactSecret('sk-admin-ab', kind)).toBe('');
    expect(redactSecret('https://x.y', kind)).toBe('');
    expect(redactSecret('', kind)).toBe('');
  });

  it('never shows more than the last four characters of the secret part', () => {
    const value = 'sk-admin-fake-SECRETPART-0000abcd';
    const hint = redactSecret(value, 'openai');
    expect(hint.replace('sk-admin-...', '')).toBe('abcd');
    expect(hint).not.toContain('SECRETPART');
  });
});
