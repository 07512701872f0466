// Streams the files under the given paths, depth first, without building the whole list: each
// file is scanned as soon as the walk reaches it.

import * as fs from 'fs';
import * as path from 'path';
import { isLockfile, matchesAnyGlob } from '../detection';

/** Folders never worth scanning: version control internals. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn', '.jj']);

export interface WalkOptions {
  includeNodeModules: boolean;
  /** True when a path must be skipped (`--exclude`, ignore-file globs). */
  isExcluded(absolutePath: string, isDirectory: boolean): boolean;
}

/**
 * Yields the files under `root` (or `root` itself when it is a file). Symbolic links to folders
 * are not followed (no cycles, no escaping the tree); links to files are. Synchronous on
 * purpose: see scanFiles.ts.
 */
export function* walk(root: string, opts: WalkOptions): Generator<string> {
  if (!fs.statSync(root).isDirectory()) {
    yield root;
    return;
  }
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to report from it
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (VCS_DIRS.has(entry.name)) continue;
        if (entry.name === 'node_modules' && !opts.includeNodeModules) continue;
        if (opts.isExcluded(full, true)) continue;
        subdirs.push(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (entry.isSymbolicLink()) {
          let target: fs.Stats | undefined;
          try {
            target = fs.statSync(full);
          } catch {
            target = undefined;
          }
          if (!target?.isFile()) continue;
        }
        if (isLockfile(entry.name) || opts.isExcluded(full, false)) continue;
        yield full;
      }
    }
    // Reverse so that the stack pops folders in directory order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/** `target` relative to `base`, with forward slashes. */
export function relativePosix(base: string, target: string): string {
  const rel = path.relative(base, target) || '.';
  return rel.split(path.sep).join('/');
}

/** `--exclude` globs (relative to the current directory) and ignore-file globs (relative to their folder). */
export function globExcluder(cwd: string, excludes: readonly string[], ignoreGlobsByDir: ReadonlyMap<string, readonly string[]>): WalkOptions['isExcluded'] {
  if (excludes.length === 0 && ignoreGlobsByDir.size === 0) return () => false;
  return (absolutePath) => {
    if (excludes.length > 0 && matchesAnyGlob(relativePosix(cwd, absolutePath), excludes)) return true;
    for (const [dir, globs] of ignoreGlobsByDir) {
      const rel = relativePosix(dir, absolutePath);
      if (!rel.startsWith('../') && rel !== '..' && matchesAnyGlob(rel, globs)) return true;
    }
    return false;
  };
}
