import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  kubectlValidationMessage,
  loadManifests,
  ManifestError,
  MANIFEST_EXTENSIONS,
  parseManifests,
  STDIN_SOURCE,
  type LoadedObject,
} from './manifests.ts';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/manifests/', import.meta.url));
const fixture = (name: string): string => join(FIXTURES, name);

const noStdin = (): string => {
  throw new Error('stdin must not be read');
};
const load = (arg: string, recursive = false): LoadedObject[] => loadManifests(arg, { readStdin: noStdin, recursive });

const nameOf = (loaded: LoadedObject): string => {
  const metadata = loaded.object['metadata'] as { name?: string } | undefined;
  return `${loaded.object.kind}/${metadata?.name ?? ''}`;
};

/** 1-based line of the `occurrence`-th line of `file` containing `needle`, so tests do not hard-code fixture line numbers. */
function lineOf(file: string, needle: string, occurrence = 1): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  let seen = 0;
  const index = lines.findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index === -1) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

function manifestError(run: () => unknown): ManifestError {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

describe('loadManifests: one file', () => {
  it('reads a multi-document YAML file in order, skipping the empty document', () => {
    const file = fixture('daemonset-with-sa.yaml');
    const loaded = load(file);
    expect(loaded.map(nameOf)).toEqual(['ServiceAccount/log-shipper', 'DaemonSet/log-shipper']);
    expect(loaded.map((o) => o.source)).toEqual([file, file]);
    // A document starts at its first key, after any comment or `---`.
    expect(loaded.map((o) => o.line)).toEqual([lineOf(file, 'kind: ServiceAccount') - 1, lineOf(file, 'kind: DaemonSet') - 1]);
    expect(loaded[1]?.object).toMatchObject({ apiVersion: 'apps/v1', spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 1 } } } });
  });

  it('locates fields, and falls back to the nearest existing ancestor', () => {
    const file = fixture('daemonset-with-sa.yaml');
    const ds = load(file)[1]!;
    const containers = ['spec', 'template', 'spec', 'containers'];
    expect(ds.locate([...containers, '0', 'image'])).toBe(lineOf(file, 'image: example.org/log-shipper'));
    expect(ds.locate([...containers, '0'])).toBe(lineOf(file, '- name: shipper'));
    expect(ds.locate(['spec', 'template', 'spec', 'tolerations', '0', 'effect'])).toBe(lineOf(file, 'effect: NoSchedule'));
    expect(ds.locate([...containers, '0', 'livenessProbe', 'httpGet'])).toBe(lineOf(file, '- name: shipper'));
    expect(ds.locate([...containers, '7'])).toBe(lineOf(file, 'containers:'));
    expect(ds.locate(['metadata', 'labels', 'app'])).toBe(lineOf(file, 'app: log-shipper'));
    expect(ds.locate([])).toBe(ds.line);
    expect(ds.locate(['status'])).toBe(ds.line);
  });

  it('flattens a List of Nodes (kubectl get nodes -o yaml) into its items, each with its own line', () => {
    const file = fixture('nodes-list.yaml');
    const loaded = load(file);
    expect(loaded.map(nameOf)).toEqual(['Node/worker-a', 'Node/control-1']);
    expect(loaded.map((o) => o.line)).toEqual([lineOf(file, '- apiVersion: v1', 1), lineOf(file, '- apiVersion: v1', 2)]);
    expect(loaded[0]?.object['status']).toEqual({
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ status: 'True', type: 'Ready' }],
    });
    expect(loaded[1]?.locate(['spec', 'taints', '0', 'key'])).toBe(lineOf(file, 'key: node-role.kubernetes.io/control-plane'));
    expect(loaded[1]?.locate(['status', 'capacity', 'cpu'])).toBe(lineOf(file, 'cpu: "2"', 2));
    expect(loaded[0]?.locate(['status', 'capacity', 'cpu'])).toBe(lineOf(file, 'cpu: "4"', 2));
  });

  it('reads a JSON file, with lines for its fields', () => {
    const file = fixture('node.json');
    const [node, ...rest] = load(file);
    expect(rest).toEqual([]);
    expect(nameOf(node!)).toBe('Node/gpu-1');
    expect(node!.line).toBe(1);
    expect(node!.object['status']).toEqual({ capacity: { cpu: '32', 'nvidia.com/gpu': '8' } });
    expect(node!.locate(['spec', 'taints', '0', 'effect'])).toBe(lineOf(file, '"effect"'));
    expect(node!.locate(['spec', 'taints', '0'])).toBe(lineOf(file, '"key": "nvidia.com/gpu"') - 1);
    expect(node!.locate(['metadata', 'labels', 'kubernetes.io/os'])).toBe(lineOf(file, '"kubernetes.io/os"'));
    expect(node!.locate(['metadata', 'annotations', 'x'])).toBe(lineOf(file, '"metadata"'));
  });

  it('reads a file given by name whatever its extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-manifests-'));
    try {
      const file = join(dir, 'configmap.txt');
      writeFileSync(file, CONFIG_MAP);
      expect(load(file).map(nameOf)).toEqual(['ConfigMap/cm']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('names a path that does not exist like kubectl', () => {
    const missing = fixture('no-such-file.yaml');
    expect(manifestError(() => load(missing)).message).toBe(`the path "${missing}" does not exist`);
  });

  it('refuses a file larger than maxBytes before parsing it', () => {
    const file = fixture('node.json');
    const error = manifestError(() => loadManifests(file, { readStdin: noStdin, maxBytes: 100 }));
    expect(error.message).toMatch(new RegExp(`^error reading ${file}: \\d+ bytes is more than the 100-byte limit for one manifest$`));
  });
});

describe('loadManifests: directories', () => {
  // mirrors TestDirectoryBuilder in cli-runtime/pkg/resource/builder_test.go and the walk in ExpandPathsToFileVisitors
  // (visitor.go): only .json/.yaml/.yml files, in byte order of their names, subdirectories only with -R, at their sorted place.
  const bundle = fixture('bundle');

  it('reads the manifest files of a directory in name order', () => {
    const loaded = load(bundle);
    expect(loaded.map(nameOf)).toEqual([
      'PriorityClass/node-critical',
      'Namespace/monitoring',
      'DaemonSet/node-exporter',
      'ConfigMap/exporter-flags',
      'ConfigMap/after-nested-dir',
    ]);
    expect(loaded.map((o) => o.source)).toEqual(
      ['Z-priority-class.yaml', 'a-namespace.yaml', 'b-daemonset.yml', 'c-configmap.json', 'nested.yaml'].map((name) => join(bundle, name)),
    );
  });

  it('walks subdirectories with recursive, where they sort', () => {
    const loaded = load(bundle, true);
    expect(loaded.map(nameOf)).toEqual([
      'PriorityClass/node-critical',
      'Namespace/monitoring',
      'DaemonSet/node-exporter',
      'ConfigMap/exporter-flags',
      'ServiceAccount/node-exporter',
      'ConfigMap/after-nested-dir',
    ]);
    expect(loaded[4]?.source).toBe(join(bundle, 'nested', 'd-service-account.yaml'));
  });

  it('refuses a directory with no manifest files, in kubectl words', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsim-manifests-'));
    try {
      writeFileSync(join(dir, 'notes.txt'), CONFIG_MAP);
      writeFileSync(join(dir, 'upper.YAML'), CONFIG_MAP); // extensions match case-sensitively, as in kubectl
      expect(manifestError(() => load(dir, true)).message).toBe(`error reading [${dir}]: recognized file extensions are [.json .yaml .yml]`);
      expect(MANIFEST_EXTENSIONS).toEqual(['.json', '.yaml', '.yml']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('stops at the first broken file', () => {
    const error = manifestError(() => load(fixture('broken')));
    expect(error.source).toBe(fixture('broken/bad-indent.yaml'));
  });
});

describe('loadManifests: stdin', () => {
  it('reads `-` from stdin once and names it STDIN', () => {
    let reads = 0;
    const readStdin = (): string => {
      reads += 1;
      return `${CONFIG_MAP}---\n${CONFIG_MAP.replace('name: cm', 'name: cm2')}`;
    };
    const loaded = loadManifests('-', { readStdin });
    expect(reads).toBe(1);
    expect(loaded.map(nameOf)).toEqual(['ConfigMap/cm', 'ConfigMap/cm2']);
    expect(loaded.map((o) => [o.source, o.line])).toEqual([
      [STDIN_SOURCE, 1],
      [STDIN_SOURCE, 6],
    ]);
  });

  it('names STDIN in errors like kubectl does', () => {
    // kubectl: `error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; …`
    expect(manifestError(() => loadManifests('-', { readStdin: () => 'metadata:\n  name: x\n' })).message).toBe(
      'error validating "STDIN": line 1: error validating data: [apiVersion not set, kind not set]',
    );
    // kubectl: `error: error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context`
    expect(manifestError(() => loadManifests('-', { readStdin: () => 'a: b\n  c: d\n' })).message).toBe(
      'error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context',
    );
    const big = manifestError(() => loadManifests('-', { readStdin: () => CONFIG_MAP, maxBytes: 10 }));
    expect(big.message).toBe(`error reading STDIN: ${CONFIG_MAP.length} bytes is more than the 10-byte limit for one manifest`);
  });
});

describe('broken files', () => {
  // Each message is kubectl's (v1.32, `kubectl create --dry-run=client -f FILE`) with the line added where kubectl has none,
  // and lines counted from the top of the file where kubectl counts from the top of the document.
  const cases: { file: string; message: (path: string) => string; line: number; kubectl: string }[] = [
    {
      file: 'broken/bad-indent.yaml',
      message: (p) => `error parsing ${p}: error converting YAML to JSON: yaml: line 8: did not find expected key`,
      line: 8,
      kubectl: 'error parsing broken/bad-indent.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key',
    },
    {
      file: 'broken/duplicate-key.yaml',
      message: (p) =>
        `error parsing ${p}: error converting YAML to JSON: yaml: unmarshal errors: line 11: mapping key "image" already defined at line 10`,
      line: 11,
      kubectl: '(accepted by `-f`, last value wins; `-k` says: yaml: unmarshal errors: line 11: mapping key "image" already defined at line 10)',
    },
    {
      file: 'broken/missing-kind.yaml',
      message: (p) => `error validating "${p}": line 6: error validating data: [apiVersion not set, kind not set]`,
      line: 6,
      kubectl: 'error validating "broken/missing-kind.yaml": error validating data: [apiVersion not set, kind not set]',
    },
    {
      file: 'broken/not-an-object.yaml',
      message: (p) =>
        `error validating "${p}": line 1: error validating data: invalid object to validate (found a list, not an object with apiVersion and kind)`,
      line: 1,
      kubectl: 'error validating "broken/not-an-object.yaml": error validating data: invalid object to validate',
    },
    {
      file: 'broken/truncated.json',
      message: (p) => `error parsing ${p}: json: line 6: unexpected EOF`,
      line: 6,
      kubectl: 'error parsing broken/truncated.json: unexpected EOF',
    },
    {
      file: 'broken/missing-colon.json',
      message: (p) => `error parsing ${p}: json: line 4: invalid character '"' after object key`,
      line: 4,
      kubectl: `error parsing broken/missing-colon.json: json: offset 65: invalid character '"' after object key`,
    },
    {
      file: 'broken/billion-laughs.yaml',
      message: (p) => `error parsing ${p}: error converting YAML to JSON: yaml: line 1: document contains excessive aliasing`,
      line: 1,
      kubectl: 'error parsing broken/billion-laughs.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    },
  ];
  for (const { file, message, line } of cases) {
    it(file, () => {
      const path = fixture(file);
      const error = manifestError(() => load(path));
      expect(error.message).toBe(message(path));
      expect(error.name).toBe('ManifestError');
      expect([error.source, error.line]).toEqual([path, line]);
      expect(error.message).not.toContain('\n');
    });
  }

  it('refuses a billion laughs quickly, without expanding it', () => {
    const started = performance.now();
    expect(() => load(fixture('broken/billion-laughs.yaml'))).toThrow(/excessive aliasing/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('YAML syntax errors in go-yaml words', () => {
  // The phrases kubectl v1.32 prints for the same mistakes (go-yaml v2 via sigs.k8s.io/yaml), so users can search for them.
  const cases: [body: string, line: number, problem: string][] = [
    ['data:\n  a: b\n    c: d\n', 7, 'mapping values are not allowed in this context'],
    ['data:\n  a: b: c\n', 6, 'mapping values are not allowed in this context'],
    ['data:\n\ta: b\n', 6, 'found character that cannot start any token'],
    ['data:\n  a: @b\n', 6, 'found character that cannot start any token'],
    ['data:\n  a: [b, c\n', 7, "did not find expected ',' or ']'"],
    ['data: {a: b\n', 6, "did not find expected ',' or '}'"],
    ['data:\n  a: "b\n', 7, 'found unexpected end of stream'],
    ['data:\n  a: - b\n', 6, 'block sequence entries are not allowed in this context'],
    ["data:\n  a: 'x' y\n", 6, 'did not find expected key'],
    ['spec:\n    a: 1\n  b: 2\n', 7, 'did not find expected key'],
    ['data:\n  a: "\\q"\n', 6, 'found unknown escape character'],
    ['data:\n  a: *nope\n', 6, "unknown anchor 'nope' referenced"],
    ['data:\n  a: &x {b: *x}\n', 6, "anchor 'x' value contains itself"],
    ['data:\n  <<: 5\n', 6, 'map merge requires map or sequence of maps as the value'],
    ['data:\n  a: !!int foo\n', 6, 'cannot decode !!str `foo` as a !!int'],
    ['data:\n  a: !!binary "***"\n', 6, '!!binary value contains invalid base64 data'],
    ['data:\n  a: \u0001\n', 6, 'control characters are not allowed'],
    ['data:\n  ? [a, b]\n  : 1\n', 6, 'invalid map key'],
  ];
  for (const [body, line, problem] of cases) {
    it(problem, () => {
      const error = manifestError(() => parseManifests(CONFIG_MAP + body, 'f.yaml'));
      expect(error.message).toBe(`error parsing f.yaml: error converting YAML to JSON: yaml: line ${line}: ${problem}`);
      expect(error.line).toBe(line);
    });
  }

  it('refuses text after a --- separator, like kubectl’s YAMLReader', () => {
    // kubectl: `error parsing x.yaml: invalid Yaml document separator: {a: 1}`
    expect(manifestError(() => parseManifests(`${CONFIG_MAP}--- {a: 1}\n`, 'x.yaml')).message).toBe(
      'error parsing x.yaml: line 5: invalid Yaml document separator: {a: 1}',
    );
    expect(parseManifests(`--- # comment\n${CONFIG_MAP}---\n`, 'x.yaml').map(nameOf)).toEqual(['ConfigMap/cm']);
  });

  it('refuses values JSON cannot hold', () => {
    // kubectl: `error converting YAML to JSON: json: unsupported value: +Inf`
    expect(manifestError(() => parseManifests(`${CONFIG_MAP}data:\n  a: .inf\n`, 'x.yaml')).message).toBe(
      'error parsing x.yaml: error converting YAML to JSON: json: line 6: unsupported value: +Inf',
    );
    expect(manifestError(() => parseManifests(`${CONFIG_MAP}data:\n  ~: x\n`, 'x.yaml')).message).toBe(
      'error parsing x.yaml: error converting YAML to JSON: line 6: unsupported map key of type: <nil>',
    );
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseManifests('['.repeat(20_000), 'deep.yaml')).toThrow(ManifestError);
    expect(() => parseManifests('{"a":'.repeat(5_000), 'deep.json')).toThrow(/json: line 1: exceeded max depth/);
  });
});

describe('YAML 1.1 scalars, as kubectl reads them', () => {
  // mirrors the resolve table of goyaml.v2/resolve.go (sigs.k8s.io/yaml), checked against
  // `kubectl label --local -o json`: `on`/`yes`/`y` are booleans, `0777` is octal, underscores vanish, no sexagesimal, no dates.
  const cases: [yaml: string, want: unknown][] = [
    ['yes', true],
    ['On', true],
    ['y', true],
    ['NO', false],
    ['off', false],
    ['"yes"', 'yes'],
    ['0777', 511],
    ['-0777', -511],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['09', 9],
    ['1_000', 1000],
    ['1e3', 1000],
    ['1.20', 1.2],
    ['.5', 0.5],
    ['1e400', '1e400'],
    ['12:30', '12:30'],
    ['2001-12-14', '2001-12-14'],
    ['~', null],
    ['', null],
    ['Null', null],
    ['1.2.3', '1.2.3'],
    ['!!str 5', '5'],
    ['!!int "5"', 5],
    ['!!binary aGVsbG8=', 'hello'],
  ];
  for (const [yaml, want] of cases) {
    it(`${yaml || '(empty)'} → ${JSON.stringify(want)}`, () => {
      const [loaded] = parseManifests(`${CONFIG_MAP}data:\n  value: ${yaml}\n`, 'scalars.yaml');
      expect(loaded?.object['data']).toEqual({ value: want });
    });
  }

  it('turns boolean-looking keys into "true"/"false", as sigs.k8s.io/yaml does', () => {
    const [loaded] = parseManifests(`${CONFIG_MAP}data:\n  y: 1\n  n: 2\n  5: 3\n`, 'keys.yaml');
    expect(loaded?.object['data']).toEqual({ true: 1, false: 2, '5': 3 });
  });

  it('counts `y` and `yes` as one key', () => {
    expect(manifestError(() => parseManifests(`${CONFIG_MAP}data:\n  y: 1\n  yes: 2\n`, 'keys.yaml')).message).toBe(
      'error parsing keys.yaml: error converting YAML to JSON: yaml: unmarshal errors: line 7: mapping key "yes" already defined at line 6',
    );
  });

  it('merges `<<` keys and expands aliases', () => {
    const text = `${CONFIG_MAP}base: &base\n  a: 1\n  b: 2\ndata:\n  <<: *base\n  b: 3\nagain: *base\n`;
    const [loaded] = parseManifests(text, 'merge.yaml');
    expect(loaded?.object).toMatchObject({ data: { a: 1, b: 3 }, again: { a: 1, b: 2 } });
    // A merged field has no line of its own in the map it was merged into: it gets the map's.
    expect(loaded?.locate(['data', 'a'])).toBe(8);
    expect(loaded?.locate(['again', 'b'])).toBe(7);
  });
});

describe('documents and Lists', () => {
  it('skips empty, comment-only and null documents', () => {
    // mirrors the "foo: bar\n---\n" cases of TestYAMLOrJSONDecoder in apimachinery/pkg/util/yaml/decoder_test.go
    expect(parseManifests('', 'x.yaml')).toEqual([]);
    expect(parseManifests('# nothing\n', 'x.yaml')).toEqual([]);
    expect(parseManifests('---\n---\nnull\n---\n~\n', 'x.yaml')).toEqual([]);
    expect(parseManifests(`${CONFIG_MAP}---\n`, 'x.yaml').map(nameOf)).toEqual(['ConfigMap/cm']);
    expect(parseManifests(`\ufeff${CONFIG_MAP}`, 'bom.yaml').map(nameOf)).toEqual(['ConfigMap/cm']);
  });

  it('reads a stream of JSON objects when the text starts with {, whatever the file is called', () => {
    // mirrors the ` {"1":2}{"3":4}` case of TestYAMLOrJSONDecoder
    const one = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}';
    const loaded = parseManifests(`  ${one}${one.replace('"a"', '"b"')}\n${one.replace('"a"', '"c"')}`, 'stream.yaml');
    expect(loaded.map(nameOf)).toEqual(['ConfigMap/a', 'ConfigMap/b', 'ConfigMap/c']);
    expect(loaded.map((o) => o.line)).toEqual([1, 1, 2]);
    // JSON after YAML-looking text is YAML (flow style); YAML after JSON is a JSON error, as in kubectl.
    expect(manifestError(() => parseManifests(`${one}\n---\n${CONFIG_MAP}`, 'mixed.yaml')).message).toBe(
      "error parsing mixed.yaml: json: line 2: invalid character '-' in numeric literal",
    );
  });

  it('gives go encoding/json messages for broken JSON', () => {
    // mirrors TestDecodeBrokenJSON in apimachinery/pkg/util/yaml/decoder_test.go (which expects "json: line 3:" for an
    // error on line 4: that old decoder counted lines before the offending one; we name the offending line)
    const text = '{\n\t"foo": {\n\t\t"stuff": 1\n\t\t"otherStuff": 2\n\t}\n}\n  ';
    expect(manifestError(() => parseManifests(text, 'b.json')).message).toBe(
      `error parsing b.json: json: line 4: invalid character '"' after object key:value pair`,
    );
    const cases: [json: string, problem: string][] = [
      ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
      ['{"a":[1,]}', "invalid character ']' looking for beginning of value"],
      ['{"a":[1 2]}', "invalid character '2' after array element"],
      ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
      ['{"a":-x}', "invalid character 'x' in numeric literal"],
      ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
      ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
      ['{"a":"\\x"}', "invalid character 'x' in string escape code"],
      ['{"a":"\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape"],
      ['{"a":"x\ty"}', "invalid character '\\t' in string literal"],
      ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
      ['{"a":1} x', "invalid character 'x' looking for beginning of value"],
      ['{"a":', 'unexpected EOF'],
    ];
    for (const [json, problem] of cases) {
      expect(manifestError(() => parseManifests(json, 'b.json')).message).toBe(`error parsing b.json: json: line 1: ${problem}`);
    }
  });

  it('refuses duplicate JSON fields, naming both lines', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "kind": "Secret"\n}\n';
    expect(manifestError(() => parseManifests(text, 'd.json')).message).toBe(
      'error parsing d.json: json: line 4: duplicate field "kind" (already defined at line 3)',
    );
  });

  it('keeps __proto__ as data, never as a prototype', () => {
    const [fromJson] = parseManifests('{"apiVersion":"v1","kind":"ConfigMap","data":{"__proto__":{"polluted":true}}}', 'p.json');
    const [fromYaml] = parseManifests(`${CONFIG_MAP}data:\n  __proto__:\n    polluted: true\n`, 'p.yaml');
    for (const loaded of [fromJson, fromYaml]) {
      const data = loaded?.object['data'] as Record<string, unknown>;
      expect(Object.keys(data)).toEqual(['__proto__']);
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });

  it('flattens Lists inside Lists', () => {
    // mirrors TestFlattenListVisitor in cli-runtime/pkg/resource/visitor_test.go (a List nesting Lists gives every leaf)
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: Node, metadata: {name: n1}}',
      '- apiVersion: v1',
      '  kind: NodeList',
      '  items:',
      '  - {apiVersion: v1, kind: Node, metadata: {name: n2}}',
      '  - apiVersion: v1',
      '    kind: List',
      '    items: [{apiVersion: v1, kind: Node, metadata: {name: n3}}]',
      '- {apiVersion: v1, kind: Node, metadata: {name: n4}}',
    ].join('\n');
    const loaded = parseManifests(text, 'nested.yaml');
    expect(loaded.map(nameOf)).toEqual(['Node/n1', 'Node/n2', 'Node/n3', 'Node/n4']);
    expect(loaded.map((o) => o.line)).toEqual([4, 8, 11, 12]);
  });

  it('treats an empty List as no objects, but a custom kind ending in List as an object', () => {
    // the second case mirrors "is fine with crd resource with List as a suffix kind name" in
    // kubectl/pkg/util/openapi/validation/validation_test.go
    expect(parseManifests('apiVersion: v1\nkind: List\nitems: []\n', 'l.yaml')).toEqual([]);
    expect(parseManifests('apiVersion: v1\nkind: List\nitems:\n', 'l.yaml')).toEqual([]);
    expect(parseManifests('apiVersion: fake.com/v1\nkind: FakeList\nmetadata:\n  name: fake\n', 'l.yaml').map(nameOf)).toEqual([
      'FakeList/fake',
    ]);
  });

  it('refuses List items that are not objects, with the item line', () => {
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: List\nitems:\n- 5\n', 'l.yaml')).message).toBe(
      'error validating "l.yaml": line 4: error validating data: invalid object to validate (found a number, not an object with apiVersion and kind)',
    );
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: List\nitems:\n  a: 1\n', 'l.yaml')).message).toBe(
      'unable to decode "l.yaml": line 3: items is not a list',
    );
  });

  it('checks apiVersion and kind like kubectl’s GetObjectKind', () => {
    // mirrors the "fails because …" cases of kubectl/pkg/util/openapi/validation/validation_test.go
    const cases: [text: string, problem: string][] = [
      ['kind: Pod\nmetadata:\n  name: name\n', 'error validating data: apiVersion not set'],
      ['apiVersion: 1\nmetadata:\n  name: name\n', "error validating data: [apiVersion isn't string type, kind not set]"],
      ['apiVersion: v1\nkind: 5\n', "error validating data: kind isn't string type"],
      ['apiVersion: v1\nkind: null\n', 'error validating data: kind not set'],
      ['apiVersion: a/b/c\nkind: Pod\n', 'error validating data: unexpected GroupVersion string: a/b/c'],
      ['hello\n', 'error validating data: invalid object to validate (found a string, not an object with apiVersion and kind)'],
    ];
    for (const [text, problem] of cases) {
      expect(manifestError(() => parseManifests(text, 'v.yaml')).message).toBe(`error validating "v.yaml": line 1: ${problem}`);
    }
    expect(manifestError(() => parseManifests('apiVersion: v1\nkind: ""\n', 'v.yaml')).message).toBe(
      `unable to decode "v.yaml": line 1: Object 'Kind' is missing`,
    );
  });
});

describe('kubectlValidationMessage', () => {
  // kubectl v1.32 (`kubectl apply -f F`, client-side): cli-runtime's ValidateSchema wraps GetObjectKind's
  // error in "error validating data: …; if you choose to ignore these errors, turn validation off with
  // --validate=false", and the visitor puts `error validating "F": ` before it. dsim adds where, after.
  const stop = 'if you choose to ignore these errors, turn validation off with --validate=false';
  it("is kubectl's text, then the file and line", () => {
    const cases: [text: string, kubectl: string, line: number][] = [
      ['kind: Pod\nmetadata:\n  name: x\n', 'apiVersion not set', 1],
      ['# c\napiVersion: v1\nmetadata:\n  name: x\n', 'kind not set', 2],
      ['metadata:\n  name: x\n', '[apiVersion not set, kind not set]', 1],
      ['apiVersion: a/b/c\nkind: Pod\n', 'unexpected GroupVersion string: a/b/c', 1],
      // kubectl says no more than this for something that is not an object.
      ['- 1\n', 'invalid object to validate', 1],
      ['apiVersion: v1\nkind: List\nitems:\n- 5\n', 'invalid object to validate', 4],
    ];
    for (const [text, kubectl, line] of cases) {
      const e = manifestError(() => parseManifests(text, 'f.yaml'));
      expect(kubectlValidationMessage(e)).toBe(`error validating "f.yaml": error validating data: ${kubectl}; ${stop} (f.yaml:${line})`);
    }
  });

  it('is undefined for errors that are not validation (parse errors, decoding)', () => {
    expect(kubectlValidationMessage(manifestError(() => parseManifests('a: b\n  c: d\n', 'f.yaml')))).toBeUndefined();
    expect(kubectlValidationMessage(manifestError(() => parseManifests('apiVersion: v1\nkind: ""\n', 'f.yaml')))).toBeUndefined();
  });
});
