// "Is this secret also in git history?" for the editor: the commit that first added a value to a
// file, found by reading that file's history once (`git log -p --follow`, streamed and scanned as
// `scan --git` does) and remembering every secret in it by fingerprint. Answers are cached per
// (file, HEAD), so a new commit or a branch switch asks again and typing never does. Lookups run
// in a child process and can be cancelled; one lookup serves every caller waiting for that file.
// Pure Node: the editor wiring is src/surfaces/editor/gitHistory.ts.

import * as path from 'path';
import { scanHistory } from './history';
import { gitHead, gitTopLevel } from './run';

export interface FirstCommit {
  /** Full hash. */
  commit: string;
  /** Author date, ISO 8601. */
  date: string;
  /** The file's path in that commit, relative to the repository top (it may have been renamed since). */
  path: string;
}

interface Entry {
  promise: Promise<Map<string, FirstCommit>>;
  controller: AbortController;
  waiting: number;
  done: boolean;
}

/** A file's history larger than this (its patches) is not read for the hover. */
const MAX_PATCH_BYTES = 5 * 1024 * 1024;
/** How long a HEAD read is reused. A commit made meanwhile is seen at the next lookup after it. */
const HEAD_TTL_MS = 1000;

export class FirstCommitIndex {
  private readonly byFile = new Map<string, Entry>();
  private readonly tops = new Map<string, Promise<string | undefined>>();
  /** HEAD per repository, reused for a moment so that a burst of lookups runs git once. */
  private readonly heads = new Map<string, { at: number; head: Promise<string | undefined> }>();

  constructor(private readonly headTtlMs = HEAD_TTL_MS) {}

  /**
   * The first commit that added the secret with `fingerprint` to the file at `absolutePath` (in
   * HEAD's history), or undefined when it was never committed there, the file is not in a git
   * repository, or git is unavailable. Rejects with an AbortError when `signal` aborts.
   */
  async lookup(absolutePath: string, fingerprint: string, signal?: AbortSignal): Promise<FirstCommit | undefined> {
    const map = await this.forFile(absolutePath, signal);
    return map?.get(fingerprint);
  }

  /** All first commits of the file's secrets, by fingerprint (undefined outside a repository). */
  async forFile(absolutePath: string, signal?: AbortSignal): Promise<Map<string, FirstCommit> | undefined> {
    const dir = path.dirname(absolutePath);
    let top = this.tops.get(dir);
    if (!top) this.tops.set(dir, (top = gitTopLevel(dir)));
    const root = await top;
    if (!root) return undefined;
    let h = this.heads.get(root);
    if (!h || Date.now() - h.at >= this.headTtlMs) this.heads.set(root, (h = { at: Date.now(), head: gitHead(root) }));
    const head = await h.head;
    if (!head) return undefined; // nothing committed yet
    const repoPath = path.relative(root, absolutePath).split(path.sep).join('/');
    if (repoPath.startsWith('../')) return undefined;
    const key = `${root}\0${head}\0${repoPath}`;
    if (signal?.aborted) throw abortError(); // cancelled meanwhile: start nothing
    let entry = this.byFile.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = readFileHistory(root, repoPath, controller.signal);
      entry = { promise, controller, waiting: 0, done: false };
      const e = entry;
      promise.then(() => { e.done = true; }, () => { if (this.byFile.get(key) === e) this.byFile.delete(key); });
      this.byFile.set(key, entry);
    }
    return this.wait(key, entry, signal);
  }

  /** Waits for a shared lookup; when the last waiter gives up before it ends, the git process is killed. */
  private wait(key: string, entry: Entry, signal?: AbortSignal): Promise<Map<string, FirstCommit>> {
    if (!signal) return entry.promise;
    if (signal.aborted) return Promise.reject(abortError());
    entry.waiting++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        entry.waiting--;
        if (entry.waiting === 0 && !entry.done) {
          entry.controller.abort();
          if (this.byFile.get(key) === entry) this.byFile.delete(key);
        }
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (v) => { signal.removeEventListener('abort', onAbort); entry.waiting--; resolve(v); },
        (e) => { signal.removeEventListener('abort', onAbort); entry.waiting--; reject(e); },
      );
    });
  }

  /** Lookups running now (for tests and diagnostics). */
  get running(): number {
    return [...this.byFile.values()].filter((e) => !e.done).length;
  }

  dispose(): void {
    for (const e of this.byFile.values()) if (!e.done) e.controller.abort();
    this.byFile.clear();
  }
}

async function readFileHistory(root: string, repoPath: string, signal: AbortSignal): Promise<Map<string, FirstCommit>> {
  const r = await scanHistory({
    cwd: root,
    paths: [repoPath],
    follow: true,
    revisions: ['HEAD'],
    maxFileSize: MAX_PATCH_BYTES,
    includeNodeModules: true,
    skipHeadCheck: true,
    signal,
  });
  const map = new Map<string, FirstCommit>();
  for (const f of r.findings) {
    if (f.finding.isSecret) map.set(f.finding.fingerprint, { commit: f.commit, date: f.date, path: f.path });
  }
  return map;
}

function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}
