/**
 * Guarded access to the few workspace files this project reads or writes itself: `.env` files and
 * their templates, `.gitignore` and `.twilio-credentials-ignore`. Pure Node (no `vscode`), so the
 * CLI and the extension share it.
 *
 * Every workspace file may be hostile, so before touching one:
 * - the file and every folder between the workspace root and it must not be a symbolic link, and
 *   the folder's real path must lie inside the root's real path (a link would move the read or
 *   the write outside the workspace);
 * - the file must be a regular file: it is opened with O_NOFOLLOW | O_NONBLOCK and checked with
 *   fstat, so a FIFO cannot hang the reader and a device (`/dev/zero`) is never read;
 * - at most `maxBytes` are read;
 * - only ENOENT means "no such file": every other error is a refusal, never "start afresh".
 *
 * Writes go through a private temporary file in the same folder, renamed over the target; just
 * before the rename the target is read again and compared with what the edit was based on, so a
 * change made meanwhile (another command, another window) is never overwritten: the update is
 * redone on the new content. Writes to one file are also serialised within the process.
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import * as l10n from '@vscode/l10n';
import { FILE_LIMITS } from '../../core/util/fileLimits';
import { withFileLock } from '../../platform/fileLocks';

export type RefusalReason = 'symlink' | 'not-regular' | 'outside' | 'too-large' | 'io' | 'changed' | 'encoding' | 'busy';

// Each bundle that reads or writes files carries a copy of this class; a global brand lets
// `instanceof` recognise a refusal thrown by any copy.
const BRAND = Symbol.for('twilio-credentials.SafeFsError');

/** A refusal to read or write; its message names the file (as given by the caller) but never its content. */
export class SafeFsError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** The errno code behind an `io` refusal, e.g. EACCES. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SafeFsError';
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

export interface GuardOptions {
  /** Folders the file must stay inside (workspace folders; the CLI's scanned folder). */
  roots: readonly string[];
  /** How the file is named in messages (workspace-relative); defaults to its base name. */
  label?: string;
  /**
   * Folders already found in place during one look through many files (a real folder, no link,
   * inside the root by real path): not checked again, which makes a look through 5,000 files
   * several times faster. The file itself is still checked and opened without following a link;
   * a folder another process swaps for a link during the look is seen by the next look. Only for
   * reads: writeGuarded and updateGuarded ignore it and check every folder every time.
   */
  checkedFolders?: Set<string>;
}

export interface ReadOptions extends GuardOptions {
  /** Refuse files larger than this (default: FILE_LIMITS.maxEnvFileBytes). */
  maxBytes?: number;
}

export type ReadResult = { exists: false } | { exists: true; bytes: Buffer; mode: number };

const DEFAULT_MAX = FILE_LIMITS.maxEnvFileBytes;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

const labelOf = (file: string, opts: GuardOptions) => opts.label ?? path.basename(file);

function ioError(file: string, opts: GuardOptions, e: unknown, action: 'read' | 'write'): SafeFsError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  return new SafeFsError(
    'io',
    action === 'read'
      ? l10n.t('Could not read {0} ({1}); it was not changed.', labelOf(file, opts), code)
      : l10n.t('Could not write {0} ({1}); it was not changed.', labelOf(file, opts), code),
    code,
  );
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * Checks where `file` lies: inside one of the roots, no symbolic link on the way, the folder a
 * real folder whose real path is inside the root's. Returns whether the file itself exists
 * (it is then a regular file, not a link) and its size. Synchronous: lstat never blocks on a FIFO.
 */
export function checkPlacement(file: string, opts: GuardOptions): { exists: boolean; size: number } {
  const abs = path.resolve(file);
  const label = labelOf(file, opts);
  const root = opts.roots.map((r) => path.resolve(r)).filter((r) => isInside(abs, r) && abs !== r).sort((a, b) => b.length - a.length)[0];
  if (!root) throw new SafeFsError('outside', l10n.t('{0} is outside the workspace; it was not touched.', label));
  // Every folder from below the root down to the file's own folder, then the file itself.
  const parts = path.relative(root, abs).split(path.sep);
  const checked = opts.checkedFolders;
  const dir = path.dirname(abs);
  let current = root;
  let exists = false;
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    current = path.join(current, parts[i]);
    const last = i === parts.length - 1;
    if (!last && checked?.has(current)) continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (last) break;
        throw new SafeFsError('io', l10n.t('The folder of {0} does not exist; nothing was written.', label), 'ENOENT');
      }
      throw ioError(file, opts, e, 'read');
    }
    if (st.isSymbolicLink()) {
      throw new SafeFsError(
        'symlink',
        last
          ? l10n.t('{0} is a symbolic link; it was not followed, read or changed.', label)
          : l10n.t('A folder on the way to {0} is a symbolic link; it was not followed, read or changed.', label),
      );
    }
    if (last) {
      if (!st.isFile()) throw notRegular(label);
      exists = true;
      size = st.size;
      break;
    }
    if (!st.isDirectory()) throw new SafeFsError('not-regular', l10n.t('A part of the path of {0} is not a folder; nothing was touched.', label));
  }
  if (checked?.has(dir)) return { exists, size };
  let realRoot: string;
  let realDir: string;
  try {
    realRoot = fs.realpathSync(root);
    realDir = fs.realpathSync(dir);
  } catch (e) {
    throw ioError(file, opts, e, 'read');
  }
  if (!isInside(realDir, realRoot)) throw new SafeFsError('outside', l10n.t('{0} resolves outside the workspace; it was not touched.', label));
  if (checked) for (let d = dir; d !== root && isInside(d, root); d = path.dirname(d)) checked.add(d);
  return { exists, size };
}

function notRegular(label: string): SafeFsError {
  return new SafeFsError('not-regular', l10n.t('{0} is not a regular file (a folder, pipe or device); it was not read or changed.', label));
}

/** The refusal of a file over `max` bytes. */
export function tooLarge(label: string, max: number): SafeFsError {
  return new SafeFsError('too-large', l10n.t('{0} is larger than {1} KB; it was not read or changed.', label, Math.floor(max / 1024)));
}

/** A failed open for reading: "not found" is `{ exists: false }`; a link or any other error throws SafeFsError. */
function openFailed(file: string, opts: ReadOptions, e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { exists: false };
  if (code === 'ELOOP') throw new SafeFsError('symlink', l10n.t('{0} is a symbolic link; it was not followed, read or changed.', labelOf(file, opts)));
  throw ioError(file, opts, e, 'read');
}

/** Reads a guarded file; `{ exists: false }` only when it does not exist. Everything else that goes wrong throws SafeFsError. */
export async function readGuarded(file: string, opts: ReadOptions): Promise<ReadResult> {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  if (!checkPlacement(file, opts).exists) return { exists: false };
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    return openFailed(file, opts, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw notRegular(labelOf(file, opts));
    if (st.size > max) throw tooLarge(labelOf(file, opts), max);
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) throw tooLarge(labelOf(file, opts), max); // grew while being read
    }
    return { exists: true, bytes: buf.subarray(0, n), mode: st.mode & 0o777 };
  } catch (e) {
    if (e instanceof SafeFsError) throw e;
    throw ioError(file, opts, e, 'read');
  } finally {
    await handle.close();
  }
}

/** The same as readGuarded, synchronously (for the CLI, which reads its ignore files up front). */
export function readGuardedSync(file: string, opts: ReadOptions): ReadResult {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  if (!checkPlacement(file, opts).exists) return { exists: false };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    return openFailed(file, opts, e);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw notRegular(labelOf(file, opts));
    if (st.size > max) throw tooLarge(labelOf(file, opts), max);
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const bytesRead = fs.readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) throw tooLarge(labelOf(file, opts), max);
    }
    return { exists: true, bytes: buf.subarray(0, n), mode: st.mode & 0o777 };
  } catch (e) {
    if (e instanceof SafeFsError) throw e;
    throw ioError(file, opts, e, 'read');
  } finally {
    fs.closeSync(fd);
  }
}

export type Utf8Result = { ok: true; text: string } | { ok: false; line: number };

/**
 * Decodes UTF-8 strictly (a BOM is kept as U+FEFF so writing back preserves it). Invalid bytes
 * are not replaced by U+FFFD: the 1-based line of the first one is returned instead.
 */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, line };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (length when all are valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let n: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0xff >> (n + 2));
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return i;
}

export { withFileLock };

export interface WriteOptions extends GuardOptions {
  /** Permission bits of the written file. */
  mode: number;
  /**
   * What the file held when the edit was computed (undefined: it did not exist). Checked just
   * before the rename; a difference throws SafeFsError('changed') and nothing is written.
   */
  expected?: Buffer;
  /** Test hook: called after the temporary file is complete, before the comparison and rename. */
  beforeRename?: () => Promise<void> | void;
}

/**
 * Writes `data` through a temporary file beside the target (created exclusively, never through a
 * link), renamed over it. On any failure the temporary file is removed and the target is unchanged.
 */
export async function writeGuarded(file: string, data: string | Buffer, given: WriteOptions): Promise<void> {
  const opts: WriteOptions = { ...given, checkedFolders: undefined }; // a write checks every folder, every time
  checkPlacement(file, opts);
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, opts.mode);
    await handle.writeFile(data);
    await handle.chmod(opts.mode); // the umask may have narrowed or the process widened it
    await handle.sync();
    await handle.close();
    handle = undefined;
    await opts.beforeRename?.();
    const now = await readGuarded(file, { ...opts, maxBytes: Math.max(DEFAULT_MAX, (opts.expected?.length ?? 0) + 1) });
    const same = now.exists ? opts.expected !== undefined && now.bytes.equals(opts.expected) : opts.expected === undefined;
    if (!same) throw new SafeFsError('changed', l10n.t('{0} changed while it was being written; nothing was written.', labelOf(file, opts)));
    checkPlacement(file, opts); // nothing on the way became a link meanwhile
    await fs.promises.rename(tmp, file);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof SafeFsError) throw e;
    throw ioError(file, opts, e, 'write');
  }
}

export interface UpdateOptions extends ReadOptions {
  /** How many times a change made meanwhile is merged by redoing the update (default 5). */
  attempts?: number;
  beforeRename?: WriteOptions['beforeRename'];
}

/** What an update wants written; undefined leaves the file as it is. */
export type UpdateResult<T> = { data: string | Buffer; mode: number; value: T } | { data?: undefined; value: T };

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 10_000;

/**
 * A lock file beside the target (`.<name>.twilio-credentials.lock`, created exclusively), so two
 * editor windows (two processes) update one file in turn. A lock older than 10 s is a crashed
 * writer's and is taken over. The name starts with a dot before the file's own name, so `.env*`
 * watchers and globs do not see it.
 */
async function withLockFile<T>(file: string, opts: GuardOptions, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.twilio-credentials.lock`);
  const started = Date.now();
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const h = await fs.promises.open(lock, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, 0o600);
      await h.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(file, opts, e, 'write');
      const st = await fs.promises.lstat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > LOCK_STALE_MS) {
        await fs.promises.rm(lock, { force: true });
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) throw new SafeFsError('busy', l10n.t('{0} is being written by another window; try again.', labelOf(file, opts)));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.promises.rm(lock, { force: true }).catch(() => undefined);
  }
}

/**
 * Read-modify-write of one guarded file: serialised per file in this process and, through a lock
 * file, across processes; and still redone on the file's new content when something else changed
 * it between the read and the rename.
 */
export function updateGuarded<T>(file: string, update: (current: ReadResult) => UpdateResult<T> | Promise<UpdateResult<T>>, given: UpdateOptions): Promise<{ value: T; written: boolean; created: boolean }> {
  const opts: UpdateOptions = { ...given, checkedFolders: undefined }; // a write checks every folder, every time
  return withFileLock(file, () => {
    checkPlacement(file, opts); // before the lock file is created beside it
    return withLockFile(file, opts, () => updateUnlocked(file, update, opts));
  });
}

async function updateUnlocked<T>(file: string, update: (current: ReadResult) => UpdateResult<T> | Promise<UpdateResult<T>>, opts: UpdateOptions): Promise<{ value: T; written: boolean; created: boolean }> {
  {
    const attempts = opts.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const current = await readGuarded(file, opts);
      const next = await update(current);
      if (next.data === undefined) return { value: next.value, written: false, created: false };
      try {
        await writeGuarded(file, next.data, { ...opts, mode: next.mode, expected: current.exists ? current.bytes : undefined });
        return { value: next.value, written: true, created: !current.exists };
      } catch (e) {
        if (!(e instanceof SafeFsError && e.reason === 'changed') || attempt >= attempts) throw e;
      }
    }
  }
}

/** Reads a guarded file as strict UTF-8 text; invalid bytes are refused with their line. */
export async function readTextGuarded(file: string, opts: ReadOptions): Promise<{ exists: false } | { exists: true; text: string; mode: number; bytes: Buffer }> {
  const r = await readGuarded(file, opts);
  if (!r.exists) return r;
  return { ...r, text: decodeOrRefuse(r.bytes, file, opts) };
}

/** Strict UTF-8 text of `bytes`, or a SafeFsError('encoding') naming the first bad line. */
export function decodeOrRefuse(bytes: Uint8Array, file: string, opts: GuardOptions): string {
  const d = decodeUtf8Strict(bytes);
  if (d.ok) return d.text;
  throw new SafeFsError('encoding', l10n.t('{0} line {1} is not valid UTF-8; the file was not changed. Save it as UTF-8 and try again.', labelOf(file, opts), d.line));
}
