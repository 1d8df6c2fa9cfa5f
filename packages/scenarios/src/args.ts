// Command-line flags in kubectl's (pflag's) manner: `--name value`, `--name=value`, `-n value`,
// `-nvalue`, `-n=value`, boolean flags with optional `=true|false`, repeatable flags, and `--`.

import { UserError } from './session.ts';

/** A flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** 'bool' flags take no value (but accept `--x=false`); 'string' flags take one; 'list' may repeat. */
  readonly type: 'bool' | 'string' | 'list';
  /**
   * For a 'string' flag, the value `--x` alone means (pflag's NoOptDefVal, as kubectl's
   * `--validate` has "strict"): a value then needs `--x=value`, and the next argument is not one.
   */
  readonly noOptDefVal?: string;
}

/**
 * A flag kubectl's flag parser (cobra over pflag) refuses: `reason` in its words, for `command`
 * ('' for dsim itself). The message is in the usual `error: ...` form, for callers that quote it;
 * the command line prints it as cobra does (`Error: reason` and a pointer to the command's help).
 */
export class FlagError extends UserError {
  constructor(
    readonly reason: string,
    readonly command: string,
  ) {
    super(`error: ${reason}\nSee '${helpOf(command)}' for usage.`);
  }

  /** What kubectl prints, with dsim for kubectl. */
  get printed(): string {
    return `Error: ${this.reason}\nSee '${helpOf(this.command)}' for usage.\n`;
  }
}

function helpOf(command: string): string {
  return command === '' ? 'dsim --help' : `dsim ${command} --help`;
}

/** Go's strconv.ParseBool: the spellings of true and false pflag accepts; undefined for others. */
export function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
  /** How many positional arguments came before `--`, when one was given (cobra's ArgsLenAtDash). */
  readonly argsLenAtDash?: number;
}

/** Parses argv against the flag specs; unknown flags are an error in kubectl's words. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let argsLenAtDash: number | undefined;
  const set = (spec: FlagSpec, value: string) => {
    const have = flags.get(spec.name) ?? [];
    flags.set(spec.name, spec.type === 'list' ? [...have, value] : [value]);
  };
  // A boolean flag's value, as pflag parses it (its name as pflag shows it: `-A, --all-namespaces`).
  const setBool = (spec: FlagSpec, value: string) => {
    const b = parseGoBool(value);
    if (b === undefined) {
      const shown = spec.short === undefined ? `--${spec.name}` : `-${spec.short}, --${spec.name}`;
      throw new FlagError(`invalid argument ${goQuote(value)} for "${shown}" flag: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`, command);
    }
    set(spec, String(b));
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      argsLenAtDash = positional.length;
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (spec === undefined) throw new FlagError(`unknown flag: --${name}`, command);
      if (spec.type === 'bool') setBool(spec, eq === -1 ? 'true' : a.slice(eq + 1));
      else if (eq !== -1) set(spec, a.slice(eq + 1));
      else if (spec.noOptDefVal !== undefined) set(spec, spec.noOptDefVal);
      else {
        const v = argv[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: --${name}`, command);
        set(spec, v);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      // Shorthand flags, combined as pflag allows: booleans, then at most one that takes a value (-Al app=x).
      let j = 1;
      while (j < a.length) {
        const ch = a[j]!;
        const spec = byShort.get(ch);
        // pflag names the shorthands not yet read (`-Ax` fails on 'x' in -x).
        if (spec === undefined) throw new FlagError(`unknown shorthand flag: '${ch}' in -${a.slice(j)}`, command);
        // pflag's parseSingleShortArg: `-x=value` only when something follows the '=' (`-A=` is -A, then '=').
        const rest = a.slice(j);
        if (spec.type === 'bool') {
          if (rest.length > 2 && rest[1] === '=') {
            setBool(spec, rest.slice(2));
            break;
          }
          set(spec, 'true');
          j++;
          continue;
        }
        let v = rest.length > 2 && rest[1] === '=' ? rest.slice(2) : rest.slice(1);
        if (v === '') {
          const next = argv[++i];
          if (next === undefined) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`, command);
          v = next;
        }
        set(spec, v);
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return argsLenAtDash === undefined ? { positional, flags } : { positional, flags, argsLenAtDash };
}

/** Go's %q of a string, for the printable ASCII a command line mostly holds (JSON's escapes otherwise). */
function goQuote(s: string): string {
  return JSON.stringify(s);
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
