// Parses kubectl's `-l` label selector syntax (apimachinery labels.Parse): `a=b,c!=d,e in (f,g),
// h notin (i),j,!k`, and matches labels against it.

/** One parsed requirement. */
export interface SelectorRequirement {
  readonly key: string;
  readonly op: 'in' | 'notin' | 'exists' | '!';
  readonly values: readonly string[];
}

/** Thrown for a selector that does not parse, with kubectl's wording. */
export class SelectorError extends Error {}

const KEY = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\/)?([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** Parses a selector string; '' selects everything. */
export function parseSelector(s: string): SelectorRequirement[] {
  const out: SelectorRequirement[] = [];
  let i = 0;
  const skip = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const word = () => {
    skip();
    const start = i;
    while (i < s.length && !' ,=!()'.includes(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (true) {
    skip();
    if (i >= s.length) break;
    if (s[i] === '!') {
      i++;
      const key = word();
      checkKey(key);
      out.push({ key, op: '!', values: [] });
    } else {
      const key = word();
      checkKey(key);
      skip();
      if (s.startsWith('!=', i)) {
        i += 2;
        out.push({ key, op: 'notin', values: [word()] });
      } else if (s.startsWith('==', i)) {
        i += 2;
        out.push({ key, op: 'in', values: [word()] });
      } else if (s[i] === '=') {
        i += 1;
        out.push({ key, op: 'in', values: [word()] });
      } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
        const op = s.startsWith('notin', i) ? 'notin' : 'in';
        i += op.length;
        skip();
        i++; // (
        const close = s.indexOf(')', i);
        if (close === -1) throw new SelectorError(`unable to parse requirement: found '', expected: ')'`);
        const values = s
          .slice(i, close)
          .split(',')
          .map((v) => v.trim());
        i = close + 1;
        out.push({ key, op, values });
      } else {
        out.push({ key, op: 'exists', values: [] });
      }
    }
    skip();
    if (i < s.length) {
      if (s[i] !== ',') throw new SelectorError(`unable to parse requirement: found '${s.slice(i)}', expected: ','`);
      i++;
    }
  }
  return out;
}

function checkKey(key: string): void {
  if (key === '' || !KEY.test(key)) {
    throw new SelectorError(`unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  }
}

/** Whether labels satisfy every requirement. */
export function selectorMatchesLabels(reqs: readonly SelectorRequirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(l[r.key]!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(l[r.key]!)) return false;
        break;
    }
  }
  return true;
}
