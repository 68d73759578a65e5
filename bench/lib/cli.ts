/** Runs `parse` (a node:util parseArgs call); prints `usage` on --help or on a bad option. */
export function cli<R extends { values: { help?: boolean | undefined } }>(usage: string, parse: () => R): R {
  let parsed: R;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** A numeric option within bounds, or a usage error. */
export function numberOption(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value < min || value > max) {
    console.error(`--${name} must be a number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}
