// `dsim wait`: kubectl's wait (staging/src/k8s.io/kubectl/pkg/cmd/wait: wait.go, condition.go,
// json.go, delete.go, create.go) in simulated time. The objects are found as annotate and label
// find them and looked at as `get -o yaml` shows them; where kubectl watches the API server for a
// change, dsim runs the simulation on (runUntil, as rollout status and drain do) until the change
// is seen or --timeout of simulated time has passed, and records how far time went as `advance`
// does. Prints kubectl's lines and errors; writes only TimeAdvanced.

import { events as ev, type Engine, type KubeObject } from '@dsim/core';
import { boolFlag, flag, FlagError, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { relaxedJsonPath } from '../print/customColumns.ts';
import { parseDurationNanos } from '../print/duration.ts';
import { goQuote, goSprintV, JsonPath, JsonPathError, JsonPathExecError, JsonPathParseError } from '../print/jsonpath.ts';
import { qualifiedKind } from '../resources.ts';
import { UserError } from '../session.ts';
import { finish, notFoundFailure, plainFailure, type Failure } from './annotate.ts';
import { apiObject, MISSING_RESOURCES_ERROR, namedObjects, type ObjectRef } from './objectRefs.ts';
import { outputFormat, printObject, templateFailure } from './printFlags.ts';
import { runUntil } from './time.ts';

/** What `--for` waits for: kubectl's conditionFuncFor. */
export type WaitFor =
  | { readonly kind: 'delete' | 'create' }
  | { readonly kind: 'condition'; readonly name: string; readonly status: string }
  /** `value` undefined: any value will do (kubectl's matchAnyValue). */
  | { readonly kind: 'jsonpath'; readonly path: JsonPath; readonly value: string | undefined };

/** An error of the check on one object (kubectl's condition func returns it; the wait for that object ends). */
export class WaitCheckError extends Error {}

const JSONPATH_FORMAT = "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";

/**
 * kubectl's conditionFuncFor: `delete` and `create` in any case; `condition=NAME[=VALUE]` (VALUE
 * `true` when not given); `jsonpath=EXPRESSION[=VALUE]`, split at single `=` (a `==` stays in the
 * expression), the expression relaxed as `get -o custom-columns` relaxes one, the value stripped
 * of quotes. Throws kubectl's error for anything else.
 */
export function parseWaitFor(condition: string): WaitFor {
  const lower = condition.toLowerCase();
  if (lower === 'delete' || lower === 'create') return { kind: lower };
  if (condition.startsWith('condition=')) {
    const spec = condition.slice('condition='.length);
    const eq = spec.indexOf('=');
    return eq === -1 ? { kind: 'condition', name: spec, status: 'true' } : { kind: 'condition', name: spec.slice(0, eq), status: spec.slice(eq + 1) };
  }
  if (condition.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(condition.slice('jsonpath='.length));
    if (parts.length > 2) throw new UserError(`error: ${JSONPATH_FORMAT}`);
    let expression: string;
    try {
      expression = relaxedJsonPath(parts[0]!);
    } catch (e) {
      if (e instanceof JsonPathError) throw new UserError(`error: ${e.message}`);
      throw e;
    }
    let value: string | undefined;
    if (parts.length === 2) {
      value = trimCutset(parts[1]!, `'"`);
      if (value === '') throw new UserError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    }
    // newJSONPathParser: the parser's own message, unwrapped (get's printer wraps it).
    if (expression === '') throw new UserError('error: jsonpath expression cannot be empty');
    try {
      return { kind: 'jsonpath', path: new JsonPath(expression), value };
    } catch (e) {
      if (e instanceof JsonPathParseError) throw new UserError(`error: ${e.message}`);
      throw e;
    }
  }
  throw new UserError(`error: unrecognized condition: ${goQuote(condition)}`);
}

/** kubectl's splitJSONPathInput: split at each single `=`; `==` is kept whole. `a==b=c` is [`a==b`, `c`]. */
export function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') element += input[i];
    else if (input[i + 1] === '=') {
      element += '==';
      i++;
    } else {
      out.push(element);
      element = '';
    }
  }
  out.push(element);
  return out;
}

/** Go's strings.Trim: every leading and trailing character that is in `cutset`. */
function trimCutset(s: string, cutset: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && cutset.includes(s[a]!)) a++;
  while (b > a && cutset.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/**
 * Go's strings.EqualFold: equal under Unicode simple case folding, code point by code point (so
 * `ß` never equals `SS`, which a whole-string toUpperCase would make it).
 */
export function equalFold(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  const single = (s: string) => ([...s].length === 1 ? s : undefined);
  return x.every((c, i) => {
    const d = y[i]!;
    if (c === d) return true;
    const lower = single(c.toLowerCase());
    const upper = single(c.toUpperCase());
    return (lower !== undefined && lower === single(d.toLowerCase())) || (upper !== undefined && upper === single(d.toUpperCase()));
  });
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** unstructured.NestedInt64: an integer, else not found. */
const int64 = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/**
 * kubectl's ConditionalWait.checkCondition: the first of `status.conditions` whose type equals
 * `name` (case folded) decides, by its status (case folded); a condition observed for an older
 * generation than the object's (its own observedGeneration, else the status's) does not count yet
 * (kubectl newer than v1.32 checks this; no object dsim simulates carries both, so it only
 * matters for stored ones). No such condition: not met. A condition that is not an object ends the search.
 */
export function conditionMet(object: KubeObject, name: string, status: string): boolean {
  const conditions = (object as { status?: { conditions?: unknown } }).status?.conditions;
  if (!Array.isArray(conditions)) return false;
  for (const c of conditions) {
    if (!isObject(c)) return false;
    if (typeof c.type !== 'string' || !equalFold(c.type, name)) continue;
    if (typeof c.status !== 'string') continue;
    const generation = int64(object.metadata?.generation);
    if (generation !== undefined) {
      const observed = int64(c.observedGeneration) ?? int64((object as { status?: Json }).status?.observedGeneration);
      if (observed !== undefined && observed < generation) return false;
    }
    return equalFold(c.status, status);
  }
  return false;
}

/**
 * kubectl's JSONPathWait.checkCondition: nothing found is not met; one scalar is compared with
 * `value` as Go's %v prints it, spaces trimmed; any value will do without one. Throws
 * WaitCheckError with kubectl's words for several values, or a map or list compared.
 */
export function jsonPathMet(object: KubeObject, path: JsonPath, value: string | undefined): boolean {
  let results;
  try {
    results = path.findResults(JSON.parse(JSON.stringify(object)));
  } catch (e) {
    if (e instanceof JsonPathExecError) throw new WaitCheckError(e.message);
    throw e;
  }
  const first = results[0];
  if (first === undefined || first.length === 0) return false;
  if (results.length > 1) throw new WaitCheckError('given jsonpath expression matches more than one list');
  if (first.length > 1) throw new WaitCheckError('given jsonpath expression matches more than one value');
  if (value === undefined) return true;
  const r = first[0];
  if (Array.isArray(r) || isObject(r)) throw new WaitCheckError('jsonpath leads to a nested object or list which is not supported');
  return goSprintV(r).trim() === value.trim();
}

/** kubectl's negative --timeout: a week. */
const WEEK_MS = 168 * 3600 * 1000;

/**
 * --timeout as kubectl takes it (a Go duration, 30s when not given; pflag's error for a bad one):
 * simulated ms, 0 meaning look once, a negative one a week. A fraction of a ms counts as one.
 */
export function waitTimeoutMs(text: string | undefined): number {
  if (text === undefined) return 30_000;
  let ns: bigint;
  try {
    ns = parseDurationNanos(text);
  } catch (e) {
    throw new FlagError(`invalid argument ${goQuote(text)} for "--timeout" flag: ${(e as Error).message}`, 'wait');
  }
  if (ns < 0n) return WEEK_MS;
  return Number((ns + 999_999n) / 1_000_000n);
}

/** How often kubectl's --for=create looks for the objects (RunWait's poll). */
const CREATE_POLL_MS = 500;

/**
 * `dsim wait --for=… (TYPE/NAME… | TYPE NAME… | TYPE -l SEL | TYPE --all | -f FILE)`: each object
 * in turn, as kubectl's visitor takes them, waited for until it meets the condition (printed
 * `kind.group/name condition met`) or the one deadline, --timeout of simulated time after the
 * start, passes (kubectl's timeout error for it, and for each later one that still exists, as
 * kubectl's expired context gives them). The simulation runs only as far as needed: not at all
 * when every object meets the condition already; the time it ran is recorded (TimeAdvanced),
 * with the deadline's when it passed.
 */
export function waitCommand(ctx: Context): number {
  // cobra parsed --timeout with the flags; then ToOptions makes the printer, then the condition.
  const timeout = waitTimeoutMs(flag(ctx.args, 'timeout'));
  const output = outputFormat(flag(ctx.args, 'output') ?? '');
  const waitFor = parseWaitFor(flag(ctx.args, 'for') ?? '');
  const resources = ctx.args.positional;
  if (resources.length === 0 && listFlag(ctx.args, 'filename').length === 0) throw new UserError(MISSING_RESOURCES_ERROR);

  const session = ctx.open();
  const engine = session.engine();
  const start = engine.now;
  const deadline = start + timeout;
  const find = () => namedObjects(ctx, engine.state, resources, boolFlag(ctx.args, 'all')).refs;
  const failures: Failure[] = [];
  // Printed once the time that passed is saved, as a command that fails prints nothing it did.
  let stdout = '';
  const buffered: Context = { ...ctx, io: { ...ctx.io, stdout: (s) => void (stdout += s) } };
  let printed = 0;
  const conditionMetLine = (ref: ObjectRef, object: KubeObject) => {
    try {
      // kubectl's YAML printer writes `---` before each object after its first.
      printObject(buffered, output, object, `${qualifiedKind(ref.type)}/${ref.name} condition met`, printed > 0);
      printed++;
    } catch (e) {
      // RunWait drops the printer's error.
      if (templateFailure(buffered, e) === undefined) throw e;
    }
  };
  const timedOut = (ref: ObjectRef) => {
    engine.run({ until: deadline });
    // extendErrWaitTimeout: the resource, plural and without its group.
    failures.push(plainFailure(`timed out waiting for the condition on ${ref.type.resource}/${ref.name}`));
  };

  if (waitFor.kind === 'create') waitForCreate(engine, start, deadline, find, failures, conditionMetLine);
  else {
    const check = (o: KubeObject): boolean =>
      waitFor.kind === 'condition' ? conditionMet(o, waitFor.name, waitFor.status) : waitFor.kind === 'jsonpath' && jsonPathMet(o, waitFor.path, waitFor.value);
    // The objects a selector lists are held as listed; named ones are looked up when visited.
    const listedAt = engine.state;
    let visited = 0;
    for (const ref of find()) {
      const object = apiObject(engine.state, ref);
      if (waitFor.kind === 'delete') {
        // RunWait ignores NotFound for --for=delete: a named object already gone is passed over.
        if (object === undefined) {
          if (ref.listed === true) conditionMetLine(ref, apiObject(listedAt, ref)!);
          continue;
        }
        visited++;
        if (timeout === 0) failures.push(plainFailure(`condition not met for ${ref.type.resource}/${ref.name}`));
        else if (engine.now < deadline && runUntil(engine, deadline, () => gone(apiObject(engine.state, ref), object))) conditionMetLine(ref, object);
        else timedOut(ref);
        continue;
      }
      if (object === undefined) {
        failures.push(notFoundFailure(ref));
        continue;
      }
      visited++;
      try {
        if (timeout === 0) {
          if (check(object)) conditionMetLine(ref, object);
          else failures.push(plainFailure(`condition not met for ${ref.type.resource}/${ref.name}`));
          continue;
        }
        let met: KubeObject | undefined;
        // A watch started after the deadline never syncs: kubectl reports the timeout unlooked.
        // An object deleted meanwhile is waited for still: one made again under its name may meet it.
        const done =
          engine.now < deadline &&
          runUntil(engine, deadline, () => {
            const o = apiObject(engine.state, ref);
            if (o !== undefined && check(o)) met = o;
            return met !== undefined;
          });
        if (done) conditionMetLine(ref, met!);
        else timedOut(ref);
      } catch (e) {
        if (!(e instanceof WaitCheckError)) throw e;
        failures.push(plainFailure(e.message));
      }
    }
    if (visited === 0 && failures.length === 0 && waitFor.kind !== 'delete' && printed === 0) {
      failures.push(plainFailure('no matching resources found'));
    }
  }

  if (engine.now > start) engine.input(ev.timeAdvanced(engine.now));
  session.commit();
  ctx.io.stdout(stdout);
  return finish(ctx, failures);
}

/** Whether the object seen is gone (`now`, the object of that name now): deleted, or deleted and made again (another uid). */
function gone(now: KubeObject | undefined, seen: KubeObject): boolean {
  return now === undefined || now.metadata?.uid !== seen.metadata?.uid;
}

/**
 * --for=create: RunWait's poll, every 500 ms from the start, of what the arguments find, until no
 * named object is missing, then the visit, each object found `condition met`. The poll sees a
 * change at its next tick, so simulated time runs to that tick; past the deadline, kubectl's bare
 * timeout error. A selector is no wait at all: its list is found at once, empty or not, and an
 * empty one is `no matching resources found` (kubectl v1.32 does so). Two named objects missing
 * at once end the poll with their NotFound errors: kubectl's visitor returns them as an
 * aggregate, in which its IsNotFound does not look.
 */
function waitForCreate(
  engine: Engine,
  start: number,
  deadline: number,
  find: () => readonly ObjectRef[],
  failures: Failure[],
  conditionMetLine: (ref: ObjectRef, object: KubeObject) => void,
): void {
  type Probe = 'found' | 'waiting' | Failure[];
  const probe = (): Probe => {
    const refs = find();
    const missing = refs.filter((r) => apiObject(engine.state, r) === undefined);
    if (missing.length > 1) return missing.map(notFoundFailure);
    return missing.length === 0 ? 'found' : 'waiting';
  };
  let outcome: Probe = 'waiting';
  while (runUntil(engine, deadline, () => (outcome = probe()) !== 'waiting')) {
    const tick = start + Math.ceil((engine.now - start) / CREATE_POLL_MS) * CREATE_POLL_MS;
    if (tick > deadline) {
      outcome = 'waiting';
      break;
    }
    engine.run({ until: tick });
    if ((outcome = probe()) !== 'waiting') break;
  }
  if (outcome === 'waiting') {
    engine.run({ until: deadline });
    failures.push(plainFailure('timed out waiting for the condition'));
    return;
  }
  if (outcome !== 'found') {
    failures.push(...outcome);
    return;
  }
  let visited = 0;
  for (const ref of find()) {
    const object = apiObject(engine.state, ref);
    if (object === undefined) failures.push(notFoundFailure(ref));
    else {
      visited++;
      conditionMetLine(ref, object);
    }
  }
  if (visited === 0 && failures.length === 0) failures.push(plainFailure('no matching resources found'));
}
