// The saved event log: newline-delimited JSON, one event per line, append-only. The log is the
// truth; everything else is derived from it. Written so that a crash can never lose what was
// already saved: new events go out in one append, and a torn last line is dropped on load.

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { EVENT_TYPES, type DsimEvent } from '@dsim/core';

/** The log file used when neither --log nor DSIM_LOG says otherwise. */
export const DEFAULT_LOG_FILE = 'dsim-events.ndjson';

/** A problem with the log file itself, reported in one line. */
export class LogFileError extends Error {
  override readonly name = 'LogFileError';
}

/** A loaded log: its events, and how much of the file they came from. */
export interface LoadedLog {
  readonly path: string;
  readonly events: DsimEvent[];
  /** The file's line number of each event (blank lines are skipped, so these can differ from index + 1). */
  readonly lines: number[];
  /** Bytes of the file holding complete events: appends start here. */
  readonly validBytes: number;
  /** The file's size when read: if it is not that when an append starts, another command wrote. */
  readonly fileBytes: number;
  /** Whether the last event's line lacks its newline (a complete event whose newline never made it). */
  readonly unterminated: boolean;
  /** A warning to show, e.g. when a torn last line was dropped. */
  readonly warning: string | undefined;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/**
 * Reads a log. A missing file is an empty log. A last line cut short by a crash (no newline,
 * or not JSON) is dropped with a warning; a bad line anywhere else is an error naming it.
 */
export function readLog(path: string): LoadedLog {
  if (!existsSync(path)) return { path, events: [], lines: [], validBytes: 0, fileBytes: 0, unterminated: false, warning: undefined };
  if (statSync(path).isDirectory()) throw new LogFileError(`error: ${path} is a directory, not an event log (--log and DSIM_LOG name a file)`);
  const buf = readFileSync(path);
  const events: DsimEvent[] = [];
  const lines: number[] = [];
  let offset = 0;
  let line = 0;
  let warning: string | undefined;
  while (offset < buf.length) {
    const nl = buf.indexOf(10, offset);
    const end = nl === -1 ? buf.length : nl;
    line++;
    const text = buf.subarray(offset, end).toString('utf8');
    if (text.trim() === '') {
      if (nl === -1) break;
      offset = nl + 1;
      continue;
    }
    let parsed: unknown;
    let problem: string | undefined;
    try {
      parsed = JSON.parse(text);
      problem = checkEvent(parsed, events[events.length - 1]);
    } catch (e) {
      problem = `invalid JSON (${(e as Error).message})`;
    }
    if (problem !== undefined) {
      if (nl === -1) {
        // A crash mid-append leaves exactly this: a final line cut short, so without its newline.
        warning = `warning: ${path}: line ${line} is incomplete (an interrupted write?); it was dropped`;
        break;
      }
      // A line that ends in a newline was written whole: if it is wrong, the file was changed.
      throw new LogFileError(`error: ${path}: line ${line}: ${problem}; the log is corrupt there (earlier lines are intact)`);
    }
    events.push(parsed as DsimEvent);
    lines.push(line);
    if (nl === -1) {
      // A whole event whose newline is missing (the file was edited, or the write stopped just
      // short of it): kept, and the next append starts with the newline.
      return { path, events, lines, validBytes: buf.length, fileBytes: buf.length, unterminated: true, warning: undefined };
    }
    offset = nl + 1;
  }
  return { path, events, lines, validBytes: warning === undefined ? buf.length : offset, fileBytes: buf.length, unterminated: false, warning };
}

function checkEvent(x: unknown, previous: DsimEvent | undefined): string | undefined {
  const lastSeq = previous === undefined ? -1 : previous.metadata.seq;
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'not an event object';
  const e = x as { type?: unknown; data?: unknown; metadata?: { seq?: unknown; at?: unknown } };
  if (typeof e.type !== 'string' || !KNOWN_TYPES.has(e.type)) return `unknown event type ${JSON.stringify(e.type)}`;
  if (typeof e.data !== 'object' || e.data === null) return 'event without data';
  const seq = e.metadata?.seq;
  const at = e.metadata?.at;
  if (typeof seq !== 'number' || typeof at !== 'number' || !Number.isSafeInteger(seq) || !Number.isSafeInteger(at)) {
    return 'event without integer metadata.seq and metadata.at';
  }
  if (seq !== lastSeq + 1) return `event seq ${seq} out of order (expected ${lastSeq + 1})`;
  // Simulated time never goes back: facts are recorded in time order, from 0.
  const lastAt = previous === undefined ? 0 : previous.metadata.at;
  if (at < lastAt) return `event time ${at} ms is before the previous event's (${lastAt} ms)`;
  return undefined;
}

/** One line per event, each ending in a newline. */
export function serializeEvents(events: readonly DsimEvent[]): string {
  let out = '';
  for (const e of events) out += `${JSON.stringify(e)}\n`;
  return out;
}

/**
 * Appends events after the log's valid bytes in one write, then fsyncs. A torn tail left by an
 * earlier crash is cut off first, so it can never end up in the middle of the log.
 */
export function appendEvents(log: LoadedLog, events: readonly DsimEvent[]): void {
  if (events.length === 0) return;
  const data = Buffer.from((log.unterminated ? '\n' : '') + serializeEvents(events), 'utf8');
  withLock(log.path, () => {
    const fd = openSync(log.path, 'a+');
    try {
      // Another command wrote since this one read the log: appending now would put events made
      // from an old state after its, and cutting a "torn tail" would delete them.
      const size = fstatSync(fd).size;
      if (size !== log.fileBytes) {
        throw new LogFileError(`error: ${log.path} changed while dsim was running (another dsim command?); nothing was written: run the command again`);
      }
      if (size !== log.validBytes) ftruncateSync(fd, log.validBytes);
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      try {
        fsyncSync(fd);
      } catch (e) {
        // A character device (--log /dev/null) cannot be synced, and has nothing to keep.
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
      }
    } finally {
      closeSync(fd);
    }
  });
}

/** Locks this process holds, by log path, with how many holders each has. */
const held = new Map<string, number>();

/**
 * Takes `<path>.lock` for this process, waiting for another command that holds it (up to
 * `waitMs`), and returns its release. A command that changes the cluster holds it from before it
 * reads the log until it has written, so commands run at once take turns instead of one finding
 * the log changed under it. The lock file holds its owner's pid: one left by a process that died
 * is taken over. Taken again by the same process, it is shared.
 */
export function lockLog(path: string, waitMs = 60_000): () => void {
  const lock = `${path}.lock`;
  const release = () => {
    const n = (held.get(path) ?? 1) - 1;
    if (n > 0) held.set(path, n);
    else {
      held.delete(path);
      rmSync(lock, { force: true });
    }
  };
  if (held.has(path)) {
    held.set(path, held.get(path)! + 1);
    return release;
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      // Made whole, then linked into place (a link fails if the lock exists): no other command
      // can ever read a lock without its owner's pid, and take it for a dead one's.
      const mine = `${lock}.${process.pid}`;
      writeFileSync(mine, String(process.pid));
      try {
        linkSync(mine, lock);
      } finally {
        rmSync(mine, { force: true });
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new LogFileError(`error: cannot write the event log ${path}: its directory does not exist`);
      if (code !== 'EEXIST') throw e;
      if (!lockOwnerAlive(lock)) {
        takeOverStale(lock);
        continue;
      }
      if (Date.now() > deadline) {
        const pid = readLockPid(lock);
        throw new LogFileError(`error: ${path} is in use by another dsim command${pid === undefined ? '' : ` (pid ${pid})`}; nothing was done (remove ${lock} if no dsim command is running)`);
      }
      sleepMs(20);
    }
  }
  held.set(path, 1);
  return release;
}

/**
 * Removes a lock whose owner is gone, under a guard directory (mkdir is atomic), so that of two
 * commands that both found it stale only one removes it: the other, after it, finds the first's
 * fresh lock and leaves it. A guard left by a process that died in between goes after 5 s.
 */
function takeOverStale(lock: string): void {
  const guard = `${lock}.takeover`;
  try {
    mkdirSync(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      if (Date.now() - statSync(guard).mtimeMs > 5000) rmSync(guard, { recursive: true, force: true });
    } catch {
      // Gone meanwhile: the caller tries again.
    }
    sleepMs(10);
    return;
  }
  try {
    if (!lockOwnerAlive(lock)) rmSync(lock, { force: true });
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

/** Waits, synchronously: commands are synchronous, and a lock is held for milliseconds. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(path: string, fn: () => T): T {
  const release = lockLog(path, 10_000);
  try {
    return fn();
  } finally {
    release();
  }
}

function readLockPid(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process named in a lock file still runs (a lock without a pid, left by another tool or a disk error: alive for its first second). */
function lockOwnerAlive(lock: string): boolean {
  if (!existsSync(lock)) return false;
  const pid = readLockPid(lock);
  if (pid === undefined) {
    // Written a moment ago and not yet filled in, or left empty by a crash: stale after a second.
    try {
      return Date.now() - statSync(lock).mtimeMs < 1000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
