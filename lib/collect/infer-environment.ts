// A new key's environment, guessed from its own and its project's name until someone sets it.
// Unknown means production: a missed page costs more than a needless one.
const RULES: [RegExp, string][] = [
  [/\b(stag(e|ing)?|preprod|pre-prod|uat)\b/i, 'staging'],
  [/\b(dev(elopment)?|sandbox|test(ing)?|local|playground)\b/i, 'development'],
];

export function inferEnvironment(keyName: string, projectName: string | null): string {
  for (const text of [keyName, projectName ?? '']) {
    for (const [pattern, environment] of RULES) if (pattern.test(text.replace(/[_()[\]]/g, ' '))) return environment;
  }
  return 'production';
}
