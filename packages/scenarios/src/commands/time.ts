// Commands that move simulated time or follow it: advance, rollout, fail, recover.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import {
  compareGoStrings,
  events as ev,
  getNode,
  objectKey,
  revisionsOf,
  rolloutStatus,
  simulatedTimestamp,
  type ClusterState,
} from '@dsim/core';
import { boolFlag, flag, FlagError } from '../args.ts';
import type { Context } from '../cli.ts';
import { describePodTemplateText } from '../print/describe.ts';
import { formatGoDuration } from '../print/duration.ts';
import { tabulate } from '../print/tabwriter.ts';
import { findResourceType } from '../resources.ts';
import { parseInt64 } from '../selector.ts';
import { UserError, type Session } from '../session.ts';
import { namespaceOf, parseTimeFlag } from './read.ts';

/** `dsim advance DURATION`. */
export function advanceCommand(ctx: Context): number {
  const [d, ...extra] = ctx.args.positional;
  if (d === undefined) throw new UserError('error: dsim advance needs a duration, e.g. "dsim advance 22s" or "dsim advance 4m16s"');
  if (extra.length > 0) throw new UserError(`error: unexpected arguments: ${extra.join(' ')}`);
  const ms = parseTimeFlag(d, 'duration');
  const session = ctx.open();
  const engine = session.engine();
  const from = engine.now;
  engine.advance(from + ms);
  session.commit();
  const n = session.newEvents.length;
  ctx.io.stdout(`time is ${formatGoDuration(engine.now)} (+${formatGoDuration(ms)}): ${n} event${n === 1 ? '' : 's'} recorded\n`);
  return 0;
}

/**
 * The DaemonSets a rollout command names, as kubectl's resource builder resolves `TYPE NAME`, `TYPE/NAME` or a
 * bare `TYPE` (every DaemonSet of the namespace, by name).
 */
function daemonSetArgs(ctx: Context, state: ClusterState, args: readonly string[]): { ns: string; names: string[] } {
  const [a, b] = args;
  if (a === undefined) throw new UserError('error: required resource not specified');
  let typeName: string;
  let name: string | undefined;
  if (a.includes('/')) [typeName, name] = a.split('/') as [string, string];
  else {
    typeName = a;
    name = b;
  }
  const t = findResourceType(typeName);
  if (t === undefined) throw new UserError(`error: the server doesn't have a resource type "${typeName}"`);
  if (t.resource !== 'daemonsets') throw new UserError(`error: no rollout support for ${t.kind.toLowerCase()}s in dsim: only daemonsets`);
  if (name === '') throw new UserError('error: arguments in resource/name form must have a single resource and name');
  const ns = namespaceOf(ctx);
  if (name !== undefined) return { ns, names: [name] };
  const names = [...state.daemonSets.values()].filter((d) => d.namespace === ns).map((d) => d.name);
  return { ns, names: names.sort(compareGoStrings) };
}

/** An int64 flag as pflag parses it (0 when absent), refused in cobra's words. */
function int64Flag(ctx: Context, name: string, command: string): bigint {
  const text = flag(ctx.args, name);
  if (text === undefined) return 0n;
  const n = parseInt64(text);
  if (n === undefined) throw new FlagError(`invalid argument ${JSON.stringify(text)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`, command);
  return n;
}

/** `dsim rollout status|history|undo|restart|pause|resume (daemonset/NAME | daemonset NAME | daemonset)`. */
export function rolloutCommand(ctx: Context): number {
  const [sub, ...rest] = ctx.args.positional;
  const session = ctx.open();
  if (sub === undefined) throw new UserError('error: dsim rollout (status|history|undo|restart|pause|resume) daemonset/NAME');
  if (!['status', 'history', 'undo', 'restart', 'pause', 'resume'].includes(sub)) {
    throw new UserError(`error: unknown command ${JSON.stringify(sub)}\nSee 'dsim rollout -h' for help and examples`);
  }
  // As kubectl: flags are parsed first (cobra), then Validate runs, then the objects are looked up.
  const revision = sub === 'history' || sub === 'status' ? int64Flag(ctx, 'revision', `rollout ${sub}`) : 0n;
  const toRevision = sub === 'undo' ? int64Flag(ctx, 'to-revision', 'rollout undo') : 0n;
  if (rest.length === 0) throw new UserError('error: required resource not specified');
  if (revision < 0n) throw new UserError(`error: revision must be a positive integer: ${revision}`);
  const { ns, names } = daemonSetArgs(ctx, session.state, rest);
  for (const name of names) {
    if (session.state.daemonSets.get(objectKey(ns, name)) === undefined) {
      throw new UserError(`Error from server (NotFound): daemonsets.apps "${name}" not found`);
    }
  }
  if (sub === 'pause' || sub === 'resume') {
    // kubectl's ObjectPauser and ObjectResumer handle Deployments only; each DaemonSet is an error, one per line.
    const errors = names.map((name) => `error: daemonsets.apps ${JSON.stringify(name)} ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`);
    if (errors.length > 0) throw new UserError(errors.join('\n'));
    return 0;
  }
  if (sub === 'history') {
    for (const name of names) {
      const ds = session.state.daemonSets.get(objectKey(ns, name))!;
      const revisions = revisionsOf(session.state, ds);
      const heading = `daemonset.apps/${name} ${revision > 0n ? `with revision #${revision}` : ''}\n`;
      // DaemonSetHistoryViewer: no revisions at all is a history of its own, whatever revision was asked for.
      if (revisions.length === 0) {
        ctx.io.stdout(`${heading}No rollout history found.\n`);
        continue;
      }
      if (revision > 0n) {
        const r = revisions.find((x) => BigInt(x.revision) === revision);
        if (r === undefined) throw new UserError(`error: unable to find the specified revision`);
        ctx.io.stdout(`${heading}${describePodTemplateText(r.template)}\n`);
        continue;
      }
      let table = 'REVISION\tCHANGE-CAUSE\n';
      // kubectl reads each revision's own change-cause, copied from the DaemonSet when it was made.
      for (const r of revisions) table += `${r.revision}\t${r.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`;
      ctx.io.stdout(`${heading}${tabulate(table, { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 })}\n`);
    }
    return 0;
  }
  if (sub === 'status' && names.length !== 1) {
    throw new UserError(`error: rollout status is only supported on individual resources and resource collections - ${names.length} resources were found`);
  }
  if (sub === 'status') return statusCommand(ctx, session, objectKey(ns, names[0]!));
  const engine = session.engine();
  for (const name of names) {
    const ds = engine.state.daemonSets.get(objectKey(ns, name))!;
    if (sub === 'undo') {
      // kubectl's DaemonSetRollbacker: a negative revision is never found; without one, the revision before the
      // newest, which needs two. The first DaemonSet that cannot roll back ends the command; those before it stay
      // rolled back, as in kubectl.
      const revisions = revisionsOf(engine.state, ds);
      const fail = (message: string): never => {
        session.commit();
        throw new UserError(message);
      };
      if (toRevision < 0n) fail(`error: unable to find specified revision ${toRevision} in history`);
      if (toRevision === 0n && revisions.length <= 1) fail('error: no last revision to roll back to');
      const target = toRevision === 0n ? revisions.filter((r) => r.hash !== ds.hash).at(-1) : revisions.find((r) => BigInt(r.revision) === toRevision);
      if (target === undefined) return fail(`error: unable to find specified revision ${toRevision} in history`);
      if (target.hash === ds.hash) {
        ctx.io.stdout(`daemonset.apps/${name} skipped rollback (current template already matches revision ${target.revision})\n`);
        continue;
      }
      const next: DaemonSet = { ...ds.daemonSet, spec: { ...ds.daemonSet.spec!, template: target.template } };
      engine.input(ev.daemonSetApplied(next));
      ctx.io.stdout(`daemonset.apps/${name} rolled back\n`);
      continue;
    }
    const t = ds.daemonSet.spec!.template;
    const template = {
      ...t,
      metadata: { ...t.metadata, annotations: { ...t.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': simulatedTimestamp(engine.now) } },
    };
    engine.input(ev.daemonSetApplied({ ...ds.daemonSet, spec: { ...ds.daemonSet.spec!, template } }));
    ctx.io.stdout(`daemonset.apps/${name} restarted\n`);
  }
  session.commit();
  return 0;
}

/**
 * How long `rollout status` follows a rollout without --timeout, in simulated ms: a day. kubectl
 * waits for ever; a simulation can stay busy for ever (pods crash-looping, made and deleted).
 */
export const ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * `rollout status`: prints each new status line (kubectl's watch prints one per change of the
 * DaemonSet), moving simulated time until the rollout is done (kubectl waits on a real cluster;
 * dsim waits in simulated time). `--watch=false` prints the current line only and leaves time alone.
 *
 * With `--timeout D` (not 0), a rollout not done after D has had D of simulated time: the clock
 * moves to D past the start, even when nothing more is due (a pod that can never be scheduled),
 * and kubectl's `error: timed out waiting for the condition` ends it. Without --timeout kubectl
 * waits for ever; dsim follows the rollout for at most a simulated day (then the same timeout
 * error), and stops at once, the clock where the last change left it, when nothing more is due,
 * since nothing can change then: it says so in its own words.
 */
function statusCommand(ctx: Context, session: Session, key: string): number {
  const watch = boolFlag(ctx.args, 'watch', true);
  const timeoutText = flag(ctx.args, 'timeout');
  // kubectl: zero means no timeout.
  const timeout = timeoutText === undefined ? undefined : parseTimeFlag(timeoutText, 'timeout') || undefined;
  // Read from the saved state: the engine is replayed (seconds on a large cluster's log) only to follow a rollout.
  const first = rolloutStatus(session.state, key);
  if (first.message === 'rollout status is only available for RollingUpdate strategy type') throw new UserError(`error: ${first.message}`);
  ctx.io.stdout(`${first.message}\n`);
  if (first.done || !watch) return 0;
  const engine = session.engine();
  const start = engine.now;
  const deadline = start + (timeout ?? ROLLOUT_WAIT_WITHOUT_TIMEOUT_MS);
  let last = first.message;
  let done = false;
  while (!done) {
    const next = engine.peek();
    if (next === undefined || next > deadline) break;
    engine.run({ until: next });
    const s = rolloutStatus(engine.state, key);
    if (s.message !== last) {
      ctx.io.stdout(`${s.message}\n`);
      last = s.message;
    }
    done = s.done;
  }
  if (done) {
    engine.input(ev.timeAdvanced(engine.now));
    session.commit();
    return 0;
  }
  if (timeout === undefined && engine.peek() === undefined) {
    // Record how far the rollout got, if anything happened.
    if (engine.now > start) engine.input(ev.timeAdvanced(engine.now));
    session.commit();
    ctx.io.stderr(
      `error: rollout of daemonset "${key.split('/')[1]}" cannot finish: nothing more is due in the simulation ` +
        '(are new pods unschedulable, or failing to become ready?); kubectl would wait for ever, and --timeout waits as long as it would\n',
    );
    return 1;
  }
  engine.advance(deadline);
  session.commit();
  ctx.io.stderr('error: timed out waiting for the condition\n');
  return 1;
}

function nodeName(ctx: Context, verb: string): string {
  const [a, b] = ctx.args.positional;
  if (a === undefined) throw new UserError(`error: dsim ${verb} node NAME`);
  if (a.includes('/')) return a.split('/')[1]!;
  if (findResourceType(a)?.resource === 'nodes') {
    if (b === undefined) throw new UserError(`error: dsim ${verb} node NAME`);
    return b;
  }
  return a;
}

/** `dsim fail node NAME [--unreachable]`: the kubelet stops working. */
export function failCommand(ctx: Context): number {
  const name = nodeName(ctx, 'fail');
  const session = ctx.open();
  const engine = session.engine();
  const rec = getNode(engine.state, name);
  if (rec === undefined) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`);
  if (rec.kubelet !== 'ok') {
    ctx.io.stdout(`node/${name} already failed (${rec.kubelet})\n`);
    return 0;
  }
  const mode = boolFlag(ctx.args, 'unreachable') ? 'Unreachable' : 'NotReady';
  engine.input(ev.nodeFailed(name, mode));
  session.commit();
  ctx.io.stdout(
    `node/${name} failed (${mode === 'NotReady' ? 'kubelet reports NotReady' : `kubelet silent: Unknown after ${formatGoDuration(engine.config.nodeLifecycle.nodeMonitorGracePeriodMs)}`})\n`,
  );
  return 0;
}

/** `dsim recover node NAME`. */
export function recoverCommand(ctx: Context): number {
  const name = nodeName(ctx, 'recover');
  const session = ctx.open();
  const engine = session.engine();
  const rec = getNode(engine.state, name);
  if (rec === undefined) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`);
  if (rec.kubelet === 'ok') {
    ctx.io.stdout(`node/${name} is not failed\n`);
    return 0;
  }
  engine.input(ev.nodeRecovered(name));
  session.commit();
  ctx.io.stdout(`node/${name} recovering\n`);
  return 0;
}

