// One queue of updates per file for the whole extension. The guarded writer (workspace/files/
// safeFs.ts) runs every read-modify-write of a file through it, so two updates of the same `.env`
// (a quick fix in the activation bundle, Create API Key in dist/flows.js) never interleave. It is
// state that must exist once: sharedModules.json lists it, so each lazy bundle uses the
// activation bundle's instance rather than a queue of its own.
import * as path from 'path';

const locks = new Map<string, Promise<unknown>>();

/** Runs `fn` when no other update of the same file in this process is running. */
export function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return run;
}
