// ControllerRevision history (update.go constructHistory, cleanupHistory): one revision per
// distinct template, the current one numbered highest, old ones trimmed to revisionHistoryLimit
// but never one whose hash a live pod still carries. Pure: returns intents.

import { matchLabelSelector } from './labels.ts';
import type { ClusterState, DaemonSetRecord, RevisionRecord } from './state.ts';
import { tableForEach } from './table.ts';

/** Record a new ControllerRevision for the current template. */
export interface CreateRevisionIntent {
  readonly type: 'CreateRevision';
  readonly daemonSet: string;
  readonly namespace: string;
  readonly name: string;
  readonly hash: string;
  readonly revision: number;
}

/**
 * Renumber an existing revision (a rollback made it current again), or, with `daemonSet`, adopt an
 * orphaned one for that DaemonSet (ClaimControllerRevisions sets its controller reference).
 */
export interface UpdateRevisionIntent {
  readonly type: 'UpdateRevision';
  readonly namespace: string;
  readonly name: string;
  readonly revision: number;
  readonly daemonSet?: string;
}

/** Delete an old revision beyond the history limit. */
export interface DeleteRevisionIntent {
  readonly type: 'DeleteRevision';
  readonly namespace: string;
  readonly name: string;
}

/** What history keeping can ask for. */
export type RevisionIntent = CreateRevisionIntent | UpdateRevisionIntent | DeleteRevisionIntent;

/**
 * Whether the DaemonSet owns the revision: one it made or adopted, or one its namesake left when
 * deleted with --cascade=orphan whose labels (the template's, and the hash) its selector matches
 * (logs from before adoption was recorded, `claimRevisions`, count those as its own at once). An
 * orphan its selector does not match stays an orphan.
 */
export function ownsRevision(ds: Pick<DaemonSetRecord, 'key' | 'daemonSet'>, r: RevisionRecord): boolean {
  if (r.daemonSet !== ds.key) return false;
  return r.orphaned !== true || matchesRevision(ds, r);
}

/** A DaemonSet's revisions, oldest revision number first. */
export function revisionsOf(state: ClusterState, ds: DaemonSetRecord): RevisionRecord[] {
  const out: RevisionRecord[] = [];
  for (const r of state.revisions.values()) if (ownsRevision(ds, r)) out.push(r);
  return out.sort((a, b) => a.revision - b.revision);
}

/** The revision name for a template hash: `<daemonset>-<hash>`. */
export function revisionName(ds: DaemonSetRecord, hash: string): string {
  return `${ds.name}-${hash}`;
}

/** constructHistory plus cleanupHistory: the revision intents one sync needs. */
export function constructHistory(state: ClusterState, ds: DaemonSetRecord): RevisionIntent[] {
  const out: RevisionIntent[] = [];
  const revisions = claimRevisions(state, ds, out);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const currentRev = revisions.find((r) => r.hash === ds.hash);
  if (currentRev === undefined) {
    out.push({
      type: 'CreateRevision',
      daemonSet: ds.key,
      namespace: ds.namespace,
      name: revisionName(ds, ds.hash),
      hash: ds.hash,
      revision: max + 1,
    });
  } else if (currentRev.revision < max) {
    out.push({ type: 'UpdateRevision', namespace: currentRev.namespace, name: currentRev.name, revision: max + 1 });
  }
  const old = revisions.filter((r) => r.hash !== ds.hash);
  const limit = ds.daemonSet.spec?.revisionHistoryLimit ?? 10;
  if (old.length > limit) {
    const live = liveHashes(state, ds);
    let excess = old.length - limit;
    for (const r of old) {
      if (excess <= 0) break;
      if (live.has(r.hash)) continue;
      out.push({ type: 'DeleteRevision', namespace: r.namespace, name: r.name });
      excess--;
    }
  }
  return out;
}

/**
 * controlledHistories: the DaemonSet's revisions, after ClaimControllerRevisions has adopted every
 * orphan of its namespace whose labels its selector matches (left by a DaemonSet deleted with
 * --cascade=orphan, of any name), each with an adopting UpdateRevision appended to `out`. An
 * orphan whose hash a revision it keeps already has is adopted and deleted, as dedupCurHistories
 * keeps one revision per template.
 */
function claimRevisions(state: ClusterState, ds: DaemonSetRecord, out: RevisionIntent[]): RevisionRecord[] {
  const kept = revisionsOf(state, ds).filter((r) => r.orphaned !== true);
  const hashes = new Set(kept.map((r) => r.hash));
  const orphans = [...state.revisions.values()].filter((r) => r.orphaned === true && r.namespace === ds.namespace && matchesRevision(ds, r));
  for (const r of orphans.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out.push({ type: 'UpdateRevision', namespace: r.namespace, name: r.name, revision: r.revision, daemonSet: ds.key });
    if (hashes.has(r.hash)) out.push({ type: 'DeleteRevision', namespace: r.namespace, name: r.name });
    else {
      hashes.add(r.hash);
      kept.push(r);
    }
  }
  return kept.sort((a, b) => a.revision - b.revision);
}

/** Whether the DaemonSet's selector matches the revision's labels (the template's, and the hash). */
function matchesRevision(ds: Pick<DaemonSetRecord, 'daemonSet'>, r: RevisionRecord): boolean {
  return matchLabelSelector(ds.daemonSet.spec?.selector, { ...(r.template.metadata?.labels ?? {}), 'controller-revision-hash': r.hash });
}

/** The controller-revision-hash values carried by the DaemonSet's pods. */
function liveHashes(state: ClusterState, ds: DaemonSetRecord): Set<string> {
  const out = new Set<string>();
  tableForEach(ds.nodes, ({ pods }) => {
    for (const p of pods) if (p.hash !== undefined) out.add(p.hash);
  });
  return out;
}
