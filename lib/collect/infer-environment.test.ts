import { describe, expect, it } from 'vitest';
import { inferEnvironment } from './infer-environment';

describe('inferEnvironment', () => {
  it.each([
    ['Support chat', 'Helpdesk', 'production'],
    ['Code review bot (staging)', 'Engineering', 'staging'],
    ['ci-bot', 'Sandbox', 'development'],
    ['my_dev_key', null, 'development'],
    ['devops-prod', 'Platform', 'production'], // "devops" is not "dev"
    ['batch', 'UAT', 'staging'],
  ])('%s / %s -> %s', (key, project, env) => expect(inferEnvironment(key, project)).toBe(env));
});
