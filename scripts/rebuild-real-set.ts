// Rebuilds the evaluation set of real public code (issue 18) from local git mirrors.
//
//   node esbuild.js --tests --only=scripts/ && node out/scripts/rebuild-real-set.js [--mirrors DIR] [--out DIR] [--split tune|holdout|all]
//
// test/corpus/real/labels.json names each file by repository, path and commit, and each labelled
// value by line, column and a SHA-256 prefix; it holds no third-party text. This script reads each
// file from a bare mirror of its repository (default /work/.mirror/<owner>+<name>/repo, the layout
// the team's `fetch` tool produces: a bare git directory, or a clone whose .git is used; --mirrors
// names another folder of the same layout), checks every label against its hash, replaces every
// labelled secret and every other credential-shaped value (AC/SK SIDs, 32-character runs of
// letters and digits, base64 runs that decode to text holding one, re-encoded) by a random value
// of the same shape, consistently within the file, and writes the copy to
// <out>/<split>/<id>/<original path> (default .eval/real/, ignored by git and vsce) with the
// split's labels in <out>/<split>/labels.json. Replacements keep every length, so the labels'
// lines and columns hold in the copy. Files whose repository has no mirror, or whose labels do not
// match, are listed and skipped.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_OUT_DIR, RealFile, Split, loadLabels, rebuildText, rebuiltPath } from './realSet';

const root = path.resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};

/** The git directory of a mirrored repository, or undefined when it is not mirrored. */
export function mirrorGitDir(mirrors: string, repo: string): string | undefined {
  const base = path.join(mirrors, repo.replace('/', '+'));
  for (const candidate of [path.join(base, 'repo', '.git'), path.join(base, 'repo'), base]) {
    if (fs.existsSync(path.join(candidate, 'HEAD')) && fs.existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  return undefined;
}

function readBlob(gitDir: string, commit: string, filePath: string): Buffer | undefined {
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', `${commit}:${filePath}`], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function main(): void {
  const mirrors = path.resolve(option('--mirrors', '/work/.mirror'));
  const out = path.resolve(root, option('--out', DEFAULT_OUT_DIR));
  const which = option('--split', 'all') as Split | 'all';
  const labels = loadLabels(root);
  const files = labels.files.filter((f) => which === 'all' || f.split === which);
  const built: Record<Split, RealFile[]> = { tune: [], holdout: [] };
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const split of ['tune', 'holdout'] as const) if (which === 'all' || which === split) fs.rmSync(path.join(out, split), { recursive: true, force: true });
  for (const file of files) {
    const gitDir = mirrorGitDir(mirrors, file.repo);
    const bytes = gitDir ? readBlob(gitDir, file.commit, file.path) : undefined;
    if (!bytes) {
      missing.push(`${file.repo} ${file.path}`);
      continue;
    }
    const original = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const result = rebuildText(original, file);
    if (result.unmatched.length) {
      mismatched.push(`${file.repo} ${file.path}: ${result.unmatched.map((u) => `${u.line}:${u.col}`).join(', ')}`);
      continue;
    }
    const target = path.join(out, rebuiltPath(file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, result.text, 'utf8');
    built[file.split].push(file);
  }
  for (const split of ['tune', 'holdout'] as const) {
    if (!built[split].length) continue;
    fs.writeFileSync(path.join(out, split, 'labels.json'), JSON.stringify({ version: 1, splitRule: labels.splitRule, files: built[split] }, null, 1) + '\n');
  }
  const count = (fs: RealFile[]) => `${fs.length} files, ${fs.reduce((n, f) => n + f.secrets.length, 0)} secrets, ${fs.reduce((n, f) => n + f.negatives.length, 0)} negatives`;
  console.log(`rebuilt into ${path.relative(process.cwd(), out) || '.'}: tune ${count(built.tune)}; holdout ${count(built.holdout)}`);
  if (missing.length) console.log(`not built, no mirror or no such commit/path (${missing.length}):\n  ${missing.join('\n  ')}`);
  if (mismatched.length) {
    console.log(`not built, labels do not match the file (${mismatched.length}):\n  ${mismatched.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
