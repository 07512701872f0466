// Streams the files under the given paths, depth first, without building the whole list: each
// file is scanned as soon as the walk reaches it.
//
// The walk stays inside the real path of its root. A repository is hostile input: a symbolic
// link to `~/.ssh` or `/etc` must not be read (and its contents must not land in a report), a
// FIFO must not hang the scan, a device must not be opened. Such entries are reported as skipped,
// never silently dropped, so a CI job can tell a clean scan from an incomplete one.

import * as fs from 'fs';
import * as path from 'path';
import { isLockfile, matchesAnyGlob } from '../core/detection';
import type { SkipReason } from './scanFiles';

/** Folders never worth scanning: version control internals. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn', '.jj']);

export interface WalkOptions {
  includeNodeModules: boolean;
  /** True when a path must be skipped (`--exclude`, ignore-file globs). */
  isExcluded(absolutePath: string, isDirectory: boolean): boolean;
}

export type WalkEntry =
  /** `path` as reached from the root (what the user sees); `realPath` is what is opened. */
  | { type: 'file'; path: string; realPath: string }
  | { type: 'skipped'; path: string; reason: SkipReason; detail?: string };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'error';
}

/** True when `real` is `root` or inside it (both real paths). */
export function isInside(root: string, real: string): boolean {
  if (real === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return real.startsWith(prefix);
}

/** What a non-file, non-folder entry is, for the user. */
function specialKind(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'FIFO';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  return 'special file';
}

/**
 * Yields the files under `root` (or `root` itself when it is a file), and what it skipped.
 * Symbolic links are resolved: a link whose target lies outside the root's real path is
 * skipped as `outside-root`; a link to a folder inside is not followed (its folder is walked
 * where it really is: no cycles, no double counting); a link to a file inside is scanned under
 * the link's name. Synchronous on purpose: see scanFiles.ts.
 */
export function* walk(root: string, opts: WalkOptions): Generator<WalkEntry> {
  let rootReal: string;
  let rootStat: fs.Stats;
  try {
    rootReal = fs.realpathSync(root);
    rootStat = fs.statSync(rootReal);
  } catch (error) {
    yield { type: 'skipped', path: root, reason: 'unreadable', detail: errorCode(error) };
    return;
  }
  if (rootStat.isFile()) {
    // A file named on the command line: the user chose it, wherever its link leads.
    yield { type: 'file', path: root, realPath: rootReal };
    return;
  }
  if (!rootStat.isDirectory()) {
    yield { type: 'skipped', path: root, reason: 'not-regular', detail: specialKind(rootStat) };
    return;
  }
  // Walk the real folder, show paths under the name the user gave.
  const stack: Array<{ shown: string; real: string }> = [{ shown: root, real: rootReal }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir.real, { withFileTypes: true });
    } catch (error) {
      yield { type: 'skipped', path: dir.shown, reason: 'unreadable', detail: errorCode(error) };
      continue;
    }
    // Sorted: the same tree gives the same order on every file system.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: Array<{ shown: string; real: string }> = [];
    for (const entry of entries) {
      const shown = path.join(dir.shown, entry.name);
      const real = path.join(dir.real, entry.name);
      if (entry.isDirectory()) {
        if (VCS_DIRS.has(entry.name)) continue;
        if (entry.name === 'node_modules' && !opts.includeNodeModules) continue;
        if (opts.isExcluded(shown, true)) continue;
        subdirs.push({ shown, real });
        continue;
      }
      if (entry.isSymbolicLink()) {
        let target: string;
        let stat: fs.Stats;
        try {
          target = fs.realpathSync(real);
          stat = fs.statSync(target);
        } catch (error) {
          if (!opts.isExcluded(shown, false)) yield { type: 'skipped', path: shown, reason: 'unreadable', detail: `broken symbolic link (${errorCode(error)})` };
          continue;
        }
        if (opts.isExcluded(shown, stat.isDirectory())) continue;
        if (!isInside(rootReal, target)) {
          yield { type: 'skipped', path: shown, reason: 'outside-root' };
          continue;
        }
        if (stat.isDirectory()) continue; // walked where it really is
        if (!stat.isFile()) {
          yield { type: 'skipped', path: shown, reason: 'not-regular', detail: specialKind(stat) };
          continue;
        }
        if (isLockfile(entry.name)) yield { type: 'skipped', path: shown, reason: 'lockfile' };
        else yield { type: 'file', path: shown, realPath: target };
        continue;
      }
      if (opts.isExcluded(shown, false)) continue;
      if (!entry.isFile()) {
        yield { type: 'skipped', path: shown, reason: 'not-regular', detail: specialKind(entry) };
        continue;
      }
      if (isLockfile(entry.name)) yield { type: 'skipped', path: shown, reason: 'lockfile' };
      else yield { type: 'file', path: shown, realPath: real };
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
