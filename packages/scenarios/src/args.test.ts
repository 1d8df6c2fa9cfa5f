import { describe, expect, it } from 'vitest';
import { FlagError, parseArgs, parseGoBool, type FlagSpec } from './args.ts';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'no-headers', type: 'bool' },
];

/** What the command line prints for these arguments to `dsim get`, or the flags they set. */
function parse(argv: string[]): string | Record<string, string[]> {
  try {
    return Object.fromEntries(parseArgs(argv, SPECS, 'get').flags);
  } catch (e) {
    if (e instanceof FlagError) return e.printed;
    throw e;
  }
}

describe('flags as pflag parses them, and its errors as kubectl prints them (cobra: Error: ..., then where the help is)', () => {
  const see = "See 'dsim get --help' for usage.\n";
  it.each([
    [['-n'], `Error: flag needs an argument: 'n' in -n\n${see}`],
    [['-An'], `Error: flag needs an argument: 'n' in -n\n${see}`],
    [['--namespace'], `Error: flag needs an argument: --namespace\n${see}`],
    [['--colour'], `Error: unknown flag: --colour\n${see}`],
    [['-z'], `Error: unknown shorthand flag: 'z' in -z\n${see}`],
    // pflag names the shorthands it has not read yet.
    [['-Axy'], `Error: unknown shorthand flag: 'x' in -xy\n${see}`],
    [['--no-headers=maybe'], `Error: invalid argument "maybe" for "--no-headers" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n${see}`],
    [['--no-headers='], `Error: invalid argument "" for "--no-headers" flag: strconv.ParseBool: parsing "": invalid syntax\n${see}`],
    [['--all-namespaces=foo'], `Error: invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax\n${see}`],
    [['-A=foo'], `Error: invalid argument "foo" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "foo": invalid syntax\n${see}`],
    // `-A=` is -A and then a shorthand '=': an '=' takes a value only when one follows it.
    [['-A='], `Error: unknown shorthand flag: '=' in -=\n${see}`],
  ])('%j', (argv, printed) => {
    expect(parse(argv)).toBe(printed);
  });

  it("keeps the usual `error: ...` message for callers that quote it", () => {
    expect(() => parseArgs(['--watch'], SPECS, 'get')).toThrow("error: unknown flag: --watch\nSee 'dsim get --help' for usage.");
  });

  it('accepts every spelling of a boolean Go accepts, stored as true or false', () => {
    expect(parse(['--no-headers=1', '-A=F'])).toEqual({ 'no-headers': ['true'], 'all-namespaces': ['false'] });
    expect(parse(['--all-namespaces=True'])).toEqual({ 'all-namespaces': ['true'] });
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const x of ['', 'yes', 'tRUE', ' true']) expect(parseGoBool(x)).toBeUndefined();
  });

  it('a string flag with a value of its own when alone (pflag\'s NoOptDefVal: --validate) takes a value only after =', () => {
    const specs: FlagSpec[] = [{ name: 'validate', type: 'string', noOptDefVal: 'strict' }];
    const flags = (argv: string[]) => {
      const p = parseArgs(argv, specs, 'apply');
      return [Object.fromEntries(p.flags), p.positional];
    };
    expect(flags(['--validate'])).toEqual([{ validate: ['strict'] }, []]);
    expect(flags(['--validate', 'false'])).toEqual([{ validate: ['strict'] }, ['false']]);
    expect(flags(['--validate=false'])).toEqual([{ validate: ['false'] }, []]);
  });

  it('reads shorthand values as pflag does', () => {
    expect(parse(['-nkube-system'])).toEqual({ namespace: ['kube-system'] });
    expect(parse(['-n=kube-system'])).toEqual({ namespace: ['kube-system'] });
    expect(parse(['-n='])).toEqual({ namespace: ['='] });
    expect(parse(['-Al', 'app=x'])).toEqual({ 'all-namespaces': ['true'], selector: ['app=x'] });
    expect(parse(['-n', '-A'])).toEqual({ namespace: ['-A'] });
  });
});
