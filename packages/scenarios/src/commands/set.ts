// `dsim set image`: kubectl's way to start a rolling update from the command line, without a
// manifest. After kubectl's `set image` (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go):
// resources first, then CONTAINER=IMAGE pairs (`*` for every container); init containers are
// matched too; a DaemonSet whose images are already those is left alone, silently; a container
// name that matches nothing is an error, reported after the DaemonSets that did change.

import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Container } from 'kubernetes-types/core/v1';
import {
  applyDaemonSetUpdate,
  daemonSetObject,
  events as ev,
  formatInvalidError,
  objectKey,
  validateDaemonSetUpdate,
  type DaemonSetRecord,
  type KubeObject,
} from '@dsim/core';
import { boolFlag, flag, listFlag } from '../args.ts';
import type { Context } from '../cli.ts';
import { loadManifests } from '../manifests.ts';
import { typeOfObject, type ResourceType } from '../resources.ts';
import { selectorMatchesLabels } from '../selector.ts';
import { UserError } from '../session.ts';
import { outputFormat, printObject, templateFailure } from './printFlags.ts';
import { manifestNamespace, namespaceOf, resolveRequests, selectorOfArgs, storedTypes } from './read.ts';

/** `dsim set SUBCOMMAND`: only `image` is simulated. */
export function setCommand(ctx: Context): number {
  const [sub, ...args] = ctx.args.positional;
  if (sub === undefined) throw new UserError('error: dsim set needs a subcommand: dsim set image daemonset/NAME CONTAINER=IMAGE...');
  if (sub !== 'image') {
    throw new UserError(`error: unknown command "${sub}" for "dsim set": dsim sets images only (env, resources, selector, serviceaccount and subject are not simulated)`);
  }
  return setImage(ctx, args);
}

/** kubectl's GetResourcesAndPairs: every resource argument comes before the first CONTAINER=IMAGE pair. */
export function splitResourcesAndPairs(args: readonly string[], pairType = 'image'): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) {
    const pair = (a.includes('=') && !a.startsWith('=')) || (a.endsWith('-') && a !== '-');
    if (pair) pairs.push(a);
    else if (pairs.length > 0) throw new UserError(`error: all resources must be specified before ${pairType} changes: ${a}`);
    else resources.push(a);
  }
  return { resources, pairs };
}

/**
 * kubectl's ParsePairs: `KEY=VALUE` to set (the last one winning for a key given twice) and, when
 * `supportRemove`, `KEY-` to remove; anything else is an `invalid <pairType> format`.
 */
export function parsePairs(pairs: readonly string[], pairType: string, supportRemove: boolean): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const bad: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) set.set(p.slice(0, i), p.slice(i + 1));
    else if (supportRemove && p.endsWith('-') && p !== '-') remove.push(p.slice(0, -1));
    else bad.push(p);
  }
  if (bad.length > 0) throw new UserError(`error: invalid ${pairType} format: ${bad.join(', ')}`);
  return { set, remove };
}

/** kubectl's ParsePairs for images: CONTAINER=IMAGE, the last one winning for a container named twice. */
export function parseImagePairs(pairs: readonly string[]): Map<string, string> {
  return parsePairs(pairs, 'image', false).set;
}

/** The containers with their new images, and whether any container was named `name` (or `*`). */
function setImages(containers: readonly Container[] | undefined, name: string, image: string): { containers: Container[] | undefined; found: boolean } {
  if (containers === undefined) return { containers: undefined, found: false };
  let found = false;
  const out = containers.map((c) => {
    if (c.name !== name && name !== '*') return c;
    found = true;
    return { ...c, image };
  });
  return { containers: out, found };
}

/** A DaemonSet's spec with the images set, and the names of the containers that matched nothing. */
export function withImages(ds: DaemonSet, images: ReadonlyMap<string, string>): { daemonSet: DaemonSet; missing: string[] } {
  let spec = ds.spec!.template.spec!;
  const missing: string[] = [];
  for (const [name, image] of images) {
    const init = setImages(spec.initContainers, name, image);
    const main = setImages(spec.containers, name, image);
    if (!init.found && !main.found) missing.push(name);
    spec = { ...spec, containers: main.containers ?? [], ...(init.containers === undefined ? {} : { initContainers: init.containers }) };
  }
  const template = { ...ds.spec!.template, spec };
  return { daemonSet: { ...ds, spec: { ...ds.spec!, template } }, missing };
}

function setImage(ctx: Context, args: readonly string[]): number {
  const { resources, pairs } = splitResourcesAndPairs(args);
  const images = parseImagePairs(pairs);
  const files = listFlag(ctx.args, 'filename');
  const all = boolFlag(ctx.args, 'all');
  const selectorText = flag(ctx.args, 'selector');
  // Complete makes the printer before Validate runs.
  const output = outputFormat(flag(ctx.args, 'output') ?? '');
  // Validate's checks, in kubectl's order, all reported together.
  const problems: string[] = [];
  if (all && selectorText !== undefined) problems.push('cannot set --all and --selector at the same time');
  if (resources.length === 0 && files.length === 0) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (images.size === 0) problems.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (problems.length > 0) throw new UserError(problems.map((p) => `error: ${p}`).join('\n'));
  const session = ctx.open();
  const engine = session.engine();
  const state = engine.state;
  const ns = namespaceOf(ctx);
  const notFound = (name: string) => `Error from server (NotFound): daemonsets.apps "${name}" not found`;
  const onlyDaemonSets = (t: ResourceType, name: string) =>
    new UserError(`error: dsim sets images on DaemonSets only: ${t.resource}${t.group === '' ? '' : `.${t.group}`}/${name} is not simulated here`);
  // The DaemonSets named, as the resource builder finds them: every one must exist, or nothing changes.
  const targets: DaemonSetRecord[] = [];
  const missing: string[] = [];
  const add = (namespace: string, name: string) => {
    const rec = state.daemonSets.get(objectKey(namespace, name));
    if (rec === undefined) missing.push(notFound(name));
    else if (!targets.includes(rec)) targets.push(rec);
  };
  if (files.length > 0) {
    for (const f of files) {
      for (const o of loadManifests(f, { readStdin: ctx.io.readStdin, recursive: boolFlag(ctx.args, 'recursive') })) {
        const t = typeOfObject(o.object.apiVersion, o.object.kind);
        const name = ((o.object.metadata ?? {}) as { name?: string }).name ?? '';
        if (t.resource !== 'daemonsets' || t.group !== 'apps') throw onlyDaemonSets(t, name);
        add(manifestNamespace(t, o.object, flag(ctx.args, 'namespace')) ?? ns, name);
      }
    }
  }
  // With files kubectl's resource builder checks the selector itself; else the API server parses it as kubectl lists.
  let selector = files.length > 0 ? selectorOfArgs(ctx.args) : undefined;
  for (const r of resolveRequests(resources, storedTypes(state))) {
    if (r.type.resource !== 'daemonsets' || r.type.group !== 'apps') throw onlyDaemonSets(r.type, r.names[0] ?? '');
    if (r.names.length > 0) {
      if (all || selectorText !== undefined) throw new UserError('error: selectors and the all flag cannot be used when passing resource/name arguments');
      for (const n of r.names) add(ns, n);
    } else if (all || selectorText !== undefined) {
      selector ??= selectorOfArgs(ctx.args, r.type);
      for (const rec of state.daemonSets.values()) {
        if (rec.namespace === ns && (selector === undefined || selectorMatchesLabels(selector, rec.daemonSet.metadata?.labels))) targets.push(rec);
      }
    } else throw new UserError('error: resource(s) were provided, but no name was specified');
  }
  if (missing.length > 0) throw new UserError(missing.join('\n'));
  targets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const errors: string[] = [];
  const changed: DaemonSetRecord[] = [];
  for (const rec of targets) {
    const { daemonSet, missing: unmatched } = withImages(rec.daemonSet, images);
    for (const name of unmatched) errors.push(`error: unable to find container named "${name}"`);
    const next = applyDaemonSetUpdate(rec.daemonSet, daemonSet);
    if (next.metadata?.generation === rec.daemonSet.metadata?.generation) continue;
    const invalid = validateDaemonSetUpdate(next, rec.daemonSet);
    if (invalid.length > 0) {
      errors.push(`error: failed to patch image update to pod template: ${formatInvalidError('DaemonSet', rec.name, invalid, { style: 'server' })}`);
      continue;
    }
    engine.input(ev.daemonSetApplied(daemonSet));
    changed.push(rec);
  }
  session.commit();
  changed.forEach((rec, i) => {
    // The object as stored, as the patch's response carries it; kubectl's one YAML printer puts
    // `---` between objects. A template that fails on one is an error among the others.
    const stored = daemonSetObject(session.state.daemonSets.get(rec.key)!);
    try {
      printObject(ctx, output, stored as KubeObject, `daemonset.apps/${rec.name} image updated`, i > 0);
    } catch (e) {
      const failure = templateFailure(ctx, e);
      if (failure === undefined) throw e;
      errors.push(failure.alone);
    }
  });
  if (errors.length > 0) {
    ctx.io.stderr(`${errors.join('\n')}\n`);
    return 1;
  }
  return 0;
}
