// Model-based test (fast-check `fc.commands`): the real reducer + controller, settled after every command,
// against a deliberately simple model of plain Maps that knows only section 3's placement rule and what a
// finished rollout leaves behind. After each command: pods per (DaemonSet, node) and every status counter agree.

import fc from 'fast-check';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { events as ev, stamp, type PendingEvent } from '../src/events.ts';
import { Random } from '../src/random.ts';
import { reduce } from '../src/reducer.ts';
import { settle } from '../src/settle.ts';
import { initialState, type ClusterState } from '../src/state.ts';
import { tableValues } from '../src/table.ts';
import { daemonSet, node } from './fixtures.ts';
import { refPlacement, type RefTemplate } from './referenceModel.ts';
import { propertyRuns, propertyTimeout } from './runs.ts';

// ---- the model -------------------------------------------------------------------------------

interface ModelNode {
  labels: Record<string, string>;
  taints: Taint[];
}

/** What a DaemonSet's template says, and the template version each node's pod was made from. */
interface ModelDaemonSet {
  template: RefTemplate & { readonly image: string };
  version: string;
  onDelete: boolean;
  strategy: DsSpec['strategy'];
  spec: DsSpec;
  pods: Map<string, string>;
}

interface Model {
  nodes: Map<string, ModelNode>;
  daemonSets: Map<string, ModelDaemonSet>;
  readonly readyPods: boolean;
}

interface Real {
  state: ClusterState;
  readonly rng: Random;
  readonly readyPods: boolean;
}

/**
 * Where the cluster ends up: a Run node has one pod (of the current template unless OnDelete keeps an
 * old one); a None node has none; a Continue node keeps a pod if it is current or OnDelete keeps it; a
 * rolling update deletes an old pod there and does not replace it, unless its budget is 0.
 */
function settleModel(m: Model): void {
  for (const ds of m.daemonSets.values()) {
    for (const name of [...ds.pods.keys()]) if (!m.nodes.has(name)) ds.pods.delete(name);
    const placements = new Map([...m.nodes].map(([name, n]) => [name, refPlacement(n.labels, n.taints, ds.template)]));
    const desired = [...placements.values()].filter((p) => p === 'Run').length;
    for (const [name, placement] of placements) {
      const pod = ds.pods.get(name);
      if (placement === 'None') ds.pods.delete(name);
      else if (placement === 'Run') {
        if (pod === undefined || (!ds.onDelete && pod !== ds.version)) ds.pods.set(name, ds.version);
      } else if (pod !== undefined && pod !== ds.version && !ds.onDelete && !(m.readyPods && zeroBudget(ds, desired))) ds.pods.delete(name);
    }
  }
}

/**
 * Whether an available old pod on a Continue node is out of every budget: percentages of 0 desired
 * nodes are 0 (so 100% surge falls back to the non-surge path), and the forced maxUnavailable=1
 * applies only when desired > 0. Unavailable old pods are deleted whatever the budget.
 */
function zeroBudget(ds: ModelDaemonSet, desired: number): boolean {
  return desired === 0 && (ds.strategy === 'Unavailable50%' || ds.strategy === 'Surge100%');
}

/** Folds one input into the real state and settles it. */
function step(r: Real, p: PendingEvent): void {
  const at = r.state.now + 1000;
  r.state = reduce(r.state, stamp(p, r.state.seq + 1, at));
  r.state = settle(r.state, { rng: r.rng, readyPods: r.readyPods }).state;
}

/** The real cluster agrees with the model: pods per (DaemonSet, node), their template, and the status. */
function agree(m: Model, r: Real): void {
  expect([...r.state.daemonSets.keys()].sort()).toEqual([...m.daemonSets.keys()].map((n) => `default/${n}`).sort());
  for (const [name, ds] of m.daemonSets) {
    const real = r.state.daemonSets.get(`default/${name}`)!;
    const live = [...tableValues(r.state.pods)].filter((p) => p.owner === real.key && p.deletionTimestamp === undefined);
    const realPods = new Map<string, boolean>();
    for (const p of live) {
      expect(realPods.has(p.targetNode!), `two pods of ${name} on ${p.targetNode}`).toBe(false);
      realPods.set(p.targetNode!, p.hash === real.hash);
    }
    const want = new Map([...ds.pods].map(([n, v]) => [n, v === ds.version]));
    expect(realPods, `pods of ${name} (node → current template)`).toEqual(want);

    let desired = 0;
    let current = 0;
    let upToDate = 0;
    let misscheduled = 0;
    for (const [n, nd] of m.nodes) {
      const run = refPlacement(nd.labels, nd.taints, ds.template) === 'Run';
      const pod = ds.pods.get(n);
      if (run) {
        desired++;
        if (pod !== undefined) current++;
        if (pod === ds.version) upToDate++;
      } else if (pod !== undefined) misscheduled++;
    }
    const ready = m.readyPods ? current : 0;
    expect(real.counts, `status of ${name}`).toEqual({
      desiredNumberScheduled: desired,
      currentNumberScheduled: current,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: upToDate,
      numberMisscheduled: misscheduled,
      numberOutdated: [...ds.pods.values()].filter((v) => v !== ds.version).length,
    });
  }
  // nothing left behind by deleted DaemonSets or removed nodes
  for (const p of tableValues(r.state.pods)) expect(m.nodes.has(p.targetNode!), `pod ${p.name} on a removed node`).toBe(true);
}

// ---- commands --------------------------------------------------------------------------------

const NODE_NAMES = ['n0', 'n1', 'n2', 'n3'] as const;
const DS_NAMES = ['a', 'b'] as const;

type Cmd = fc.Command<Model, Real>;

class AddNode implements Cmd {
  constructor(
    readonly name: string,
    readonly labels: Record<string, string>,
    readonly taints: Taint[],
  ) {}
  check(m: Readonly<Model>): boolean {
    return !m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    m.nodes.set(this.name, { labels: { 'kubernetes.io/hostname': this.name, ...this.labels }, taints: this.taints });
    step(r, ev.nodeAdded(node(this.name, { labels: this.labels, taints: this.taints })));
    settleModel(m);
    agree(m, r);
  }
  toString(): string {
    return `AddNode(${this.name}, ${JSON.stringify(this.labels)}, ${JSON.stringify(this.taints)})`;
  }
}

class RemoveNode implements Cmd {
  constructor(readonly name: string) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    m.nodes.delete(this.name);
    step(r, ev.nodeRemoved(this.name));
    settleModel(m);
    agree(m, r);
  }
  toString(): string {
    return `RemoveNode(${this.name})`;
  }
}

/** Relabels a node, or re-taints it (NodeUpdated carries the whole node either way). */
class UpdateNode implements Cmd {
  constructor(
    readonly name: string,
    readonly labels: Record<string, string> | undefined,
    readonly taints: Taint[] | undefined,
  ) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    const n = m.nodes.get(this.name)!;
    if (this.labels !== undefined) n.labels = { 'kubernetes.io/hostname': this.name, ...this.labels };
    if (this.taints !== undefined) n.taints = this.taints;
    const { 'kubernetes.io/hostname': _, ...labels } = n.labels;
    step(r, ev.nodeUpdated(node(this.name, { labels, taints: n.taints })));
    settleModel(m);
    agree(m, r);
  }
  toString(): string {
    return `UpdateNode(${this.name}, labels=${JSON.stringify(this.labels)}, taints=${JSON.stringify(this.taints)})`;
  }
}

interface DsSpec {
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: Toleration[];
  readonly image: string;
  readonly strategy: 'OnDelete' | 'Unavailable1' | 'Unavailable50%' | 'Surge1' | 'Surge100%';
}

class ApplyDaemonSet implements Cmd {
  constructor(
    readonly name: string,
    readonly spec: DsSpec,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const { nodeSelector, tolerations, image, strategy } = this.spec;
    const template = { nodeSelector, tolerations, image };
    const version = JSON.stringify(template);
    const prev = m.daemonSets.get(this.name);
    m.daemonSets.set(this.name, {
      template,
      version,
      onDelete: strategy === 'OnDelete',
      strategy,
      spec: this.spec,
      pods: prev?.pods ?? new Map(),
    });
    const opts =
      strategy === 'OnDelete'
        ? { onDelete: true }
        : strategy === 'Unavailable1'
          ? { maxUnavailable: 1 }
          : strategy === 'Unavailable50%'
            ? { maxUnavailable: '50%' }
            : strategy === 'Surge1'
              ? { maxSurge: 1 }
              : { maxSurge: '100%' };
    step(
      r,
      ev.daemonSetApplied(
        daemonSet(this.name, {
          ...opts,
          image,
          ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
          ...(tolerations.length > 0 ? { tolerations } : {}),
        }),
      ),
    );
    settleModel(m);
    agree(m, r);
  }
  toString(): string {
    return `ApplyDaemonSet(${this.name}, ${JSON.stringify(this.spec)})`;
  }
}

/** Re-applies an existing DaemonSet with only its image changed: a rollout. */
class RollImage implements Cmd {
  constructor(
    readonly name: string,
    readonly image: string,
  ) {}
  check(m: Readonly<Model>): boolean {
    const ds = m.daemonSets.get(this.name);
    return ds !== undefined && ds.spec.image !== this.image;
  }
  run(m: Model, r: Real): void {
    new ApplyDaemonSet(this.name, { ...m.daemonSets.get(this.name)!.spec, image: this.image }).run(m, r);
  }
  toString(): string {
    return `RollImage(${this.name}, ${this.image})`;
  }
}

class DeleteDaemonSet implements Cmd {
  constructor(readonly name: string) {}
  check(m: Readonly<Model>): boolean {
    return m.daemonSets.has(this.name);
  }
  run(m: Model, r: Real): void {
    m.daemonSets.delete(this.name);
    step(r, ev.daemonSetDeleted('default', this.name));
    settleModel(m);
    agree(m, r);
  }
  toString(): string {
    return `DeleteDaemonSet(${this.name})`;
  }
}

// ---- arbitraries -----------------------------------------------------------------------------

const labelsArb = fc
  .record({ zone: fc.constantFrom('a', 'b', undefined), disk: fc.constantFrom('ssd', undefined) })
  .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as Record<string, string>);

const taintsArb = fc.oneof(
  fc.uniqueArray(
    fc.record({
      key: fc.constantFrom('dedicated', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/not-ready'),
      value: fc.constantFrom('', 'x'),
      effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
    }),
    { maxLength: 2, selector: (t) => `${t.key}:${t.effect}` },
  ),
  // often: the NoSchedule taint that keeps a running pod but stops new ones (Continue)
  fc.constant<Taint[]>([{ key: 'dedicated', value: 'y', effect: 'NoSchedule' }]),
);

const tolerationsArb = fc.subarray<Toleration>(
  [
    { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'dedicated', operator: 'Equal', value: 'x' },
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' },
    { operator: 'Exists' },
  ],
  { maxLength: 2 },
);

const dsSpecArb: fc.Arbitrary<DsSpec> = fc.record({
  nodeSelector: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: labelsArb }),
  tolerations: tolerationsArb,
  image: fc.constantFrom('img:1', 'img:2', 'img:3'),
  strategy: fc.constantFrom('OnDelete', 'Unavailable1', 'Unavailable50%', 'Surge1', 'Surge100%'),
});

const nodeName = fc.constantFrom(...NODE_NAMES);
const commandsArb = fc.commands(
  [
    fc.tuple(nodeName, labelsArb, taintsArb).map(([n, l, t]) => new AddNode(n, l, t)),
    nodeName.map((n) => new RemoveNode(n)),
    fc.tuple(nodeName, labelsArb).map(([n, l]) => new UpdateNode(n, l, undefined)),
    fc.tuple(nodeName, taintsArb).map(([n, t]) => new UpdateNode(n, undefined, t)),
    fc.tuple(fc.constantFrom(...DS_NAMES), dsSpecArb).map(([n, s]) => new ApplyDaemonSet(n, s)),
    fc.tuple(fc.constantFrom(...DS_NAMES), fc.constantFrom('img:1', 'img:2', 'img:3')).map(([n, i]) => new RollImage(n, i)),
    fc.constantFrom(...DS_NAMES).map((n) => new DeleteDaemonSet(n)),
  ],
  { maxCommands: 25 },
);

describe('model-based: the cluster against a plain-Map model', () => {
  it('after every command and settle, pods per (DaemonSet, node) and the status counters agree with the model', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), commandsArb, (readyPods, seed, cmds) => {
        fc.modelRun(
          () => ({
            model: { nodes: new Map(), daemonSets: new Map(), readyPods },
            real: { state: initialState(), rng: new Random(seed), readyPods },
          }),
          cmds,
        );
      }),
      { numRuns: propertyRuns(400) },
    );
  }, propertyTimeout());
});
