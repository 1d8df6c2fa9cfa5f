// kubectl v1.32's `create` generators (`create deployment NAME --image=…`, `create configmap`,
// `create secret generic|docker-registry|tls`, …): the object each builds client-side, byte for
// byte as kubectl builds it (k8s.io/kubectl/pkg/cmd/create), its flags, checks and messages. Edge
// code: files named by --from-file, --from-env-file, --cert and --key are read here. The object is
// then stored as `create -f` stores the same manifest (planOne), printed with the shared printer.

import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { canonicalQuantity, formatFieldError, storedObjectKey, type ClusterState, type KubeObject } from '@dsim/core';
import { boolFlag, flag, FlagError, listFlag, type FlagSpec, type ParsedArgs } from '../args.ts';
import type { Context } from '../cli.ts';
import type { LoadedObject } from '../manifests.ts';
import { goJsonCompact, goStruct } from '../print/json.ts';
import { findResourceType, qualifiedKind, qualifiedResource, RESOURCE_TYPES, type ResourceType } from '../resources.ts';
import { goQuote, parseSelector, SelectorError } from '../selector.ts';
import { UserError } from '../session.ts';
import { listObjects } from '../view.ts';
import { dryRunStrategy } from './annotate.ts';
import { AlreadyExistsError, InvalidObjectError, planOne } from './mutate.ts';
import { outputFormat, printObject, templateFailure } from './printFlags.ts';

/** What a generator is given: the NAME, the arguments after it, the flags, and where files are. */
interface Input {
  readonly name: string;
  /** The arguments after NAME (create deployment's command, after `--`). */
  readonly rest: readonly string[];
  readonly args: ParsedArgs;
  /** The namespace kubectl writes into the object: -n's, only when given (kubectl's EnforceNamespace). */
  readonly namespace: string | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where kubectl's warnings go. */
  readonly stderr: (s: string) => void;
  /** The cluster as stored (create job --from reads a CronJob from it). */
  readonly state: () => ClusterState;
}

interface Generator {
  /** The resource it makes (a name findResourceType knows). */
  readonly resource: string;
  readonly flags: readonly FlagSpec[];
  /** Flags cobra requires (MarkFlagRequired). */
  readonly required?: readonly string[];
  /** pflag's typed flags, checked as pflag parses them: int32 and int ones, and string slices (CSV). */
  readonly int32?: readonly string[];
  readonly int64?: readonly string[];
  readonly slices?: readonly string[];
  /** cliflag's map flags (`k=v,k2=v2`). */
  readonly maps?: readonly string[];
  /** Its Validate's checks, after the name, dry-run and printer are taken. */
  readonly validate?: (input: Input) => void;
  /** What kubectl puts before the API server's refusal (`failed to create deployment: `); none for namespace. */
  readonly failure?: string;
  readonly build: (input: Input) => object;
}

// ---- flags ------------------------------------------------------------------------------------

/** The flags every generator has: kubectl's PrintFlags' -o, --dry-run, --validate, --field-manager. */
const COMMON_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' },
  { name: 'validate', type: 'string', noOptDefVal: 'strict' },
  { name: 'field-manager', type: 'string' },
  { name: 'save-config', type: 'bool' },
];

const str = (name: string): FlagSpec => ({ name, type: 'string' });
const list = (name: string): FlagSpec => ({ name, type: 'list' });
const bool = (name: string): FlagSpec => ({ name, type: 'bool' });

const FROM_FLAGS = [list('from-file'), list('from-literal'), list('from-env-file'), bool('append-hash')];

// ---- pflag's typed values -----------------------------------------------------------------------

/** Go's strconv.ParseInt(s, 0, bits), as pflag's Int32 (and Int) flags parse: a base prefix, underscores between digits. */
export function parseGoInt(s: string, bits: 32 | 64 = 32): number | 'syntax' | 'range' {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)$/.exec(s);
  if (m === null) return 'syntax';
  const digits = m[2]!.replaceAll('_', '');
  const lower = digits.toLowerCase();
  const n =
    lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')
      ? BigInt(lower)
      : digits.length > 1 && digits.startsWith('0')
        ? BigInt(`0o${digits.slice(1)}`)
        : BigInt(digits);
  const v = m[1] === '-' ? -n : n;
  const limit = 2n ** BigInt(bits - 1);
  if (v < -limit || v > limit - 1n) return 'range';
  return Number(v);
}

/**
 * pflag's readAsCSV for a string slice flag: Go's encoding/csv reading one record (fields split at
 * commas, `"…"` quoting with `""` for a quote); its errors in csv's words.
 */
export function readAsCsv(value: string): string[] {
  if (value === '') return [];
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (value[i] === '"') {
      i++;
      for (;;) {
        const q = value.indexOf('"', i);
        if (q === -1) throw new Error(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
        field += value.slice(i, q);
        if (value[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else if (q + 1 === value.length || value[q + 1] === ',') {
          i = q + 1;
          break;
        } else throw new Error(`parse error on line 1, column ${q + 2}: extraneous or missing " in quoted-field`);
      }
    } else {
      const comma = value.indexOf(',', i);
      field = comma === -1 ? value.slice(i) : value.slice(i, comma);
      const quote = field.indexOf('"');
      if (quote !== -1) throw new Error(`parse error on line 1, column ${i + quote + 1}: bare " in non-quoted-field`);
      i = comma === -1 ? value.length : comma;
    }
    fields.push(field);
    if (i >= value.length) return fields;
    i++; // the comma
    if (i === value.length) {
      fields.push('');
      return fields;
    }
  }
}

/** How pflag names a flag in its errors: `--port`, or `-r, --replicas` when it has a shorthand. */
function shownFlag(g: Generator, name: string): string {
  const spec = g.flags.find((f) => f.name === name);
  return spec?.short === undefined ? `--${name}` : `-${spec.short}, --${name}`;
}

/** A string slice flag's values: each value read as CSV, the first replacing the default, later ones appended. */
function sliceFlag(args: ParsedArgs, name: string): string[] {
  return listFlag(args, name).flatMap(readAsCsv);
}

function int32Flag(args: ParsedArgs, name: string, dflt: number): number {
  const v = flag(args, name);
  return v === undefined ? dflt : (parseGoInt(v) as number);
}

// ---- names, keys and sources --------------------------------------------------------------------

/** utilrand.String's alphabet (no vowels, no confusable digits). */
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * create deployment's sanitizeAndUniquify: an image name with `_` or `.` becomes a DNS-1123 name
 * with a random 5-character suffix. kubectl's suffix is random; dsim's is drawn from a hash of the
 * deployment and image names, so that the same command gives the same object.
 */
function sanitizeAndUniquify(name: string, seed: string): string {
  if (!/[_.]/.test(name)) return name;
  const digest = createHash('sha256').update(seed).digest();
  const suffix = Array.from(digest.subarray(0, 5), (b) => RAND_ALPHABET[b % RAND_ALPHABET.length]).join('');
  return `${name.replaceAll('_', '-').replaceAll('.', '-')}-${suffix}`;
}

/** apimachinery's IsConfigMapKey (Secrets' keys follow the same rules). */
function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const ENV_VAR_NAME =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** kubectl's ParseLiteralSource: `key=value`, split at the first `=`. */
function parseLiteralSource(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new UserError(`error: invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** kubectl's ParseFileSource: `path` (its base name the key) or `key=path`. */
function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [posix.basename(source), source];
  if (n === 1 && source.startsWith('=')) throw new UserError(`error: key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new UserError(`error: file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new UserError("error: key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return [key!, path!];
}

/** Go's text for the errno of a failed file operation (what os.PathError's Err prints). */
function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const texts: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    ENOTDIR: 'not a directory',
    EISDIR: 'is a directory',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'file name too long',
  };
  return (code !== undefined ? texts[code] : undefined) ?? (e as Error).message;
}

/** The files a --from-file or --from-env-file source names, read at the edge: relative to the command's directory. */
class Files {
  constructor(private readonly cwd: string) {}

  /** os.Stat, failing as the generators report it: `error reading PATH: <errno>`. */
  stat(path: string): { dir: boolean } {
    try {
      return { dir: statSync(resolve(this.cwd, path)).isDirectory() };
    } catch (e) {
      throw new UserError(`error: error reading ${path}: ${errnoText(e)}`);
    }
  }

  read(path: string): Buffer {
    try {
      return readFileSync(resolve(this.cwd, path));
    } catch (e) {
      throw new UserError(`error: open ${path}: ${errnoText(e)}`);
    }
  }

  /** ioutil.ReadDir's regular files (links and directories skipped), sorted by name, as path.Join names them. */
  regularFiles(dir: string): { name: string; path: string }[] {
    let entries;
    try {
      entries = readdirSync(resolve(this.cwd, dir), { withFileTypes: true });
    } catch (e) {
      throw new UserError(`error: error listing files in ${dir}: ${errnoText(e)}`);
    }
    return entries
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))))
      .map((name) => ({ name, path: posix.join(dir, name) }));
  }
}

/**
 * cmdutil.AddFromEnvFile: each line `KEY=value` (leading blanks and a first line's BOM dropped,
 * `#` comments and blank lines skipped; a KEY alone takes its value from the environment).
 */
function readEnvFile(files: Files, path: string, env: Input['env'], add: (key: string, value: string) => void): void {
  if (files.stat(path).dir) throw new UserError('error: env config file cannot be a directory');
  const text = files.read(path);
  const lines = text.toString('latin1').split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    // bufio.Scanner drops a line's trailing \r.
    const bytes = Buffer.from(raw.endsWith('\r') ? raw.slice(0, -1) : raw, 'latin1');
    const decoded = utf8(bytes);
    if (decoded === undefined) throw new UserError(`error: env file ${path} contains invalid utf8 bytes at line ${i + 1}: ${goByteSlice(bytes)}`);
    let line = i === 0 && decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
    line = line.replace(/^[\s\u0085\u00a0]+/u, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new UserError(`error: ${goQuote(key)} is not a valid key name: ${ENV_VAR_NAME}`);
    add(key, eq === -1 ? env[key] ?? '' : line.slice(eq + 1));
  });
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Go's %v of a []byte: `[1 2 3]`. */
function goByteSlice(b: Buffer): string {
  return `[${Array.from(b).join(' ')}]`;
}


// ---- objects ------------------------------------------------------------------------------------

/** ObjectMeta as a generator fills it: name, namespace (only when -n was given), creationTimestamp null. */
function meta(input: Input, namespaced: boolean, labels?: Record<string, string>): object {
  const m: Record<string, unknown> = { name: input.name };
  if (namespaced && input.namespace !== undefined) m.namespace = input.namespace;
  m.creationTimestamp = null;
  if (labels !== undefined) m.labels = labels;
  return goStruct(m);
}

function typed(apiVersion: string, kind: string, metadata: object, rest: Record<string, unknown> = {}): object {
  return goStruct({ kind, apiVersion, metadata, ...rest });
}

const noName = (input: Input) => {
  if (input.name === '') throw new UserError('error: name must be specified');
};

/** The Secret and ConfigMap sources kubectl takes together: literals, files, directories and env files. */
interface DataSink {
  /** Adds a text value (a literal, an env file's line, a file that is UTF-8 for a ConfigMap). */
  text(key: string, value: string): void;
  /** Adds a file's bytes. */
  bytes(key: string, value: Buffer): void;
}

function addFileSources(files: Files, sources: readonly string[], sink: DataSink): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    if (files.stat(path).dir) {
      if (source.includes('=')) throw new UserError('error: cannot give a key name for a directory path');
      for (const f of files.regularFiles(path)) sink.bytes(f.name, files.read(f.path));
    } else sink.bytes(key, files.read(path));
  }
}

/** A ConfigMap's data: text in data, bytes that are not UTF-8 in binaryData (create_configmap.go). */
function configMapData(input: Input, name: string): { data: Record<string, string>; binaryData: Record<string, string> } {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const check = (key: string) => {
    const errs = configMapKeyErrors(key);
    if (errs.length > 0) throw new UserError(`error: ${goQuote(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (key in data) throw new UserError(`error: cannot add key ${goQuote(key)}, another key by that name already exists in Data for ConfigMap ${goQuote(name)}`);
    if (key in binaryData) throw new UserError(`error: cannot add key ${goQuote(key)}, another key by that name already exists in BinaryData for ConfigMap ${goQuote(name)}`);
  };
  const sink: DataSink = {
    text: (key, value) => {
      check(key);
      data[key] = value;
    },
    bytes: (key, value) => {
      const text = utf8(value);
      if (text !== undefined) return sink.text(key, text);
      check(key);
      binaryData[key] = value.toString('base64');
    },
  };
  const files = new Files(input.cwd);
  addFileSources(files, sliceFlag(input.args, 'from-file'), sink);
  for (const s of listFlag(input.args, 'from-literal')) sink.text(...parseLiteralSource(s));
  for (const path of sliceFlag(input.args, 'from-env-file')) readEnvFile(files, path, input.env, sink.text);
  return { data, binaryData };
}

/** A Secret's data, each value base64 (create_secret.go's handlers). */
function secretData(input: Input, sources: { files: readonly string[]; literals: readonly string[]; envFiles: readonly string[] }): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (key: string, value: Buffer) => {
    const errs = configMapKeyErrors(key);
    if (errs.length > 0) throw new UserError(`error: ${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`);
    if (key in data) throw new UserError(`error: cannot add key ${key}, another key by that name already exists`);
    data[key] = value.toString('base64');
  };
  const files = new Files(input.cwd);
  const sink: DataSink = { text: (key, value) => add(key, Buffer.from(value, 'utf8')), bytes: add };
  addFileSources(files, sources.files, sink);
  for (const s of sources.literals) sink.text(...parseLiteralSource(s));
  for (const path of sources.envFiles) readEnvFile(files, path, input.env, sink.text);
  return data;
}

/** The hash `--append-hash` adds (kubectl's util/hash): sha256 of the encoding, its first 10 hex digits made unambiguous. */
function appendedHash(encoded: Record<string, unknown>): string {
  const hex = createHash('sha256').update(goJsonCompact(encoded)).digest('hex');
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return Array.from(hex.slice(0, 10), (c) => swap[c] ?? c).join('');
}

function secret(input: Input, data: Record<string, string>, type: string | undefined): object {
  let name = input.name;
  if (boolFlag(input.args, 'append-hash')) name = `${name}-${appendedHash({ kind: 'Secret', type: type ?? '', name, data })}`;
  return typed('v1', 'Secret', meta({ ...input, name }, true), {
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(type !== undefined && type !== '' ? { type } : {}),
  });
}

/** create configmap's and create secret generic's Validate: a name, and an env file only alone. */
function validateSources(input: Input): void {
  noName(input);
  if (listFlag(input.args, 'from-env-file').length > 0 && (listFlag(input.args, 'from-file').length > 0 || listFlag(input.args, 'from-literal').length > 0)) {
    throw new UserError('error: from-env-file cannot be combined with from-file or from-literal');
  }
}

// ---- TLS ----------------------------------------------------------------------------------------

/** encoding/pem's blocks, in order: each `-----BEGIN TYPE-----` … `-----END TYPE-----` whose body is base64. */
function pemBlocks(text: string): { type: string; der: Buffer }[] {
  const out: { type: string; der: Buffer }[] = [];
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const body = m[2]!.split(/\r?\n/).filter((l) => !l.includes(':')).join('').trim();
    if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) continue;
    out.push({ type: m[1]!, der: Buffer.from(body, 'base64') });
  }
  return out;
}

/**
 * Go's tls.X509KeyPair, as create secret tls checks the pair: PEM blocks found (a CERTIFICATE in
 * the cert, a `… PRIVATE KEY` in the key, with Go's messages when they are missing or switched),
 * the certificate parsed, the key parsed (PKCS #1, PKCS #8 or SEC 1), and the key's public half
 * the certificate's. Parse failures are reported in Go's words only where Go's are fixed strings.
 */
export function checkKeyPair(certPem: string, keyPem: string): void {
  const certBlocks = pemBlocks(certPem);
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) throw new Error('tls: failed to find any PEM data in certificate input');
    if (skipped.length === 1 && skipped[0]!.endsWith('PRIVATE KEY')) {
      throw new Error('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    }
    throw new Error(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  const skipped: string[] = [];
  let keyBlock: { type: string; der: Buffer } | undefined;
  for (const b of pemBlocks(keyPem)) {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) {
      keyBlock = b;
      break;
    }
    skipped.push(b.type);
  }
  if (keyBlock === undefined) {
    if (skipped.length === 0) throw new Error('tls: failed to find any PEM data in key input');
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') throw new Error('tls: found a certificate rather than a key in the PEM for the private key');
    throw new Error(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  let certKey;
  try {
    certKey = new X509Certificate(certs[0]!.der).publicKey;
  } catch {
    throw new Error('x509: malformed certificate');
  }
  let key;
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    try {
      key = createPrivateKey({ key: keyBlock.der, format: 'der', type });
      break;
    } catch {
      // Go tries each encoding in turn too.
    }
  }
  if (key === undefined) throw new Error('tls: failed to parse private key');
  const pub = createPublicKey(key);
  if (pub.asymmetricKeyType !== certKey.asymmetricKeyType) throw new Error('tls: private key type does not match public key type');
  const der = (k: typeof pub) => k.export({ type: 'spki', format: 'der' });
  if (!der(pub).equals(der(certKey))) throw new Error('tls: private key does not match public key');
}

// ---- the generators -----------------------------------------------------------------------------

const RBAC = 'rbac.authorization.k8s.io';

/** The subjects of create clusterrolebinding and rolebinding: users, groups, then service accounts. */
function subjects(args: ParsedArgs): object[] {
  const out: object[] = [];
  for (const u of listFlag(args, 'user')) out.push(goStruct({ kind: 'User', apiGroup: RBAC, name: u }));
  for (const g of listFlag(args, 'group')) out.push(goStruct({ kind: 'Group', apiGroup: RBAC, name: g }));
  for (const sa of listFlag(args, 'serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new UserError('error: serviceaccount must be <namespace>:<name>');
    out.push(goStruct({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] }));
  }
  return out;
}

function binding(input: Input, kind: string, namespaced: boolean, roleKind: string, role: string): object {
  const subs = subjects(input.args);
  return typed(`${RBAC}/v1`, kind, meta(input, namespaced), {
    ...(subs.length > 0 ? { subjects: subs } : {}),
    roleRef: goStruct({ apiGroup: RBAC, kind: roleKind, name: role }),
  });
}

/** kubectl's validResourceVerbs; others get a warning, not a refusal. */
const RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** The verbs that apply to some resources only (kubectl's specialVerbs), as group/resource. */
const SPECIAL_VERBS: Record<string, readonly string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  escalate: [`${RBAC}/roles`, `${RBAC}/clusterroles`],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

interface RuleResource {
  readonly group: string;
  readonly resource: string;
  readonly subresource: string;
}

/** The rule a role's flags make, after create role's Complete: verbs, resources and names without repeats. */
function roleRule(args: ParsedArgs): { verbs: string[]; resources: RuleResource[]; names: string[] } {
  const verbs: string[] = [];
  for (const v of sliceFlag(args, 'verb')) {
    if (v === '*') {
      verbs.splice(0, verbs.length, '*');
      break;
    }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources: RuleResource[] = [];
  for (const r of sliceFlag(args, 'resource')) {
    const slash = r.indexOf('/');
    const [head, subresource] = slash === -1 ? [r, ''] : [r.slice(0, slash), r.slice(slash + 1)];
    const dot = head.indexOf('.');
    const [resource, group] = dot === -1 ? [head, ''] : [head.slice(0, dot), head.slice(dot + 1)];
    if (resource === '*' && dot === -1 && slash === -1) {
      resources.splice(0, resources.length, { group, resource, subresource });
      break;
    }
    resources.push({ group, resource, subresource });
  }
  const names = [...new Set(listFlag(args, 'resource-name'))];
  return { verbs, resources, names };
}

/** The RESTMapper's ResourceFor: the resource's plural name and group, by any of its names; undefined when unknown. */
function resourceFor(r: RuleResource): { resource: string; group: string } | undefined {
  const n = r.resource.toLowerCase();
  const t = RESOURCE_TYPES.find((x) => (r.group === '' || x.group === r.group) && (x.resource === n || x.singular === n || x.shortNames.includes(n)));
  return t === undefined ? undefined : { resource: t.resource, group: t.group };
}

/** create role's validateResource: a resource named, the special verbs on their resources only, every resource known. */
function validateRuleResources(rule: { verbs: readonly string[]; resources: readonly RuleResource[] }): void {
  for (const r of rule.resources) {
    if (r.resource === '') throw new UserError('error: resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(r);
    const gr = mapped ?? { resource: r.resource, group: r.group };
    for (const v of rule.verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (allowed !== undefined && !allowed.includes(`${gr.group}/${gr.resource}`)) {
        throw new UserError(`error: can not perform '${v}' on '${gr.resource}' in group '${gr.group}'`);
      }
    }
    if (mapped === undefined && !(rule.verbs.some((v) => SPECIAL_VERBS[v] !== undefined))) {
      // kubectl's checkErr for a NoResourceMatchError: no `error: ` before it.
      throw new UserError(
        r.group === '' ? `the server doesn't have a resource type ${goQuote(r.resource)}` : `the server doesn't have a resource type ${goQuote(r.resource)} in group ${goQuote(r.group)}`,
      );
    }
  }
}

function warnVerbs(ctx: { stderr: (s: string) => void }, verbs: readonly string[]): void {
  for (const v of verbs) if (!RESOURCE_VERBS.includes(v)) ctx.stderr(`Warning: '${v}' is not a standard resource verb\n`);
}

/** generateResourcePolicyRules: one rule per API group (sorted), then one for the non-resource URLs. */
function policyRules(rule: { verbs: string[]; resources: readonly RuleResource[]; names: string[] }, nonResourceURLs: readonly string[]): object[] {
  const byGroup = new Map<string, string[]>();
  for (const r of rule.resources) {
    const mapped = resourceFor(r) ?? { resource: r.resource, group: r.group };
    const name = r.subresource === '' ? mapped.resource : `${mapped.resource}/${r.subresource}`;
    const list = byGroup.get(mapped.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(mapped.group, list);
  }
  const rules: object[] = [...byGroup.keys()].sort().map((g) =>
    goStruct({ verbs: rule.verbs, apiGroups: [g], resources: byGroup.get(g)!, ...(rule.names.length > 0 ? { resourceNames: rule.names } : {}) }),
  );
  if (nonResourceURLs.length > 0) rules.push(goStruct({ verbs: rule.verbs, nonResourceURLs }));
  return rules;
}

/** cliflag's MapStringString: `k=v` pairs, comma-separated, trimmed, several flags adding up. */
function mapStringString(values: readonly string[]): Record<string, string> | string {
  const m: Record<string, string> = {};
  for (const value of values) {
    for (const pair of value.split(',')) {
      if (pair.length === 0) continue;
      const eq = pair.indexOf('=');
      if (eq === -1) return 'malformed pair, expect string=string';
      m[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return m;
}

/** utils/net's ParsePort(s, true): strconv.ParseUint(s, 10, 16), its error as Go prints it. */
function parsePort(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new UserError(`error: strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new UserError(`error: strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return n;
}

/** apimachinery's IsValidPortName. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** create service's parsePorts: `port[:targetPort]`, the target a number (1-65535) or a port name. */
function servicePort(tcp: string, nodePort: number): object {
  const [p, target] = tcp.split(':');
  const port = parsePort(p!);
  let targetPort: number | string = port;
  if (target !== undefined) {
    // strconv.Atoi: a decimal int64, with an optional sign.
    const n = /^[+-]?[0-9]+$/.test(target) ? BigInt(target) : undefined;
    if (n === undefined || n < -(2n ** 63n) || n >= 2n ** 63n) {
      const errs = portNameErrors(target);
      if (errs.length > 0) throw new UserError(`error: ${errs.join(',')}`);
      targetPort = target;
    } else {
      if (n < 1n || n > 65535n) throw new UserError('error: must be between 1 and 65535, inclusive');
      targetPort = Number(n);
    }
  }
  return goStruct({ name: tcp.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort !== 0 ? { nodePort } : {}) });
}

/** IsDNS1123Subdomain. */
function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s);
}

/** create service clusterip|nodeport|loadbalancer|externalname (create_service.go). */
function service(type: string, own: FlagSpec[]): Generator {
  return {
    resource: 'services',
    flags: [list('tcp'), ...own],
    slices: ['tcp'],
    ...(type === 'NodePort' ? { int64: ['node-port'] } : {}),
    ...(type === 'ExternalName' ? { required: ['external-name'] } : {}),
    validate: (input) => {
      const clusterIP = flag(input.args, 'clusterip') ?? '';
      if (clusterIP !== 'None' && sliceFlag(input.args, 'tcp').length === 0 && type !== 'ExternalName') {
        throw new UserError('error: at least one tcp port specifier must be provided');
      }
      const external = flag(input.args, 'external-name') ?? '';
      if (type === 'ExternalName' && !isDns1123Subdomain(external)) throw new UserError(`error: invalid service external name ${external}`);
    },
    failure: `failed to create ${type} service: `,
    build: (input) => {
      // int32(o.NodePort): Go's conversion keeps the low 32 bits.
      const nodePort = Number(BigInt.asIntN(32, BigInt(flag(input.args, 'node-port') === undefined ? 0 : (parseGoInt(flag(input.args, 'node-port')!, 64) as number))));
      const ports = sliceFlag(input.args, 'tcp').map((tcp) => servicePort(tcp, nodePort));
      const labels = { app: input.name };
      const clusterIP = flag(input.args, 'clusterip') ?? '';
      const external = flag(input.args, 'external-name') ?? '';
      return typed('v1', 'Service', meta(input, true, labels), {
        spec: goStruct({
          ...(ports.length > 0 ? { ports } : {}),
          selector: { app: input.name },
          ...(clusterIP !== '' ? { clusterIP } : {}),
          type,
          ...(external !== '' ? { externalName: external } : {}),
        }),
        status: goStruct({ loadBalancer: {} }),
      });
    },
  };
}

/** ObjectMeta's fields in Go's order, as a typed object's JSON has them. */
const OBJECT_META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/**
 * --save-config: kubectl's CreateOrUpdateAnnotation, the object's own JSON (Go's field order,
 * compact, a final newline, without this annotation) in its last-applied-configuration annotation,
 * so that a later apply has what it needs for its three-way patch.
 */
function withLastApplied(object: KubeObject): KubeObject {
  const applied = `${goJsonCompact(object)}\n`;
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined), 'kubectl.kubernetes.io/last-applied-configuration': applied };
  const next: Record<string, unknown> = {};
  for (const k of OBJECT_META_ORDER) {
    if (k === 'annotations') next.annotations = annotations;
    else if (k in metadata) next[k] = metadata[k];
  }
  return goStruct({ ...object, metadata: goStruct(next) }) as KubeObject;
}

/** The pod spec of create job and cronjob: one container named after the object, its command after `--`. */
function podSpec(input: Input, name: string, restartPolicy: string): object {
  const c: Record<string, unknown> = { name, image: flag(input.args, 'image') ?? '' };
  if (input.rest.length > 0) c.command = [...input.rest];
  c.resources = {};
  return goStruct({ containers: [goStruct(c)], restartPolicy });
}

/**
 * create job --from=cronjob/NAME: a Job made from a stored CronJob's job template, annotated as a
 * manual run and owned by it, as createJobFromCronJob makes it.
 */
function jobFromCronJob(input: Input, from: string): object {
  const slash = from.indexOf('/');
  const t = slash > 0 ? findResourceType(from.slice(0, slash)) : undefined;
  if (t === undefined || slash === from.length - 1) throw new UserError('error: from must be an existing cronjob');
  const name = from.slice(slash + 1);
  const ns = input.namespace ?? 'default';
  const found = listObjects(input.state(), t, t.namespaced ? ns : undefined).find((o) => o.metadata?.name === name);
  if (found === undefined) throw new UserError(`Error from server (NotFound): ${qualifiedResource(t)} ${goQuote(name)} not found`);
  if (t.resource !== 'cronjobs' || t.group !== 'batch') throw new UserError(`error: unknown object type *v1.${t.kind}`);
  const template = ((found as { spec?: { jobTemplate?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> }; spec?: unknown } } }).spec?.jobTemplate ?? {});
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations };
  const m: Record<string, unknown> = { name: input.name };
  if (input.namespace !== undefined) m.namespace = input.namespace;
  m.creationTimestamp = null;
  if (template.metadata?.labels !== undefined) m.labels = template.metadata.labels;
  m.annotations = annotations;
  m.ownerReferences = [goStruct({ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: found.metadata?.uid ?? '', controller: true })];
  return typed('batch/v1', 'Job', goStruct(m), { spec: template.spec ?? {}, status: {} });
}

/** metav1.ParseToLabelSelector: equality requirements as matchLabels, the others as matchExpressions. */
function labelSelector(text: string): object {
  let reqs;
  try {
    reqs = parseSelector(text);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    throw new UserError(`error: couldn't parse the selector string ${goQuote(text)}: ${e.message}`);
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: object[] = [];
  const ops: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of reqs) {
    if (r.op === '=' || r.op === '==') matchLabels[r.key] = r.values[0] ?? '';
    else if (ops[r.op] !== undefined) {
      matchExpressions.push(goStruct({ key: r.key, operator: ops[r.op], ...(r.values.length > 0 ? { values: [...r.values] } : {}) }));
    } else if (r.op === 'gt' || r.op === 'lt') throw new UserError(`error: ${goQuote(r.op)} isn't supported in label selectors`);
    else throw new UserError(`error: ${goQuote(r.op)} is not a valid label selector operator`);
  }
  return goStruct({ ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}), ...(matchExpressions.length > 0 ? { matchExpressions } : {}) });
}

/** create ingress's ruleRegex: host/path=svcname:svcport[,tls[=secret]] (Go's \\w is ASCII, as JavaScript's). */
const INGRESS_RULE = /^(?<host>[\w*\-.]*)(?<path>\/[^,=\n]*)=(?<svcname>[\w-]+):(?<svcport>[\w-]+)(,(?<istls>tls)=?(?<secretname>[\w-]+)?)?$/;

/** buildIngressBackendSvc: a Service backend, its port a number when it reads as one (intstr.Parse), else a name. */
function ingressBackend(service: string): object {
  const [name, port] = service.split(':');
  const n = /^[+-]?[0-9]+$/.test(port!) ? Number(BigInt.asIntN(32, BigInt(port!))) : undefined;
  const p = n === undefined ? { name: port } : n === 0 ? {} : { number: n };
  return goStruct({ service: goStruct({ name, port: goStruct(p) }) });
}

/** buildTLSRules: one entry per secret, each host once. */
function ingressTls(rules: readonly string[]): { hosts?: string[]; secretName?: string }[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0]!;
    const secretParts = parts[1]!.split('=');
    const secret = secretParts.length > 1 ? secretParts[1]! : '';
    if (seen.has(host)) continue;
    const same = out.find((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (same !== undefined) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const entry = goStruct({}) as { hosts?: string[]; secretName?: string };
    if (host !== '') entry.hosts = [host];
    if (secret !== '') entry.secretName = secret;
    if (entry.hosts !== undefined || entry.secretName !== undefined) out.push(entry);
  }
  return out;
}

/** buildIngressRules: one rule per host, its paths in order; a path ending in * is a Prefix. */
function ingressRules(rules: readonly string[]): { host?: string; http: { paths: object[] } }[] {
  const out: { host?: string; http: { paths: object[] } }[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0]!;
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const [pathPart, service] = withoutTls.slice(slash + 1).split('=');
    let path = `/${pathPart}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const entry = goStruct({ path, pathType, backend: ingressBackend(service!) });
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing !== undefined) existing.http.paths.push(entry);
    else out.push(goStruct({ ...(host !== '' ? { host } : {}), http: goStruct({ paths: [entry] }) }));
  }
  return out;
}

const GENERATORS: Record<string, Generator> = {
  deployment: {
    resource: 'deployments',
    flags: [list('image'), str('port'), { name: 'replicas', short: 'r', type: 'string' }],
    required: ['image'],
    int32: ['port', 'replicas'],
    slices: ['image'],
    validate: (input) => {
      if (sliceFlag(input.args, 'image').length > 1 && input.rest.length > 0) throw new UserError('error: cannot specify multiple --image options and command');
    },
    failure: 'failed to create deployment: ',
    build: (input) => {
      const labels = { app: input.name };
      const port = int32Flag(input.args, 'port', -1);
      const containers = sliceFlag(input.args, 'image').map((image, i) => {
        // The image's last path segment, without its tag or digest.
        let name = image.split('/').at(-1)!;
        name = name.split(':')[0]!.split('@')[0]!;
        const c: Record<string, unknown> = { name: sanitizeAndUniquify(name, `${input.name}/${i}/${image}`), image };
        if (input.rest.length > 0) c.command = [...input.rest];
        if (i === 0 && port >= 0) c.ports = [goStruct({ containerPort: port })];
        c.resources = {};
        return goStruct(c);
      });
      return typed('apps/v1', 'Deployment', meta(input, true, labels), {
        spec: goStruct({
          replicas: int32Flag(input.args, 'replicas', 1),
          selector: goStruct({ matchLabels: labels }),
          template: goStruct({ metadata: goStruct({ creationTimestamp: null, labels }), spec: goStruct({ containers }) }),
          strategy: {},
        }),
        status: {},
      });
    },
  },
  serviceaccount: {
    resource: 'serviceaccounts',
    flags: [],
    validate: noName,
    failure: 'failed to create serviceaccount: ',
    build: (input) => typed('v1', 'ServiceAccount', meta(input, true)),
  },
  namespace: {
    resource: 'namespaces',
    flags: [],
    validate: noName,
    build: (input) => typed('v1', 'Namespace', meta(input, false), { spec: {}, status: {} }),
  },
  configmap: {
    resource: 'configmaps',
    flags: FROM_FLAGS,
    slices: ['from-file', 'from-env-file'],
    validate: validateSources,
    failure: 'failed to create configmap: ',
    build: (input) => {
      const { data, binaryData } = configMapData(input, input.name);
      let name = input.name;
      if (boolFlag(input.args, 'append-hash')) {
        const encoded: Record<string, unknown> = { kind: 'ConfigMap', name, data };
        if (Object.keys(binaryData).length > 0) encoded.binaryData = binaryData;
        name = `${name}-${appendedHash(encoded)}`;
      }
      return typed('v1', 'ConfigMap', meta({ ...input, name }, true), {
        ...(Object.keys(data).length > 0 ? { data } : {}),
        ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
      });
    },
  },
  'secret generic': {
    resource: 'secrets',
    flags: [...FROM_FLAGS, str('type')],
    slices: ['from-file', 'from-env-file'],
    validate: validateSources,
    failure: 'failed to create secret ',
    build: (input) => {
      const data = secretData(input, {
        files: sliceFlag(input.args, 'from-file'),
        literals: listFlag(input.args, 'from-literal'),
        envFiles: sliceFlag(input.args, 'from-env-file'),
      });
      return secret(input, data, flag(input.args, 'type'));
    },
  },
  'secret docker-registry': {
    resource: 'secrets',
    flags: [str('docker-username'), str('docker-password'), str('docker-email'), str('docker-server'), list('from-file'), bool('append-hash')],
    slices: ['from-file'],
    validate: (input) => {
      noName(input);
      if (listFlag(input.args, 'from-file').length > 0) return;
      const server = flag(input.args, 'docker-server') ?? DOCKER_HUB;
      if (!flag(input.args, 'docker-username') || !flag(input.args, 'docker-password') || server === '') {
        throw new UserError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      }
    },
    failure: 'failed to create secret ',
    build: (input) => {
      const files = sliceFlag(input.args, 'from-file');
      let data: Record<string, string>;
      if (files.length > 0) data = secretData(input, { files, literals: [], envFiles: [] });
      else {
        const a = input.args;
        const [user, password, email] = [flag(a, 'docker-username') ?? '', flag(a, 'docker-password') ?? '', flag(a, 'docker-email') ?? ''];
        // DockerConfigJSON as json.Marshal writes it: its fields in declared order, empty ones omitted.
        const entry = [
          ['username', user],
          ['password', password],
          ['email', email],
          ['auth', Buffer.from(`${user}:${password}`).toString('base64')],
        ]
          .filter(([, v]) => v !== '')
          .map(([k, v]) => `"${k}":${goJsonCompact(v)}`)
          .join(',');
        const json = `{"auths":{${goJsonCompact(flag(a, 'docker-server') ?? DOCKER_HUB)}:{${entry}}}}`;
        data = { '.dockerconfigjson': Buffer.from(json).toString('base64') };
      }
      return secret(input, data, 'kubernetes.io/dockerconfigjson');
    },
  },
  'secret tls': {
    resource: 'secrets',
    flags: [str('cert'), str('key'), bool('append-hash')],
    validate: (input) => {
      if (!flag(input.args, 'cert') || !flag(input.args, 'key')) throw new UserError('error: key and cert must be specified');
    },
    failure: 'failed to create secret ',
    build: (input) => {
      const read = (path: string) => {
        try {
          return readFileSync(resolve(input.cwd, path));
        } catch (e) {
          throw new UserError(`error: Cannot read file ${path}, open ${path}: ${errnoText(e)}`);
        }
      };
      const cert = read(flag(input.args, 'cert')!);
      const key = read(flag(input.args, 'key')!);
      try {
        checkKeyPair(cert.toString('latin1'), key.toString('latin1'));
      } catch (e) {
        throw new UserError(`error: ${(e as Error).message}`);
      }
      return secret(input, { 'tls.crt': cert.toString('base64'), 'tls.key': key.toString('base64') }, 'kubernetes.io/tls');
    },
  },
  priorityclass: {
    resource: 'priorityclasses',
    flags: [str('value'), bool('global-default'), str('description'), str('preemption-policy')],
    int32: ['value'],
    failure: 'failed to create priorityclass: ',
    build: (input) => {
      const a = input.args;
      const description = flag(a, 'description') ?? '';
      return typed('scheduling.k8s.io/v1', 'PriorityClass', meta(input, false), {
        value: int32Flag(a, 'value', 0),
        ...(boolFlag(a, 'global-default') ? { globalDefault: true } : {}),
        ...(description !== '' ? { description } : {}),
        preemptionPolicy: flag(a, 'preemption-policy') ?? 'PreemptLowerPriority',
      });
    },
  },
  'service clusterip': service('ClusterIP', [str('clusterip')]),
  'service nodeport': service('NodePort', [str('node-port')]),
  'service loadbalancer': service('LoadBalancer', []),
  'service externalname': service('ExternalName', [str('external-name')]),
  job: {
    resource: 'jobs',
    flags: [str('image'), str('from')],
    validate: (input) => {
      const image = flag(input.args, 'image') ?? '';
      const from = flag(input.args, 'from') ?? '';
      if ((image === '') === (from === '')) throw new UserError('error: either --image or --from must be specified');
      if (input.rest.length > 0 && from !== '') throw new UserError('error: cannot specify --from and command');
    },
    failure: 'failed to create job: ',
    build: (input) => {
      const from = flag(input.args, 'from') ?? '';
      if (from !== '') return jobFromCronJob(input, from);
      return typed('batch/v1', 'Job', meta(input, true), {
        spec: goStruct({ template: goStruct({ metadata: goStruct({ creationTimestamp: null }), spec: podSpec(input, input.name, 'Never') }) }),
        status: {},
      });
    },
  },
  cronjob: {
    resource: 'cronjobs',
    flags: [str('image'), str('schedule'), str('restart')],
    required: ['image', 'schedule'],
    failure: 'failed to create cronjob: ',
    build: (input) =>
      typed('batch/v1', 'CronJob', meta(input, true), {
        spec: goStruct({
          schedule: flag(input.args, 'schedule') ?? '',
          jobTemplate: goStruct({
            metadata: goStruct({ name: input.name, creationTimestamp: null }),
            spec: goStruct({
              template: goStruct({ metadata: goStruct({ creationTimestamp: null }), spec: podSpec(input, input.name, flag(input.args, 'restart') || 'OnFailure') }),
            }),
          }),
        }),
        status: {},
      }),
  },
  poddisruptionbudget: {
    resource: 'poddisruptionbudgets',
    flags: [str('min-available'), str('max-unavailable'), str('selector')],
    validate: (input) => {
      noName(input);
      const min = flag(input.args, 'min-available') ?? '';
      const max = flag(input.args, 'max-unavailable') ?? '';
      if ((flag(input.args, 'selector') ?? '') === '') throw new UserError('error: a selector must be specified');
      if (min === '' && max === '') throw new UserError('error: one of min-available or max-unavailable must be specified');
      if (min !== '' && max !== '') throw new UserError('error: min-available and max-unavailable cannot be both specified');
      if (min !== '' && !/^[0-9]+%?$/.test(min)) throw new UserError('error: invalid format specified for min-available');
      if (max !== '' && !/^[0-9]+%?$/.test(max)) throw new UserError('error: invalid format specified for max-unavailable');
    },
    failure: 'failed to create poddisruptionbudgets: ',
    build: (input) => {
      const min = flag(input.args, 'min-available') ?? '';
      const max = flag(input.args, 'max-unavailable') ?? '';
      // intstr.Parse: a number when it reads as one.
      const intOrString = (v: string) => (/^[0-9]+$/.test(v) && Number(v) <= 2 ** 31 - 1 ? Number(v) : v);
      return typed('policy/v1', 'PodDisruptionBudget', meta(input, true), {
        spec: goStruct({
          ...(min !== '' ? { minAvailable: intOrString(min) } : {}),
          selector: labelSelector(flag(input.args, 'selector')!),
          ...(max !== '' ? { maxUnavailable: intOrString(max) } : {}),
        }),
        status: goStruct({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
      });
    },
  },
  quota: {
    resource: 'resourcequotas',
    flags: [str('hard'), str('scopes')],
    validate: noName,
    failure: 'failed to create quota: ',
    build: (input) => {
      const hard = flag(input.args, 'hard') ?? '';
      const scopes = flag(input.args, 'scopes') ?? '';
      const list: Record<string, string> = {};
      if (hard !== '') {
        for (const statement of hard.split(',')) {
          const parts = statement.split('=');
          if (parts.length !== 2) throw new UserError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
          const q = canonicalQuantity(parts[1]!);
          if (q === undefined) throw new UserError("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
          list[parts[0]!] = q;
        }
      }
      const scopeList = scopes === '' ? [] : scopes.split(',');
      if (scopeList.includes('')) throw new UserError('error: invalid resource quota scope ""');
      return typed('v1', 'ResourceQuota', meta(input, true), {
        spec: goStruct({ ...(hard !== '' ? { hard: list } : {}), ...(scopeList.length > 0 ? { scopes: scopeList } : {}) }),
        status: {},
      });
    },
  },
  ingress: {
    resource: 'ingresses',
    flags: [str('class'), list('rule'), str('default-backend'), list('annotation')],
    validate: (input) => {
      const backend = flag(input.args, 'default-backend') ?? '';
      const rules = listFlag(input.args, 'rule');
      if (backend === '' && rules.length === 0) {
        throw new UserError(
          'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
        );
      }
      for (const r of rules) if (!INGRESS_RULE.test(r)) throw new UserError(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      for (const a of listFlag(input.args, 'annotation')) if (!a.includes('=')) throw new UserError(`error: annotation ${a} is invalid and should be in format key=[value]`);
      if (backend !== '' && backend.split(':').length !== 2) throw new UserError('error: default-backend should be in format servicename:serviceport');
    },
    failure: 'failed to create ingress: ',
    build: (input) => {
      const annotations: Record<string, string> = {};
      for (const a of listFlag(input.args, 'annotation')) {
        const eq = a.indexOf('=');
        annotations[a.slice(0, eq)] = a.slice(eq + 1);
      }
      const m: Record<string, unknown> = { name: input.name };
      if (input.namespace !== undefined) m.namespace = input.namespace;
      m.creationTimestamp = null;
      if (Object.keys(annotations).length > 0) m.annotations = annotations;
      const rules = listFlag(input.args, 'rule');
      const cls = flag(input.args, 'class') ?? '';
      const backend = flag(input.args, 'default-backend') ?? '';
      const tls = ingressTls(rules);
      const httpRules = ingressRules(rules);
      return typed('networking.k8s.io/v1', 'Ingress', goStruct(m), {
        spec: goStruct({
          ...(cls !== '' ? { ingressClassName: cls } : {}),
          ...(backend !== '' ? { defaultBackend: ingressBackend(backend) } : {}),
          ...(tls.length > 0 ? { tls } : {}),
          ...(httpRules.length > 0 ? { rules: httpRules } : {}),
        }),
        status: goStruct({ loadBalancer: {} }),
      });
    },
  },
  role: {
    resource: 'roles',
    flags: [list('verb'), list('resource'), list('resource-name')],
    slices: ['verb', 'resource'],
    validate: (input) => {
      noName(input);
      const rule = roleRule(input.args);
      if (rule.verbs.length === 0) throw new UserError('error: at least one verb must be specified');
      warnVerbs(input, rule.verbs);
      if (rule.resources.length === 0) throw new UserError('error: at least one resource must be specified');
      validateRuleResources(rule);
    },
    build: (input) => typed(`${RBAC}/v1`, 'Role', meta(input, true), { rules: policyRules(roleRule(input.args), []) }),
  },
  clusterrole: {
    resource: 'clusterroles',
    flags: [list('verb'), list('resource'), list('resource-name'), list('non-resource-url'), list('aggregation-rule')],
    slices: ['verb', 'resource', 'non-resource-url'],
    maps: ['aggregation-rule'],
    validate: (input) => {
      noName(input);
      const rule = roleRule(input.args);
      const urls = [...new Set(sliceFlag(input.args, 'non-resource-url'))];
      if (Object.keys(mapStringString(listFlag(input.args, 'aggregation-rule'))).length > 0) {
        if (urls.length > 0 || rule.verbs.length > 0 || rule.resources.length > 0 || rule.names.length > 0) {
          throw new UserError('error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
        }
        return;
      }
      if (rule.verbs.length === 0) throw new UserError('error: at least one verb must be specified');
      if (rule.resources.length === 0 && urls.length === 0) throw new UserError('error: one of resource or nonResourceURL must be specified');
      if (rule.resources.length > 0) {
        warnVerbs(input, rule.verbs);
        validateRuleResources(rule);
      }
      if (urls.length === 0) return;
      for (const v of rule.verbs) if (!NON_RESOURCE_VERBS.includes(v)) throw new UserError(`error: invalid verb: '${v}' for nonResourceURL`);
      for (const u of urls) {
        if (u === '*') continue;
        if (!u.startsWith('/')) throw new UserError('error: nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) throw new UserError("error: nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    },
    build: (input) => {
      const aggregation = mapStringString(listFlag(input.args, 'aggregation-rule')) as Record<string, string>;
      if (Object.keys(aggregation).length > 0) {
        return typed(`${RBAC}/v1`, 'ClusterRole', meta(input, false), {
          rules: null,
          aggregationRule: goStruct({ clusterRoleSelectors: [goStruct({ matchLabels: aggregation })] }),
        });
      }
      const urls = [...new Set(sliceFlag(input.args, 'non-resource-url'))];
      return typed(`${RBAC}/v1`, 'ClusterRole', meta(input, false), { rules: policyRules(roleRule(input.args), urls) });
    },
  },
  clusterrolebinding: {
    resource: 'clusterrolebindings',
    flags: [str('clusterrole'), list('user'), list('group'), list('serviceaccount')],
    required: ['clusterrole'],
    failure: 'failed to create clusterrolebinding: ',
    build: (input) => binding(input, 'ClusterRoleBinding', false, 'ClusterRole', flag(input.args, 'clusterrole')!),
  },
  rolebinding: {
    resource: 'rolebindings',
    flags: [str('clusterrole'), str('role'), list('user'), list('group'), list('serviceaccount')],
    validate: (input) => {
      noName(input);
      if (!flag(input.args, 'clusterrole') === !flag(input.args, 'role')) throw new UserError('error: exactly one of clusterrole or role must be specified');
    },
    failure: 'failed to create rolebinding: ',
    build: (input) => {
      const role = flag(input.args, 'role');
      return role ? binding(input, 'RoleBinding', true, 'Role', role) : binding(input, 'RoleBinding', true, 'ClusterRole', flag(input.args, 'clusterrole')!);
    },
  },
};

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** kubectl's aliases of the generators (and `secret`'s three types). */
const ALIASES: Record<string, string> = {
  deploy: 'deployment',
  sa: 'serviceaccount',
  ns: 'namespace',
  cm: 'configmap',
  pc: 'priorityclass',
  svc: 'service',
  pdb: 'poddisruptionbudget',
  resourcequota: 'quota',
  ing: 'ingress',
};

/** The generators that take a type word first (`create secret tls NAME`, `create service nodeport NAME`). */
const TYPED: Record<string, readonly string[]> = {
  secret: ['generic', 'docker-registry', 'tls'],
  service: ['clusterip', 'nodeport', 'loadbalancer', 'externalname'],
};

/**
 * The generator a `create` command line names, found as cobra finds a subcommand (the first
 * arguments that are not flags or their values): its command (`create secret tls`) and its flags,
 * for the command line's parser; undefined when the line names none (`create -f`, or an unknown word).
 */
export function createFlagsFor(argv: readonly string[], createFlags: readonly FlagSpec[]): { command: string; flags: FlagSpec[] } | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      // A flag that takes a value in the next argument (`-n kube-system`, `--namespace kube-system`).
      const name = a.startsWith('--') ? a.slice(2) : a.length === 2 ? a.slice(1) : undefined;
      const spec = createFlags.find((f) => f.name === name || f.short === name);
      if (spec !== undefined && spec.type !== 'bool' && spec.noOptDefVal === undefined && !a.includes('=')) i++;
      continue;
    }
    words.push(a);
  }
  const first = words[0] === undefined ? undefined : ALIASES[words[0]] ?? words[0];
  if (first === undefined) return undefined;
  const types = TYPED[first];
  if (types !== undefined) {
    const type = words[1];
    const g = type !== undefined && types.includes(type) ? GENERATORS[`${first} ${type}`] : undefined;
    // `create secret` itself takes only the persistent flags.
    if (g === undefined) return { command: `create ${first}`, flags: [{ name: 'namespace', short: 'n', type: 'string' }] };
    return { command: `create ${first} ${type}`, flags: [...COMMON_FLAGS, ...g.flags] };
  }
  const g = GENERATORS[first];
  return g === undefined ? undefined : { command: `create ${first}`, flags: [...COMMON_FLAGS, ...g.flags] };
}

/** Whether `create WORD …` is a generator's command line. */
export function isGenerator(word: string | undefined): boolean {
  if (word === undefined) return false;
  const w = ALIASES[word] ?? word;
  return TYPED[w] !== undefined || GENERATORS[w] !== undefined;
}

/**
 * `dsim create <generator> NAME …`: the object built as kubectl builds it, then printed
 * (--dry-run=client), or stored as `create -f` stores it and printed as stored (with
 * --dry-run=server, checked and not saved).
 */
export function createGeneratorCommand(ctx: Context): number {
  const positional = ctx.args.positional;
  const first = ALIASES[positional[0]!] ?? positional[0]!;
  let command = first;
  let args = positional.slice(1);
  const types = TYPED[first];
  if (types !== undefined) {
    const type = positional[1];
    // kubectl prints `create secret`'s help here; dsim names the types.
    if (type === undefined) throw new UserError(`error: one of ${types.join(', ')} is required\nSee 'dsim create ${first} -h' for help and examples`);
    if (!types.includes(type)) throw new UserError(`error: unknown command ${goQuote(positional.slice(1).join(' '))}\nSee 'dsim create ${first} -h' for help and examples`);
    command = `${first} ${type}`;
    args = positional.slice(2);
  }
  const g = GENERATORS[command]!;
  // pflag's typed flags fail as they are parsed, before anything else.
  for (const [name, bits] of [...(g.int32 ?? []).map((n) => [n, 32] as const), ...(g.int64 ?? []).map((n) => [n, 64] as const)]) {
    const v = flag(ctx.args, name);
    const n = v === undefined ? 0 : parseGoInt(v, bits);
    if (typeof n === 'string') {
      const why = n === 'syntax' ? 'invalid syntax' : 'value out of range';
      throw new FlagError(`invalid argument ${goQuote(v!)} for "${shownFlag(g, name)}" flag: strconv.ParseInt: parsing ${goQuote(v!)}: ${why}`, `create ${command}`);
    }
  }
  for (const name of g.slices ?? []) {
    for (const v of listFlag(ctx.args, name)) {
      try {
        readAsCsv(v);
      } catch (e) {
        throw new FlagError(`invalid argument ${goQuote(v)} for "${shownFlag(g, name)}" flag: ${(e as Error).message}`, `create ${command}`);
      }
    }
  }
  for (const name of g.maps ?? []) {
    for (const v of listFlag(ctx.args, name)) {
      const m = mapStringString([v]);
      if (typeof m === 'string') throw new FlagError(`invalid argument ${goQuote(v)} for "${shownFlag(g, name)}" flag: ${m}`, `create ${command}`);
    }
  }
  // cobra's required flags, checked before the command runs; kubectl's main logs the error through klog.
  const missing = (g.required ?? []).filter((f) => !ctx.args.flags.has(f));
  if (missing.length > 0) throw new UserError(`"command failed" err=${goQuote(`required flag(s) ${missing.map(goQuote).join(', ')} not set`)}`);
  // NameFromCommandArgs: the arguments before `--`.
  const before = ctx.args.argsLenAtDash === undefined ? args.length : ctx.args.argsLenAtDash - (positional.length - args.length);
  if (before !== 1) throw new UserError(`error: exactly one NAME is required, got ${before}\nSee 'dsim create ${command} -h' for help and examples`);
  const t = findResourceType(g.resource)!;
  const explicitNs = flag(ctx.args, 'namespace');
  const input: Input = { name: args[0]!, rest: args.slice(1), args: ctx.args, namespace: t.namespaced ? explicitNs : undefined, cwd: ctx.io.cwd, env: ctx.io.env, stderr: ctx.io.stderr, state: () => ctx.open().engine().state };
  // Complete (dry-run strategy, printer), Validate, then Run.
  const dryRun = dryRunStrategy(ctx);
  const output = outputFormat(flag(ctx.args, 'output') ?? '');
  g.validate?.(input);
  let object = g.build(input) as KubeObject;
  if (boolFlag(ctx.args, 'save-config')) object = withLastApplied(object);
  const name = object.metadata?.name ?? '';
  const shown = `${qualifiedKind(t)}/${name === '' ? '<unknown>' : name}`;
  const print = (o: KubeObject, line: string) => {
    try {
      printObject(ctx, output, o, line);
    } catch (e) {
      const failure = templateFailure(ctx, e);
      if (failure === undefined) throw e;
      throw new UserError(failure.alone);
    }
  };
  if (dryRun === 'client') {
    print(object, `${shown} created (dry run)`);
    return 0;
  }
  const ns = t.namespaced ? explicitNs ?? 'default' : undefined;
  const stored = store(ctx, t, object, ns, g.failure);
  if (dryRun === 'none') ctx.open().commit();
  print(stored, `${shown} created${dryRun === 'server' ? ' (server dry run)' : ''}`);
  return 0;
}

/**
 * Stores the generated object as `create -f` stores the same manifest (planOne: defaulted,
 * validated, refused when it exists), kubectl's own words around the API server's refusals;
 * returns it as stored. The log is saved by the caller, unless a dry run.
 */
function store(ctx: Context, t: ResourceType, object: KubeObject, ns: string | undefined, failure: string | undefined): KubeObject {
  const refuse = (status: string, reason: string) => {
    throw new UserError(failure === undefined ? `Error from server (${reason}): ${status}` : `error: ${failure}${status}`);
  };
  const session = ctx.open();
  const engine = session.engine();
  if (ns !== undefined && !engine.state.objects.has(storedObjectKey('v1', 'Namespace', undefined, ns))) refuse(`namespaces ${goQuote(ns)} not found`, 'NotFound');
  // The object as its manifest would read: plain JSON, no Go struct order.
  const plain = JSON.parse(JSON.stringify(object)) as KubeObject;
  const withNs = (ns === undefined ? plain : { ...plain, metadata: { ...plain.metadata, namespace: ns } }) as KubeObject;
  const loaded: LoadedObject = { object: withNs as never, source: '', line: 0, locate: () => 0 };
  let planned;
  try {
    planned = planOne(engine.state, loaded, t, withNs, 'create', 'Strict', (line) => ctx.io.stderr(`${line}\n`), { clusterIPs: new Set(), nodePorts: new Set() });
  } catch (e) {
    if (e instanceof AlreadyExistsError) refuse(e.status, 'AlreadyExists');
    if (e instanceof InvalidObjectError && failure !== undefined) {
      // The API server's Invalid status as %v prints it inside kubectl's wrapping: no "The", causes in brackets when several.
      const causes = [...new Set(e.causes.map(formatFieldError))];
      const kind = t.group === '' ? t.kind : `${t.kind}.${t.group}`;
      refuse(`${kind} ${goQuote(withNs.metadata?.name ?? '')} is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`}`, 'Invalid');
    }
    throw e;
  }
  if (planned.event !== undefined) engine.input(planned.event);
  const name = withNs.metadata?.name ?? '';
  const o = listObjects(engine.state, t, ns).find((x) => x.metadata?.name === name);
  if (o === undefined) throw new Error(`${qualifiedResource(t)}/${name} is not stored after it was created`);
  return o;
}
