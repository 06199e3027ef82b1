import { describe, expect, it } from 'vitest';
import { settingsErrors, topLevelField } from './settings-errors';

const fieldOf = topLevelField(['name', 'adminKey'] as const);

describe('settingsErrors', () => {
  it.each([
    [{ message: 'Invalid body: name: give the connection a name; adminKey: paste the key; a; b' }, { fields: { name: 'give the connection a name', adminKey: 'paste the key; a; b' }, general: null }],
    [{ message: 'Invalid body: provider: provider is openai or anthropic' }, { fields: {}, general: 'provider: provider is openai or anthropic' }],
    [{ message: 'Invalid body: body: send name, enabled or adminKey' }, { fields: {}, general: 'send name, enabled or adminKey' }],
    [{ message: 'Something went wrong on the server', status: 500 }, { fields: {}, general: 'Something went wrong on the server' }],
  ])('%j', (error, expected) => {
    expect(settingsErrors(error, fieldOf)).toEqual(expected);
  });

  it('places a whole message with the form’s own rule', () => {
    expect(settingsErrors({ message: 'A connection named "x" exists already', status: 409 }, fieldOf, () => 'name')).toEqual({ fields: { name: 'A connection named "x" exists already' }, general: null });
  });
});
