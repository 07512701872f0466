// `twilio-credentials scan --git [revisions...]`: every line a commit added, across history.
//
// One `git log -p` child streams the patches; its stdout is parsed line by line as it arrives
// (never the whole history in memory: only the file being read and one record per distinct
// secret are kept). For each file of each commit the new side of its hunks (context lines and
// added lines) is scanned as one text, so the engine sees the names and SIDs around a value,
// and only findings on added lines are kept, at their line number in the committed file.
// Findings are de-duplicated by fingerprint, keeping the oldest commit that introduced the value,
// and finally `git grep` on HEAD tells which values are still in the current tree.

import * as path from 'path';
import { Finding, mightContainSecret, scanText } from '../../core/detection';
import { GitReadOptions, NotARepositoryError, displayPath, skipsPath } from './staged';
import { GitError, gitHead, gitText, gitTopLevel, spawnGit } from './run';
import { catBlobs } from './catFile';
import { sniffEncoding } from '../../core/detection';

export interface HistoryFinding {
  /** Relative to `cwd`, `/` separators. */
  path: string;
  /** The engine's finding, its range moved to the lines of the committed file. */
  finding: Finding;
  /** Full hash of the oldest commit (in `git log` order) that added the value. */
  commit: string;
  /** That commit's author date, ISO 8601 (`2026-03-02T10:04:05+01:00`). */
  date: string;
  /** True when the value is still somewhere in the tree at HEAD. */
  presentAtHead: boolean;
}

export interface HistoryScanResult {
  findings: HistoryFinding[];
  commits: number;
}

/** How a patch's text is judged: findings, or why it was not scanned (the CLI passes its `scanBytes`). */
export type PatchScanner = (text: string, displayPath: string) => Finding[] | string;

export interface HistoryOptions extends GitReadOptions {
  /** Revisions as `git log` takes them (`main..feature`, `v1.0..`); default: every ref (`--all`). */
  revisions?: readonly string[];
  ignoreFingerprints?: ReadonlySet<string>;
  /** Default: the detection engine with `ignoreFingerprints`. */
  scan?: PatchScanner;
  /** Each patch (one file in one commit) read: clean, or skipped with the scanner's reason. */
  onPatch?(displayPath: string, commit: string, skipReason?: string): void;
  /** Follow one file across renames (`git log --follow`; needs exactly one path). */
  follow?: boolean;
  /** Skip the `git grep` on HEAD (presentAtHead is then false). */
  skipHeadCheck?: boolean;
}

/** Pathspecs relative to `cwd`, where git runs; literal, so `*` or a leading `:` in a name is that name. */
export function relativePathspecs(cwd: string, paths: readonly string[] | undefined): string[] {
  return (paths ?? []).map((p) => {
    const rel = path.relative(cwd, path.resolve(cwd, p)).split(path.sep).join('/');
    return rel === '' ? '.' : `:(literal)${rel}`;
  });
}

/** Undoes git's C-style quoting of unusual paths (`"b/tab\tx.txt"`). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const n = body[i + 1];
      if (/[0-7]/.test(n)) {
        bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
        i += 3;
      } else {
        bytes.push(simple[n] ?? n.charCodeAt(0));
        i += 1;
      }
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The new path of `Binary files A and B differ` (`A and B` given): undefined for a deletion.
 * Names are ambiguous when they hold " and b/", so the split where both sides name the same
 * path wins (a rename is read from its `rename to` line instead).
 */
export function binaryNewPath(pair: string): string | undefined {
  if (pair.endsWith(' and /dev/null')) return undefined;
  if (pair.startsWith('/dev/null and ')) return stripB(pair.slice('/dev/null and '.length));
  let fallback: string | undefined;
  for (let at = pair.indexOf(' and '); at >= 0; at = pair.indexOf(' and ', at + 1)) {
    const a = unquoteGitPath(pair.slice(0, at));
    const b = unquoteGitPath(pair.slice(at + 5));
    if (!a.startsWith('a/') || !b.startsWith('b/')) continue;
    if (a.slice(2) === b.slice(2)) return b.slice(2);
    fallback ??= b.slice(2);
  }
  return fallback;
}

function stripB(side: string): string | undefined {
  const b = unquoteGitPath(side);
  return b.startsWith('b/') ? b.slice(2) : undefined;
}

interface FileState {
  repoPath: string;
  lines: string[];
  /** Line number in the committed file for each entry of `lines`, 0 for a hunk separator. */
  lineNos: number[];
  added: boolean[];
  hasAdded: boolean;
  chars: number;
  tooLarge: boolean;
}

/**
 * The incremental parser of `git log -p --format=%x01%H %aI` output. Feed it chunks of text in
 * order; it calls `onFile` with each file's new-side hunk text. Exported for the tests.
 */
/** A file git shows as "Binary files … differ": its new blob is read and scanned whole. */
export interface BinaryPatch {
  commit: string;
  date: string;
  repoPath: string;
  /** The new side's blob (full hash: `git log --full-index`). */
  oid: string;
  /** Commits read before it: a larger number is an older commit. */
  seq: number;
}

export class PatchStreamParser {
  private rest = '';
  private commit = '';
  private date = '';
  private file: FileState | undefined;
  /** Of the current `diff --git` block: the new blob (from its `index` line) and a rename's new path. */
  private newOid = '';
  private renamedTo: string | undefined;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  commits = 0;

  constructor(
    private readonly maxChars: number,
    private readonly onFile: (commit: string, date: string, file: FileState) => void,
    private readonly wantPath: (repoPath: string) => boolean,
    private readonly onBinary?: (patch: BinaryPatch) => void,
  ) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    text = '';
  }

  end(): void {
    if (this.rest) this.line(this.rest);
    this.rest = '';
    this.flush();
  }

  private add(content: string, added: boolean): void {
    const f = this.file;
    const n = this.newLine++;
    if (!f || f.tooLarge) return;
    f.chars += content.length + 1;
    if (f.chars > this.maxChars) {
      f.tooLarge = true;
      f.lines = [];
      f.lineNos = [];
      f.added = [];
      return;
    }
    f.lines.push(content);
    f.lineNos.push(n);
    f.added.push(added);
    if (added) f.hasAdded = true;
  }

  private line(l: string): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      const c = l.charCodeAt(0);
      if (c === 43 /* + */) {
        this.add(l.slice(1), true);
        this.newLeft--;
      } else if (c === 45 /* - */) {
        this.oldLeft--;
      } else if (c === 92 /* \ No newline at end of file */) {
        // not a line of either side
      } else {
        // ' ' context, or an empty line where a context line lost its space.
        this.add(l.slice(1), false);
        this.newLeft--;
        this.oldLeft--;
      }
      return;
    }
    if (l.charCodeAt(0) === 1) {
      this.flush();
      const space = l.indexOf(' ');
      this.commit = l.slice(1, space);
      this.date = l.slice(space + 1);
      this.commits++;
    } else if (l.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (!m) return;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
      const f = this.file;
      // Hunks of one file are apart in the file: keep them apart in the scanned text.
      if (f && !f.tooLarge && f.lines.length > 0) {
        f.lines.push('');
        f.lineNos.push(0);
        f.added.push(false);
      }
    } else if (l.startsWith('diff --git ')) {
      this.flush();
      this.newOid = '';
      this.renamedTo = undefined;
    } else if (l.startsWith('index ')) {
      const m = /^index [0-9a-f]+\.\.([0-9a-f]+)/.exec(l);
      this.newOid = m ? m[1] : '';
    } else if (l.startsWith('rename to ') || l.startsWith('copy to ')) {
      this.renamedTo = unquoteGitPath(l.slice(l.indexOf(' to ') + 4));
    } else if (l.startsWith('Binary files ') && l.endsWith(' differ')) {
      // A file git will not diff as text: binary content, or a `-diff` / `binary` attribute that
      // any commit can add to .gitattributes. Its new blob is scanned whole (scanHistory).
      const repoPath = this.renamedTo ?? binaryNewPath(l.slice('Binary files '.length, -' differ'.length));
      if (repoPath !== undefined && /^[0-9a-f]{40,64}$/.test(this.newOid) && !/^0+$/.test(this.newOid) && this.wantPath(repoPath)) {
        this.onBinary?.({ commit: this.commit, date: this.date, repoPath, oid: this.newOid, seq: this.commits });
      }
    } else if (l.startsWith('+++ ')) {
      let p = l.slice(4);
      if (p.endsWith('\t')) p = p.slice(0, -1); // git marks paths with spaces by a trailing tab
      p = unquoteGitPath(p);
      if (p === '/dev/null' || !p.startsWith('b/')) {
        this.file = undefined; // a deletion adds nothing
        return;
      }
      const repoPath = p.slice(2);
      this.file = this.wantPath(repoPath)
        ? { repoPath, lines: [], lineNos: [], added: [], hasAdded: false, chars: 0, tooLarge: false }
        : undefined;
    }
  }

  private flush(): void {
    const f = this.file;
    this.file = undefined;
    this.oldLeft = this.newLeft = 0;
    if (f && (f.hasAdded || f.tooLarge)) this.onFile(this.commit, this.date, f);
  }
}

/** The `git log` arguments of a history scan (also what the benchmark compares against). */
export function logArgs(opts: Pick<HistoryOptions, 'revisions' | 'follow'> & { pathspecs?: readonly string[] }): string[] {
  const revisions = opts.revisions && opts.revisions.length > 0 ? [...opts.revisions] : ['--all'];
  for (const r of revisions) {
    if (r !== '--all' && r.startsWith('-')) throw new GitError(`not a revision range: ${r}`, null, '');
  }
  const args = [
    'log', '-p', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-relative',
    '--src-prefix=a/', '--dst-prefix=b/', '--format=%x01%H %aI',
  ];
  if (opts.follow) args.push('--follow');
  // Ranges after --end-of-options can never be read as options (`--output=…` from a hostile caller).
  if (revisions[0] === '--all') args.push('--all', '--end-of-options');
  else args.push('--end-of-options', ...revisions);
  args.push('--', ...(opts.pathspecs ?? []));
  return args;
}

/** A sighting of a value, with the value (for the HEAD check) and its commit's order. */
type Sighting = HistoryFinding & { seq: number };

/**
 * One sighting per value (fingerprint): one no inline marker suppresses over one it does, then
 * the oldest (`git log` lists descendants first: a larger `seq` is an older commit).
 */
class Sightings {
  readonly byFingerprint = new Map<string, { record: HistoryFinding; value: string; seq: number }>();

  add(r: Sighting, value: string): void {
    const earlier = this.byFingerprint.get(r.finding.fingerprint);
    const better = !earlier
      || (!!earlier.record.finding.inlineSuppression && !r.finding.inlineSuppression)
      || (!earlier.record.finding.inlineSuppression === !r.finding.inlineSuppression && r.seq >= earlier.seq);
    if (better) this.byFingerprint.set(r.finding.fingerprint, { record: { path: r.path, finding: r.finding, commit: r.commit, date: r.date, presentAtHead: false }, value, seq: r.seq });
  }
}

/** One file's patch in one commit: its findings on added lines, at their committed line numbers. */
function scanTextPatch(f: FileState, at: { commit: string; date: string; seq: number; rel: string }, scan: PatchScanner, sightings: Sightings, onPatch: HistoryOptions['onPatch']): void {
  if (f.tooLarge) {
    onPatch?.(at.rel, at.commit, 'too-large');
    return;
  }
  const text = f.lines.join('\n');
  const found = scan(text, at.rel);
  if (typeof found === 'string') {
    onPatch?.(at.rel, at.commit, found);
    return;
  }
  let kept = 0;
  for (const finding of found) {
    const i = finding.range.startLine;
    if (!f.added[i]) continue; // on a context line: added by an earlier commit
    kept++;
    const startLine = f.lineNos[i] - 1;
    const endLine = (f.lineNos[finding.range.endLine] || f.lineNos[i]) - 1;
    const moved = { ...finding, range: { ...finding.range, startLine, endLine } };
    sightings.add({ path: at.rel, finding: moved, commit: at.commit, date: at.date, presentAtHead: false, seq: at.seq }, text.slice(finding.range.start, finding.range.end));
  }
  if (kept === 0) onPatch?.(at.rel, at.commit);
}

export async function scanHistory(opts: HistoryOptions): Promise<HistoryScanResult> {
  // `git log` starts at once, next to the top-level lookup (one process start less to wait for:
  // it matters on small histories); its output waits in the pipe until the top is known.
  const topLevel = gitTopLevel(opts.cwd);
  let top = '';
  const sightings = new Sightings();
  const scan: PatchScanner = opts.scan ?? ((text, p) => (mightContainSecret(text) ? scanText(text, { path: p, ignoreFingerprints: opts.ignoreFingerprints }) : []));
  const wantPath = (repoPath: string): boolean => !skipsPath(repoPath, opts) && !opts.isExcluded?.(path.join(top, repoPath));
  const binaries: BinaryPatch[] = [];
  const parser = new PatchStreamParser(
    opts.maxFileSize === Infinity ? Number.MAX_SAFE_INTEGER : opts.maxFileSize + 1,
    (commit, date, f) => scanTextPatch(f, { commit, date, seq: parser.commits, rel: displayPath(opts.cwd, top, f.repoPath) }, scan, sightings, opts.onPatch),
    wantPath,
    (b) => binaries.push(b),
  );

  await new Promise<void>((resolve, reject) => {
    let child;
    try {
      child = spawnGit(logArgs({ ...opts, pathspecs: relativePathspecs(opts.cwd, opts.paths) }), { cwd: opts.cwd, signal: opts.signal });
    } catch (e) {
      reject(e);
      return;
    }
    let stderr = '';
    // Output that arrives before the top level is known waits here (paths are shown relative to it).
    const early: string[] = [];
    let ready = false;
    const push = (chunk: string): void => {
      try {
        parser.push(chunk);
      } catch (e) {
        child.kill();
        reject(e);
      }
    };
    topLevel.then((t) => {
      if (!t) {
        child.kill();
        reject(new NotARepositoryError('not inside a git repository (--git reads its history)'));
        return;
      }
      top = t;
      ready = true;
      for (const chunk of early.splice(0)) push(chunk);
    }, reject);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (ready) push(chunk);
      else early.push(chunk);
    });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 8192) stderr += b.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => {
      // After the top-level callback above (same promise, registered later), so `early` is flushed.
      topLevel.then((t) => {
        if (!t) return; // not a repository: rejected above
        if (code !== 0) {
          reject(new GitError(`git log failed: ${stderr.trim().split('\n')[0] ?? ''}`, code, stderr));
          return;
        }
        try {
          parser.end();
          resolve();
        } catch (e) {
          reject(e);
        }
      }, () => undefined);
    });
  });

  await scanBinaryPatches(top, binaries, opts, scan, sightings);

  const entries = [...sightings.byFingerprint.values()];
  if (!opts.skipHeadCheck && entries.length > 0 && (await gitHead(top))) {
    const present = await valuesAtHead(top, entries.map((e) => e.value), opts.signal);
    for (const e of entries) e.record.presentAtHead = present.has(e.value);
  }
  return { findings: entries.map((e) => e.record), commits: parser.commits };
}

/**
 * Files git showed as binary: each new blob read (up to the size limit) and scanned whole, so a
 * `-diff` attribute cannot hide a file from the scan. Blobs whose bytes are binary are left
 * quietly, as git's own binary files always were; a blob over the limit whose first bytes are text
 * is listed as too large.
 */
async function scanBinaryPatches(
  top: string,
  binaries: readonly BinaryPatch[],
  opts: HistoryOptions,
  scan: PatchScanner,
  sightings: Sightings,
): Promise<void> {
  if (binaries.length === 0) return;
  const limit = opts.maxFileSize === Infinity ? Number.MAX_SAFE_INTEGER : opts.maxFileSize;
  await catBlobs(top, binaries.map((b) => b.oid), limit, (blob, i) => {
    const b = binaries[i];
    const rel = displayPath(opts.cwd, top, b.repoPath);
    if (!blob.content) {
      if (!sniffEncoding(blob.head ?? Buffer.alloc(0))) opts.onPatch?.(rel, b.commit, 'too-large');
      return;
    }
    if (sniffEncoding(blob.content)) return;
    const text = blob.content.toString('utf8');
    const found = scan(text, rel);
    if (typeof found === 'string') {
      opts.onPatch?.(rel, b.commit, found);
      return;
    }
    for (const finding of found) sightings.add({ path: rel, finding, commit: b.commit, date: b.date, presentAtHead: false, seq: b.seq }, text.slice(finding.range.start, finding.range.end));
    if (found.length === 0) opts.onPatch?.(rel, b.commit);
  }, opts.signal);
}

/**
 * Which of `values` occur anywhere in HEAD's tree. The values go to `git grep` on stdin (never as
 * arguments) and only the matched strings come back.
 */
export async function valuesAtHead(top: string, values: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
  const unique = [...new Set(values.filter((v) => v.length > 0 && !v.includes('\n')))];
  if (unique.length === 0) return new Set();
  const out = await gitText(['grep', '-F', '-I', '-o', '-h', '--no-color', '--no-recurse-submodules', '-f', '-', 'HEAD', '--'], {
    cwd: top, signal, input: unique.join('\n') + '\n', okCodes: [1],
  });
  const wanted = new Set(unique);
  return new Set(out.split('\n').filter((l) => wanted.has(l)));
}
