// Reads `--name value` flags and plain words from a command line; a flag not known is refused.

export interface ParsedArgs {
  flags: Map<string, string | true>;
  words: string[];
}

/** valued: flags that take a value; switches: flags that stand alone. Returns the problem as text when refused. */
export function parseArgs(args: string[], valued: readonly string[], switches: readonly string[] = []): ParsedArgs | string {
  const flags = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (switches.includes(name)) flags.set(name, true);
    else if (valued.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `--${name} needs a value`;
      flags.set(name, value);
    } else return `unknown option --${name}`;
  }
  return { flags, words };
}

export function flag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
