// Scratch git repositories for the git-mode tests, made at run time in the temp folder. Commits
// get fixed identities and the dates the test asks for, and no user or system git config is read.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const gitEnv = (date = '2026-03-02T10:00:00+00:00'): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', GIT_COMMITTER_DATE: date,
});

export class Repo {
  readonly dir: string;
  constructor(prefix = 'tc-git-') {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    this.git('init', '-q', '-b', 'main');
  }
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: gitEnv(), encoding: 'utf8' });
  }
  write(rel: string, content: string | Buffer): this {
    const p = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return this;
  }
  add(...rels: string[]): this {
    this.git('add', '--', ...rels);
    return this;
  }
  /** Commits everything staged (and `all` tracked changes) at `date`; returns the full hash. */
  commit(message: string, date = '2026-03-02T10:00:00+00:00', all = true): string {
    execFileSync('git', ['commit', '-q', '--allow-empty', ...(all ? ['-a'] : []), '-m', message], { cwd: this.dir, env: gitEnv(date) });
    return this.git('rev-parse', 'HEAD').trim();
  }
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The repository root (tests run from bundles under out/). */
/** Scratch repositories for one describe block, all removed after it. */
export function scratchRepos(): () => Repo {
  const repos: Repo[] = [];
  after(() => repos.forEach((r) => r.dispose()));
  return () => {
    const r = new Repo();
    repos.push(r);
    return r;
  };
}

export function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Builds src/cli/main.ts the way esbuild.js does, once per test process. */
let built: string | undefined;
export function buildCli(): string {
  if (built) return built;
  const root = findRoot(__dirname);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = path.join(root, 'out', 'test-cli-git', 'cli.js');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: out, banner: { js: '#!/usr/bin/env node' }, logLevel: 'warning',
  });
  built = out;
  return out;
}

export function runCli(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [buildCli(), ...args], { cwd, encoding: 'utf8', env: gitEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
