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

/** Renumber an existing revision (a rollback made it current again). */
export interface UpdateRevisionIntent {
  readonly type: 'UpdateRevision';
  readonly namespace: string;
  readonly name: string;
  readonly revision: number;
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
 * Whether the DaemonSet owns the revision: one it made, or one its namesake left when deleted with
 * --cascade=orphan whose labels (the template's, and the hash) its selector matches, which it
 * adopts (ClaimControllerRevisions). An orphan its selector does not match stays an orphan.
 */
export function ownsRevision(ds: Pick<DaemonSetRecord, 'key' | 'daemonSet'>, r: RevisionRecord): boolean {
  if (r.daemonSet !== ds.key) return false;
  if (r.orphaned !== true) return true;
  return matchLabelSelector(ds.daemonSet.spec?.selector, { ...(r.template.metadata?.labels ?? {}), 'controller-revision-hash': r.hash });
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
  const revisions = revisionsOf(state, ds);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const currentRev = revisions.find((r) => r.hash === ds.hash);
  const out: RevisionIntent[] = [];
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

/** The controller-revision-hash values carried by the DaemonSet's pods. */
function liveHashes(state: ClusterState, ds: DaemonSetRecord): Set<string> {
  const out = new Set<string>();
  tableForEach(ds.nodes, ({ pods }) => {
    for (const p of pods) if (p.hash !== undefined) out.add(p.hash);
  });
  return out;
}
