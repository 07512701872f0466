// The CLI against ripgrep on a real `node_modules` (issue 18, point 4: "as fast as a grep").
//
//   node cli/build.js --out out/bench/cli.js   (npm run bench does it)
//   node esbuild.js --tests --only=scripts/bench-cli.ts && node out/scripts/bench-cli.js [--cli-runs N] [--compare-ref REF] [--cli-tree DIR]
//
// Trees: (a) this repository's own node_modules (after `npm ci`: about 20,000 files, most of them
// small, a few bundles and binaries of several MB), hard-linked into a temporary folder so the
// scan sees a fixed snapshot; (b) its first 2,000 files in path order, hard-linked the same way.
// `--cli-tree DIR` uses another folder instead of (a).
//
// On each tree, in one run and alternating run by run so that load changes hit every tool alike:
//   rg -c --no-ignore '[0-9a-f]{32}' node_modules
//   node cli.js scan node_modules --include-node-modules --format json   (every file, as rg reads)
//   node -e 0                                                            (Node starting, nothing else)
// and the CLI committed at REF (`git show REF:cli/cli.js`) the same way: REF is --compare-ref,
// else `main` when that branch exists and its CLI differs from this checkout's.
// Printed: one line per tree with the median wall time of each (default 7 runs), the ratio to
// ripgrep, the median CPU time (user + system, from GNU time when installed) and the load
// average. On a shared machine the CPU time says what the work costs, the wall time how long it
// also waited for a core. `node -e 0` is the floor of any Node program: on a small tree it is
// most of the CLI's time. Figures only: nothing is asserted.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};

const TIME = '/usr/bin/time';
const RG_ARGS = ['-c', '--no-ignore', '[0-9a-f]{32}'];
const SUBSET = 2000;

/** The folders holding `files` (relative, `/`-separated), and the files. */
function withFolders(files: readonly string[]): Set<string> {
  const all = new Set(files);
  for (const f of files) for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) all.add(f.slice(0, i));
  return all;
}

/**
 * Hard-links `from` into `to` (a copy where links cannot cross devices); symbolic links stay
 * links. `only`: the relative paths to keep (files and their folders, see withFolders).
 */
function linkTree(from: string, to: string, only?: ReadonlySet<string>, rel = ''): number {
  let count = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    const src = path.join(from, e.name), dst = path.join(to, e.name);
    if (e.isDirectory()) {
      if (!only || only.has(r)) count += linkTree(src, dst, only, r);
    } else if (only && !only.has(r)) {
      continue;
    } else if (e.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else if (e.isFile()) {
      try {
        fs.linkSync(src, dst);
      } catch {
        fs.copyFileSync(src, dst);
      }
      count++;
    }
  }
  return count;
}

/** Regular files under `dir`, relative, `/`-separated, sorted by code unit. */
function listFiles(dir: string, rel = '', out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) listFiles(path.join(dir, e.name), r, out);
    else if (e.isFile()) out.push(r);
  }
  return rel ? out : out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Size of the regular files under `dir`. */
function treeBytes(dir: string): number {
  return listFiles(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

interface Run { ms: number; cpuMs?: number; status: number | null }

function runOnce(cmd: string, args: string[], cwd: string): Run {
  const timed = fs.existsSync(TIME);
  const t = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = timed ? /cpu ([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, status: r.status };
}

function gitOk(args: string[]): boolean {
  return spawnSync('git', args, { cwd: root, stdio: 'ignore' }).status === 0;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Tool { name: string; cmd: string; args: string[]; /** Not given the tree (node -e 0). */ noTree?: boolean }

export interface TreeFigures {
  tree: string;
  files: number;
  megabytes: number;
  runs: number;
  load1: { min: number; max: number };
  wallMs: Record<string, number>;
  cpuMs: Record<string, number>;
  ratio: Record<string, number>;
  exit: Record<string, number | null>;
  all: Record<string, Run[]>;
}

function benchTree(label: string, cwd: string, tree: string, tools: Tool[], runs: number): TreeFigures {
  const files = listFiles(path.join(cwd, tree)).length;
  const megabytes = treeBytes(path.join(cwd, tree)) / 1048576;
  const all: Record<string, Run[]> = {};
  // Warm the page cache and the tools once, unmeasured.
  const argsOf = (t: Tool): string[] => (t.noTree ? t.args : [...t.args, tree]);
  for (const t of tools) runOnce(t.cmd, argsOf(t), cwd);
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(os.loadavg()[0]);
    for (const t of tools) (all[t.name] ??= []).push(runOnce(t.cmd, argsOf(t), cwd));
  }
  loads.push(os.loadavg()[0]);
  const wallMs: Record<string, number> = {}, cpuMs: Record<string, number> = {}, ratio: Record<string, number> = {}, exit: Record<string, number | null> = {};
  for (const t of tools) {
    wallMs[t.name] = median(all[t.name].map((r) => r.ms));
    const cpu = all[t.name].map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    if (cpu.length) cpuMs[t.name] = median(cpu);
    ratio[t.name] = wallMs[t.name] / wallMs.rg;
    exit[t.name] = all[t.name][all[t.name].length - 1].status;
  }
  const load1 = { min: Math.min(...loads), max: Math.max(...loads) };
  const cpuText = (name: string): string => (cpuMs[name] !== undefined ? ` (cpu ${cpuMs[name].toFixed(0)})` : '');
  const parts = tools.map((t) => t.name === 'rg'
    ? `rg ${wallMs.rg.toFixed(0)} ms${cpuText('rg')}`
    : `${t.name} ${wallMs[t.name].toFixed(0)} ms${cpuText(t.name)} = ${ratio[t.name].toFixed(2)}x`);
  console.log(`${label} (${files} files, ${megabytes.toFixed(0)} MB): ${parts.join(', ')}; target cli <= 1.5x; ms wall (cpu), median of ${runs}, ${os.availableParallelism()} cores, load ${load1.min.toFixed(1)}-${load1.max.toFixed(1)}`);
  return { tree: label, files, megabytes, runs, load1, wallMs, cpuMs, ratio, exit, all };
}

export function benchCli(): { trees: TreeFigures[]; compareRef?: string } | undefined {
  if (spawnSync('rg', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('ripgrep (rg) is not installed: CLI vs ripgrep skipped (.ci/run installs it)');
    return undefined;
  }
  const runs = Number(option('--cli-runs', '7'));
  const compareRef = option('--compare-ref', '');
  const source = path.resolve(option('--cli-tree', path.join(root, 'node_modules')));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-bench-cli-'));
  try {
    // The CLI as shipped in cli/cli.js, built fresh from this checkout.
    const cli = path.join(tmp, 'cli.js');
    execFileSync(process.execPath, [path.join(root, 'cli', 'build.js'), '--out', cli], { cwd: root, stdio: 'inherit' });
    const scanArgs = ['scan', '--include-node-modules', '--format', 'json'];
    const tools: Tool[] = [
      { name: 'rg', cmd: 'rg', args: RG_ARGS },
      { name: 'cli', cmd: process.execPath, args: [cli, ...scanArgs] },
    ];
    const ref = compareRef || (gitOk(['rev-parse', '--verify', '--quiet', 'main^{commit}']) ? 'main' : '');
    if (ref) {
      const old = path.join(tmp, 'cli-compare.js');
      const shown = spawnSync('git', ['show', `${ref}:cli/cli.js`], { cwd: root, maxBuffer: 64 << 20 });
      if (shown.status !== 0) console.log(`(no cli/cli.js at ${ref}: not compared)`);
      else {
        fs.writeFileSync(old, shown.stdout);
        if (compareRef || !fs.readFileSync(old).equals(fs.readFileSync(cli))) tools.push({ name: ref, cmd: process.execPath, args: [old, ...scanArgs] });
      }
    }
    tools.push({ name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], noTree: true });
    const whole = path.join(tmp, 'whole');
    linkTree(source, path.join(whole, 'node_modules'));
    const subset = path.join(tmp, 'subset');
    linkTree(source, path.join(subset, 'node_modules'), withFolders(listFiles(source).slice(0, SUBSET)));
    const label = source === path.join(root, 'node_modules') ? 'node_modules' : path.basename(source);
    const trees = [
      benchTree(`${label}`, whole, 'node_modules', tools, runs),
      benchTree(`${label}, first ${SUBSET} files`, subset, 'node_modules', tools, runs),
    ];
    for (const t of trees) {
      for (const [name, code] of Object.entries(t.exit)) if (name !== 'rg' && code !== 0) console.log(`  (${name} exited ${code} on ${t.tree}: a secret found, or an error)`);
      if (t.load1.max > os.availableParallelism()) console.log(`  (${t.tree}: load average above the core count: other processes shared the cores; wall times are noisy, CPU times less so)`);
    }
    return { trees, ...(tools.some((t) => t.name === ref) ? { compareRef: ref } : {}) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Run directly (not when bundled into scripts/bench.ts, where require.main is the bundle itself).
if (/bench-cli\.js$/.test(process.argv[1] ?? '')) {
  const figures = benchCli();
  const out = option('--out', '');
  if (out && figures) fs.writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
}
