// Command-line flags in kubectl's (pflag's) manner: `--name value`, `--name=value`, `-n value`,
// `-nvalue`, `-n=value`, boolean flags with optional `=true|false`, repeatable flags, and `--`.

import { UserError } from './session.ts';

/** A flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** 'bool' flags take no value (but accept `--x=false`); 'string' flags take one; 'list' may repeat. */
  readonly type: 'bool' | 'string' | 'list';
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

/** Parses argv against the flag specs; unknown flags are an error in kubectl's words. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const set = (spec: FlagSpec, value: string) => {
    const have = flags.get(spec.name) ?? [];
    flags.set(spec.name, spec.type === 'list' ? [...have, value] : [value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (spec === undefined) throw new UserError(`error: unknown flag: --${name}\nSee 'dsim ${command} --help' for usage.`);
      if (spec.type === 'bool') {
        const v = eq === -1 ? 'true' : a.slice(eq + 1);
        if (v !== 'true' && v !== 'false') {
          throw new UserError(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
        }
        set(spec, v);
      } else if (eq !== -1) set(spec, a.slice(eq + 1));
      else {
        const v = argv[++i];
        if (v === undefined) throw new UserError(`error: flag needs an argument: --${name}`);
        set(spec, v);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      // Shorthand flags; booleans may be combined (-Af is not kubectl's, but -A alone is).
      let j = 1;
      while (j < a.length) {
        const ch = a[j]!;
        const spec = byShort.get(ch);
        if (spec === undefined) throw new UserError(`error: unknown shorthand flag: '${ch}' in ${a}\nSee 'dsim ${command} --help' for usage.`);
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            set(spec, a.slice(j + 2));
            break;
          }
          set(spec, 'true');
          j++;
          continue;
        }
        let v = a.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        if (v === '') {
          const next = argv[++i];
          if (next === undefined) throw new UserError(`error: flag needs an argument: '${ch}' in -${ch}`);
          v = next;
        }
        set(spec, v);
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return { positional, flags };
}

/** The last value of a string flag. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === undefined ? undefined : v[v.length - 1];
}

/** A boolean flag's value. */
export function boolFlag(args: ParsedArgs, name: string, dflt = false): boolean {
  const v = flag(args, name);
  return v === undefined ? dflt : v === 'true';
}

/** Every value of a repeatable flag. */
export function listFlag(args: ParsedArgs, name: string): string[] {
  return args.flags.get(name) ?? [];
}
