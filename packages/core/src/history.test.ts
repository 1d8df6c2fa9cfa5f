// Tests for ControllerRevision history (update.go constructHistory and cleanupHistory): one revision per
// distinct template, rollback renumbering, and cleanup beyond revisionHistoryLimit that spares live hashes.

import { describe, expect, it } from 'vitest';
import { FakePodControl } from '../test/fakePodControl.ts';
import { addNodes, daemonSet, Scenario } from '../test/fixtures.ts';
import { events as ev } from './events.ts';
import { constructHistory, revisionName, revisionsOf } from './history.ts';
import { computeHash } from './names.ts';
import { defaultDaemonSet } from './defaults.ts';
import { Random } from './random.ts';
import { settle } from './settle.ts';

function history(s: Scenario, name = 'foo', namespace = 'default'): [string, number][] {
  return revisionsOf(s.state, s.ds(name, namespace)).map((r) => [r.hash, r.revision]);
}

/** Applies `foo` with image `v<n>` (and options) and syncs once. */
function rollTo(s: Scenario, pc: FakePodControl, n: number, opts: Parameters<typeof daemonSet>[1] = {}): string {
  s.apply(ev.daemonSetApplied(daemonSet('foo', { image: `v${n}`, ...opts })));
  pc.sync('foo');
  return s.ds('foo').hash;
}

describe('constructHistory', () => {
  it('the first sync records revision 1, named <daemonset>-<hash>, holding the template', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')));
    const d = s.ds('foo');
    expect(constructHistory(s.state, d)).toEqual([
      { type: 'CreateRevision', daemonSet: 'default/foo', namespace: 'default', name: `foo-${d.hash}`, hash: d.hash, revision: 1 },
    ]);
    new FakePodControl(s).sync('foo');
    const [rev] = revisionsOf(s.state, s.ds('foo'));
    expect(rev).toMatchObject({ name: revisionName(d, d.hash), revision: 1, hash: computeHash(defaultDaemonSet(daemonSet('foo')).spec?.template) });
    expect(rev?.template).toEqual(d.daemonSet.spec?.template);
    expect(constructHistory(s.state, s.ds('foo'))).toEqual([]);
  });

  it('a template change records the next revision; a strategy change records none', () => {
    const s = new Scenario();
    const pc = new FakePodControl(s);
    const h1 = rollTo(s, pc, 1);
    const h2 = rollTo(s, pc, 2);
    expect(history(s)).toEqual([
      [h1, 1],
      [h2, 2],
    ]);
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'v2', maxUnavailable: 3 })));
    expect(constructHistory(s.state, s.ds('foo'))).toEqual([]);
  });

  // snapshot copies the DaemonSet's annotations into a revision when it makes it; constructHistory
  // never updates an existing revision's annotations (only its number): a change-cause set on the
  // DaemonSet after its template changed reaches no revision until the next template change.
  it("annotations: a revision keeps the DaemonSet's of its making; an annotation-only change records nothing and bumps no generation", () => {
    const s = new Scenario();
    const pc = new FakePodControl(s);
    const cause = (c?: string) => (c === undefined ? {} : { annotations: { 'kubernetes.io/change-cause': c } });
    const annotated = (image: string, c?: string) => {
      const d = daemonSet('foo', { image });
      return { ...d, metadata: { ...d.metadata, ...cause(c) } };
    };
    s.apply(ev.daemonSetApplied(annotated('v1', 'first')));
    pc.sync('foo');
    s.apply(ev.daemonSetApplied(annotated('v2')));
    pc.sync('foo');
    const generation = s.ds('foo').generation;
    s.apply(ev.daemonSetApplied(annotated('v2', 'image updated to v2')));
    expect(s.ds('foo').generation).toBe(generation);
    expect(s.ds('foo').daemonSet.metadata?.annotations?.['kubernetes.io/change-cause']).toBe('image updated to v2');
    expect(constructHistory(s.state, s.ds('foo'))).toEqual([]);
    pc.sync('foo');
    const causes = () => revisionsOf(s.state, s.ds('foo')).map((r) => [r.revision, r.annotations?.['kubernetes.io/change-cause']]);
    expect(causes()).toEqual([
      [1, 'first'],
      [2, undefined],
    ]);
    // The next template change copies the DaemonSet's annotations as they are then, the stale cause included.
    s.apply(ev.daemonSetApplied(annotated('v3', 'image updated to v2')));
    pc.sync('foo');
    expect(causes()).toEqual([
      [1, 'first'],
      [2, undefined],
      [3, 'image updated to v2'],
    ]);
  });

  // mirrors the e2e "should rollback without unnecessary restarts": the old revision is reused with a new number
  it('rolling back reuses the matching revision and bumps its number', () => {
    const s = new Scenario();
    const pc = new FakePodControl(s);
    const h1 = rollTo(s, pc, 1);
    const h2 = rollTo(s, pc, 2);
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'v1' })));
    expect(s.ds('foo').hash).toBe(h1);
    expect(constructHistory(s.state, s.ds('foo'))).toEqual([{ type: 'UpdateRevision', namespace: 'default', name: `foo-${h1}`, revision: 3 }]);
    pc.sync('foo');
    expect(history(s)).toEqual([
      [h2, 2],
      [h1, 3],
    ]);
    // the template generation still moves forward
    expect(s.ds('foo').templateGeneration).toBe(3);
  });

  // mirrors TestControlledHistories: only the DaemonSet's own revisions, not a namesake's in another namespace
  it('TestControlledHistories: revisions of a DaemonSet of the same name elsewhere are not its own', () => {
    const s = new Scenario().apply(ev.daemonSetApplied(daemonSet('foo')), ev.daemonSetApplied(daemonSet('foo', { namespace: 'other', image: 'x' })));
    const pc = new FakePodControl(s);
    pc.sync('foo');
    pc.sync('foo', {}, 'other');
    expect(history(s)).toHaveLength(1);
    expect(history(s, 'foo', 'other')).toHaveLength(1);
    expect(revisionsOf(s.state, s.ds('foo', 'other'))[0]?.namespace).toBe('other');
  });
});

describe('cleanupHistory', () => {
  it('deletes the oldest old revisions beyond revisionHistoryLimit', () => {
    const s = new Scenario();
    const pc = new FakePodControl(s);
    const hashes = [1, 2, 3, 4, 5].map((n) => {
      const d = daemonSet('foo', { image: `v${n}` });
      d.spec!.revisionHistoryLimit = 2;
      s.apply(ev.daemonSetApplied(d));
      pc.sync('foo');
      return s.ds('foo').hash;
    });
    // each sync creates the current revision and trims the old ones to 2
    expect(history(s)).toEqual([
      [hashes[2], 3],
      [hashes[3], 4],
      [hashes[4], 5],
    ]);
  });

  it('never deletes a revision whose hash a live pod still carries', () => {
    const s = new Scenario().apply(addNodes(0, 1));
    const pc = new FakePodControl(s);
    const apply = (n: number) => {
      const d = daemonSet('foo', { image: `v${n}`, onDelete: true });
      d.spec!.revisionHistoryLimit = 1;
      s.apply(ev.daemonSetApplied(d));
      pc.sync('foo');
      return s.ds('foo').hash;
    };
    const h1 = apply(1); // the node's pod keeps v1 under OnDelete
    const h2 = apply(2);
    expect(history(s).map(([h]) => h)).toEqual([h1, h2]);
    const h3 = apply(3);
    // one too many old revisions: v1 is live, so v2 (the next oldest) goes
    expect(history(s).map(([h]) => h)).toEqual([h1, h3]);
    const h4 = apply(4);
    expect(s.pods('foo', 'node-0')[0]?.hash).toBe(h1);
    expect(history(s)).toEqual([
      [h1, 1],
      [h4, 4],
    ]);
  });

  it('a limit of 0 keeps only the current revision and the live ones', () => {
    const s = new Scenario();
    const pc = new FakePodControl(s);
    for (const n of [1, 2, 3]) {
      const d = daemonSet('foo', { image: `v${n}` });
      d.spec!.revisionHistoryLimit = 0;
      s.apply(ev.daemonSetApplied(d));
      pc.sync('foo');
    }
    expect(history(s)).toEqual([[s.ds('foo').hash, 3]]);
  });
});

describe('garbage collection of history', () => {
  it('the revisions of a deleted DaemonSet go with it; a re-created one starts again at revision 1', () => {
    const s = new Scenario().apply(addNodes(0, 1));
    const pc = new FakePodControl(s);
    rollTo(s, pc, 1);
    rollTo(s, pc, 2);
    expect(history(s)).toHaveLength(2);
    s.apply(ev.daemonSetDeleted('default', 'foo'));
    s.state = settle(s.state, { rng: new Random(1) }).state;
    expect(s.state.revisions.size).toBe(0);
    s.apply(ev.daemonSetApplied(daemonSet('foo', { image: 'v2' })));
    s.state = settle(s.state, { rng: new Random(1) }).state;
    expect(history(s)).toEqual([[s.ds('foo').hash, 1]]);
  });
});
