// The pure .gitignore reader agrees with git itself on random patterns and trees.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { isIgnoredByGitignore } from '../../../src/dotenv';

function gitAvailable(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Paths git reports as ignored, asking it about every path at once. */
function gitIgnored(repo: string, paths: string[]): Set<string> {
  const run = spawnSync('git', ['-c', 'core.ignoreCase=false', 'check-ignore', '--no-index', '-v', '-n', '--stdin', '-z'], {
    cwd: repo,
    input: paths.join('\0') + '\0',
  });
  // exit status 1 only means "nothing ignored"
  if (run.status !== 0 && run.status !== 1) throw new Error(`git check-ignore failed: ${run.stderr}`);
  const out = run.stdout.toString();
  // -z -v output: source NUL line NUL pattern NUL path NUL, repeated
  const fields = out.split('\0');
  const result = new Set<string>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const pattern = fields[i + 2];
    if (pattern !== '' && !pattern.startsWith('!')) result.add(fields[i + 3]);
  }
  return result;
}

const segment = fc.constantFrom('a', 'b', '.env', '.env.local', 'config', 'x.log');
const tree = fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')), { minLength: 1, maxLength: 8 });
const patternPart = fc.constantFrom('a', 'b', '.env', '.env*', '*', '?', '**', 'config', '*.log', '[ab]', '[!a]', 'x.*');
const pattern = fc
  .tuple(fc.constantFrom('', '!'), fc.constantFrom('', '/'), fc.array(patternPart, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/'))
  .map(([neg, lead, parts, trail]) => neg + lead + parts.join('/') + trail);
const gitignore = fc.array(fc.oneof(pattern, fc.constantFrom('# comment', '', '\\#x')), { minLength: 1, maxLength: 6 }).map((l) => l.join('\n') + '\n');

describe('isIgnoredByGitignore agrees with git check-ignore', function () {
  this.timeout(120000);
  let repo = '';

  before(function () {
    if (!gitAvailable()) this.skip();
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'gitignore-diff-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });

  after(() => {
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('on random patterns over random trees', () => {
    fc.assert(
      fc.property(tree, gitignore, (files, ignoreText) => {
        // a path cannot be both a file and a folder: keep the first of any conflict
        const kept: string[] = [];
        for (const f of files) {
          if (kept.some((k) => k.startsWith(f + '/') || f.startsWith(k + '/'))) continue;
          kept.push(f);
        }
        for (const entry of fs.readdirSync(repo)) if (entry !== '.git') fs.rmSync(path.join(repo, entry), { recursive: true, force: true });
        for (const f of kept) {
          fs.mkdirSync(path.join(repo, path.dirname(f)), { recursive: true });
          fs.writeFileSync(path.join(repo, f), '');
        }
        fs.writeFileSync(path.join(repo, '.gitignore'), ignoreText);
        const dirs = [...new Set(kept.flatMap((f) => f.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))))];
        const all = [...kept, ...dirs];
        const byGit = gitIgnored(repo, all);
        for (const p of all) {
          const mine = isIgnoredByGitignore(ignoreText, p, { isDirectory: dirs.includes(p) });
          assert.equal(mine, byGit.has(p), `${JSON.stringify(ignoreText)} ${p}${dirs.includes(p) ? '/' : ''}: git says ${byGit.has(p)}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
