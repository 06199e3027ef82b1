// Tableau 10: distinguishable for the common colour-vision deficiencies and on white.
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

// The usual environments keep one colour whichever others exist, so a chart reads the same
// on every range and every install.
const WELL_KNOWN: Record<string, string> = {
  production: '#4e79a7',
  prod: '#4e79a7',
  staging: '#f28e2b',
  stage: '#f28e2b',
  development: '#59a14f',
  dev: '#59a14f',
};

/** One colour per environment, in the order given; other names take the unused colours alphabetically. */
export function environmentColors(environments: readonly string[]): string[] {
  const assigned = new Map<string, string>();
  for (const name of environments) {
    const known = WELL_KNOWN[name.toLowerCase()];
    if (known) assigned.set(name, known);
  }
  const free = PALETTE.filter((colour) => ![...assigned.values()].includes(colour));
  const rest = [...new Set(environments)].filter((name) => !assigned.has(name)).sort((a, b) => a.localeCompare(b));
  rest.forEach((name, i) => {
    // Past ten environments colours repeat; the legend and tooltip still name each one.
    assigned.set(name, free[i] ?? PALETTE[i % PALETTE.length] ?? '#888888');
  });
  return environments.map((name) => assigned.get(name) ?? '#888888');
}
