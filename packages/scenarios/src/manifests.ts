// Loads Kubernetes manifests the way `kubectl apply -f` reads them: files, directories, stdin; YAML streams, JSON streams, Lists.
// Edge code: reads files and parses text, but knows nothing of what the objects mean (that is for the model in @dsim/core).
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type ErrorCode,
  type Node as YamlNode,
  type ParseOptions,
  type DocumentOptions,
  type SchemaOptions,
  type ScalarTag,
  type Tags,
} from 'yaml';

/** A Kubernetes object as read from a manifest: apiVersion and kind are checked to be strings, the rest is as written. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** One object read from a manifest, with where it came from so later errors can point at the right line. */
export interface LoadedObject {
  readonly object: ManifestObject;
  /** The file path as kubectl would print it (joined with the directory when walking one), or `STDIN`. */
  readonly source: string;
  /** 1-based line where the object starts (its first key, or `{`), counted from the top of the file. */
  readonly line: number;
  /** 1-based line of a field of this object, e.g. `['spec', 'template', 'spec', 'containers', '0', 'image']`; a missing field gives its nearest existing ancestor. */
  locate(path: readonly string[]): number;
}

/** Options for {@link loadManifests}. */
export interface LoadOptions {
  /** Called at most once, when the argument is `-`. */
  readonly readStdin: () => string;
  /** Walk subdirectories too, like `kubectl -R`. */
  readonly recursive?: boolean;
  /** Largest file or stdin accepted, in bytes (UTF-16 code units for stdin); defaults to {@link MAX_MANIFEST_BYTES}. */
  readonly maxBytes?: number;
}

/** A manifest that cannot be loaded; the message is one line in kubectl's wording, without kubectl's leading `error: `. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  /** File path or `STDIN`, when the problem is inside a source. */
  readonly source: string | undefined;
  /** 1-based line in `source`, when known. */
  readonly line: number | undefined;
  /**
   * For an object kubectl's client-side validation refuses (no apiVersion or kind, not an object):
   * what failed, as kubectl words it (`apiVersion not set`, `[apiVersion not set, kind not set]`).
   * Commands that validate as kubectl's apply and create do print {@link kubectlValidationMessage}.
   */
  readonly validation: string | undefined;

  constructor(message: string, source?: string, line?: number, validation?: string) {
    super(message);
    this.source = source;
    this.line = line;
    this.validation = validation;
  }
}

/** The end of every validation error kubectl prints (cli-runtime's ValidateSchema). */
export const STOP_VALIDATE_MESSAGE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/**
 * A validation error as `kubectl apply|create -f` prints it (after `error: `), byte for byte, then
 * where it is, as dsim's other apply errors say it: `error validating "F": error validating data:
 * apiVersion not set; if you choose to ignore these errors, turn validation off with
 * --validate=false (F:LINE)`. Undefined for an error that is not one of validation.
 */
export function kubectlValidationMessage(e: ManifestError): string | undefined {
  if (e.validation === undefined || e.source === undefined) return undefined;
  const where = e.line === undefined ? e.source : `${e.source}:${e.line}`;
  return `error validating ${goQuoted(e.source)}: error validating data: ${e.validation}; ${STOP_VALIDATE_MESSAGE} (${where})`;
}

/** Go's %q for a file name (JSON's escapes cover what a path holds). */
function goQuoted(s: string): string {
  return JSON.stringify(s);
}

/** The name kubectl gives standard input in its messages (`error validating "STDIN": …`). */
export const STDIN_SOURCE = 'STDIN';

/** Extensions picked up when walking a directory, matched case-sensitively like kubectl's `FileExtensions`. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

/**
 * Default cap on one file or stdin. kubectl has none, but `kubectl get nodes -o yaml` for a 5,000-node cluster is about 25 MiB,
 * so 64 MiB admits every real dump while refusing a runaway input before it is parsed. (The yaml package reads about 1 MB/s,
 * so such a dump takes half a minute as YAML; as JSON, `-o json`, it takes a second or two.)
 */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * How many alias expansions, weighted by the aliases inside each anchor (the yaml package's measure), one document may make.
 * Real manifests use a handful; "billion laughs" needs thousands, and fails here long before it costs memory.
 */
const MAX_ALIAS_COUNT = 1000;

/** Nesting deeper than this is refused instead of risking a stack overflow (go's encoding/json stops at 10,000; our stack is smaller). */
const MAX_JSON_DEPTH = 1000;

/**
 * Reads `arg` like `kubectl apply -f arg`: a file (any extension), a directory (its `.json`/`.yaml`/`.yml` files in name order,
 * subdirectories too when `recursive`), or `-` for stdin. Objects come back in file order, then document order, Lists flattened
 * in item order. Throws {@link ManifestError} at the first problem, so a caller never applies half of a broken input.
 * An empty result is not an error here: kubectl reports "no objects passed to apply" at the command level.
 */
export function loadManifests(arg: string, opts: LoadOptions): LoadedObject[] {
  const maxBytes = opts.maxBytes ?? MAX_MANIFEST_BYTES;
  if (arg === '-') {
    const text = opts.readStdin();
    if (text.length > maxBytes) throw tooLarge(STDIN_SOURCE, text.length, maxBytes);
    return parseManifests(text, STDIN_SOURCE);
  }
  const stat = statOrUndefined(arg);
  if (stat === undefined) throw new ManifestError(`the path "${arg}" does not exist`);
  if (!stat.isDirectory()) return parseManifests(readManifestFile(arg, maxBytes), arg);

  const files = manifestFilesUnder(arg, opts.recursive ?? false);
  if (files.length === 0) {
    throw new ManifestError(`error reading [${arg}]: recognized file extensions are [${MANIFEST_EXTENSIONS.join(' ')}]`);
  }
  return files.flatMap((file) => parseManifests(readManifestFile(file, maxBytes), file));
}

/**
 * Parses manifest text from `source` (used only in messages). Like kubectl, text starting with `{` is a stream of JSON objects,
 * anything else a YAML stream split on `---`; empty and `null` documents are skipped; Lists (any object with `items`) are flattened.
 */
export function parseManifests(text: string, source: string): LoadedObject[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const documents = /^[ \t\r\n]*\{/.test(body) ? parseJsonStream(body, source) : parseYamlStream(body, source);
  const out: LoadedObject[] = [];
  for (const document of documents) collectObjects(document, source, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------------
// Files and directories

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw new ManifestError(`stat ${path}: ${systemMessage(error)}`, path);
  }
}

function readManifestFile(path: string, maxBytes: number): string {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) throw tooLarge(path, size, maxBytes);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    // go's os.Open error, as kubectl prints it: "open x.yaml: permission denied".
    throw new ManifestError(`open ${path}: ${systemMessage(error)}`, path);
  }
}

function tooLarge(source: string, size: number, maxBytes: number): ManifestError {
  return new ManifestError(`error reading ${source}: ${size} bytes is more than the ${maxBytes}-byte limit for one manifest`, source);
}

/** Mirrors the walk in cli-runtime's ExpandPathsToFileVisitors: lexical order, subdirectories visited where they sort. */
function manifestFilesUnder(dir: string, recursive: boolean): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    // go's filepath.Walk sorts by bytes; code-unit order agrees for every name that is not astral-plane Unicode.
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (recursive) walk(path);
      } else if (MANIFEST_EXTENSIONS.includes(goExt(entry.name))) {
        files.push(path);
      }
    }
  };
  walk(dir);
  return files;
}

/** go's filepath.Ext: from the last dot, so a file named `.yaml` counts (node's extname would say it has none). */
function goExt(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function systemMessage(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------------------------------------------------------------------
// Documents to objects

/** One top-level value of a stream, before List flattening and validation. */
interface ParsedDocument {
  readonly value: unknown;
  readonly line: number;
  readonly locate: (path: readonly string[]) => number;
  /** The same for one element of an array-valued field of this document (used for List items). */
  readonly child: (path: readonly string[]) => ParsedDocument;
}

function collectObjects(document: ParsedDocument, source: string, out: LoadedObject[]): void {
  const { value } = document;
  if (value === null || value === undefined) return; // kubectl skips empty and `null` documents
  const object = validateObject(value, source, document.line);
  const items = object['items'];
  // cli-runtime decodes anything with a non-null `items` as a list (its "unstructured.detector"), whatever the kind.
  if (items === undefined || items === null) {
    // `kind: List` with `items:` left empty holds no objects (kubectl fails on it). Other kinds ending in "List" may be
    // custom resources, which kubectl's validation_test.go insists are plain objects.
    if (object.kind !== 'List') out.push({ object, source, line: document.line, locate: document.locate });
    return;
  }
  if (!Array.isArray(items)) {
    throw new ManifestError(`unable to decode "${source}": line ${document.locate(['items'])}: items is not a list`, source, document.locate(['items']));
  }
  items.forEach((_, index) => {
    const item = document.child(['items', String(index)]);
    if (item.value === null || item.value === undefined) throw invalidObject(source, item.line, item.value);
    // Lists inside Lists flatten too, as in cli-runtime's TestFlattenListVisitor.
    collectObjects(item, source, out);
  });
}

/** Mirrors GetObjectKind in k8s.io/kubectl/pkg/util/openapi/validation, kubectl's first check on every object. */
function validateObject(value: unknown, source: string, line: number): ManifestObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidObject(source, line, value);
  const fields = value as Record<string, unknown>;
  const problems: string[] = [];
  const apiVersion = fields['apiVersion'];
  if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2) problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  const kind = fields['kind'];
  if (kind === undefined || kind === null) problems.push('kind not set');
  else if (typeof kind !== 'string') problems.push("kind isn't string type");
  if (problems.length > 0) {
    // utilerrors.NewAggregate prints one error bare and several as "[a, b]".
    const aggregate = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
    throw new ManifestError(`error validating "${source}": line ${line}: error validating data: ${aggregate}`, source, line, aggregate);
  }
  // Empty strings pass kubectl's validation and fail when decoding (runtime.NewMissingKindErr / NewMissingVersionErr).
  if (kind === '') throw new ManifestError(`unable to decode "${source}": line ${line}: Object 'Kind' is missing`, source, line);
  if (apiVersion === '') throw new ManifestError(`unable to decode "${source}": line ${line}: Object 'apiVersion' is missing`, source, line);
  return fields as ManifestObject;
}

function invalidObject(source: string, line: number, value: unknown): ManifestError {
  const found = Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'null' : `a ${typeof value}`;
  return new ManifestError(
    `error validating "${source}": line ${line}: error validating data: invalid object to validate (found ${found}, not an object with apiVersion and kind)`,
    source,
    line,
    // kubectl says no more than this (GetObjectKind's error).
    'invalid object to validate',
  );
}

// ---------------------------------------------------------------------------------------------------------------------------
// YAML, read as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) reads it

// go-yaml v2's resolve table (goyaml.v2/resolve.go): these plain scalars are booleans, unlike in YAML 1.2.
const GO_YAML_BOOLEANS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);
const GO_YAML_SPECIAL_FLOATS = new Map<string, number>([
  ...['.nan', '.NaN', '.NAN'].map((word) => [word, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((word) => [word, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((word) => [word, Number.NEGATIVE_INFINITY] as const),
]);
// strconv.ParseInt(s, 0, 64) syntax once go-yaml has removed underscores: 0x, 0o, 0b prefixes and C-style leading-zero octal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const UNSUPPORTED_VALUE = 'json: unsupported value: ';

function parseGoInt(plain: string): bigint | undefined {
  if (!GO_INT.test(plain)) return undefined;
  const negative = plain.startsWith('-');
  const digits = plain.replace(/^[-+]/, '');
  const n = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits);
  return negative ? -n : n;
}

/** go-yaml v2's resolve() for a plain scalar starting with a sign, digit or dot: int, then float, else the string itself. */
function resolveGoYamlNumber(text: string, onError: (message: string) => void): number | string {
  const special = GO_YAML_SPECIAL_FLOATS.get(text);
  if (special !== undefined) {
    // go-yaml accepts it, then encoding/json refuses to write it: "json: unsupported value: +Inf".
    onError(UNSUPPORTED_VALUE + (Number.isNaN(special) ? 'NaN' : special > 0 ? '+Inf' : '-Inf'));
    return special;
  }
  if (text.startsWith('.')) {
    const n = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
    return Number.isFinite(n) ? n : text;
  }
  const plain = text.replace(/_/g, '');
  const unsigned = !/^[-+]/.test(plain);
  const int = parseGoInt(plain);
  if (int !== undefined && int >= INT64_MIN && int <= INT64_MAX) return Number(int);
  if (int !== undefined && unsigned && int <= UINT64_MAX) return Number(int);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const n = Number(plain);
    if (Number.isFinite(n)) return n; // out-of-range floats stay strings, as strconv.ParseFloat fails on them
  }
  if (int !== undefined && unsigned) return Number(int); // go-yaml falls back to big.Int; JSON numbers lose the precision anyway
  return text;
}

// Scalar tags replacing the yaml package's YAML 1.1 ones, so plain scalars resolve exactly as in go-yaml v2: no sexagesimal
// numbers (12:30 stays a string), no timestamps (dates stay strings, as kubectl keeps them), underscores allowed in numbers.
const goYamlNull: ScalarTag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  test: /^(?:~|null|Null|NULL)?$/,
  resolve: () => null,
};
const goYamlBool: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF)$/,
  resolve: (text) => GO_YAML_BOOLEANS.get(text) ?? text,
};
const goYamlNumber: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: /^[-+.0-9]/,
  resolve: (text, onError) => resolveGoYamlNumber(text, onError),
};
/** For explicit `!!int`, `!!float`, `!!bool`, `!!null`: the same resolution, refusing what does not fit like go-yaml does. */
function explicitTag(name: string, test: (value: unknown) => boolean, resolve: ScalarTag['resolve']): ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${name}`,
    default: false,
    resolve(text, onError, options) {
      const value = resolve(text, onError, options);
      if (!test(value)) onError(`cannot decode !!str \`${text}\` as a !!${name}`);
      return value;
    },
  };
}
/** `!!binary` decodes to a string of its bytes, as go-yaml decodes it into an interface{}. */
const goYamlBinary: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  default: false,
  resolve(text, onError) {
    const base64 = text.replace(/\s+/g, '');
    if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) onError('!!binary value contains invalid base64 data');
    return Buffer.from(base64, 'base64').toString('utf8');
  },
};
const GO_YAML_EXPLICIT_TAGS = [
  goYamlBinary,
  explicitTag('int', Number.isInteger, goYamlNumber.resolve),
  explicitTag('float', (value) => typeof value === 'number', goYamlNumber.resolve),
  explicitTag('bool', (value) => typeof value === 'boolean', goYamlBool.resolve),
  explicitTag('null', (value) => value === null, goYamlNull.resolve),
];
const GO_YAML_KEPT_TAGS = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:merge']);

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1', // for `<<` merge keys and YAML 1.1 directives; scalar typing comes from the tags below
  merge: true,
  customTags: (tags: Tags) => [
    ...tags.filter((tag) => typeof tag !== 'string' && GO_YAML_KEPT_TAGS.has(tag.tag)),
    goYamlNull,
    goYamlBool,
    goYamlNumber,
    ...GO_YAML_EXPLICIT_TAGS,
  ],
  uniqueKeys: false, // checked below, to name both lines like kubectl does
};

/**
 * The first YAML document of `text` as sigs.k8s.io/yaml reads it (go-yaml's typing), undefined when
 * there is none; a ManifestError whose message ends in go-yaml's words (`yaml: line 1: …`) when it
 * is not YAML. For text that is not a manifest: `patch`'s YAML patches.
 */
export function parseYamlValue(text: string): unknown {
  return parseYamlStream(text, '')[0]?.value;
}

function parseYamlStream(text: string, source: string): ParsedDocument[] {
  checkDocumentSeparators(text, source);
  checkPrintable(text, source);
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter }) as Document.Parsed[];
  } catch (error) {
    throw yamlFailure(error, source, 1);
  }
  if (!Array.isArray(documents)) return []; // an EmptyStream: nothing but comments and whitespace

  const parsed: ParsedDocument[] = [];
  for (const doc of documents) {
    const firstError = doc.errors[0];
    if (firstError !== undefined) {
      // For a key spread over lines, the yaml package points at where the would-be key starts and go-yaml at the stray
      // `:` that ends it, which is the line a user has to fix.
      const multiline = doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === firstError.pos[0]);
      const line = lineOf(multiline === undefined ? firstError.pos[0] : multiline.pos[1]);
      const message = (firstError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      if (message.startsWith(UNSUPPORTED_VALUE)) throw yamlToJsonError(source, line, message);
      throw yamlError(source, line, goYamlWording(firstError.code, message));
    }
    const contents = doc.contents;
    if (contents === null) continue;
    let value: unknown;
    try {
      checkYamlDocument(doc, source, lineOf);
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      throw yamlFailure(error, source, lineOf(nodeStart(contents)));
    }
    parsed.push(yamlDocument(doc, contents, value, lineOf));
  }
  return parsed;
}

function yamlDocument(doc: Document.Parsed, root: YamlNode, value: unknown, lineOf: (offset: number) => number): ParsedDocument {
  const line = lineOf(nodeStart(root));
  const locate = (path: readonly string[]): number => {
    let node: unknown = root;
    let found = line;
    for (const segment of path) {
      node = isAlias(node) ? node.resolve(doc) : node;
      const next = childNode(node, segment);
      if (next === undefined) break;
      found = lineOf(isMap(node) ? nodeStart(next.key ?? next.value) : nodeStart(next.value));
      node = next.value;
    }
    return found;
  };
  const child = (path: readonly string[]): ParsedDocument => {
    let node: unknown = root;
    for (const segment of path) {
      node = isAlias(node) ? node.resolve(doc) : node;
      node = childNode(node, segment)?.value;
    }
    node = isAlias(node) ? node.resolve(doc) : node;
    const childValue = valueAt(value, path);
    // Fields that came in through a `<<` merge key have no node under this map; they borrow the nearest line there is.
    return isMap(node) || isSeq(node) || isScalar(node) ? yamlDocument(doc, node, childValue, lineOf) : fixedDocument(childValue, locate(path));
  };
  return { value, line, locate, child };
}

/** The key (for a map) and value node one path segment below `node`. */
function childNode(node: unknown, segment: string): { readonly key?: unknown; readonly value: unknown } | undefined {
  if (isMap(node)) return node.items.find((pair) => keyString(pair.key) === segment);
  if (isSeq(node) && /^(?:0|[1-9][0-9]*)$/.test(segment)) {
    const item: unknown = node.items[Number(segment)];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function fixedDocument(value: unknown, line: number): ParsedDocument {
  return { value, line, locate: () => line, child: (path) => fixedDocument(valueAt(value, path), line) };
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

function nodeStart(node: unknown): number {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0] ?? 0;
  return 0;
}

/** The key as it ends up in JSON: go-yaml resolves `y` to true, sigs.k8s.io/yaml then writes "true". */
function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value as string | number | boolean);
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/**
 * Checks go-yaml makes while decoding that the yaml package leaves to toJS (or skips): duplicate keys, unknown anchors, merge
 * values that are not maps. Done on the syntax tree, which aliases do not expand, so each check is linear in the file.
 */
function checkYamlDocument(doc: Document.Parsed, source: string, lineOf: (offset: number) => number): void {
  const anchors = new Map<string, YamlNode>();
  const resolveAlias = (node: unknown): unknown => (isAlias(node) ? anchors.get(node.source) : node);
  // The visitor is pre-order, so an anchor is known before anything inside it, and before every later alias.
  const noteAnchor = (node: YamlNode): void => {
    if (node.anchor !== undefined) anchors.set(node.anchor, node);
  };
  visit(doc, {
    Alias(_, alias, path) {
      const target = anchors.get(alias.source);
      const line = lineOf(nodeStart(alias));
      if (target === undefined) throw yamlError(source, line, `unknown anchor '${alias.source}' referenced`);
      if (path.includes(target)) throw yamlError(source, line, `anchor '${alias.source}' value contains itself`);
    },
    Scalar(_, scalar) {
      noteAnchor(scalar);
    },
    Seq(_, seq) {
      noteAnchor(seq);
    },
    Map(_, map) {
      noteAnchor(map);
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (isMergeKey(pair.key)) {
          const target = resolveAlias(pair.value);
          const sources = isSeq(target) ? target.items.map(resolveAlias) : [target];
          if (!sources.every((s) => isMap(s))) {
            throw yamlError(source, lineOf(nodeStart(pair.key)), 'map merge requires map or sequence of maps as the value');
          }
          continue;
        }
        const line = lineOf(nodeStart(pair.key ?? pair.value));
        // JSON keys are strings: sigs.k8s.io/yaml refuses a null key, go-yaml a collection.
        if (pair.key === null || (isScalar(pair.key) && pair.key.value === null)) {
          throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: line ${line}: unsupported map key of type: <nil>`, source, line);
        }
        const key = keyString(pair.key);
        if (key === undefined) throw yamlError(source, line, 'invalid map key');
        const first = seen.get(key);
        if (first !== undefined) {
          // go-yaml v3's wording, as kubectl prints it for `-k` (plain `-f` keeps the last value silently; we refuse instead).
          const name = isScalar(pair.key) && typeof pair.key.source === 'string' ? pair.key.source : key;
          throw new ManifestError(
            `error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors: line ${line}: mapping key "${name}" already defined at line ${first}`,
            source,
            line,
          );
        }
        seen.set(key, line);
      }
    },
  });
}

/** kubectl's YAMLReader splits on lines starting `---` and refuses anything but a comment after the marker. */
function checkDocumentSeparators(text: string, source: string): void {
  if (!text.includes('---')) return;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    if (!raw.startsWith('---')) return;
    const rest = raw.slice(3).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      throw new ManifestError(`error parsing ${source}: line ${index + 1}: invalid Yaml document separator: ${rest}`, source, index + 1);
    }
  });
}

// libyaml's reader accepts only YAML's printable set (tab, newlines, and no C0/C1 controls or DEL); the yaml package is laxer.
const NON_PRINTABLE = /[^\t\n\r\u0020-\u007e\u0085\u00a0-\ufffd]/;

function checkPrintable(text: string, source: string): void {
  const match = NON_PRINTABLE.exec(text);
  if (match === null) return;
  const line = text.slice(0, match.index).split('\n').length;
  throw yamlError(source, line, 'control characters are not allowed');
}

function yamlError(source: string, line: number, message: string): ManifestError {
  return new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${message}`, source, line);
}

function yamlToJsonError(source: string, line: number, message: string): ManifestError {
  const detail = message.slice('json: '.length);
  return new ManifestError(`error parsing ${source}: error converting YAML to JSON: json: line ${line}: ${detail}`, source, line);
}

function yamlFailure(error: unknown, source: string, line: number): ManifestError {
  if (error instanceof ManifestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) return yamlError(source, line, 'exceeded max depth'); // a stack overflow on absurd nesting
  if (message.startsWith('Excessive alias count')) return yamlError(source, line, 'document contains excessive aliasing');
  if (message.startsWith('Merge sources')) return yamlError(source, line, 'map merge requires map or sequence of maps as the value');
  return yamlError(source, line, message);
}

/**
 * The message go-yaml (libyaml) gives for the same mistake, where the two parsers clearly mean the same thing; otherwise
 * the yaml package's own message. Users search the web for these phrases, so kubectl's are worth keeping.
 */
function goYamlWording(code: ErrorCode, message: string): string {
  if (message.includes('Maximum call stack size exceeded')) return 'exceeded max depth'; // absurd nesting, caught by the yaml package
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return message.includes('sequence') ? 'did not find expected key' : 'mapping values are not allowed in this context';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return 'found character that cannot start any token';
    case 'BAD_DQ_ESCAPE':
      return 'found unknown escape character';
    case 'BAD_INDENT':
      if (message.startsWith('Flow sequence')) return "did not find expected ',' or ']'";
      if (message.startsWith('Flow map')) return "did not find expected ',' or '}'";
      if (message.startsWith('All mapping items')) return 'did not find expected key';
      if (message.startsWith('All sequence items')) return "did not find expected '-' indicator";
      return message;
    case 'MISSING_CHAR':
      if (/closing .?quote/.test(message)) return 'found unexpected end of stream';
      if (message.startsWith('Implicit map keys need to be followed')) return "could not find expected ':'";
      return message;
    case 'UNEXPECTED_TOKEN':
      if (message.includes('block-seq-ind')) return 'block sequence entries are not allowed in this context';
      if (message.includes('at node end') || /flow-(?:seq|map)-end/.test(message)) return 'did not find expected key';
      return message;
    default:
      return message;
  }
}

// ---------------------------------------------------------------------------------------------------------------------------
// JSON streams, read as go's encoding/json Decoder reads them (kubectl's YAMLOrJSONDecoder when the input starts with `{`)

class JsonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Per object or array: the line of each member key or element, for locate(). */
type JsonLines = WeakMap<object, Map<string, number>>;

function parseJsonStream(text: string, source: string): ParsedDocument[] {
  const reader = new JsonReader(text);
  const documents: ParsedDocument[] = [];
  try {
    for (;;) {
      reader.skipWhitespace();
      if (reader.atEnd()) break;
      const line = reader.line;
      const value = reader.value(0);
      documents.push(jsonDocument(value, line, reader.lines));
    }
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new ManifestError(`error parsing ${source}: json: line ${error.line}: ${error.message}`, source, error.line);
  }
  return documents;
}

function jsonDocument(value: unknown, line: number, lines: JsonLines): ParsedDocument {
  const locate = (path: readonly string[]): number => {
    let current: unknown = value;
    let found = line;
    for (const segment of path) {
      const members = typeof current === 'object' && current !== null ? lines.get(current) : undefined;
      const memberLine = members?.get(segment);
      if (memberLine === undefined) break;
      found = memberLine;
      current = (current as Record<string, unknown>)[segment];
    }
    return found;
  };
  const child = (path: readonly string[]): ParsedDocument => {
    return jsonDocument(valueAt(value, path), locate(path), lines);
  };
  return { value, line, locate, child };
}

/** go's quoteChar (encoding/json/scanner.go), so messages read "invalid character '}' after object key". */
function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  if (char === '"') return `'"'`;
  return `'${JSON.stringify(char).slice(1, -1)}'`;
}

const JSON_PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;

/** A recursive-descent reader with go's error messages; strings and numbers are decoded by JSON.parse/Number on their exact text. */
class JsonReader {
  readonly lines: JsonLines = new WeakMap();
  line = 1;
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipWhitespace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\n') this.line += 1;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      this.pos += 1;
    }
  }

  value(depth: number): unknown {
    const c = this.peek();
    switch (c) {
      case '{':
        return this.object(depth + 1);
      case '[':
        return this.array(depth + 1);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.invalid('looking for beginning of value');
    }
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) throw new JsonSyntaxError('exceeded max depth', this.line);
    this.pos += 1;
    const object: Record<string, unknown> = {};
    const members = new Map<string, number>();
    this.lines.set(object, members);
    this.skipWhitespace();
    if (this.peek() === '}') {
      this.pos += 1;
      return object;
    }
    for (;;) {
      if (this.peek() !== '"') this.invalid('looking for beginning of object key string');
      const keyLine = this.line;
      const key = this.string();
      const first = members.get(key);
      if (first !== undefined) {
        throw new JsonSyntaxError(`duplicate field ${JSON.stringify(key)} (already defined at line ${first})`, keyLine);
      }
      this.skipWhitespace();
      if (this.peek() !== ':') this.invalid('after object key');
      this.pos += 1;
      this.skipWhitespace();
      // defineProperty, not assignment, so a "__proto__" member is data rather than a prototype change.
      Object.defineProperty(object, key, { value: this.value(depth), enumerable: true, writable: true, configurable: true });
      members.set(key, keyLine);
      this.skipWhitespace();
      const c = this.peek();
      this.pos += 1;
      if (c === '}') return object;
      if (c !== ',') {
        this.pos -= 1;
        this.invalid('after object key:value pair');
      }
      this.skipWhitespace();
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) throw new JsonSyntaxError('exceeded max depth', this.line);
    this.pos += 1;
    const array: unknown[] = [];
    const elements = new Map<string, number>();
    this.lines.set(array, elements);
    this.skipWhitespace();
    if (this.peek() === ']') {
      this.pos += 1;
      return array;
    }
    for (;;) {
      elements.set(String(array.length), this.line);
      array.push(this.value(depth));
      this.skipWhitespace();
      const c = this.peek();
      this.pos += 1;
      if (c === ']') return array;
      if (c !== ',') {
        this.pos -= 1;
        this.invalid('after array element');
      }
      this.skipWhitespace();
    }
  }

  private string(): string {
    const { text } = this;
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      JSON_PLAIN_STRING_RUN.lastIndex = this.pos;
      JSON_PLAIN_STRING_RUN.test(text);
      this.pos = JSON_PLAIN_STRING_RUN.lastIndex;
      const c = this.peek();
      if (c === '"') break;
      if (c !== '\\') this.invalid('in string literal');
      this.pos += 1;
      const escape = this.peek();
      if (escape === 'u') {
        for (let i = 0; i < 4; i += 1) {
          this.pos += 1;
          if (!/[0-9a-fA-F]/.test(this.peek())) this.invalid('in \\u hexadecimal character escape');
        }
      } else if (!'"\\/bfnrt'.includes(escape)) {
        this.invalid('in string escape code');
      }
      this.pos += 1;
    }
    this.pos += 1;
    return JSON.parse(text.slice(start, this.pos)) as string;
  }

  private number(): number {
    const start = this.pos;
    if (this.peek() === '-') this.pos += 1;
    if (this.peek() === '0') this.pos += 1;
    else if (this.isDigit()) this.digits();
    else this.invalid('in numeric literal');
    if (this.peekOrEnd() === '.') {
      this.pos += 1;
      if (!this.isDigit()) this.invalid('after decimal point in numeric literal');
      this.digits();
    }
    const e = this.peekOrEnd();
    if (e === 'e' || e === 'E') {
      this.pos += 1;
      const sign = this.peek();
      if (sign === '+' || sign === '-') this.pos += 1;
      if (!this.isDigit()) this.invalid('in exponent of numeric literal');
      this.digits();
    }
    return Number(this.text.slice(start, this.pos));
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 1; i < word.length; i += 1) {
      this.pos += 1;
      if (this.peek() !== word[i]) this.invalid(`in literal ${word} (expecting ${quoteChar(word[i] ?? '')})`);
    }
    this.pos += 1;
    return value;
  }

  private digits(): void {
    while (this.isDigit()) this.pos += 1;
  }

  private isDigit(): boolean {
    const c = this.peekOrEnd();
    return c >= '0' && c <= '9';
  }

  /** The next character; the end of input inside a value is go's "unexpected EOF". */
  private peek(): string {
    const c = this.text[this.pos];
    if (c === undefined) throw new JsonSyntaxError('unexpected EOF', this.line);
    return c;
  }

  /** The next character, or '' where a value may legitimately end (after a number at the end of input). */
  private peekOrEnd(): string {
    return this.text[this.pos] ?? '';
  }

  private invalid(context: string): never {
    throw new JsonSyntaxError(`invalid character ${quoteChar(this.peek())} ${context}`, this.line);
  }
}
