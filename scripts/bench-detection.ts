// Accuracy and speed of the detection engine and the CLI.
//
//   node esbuild.js --tests --only=scripts/ && node out/scripts/bench-detection.js [--out FILE] [--verbose] [--skip-tree] [--tree-mb N] [--runs N] [--holdout] [--baseline-lines N] [--real-dir DIR]
//
// Also scores the rebuilt real set (test/corpus/real/labels.json, rebuilt by
// scripts/rebuild-real-set.ts into .eval/real/): precision and recall per file kind for the
// detector and the keyword baseline, on TUNE; `--holdout` scores HOLDOUT instead (keep it for the
// end). `--verbose` lists the real set's misses and false positives by file, line and kind.
//
// Prints precision/recall on the generated corpus, the time to rescan a 5 MB file, pathological
// inputs, and the CLI's time (one thread and every core) on a generated 200 MB tree with nested
// node_modules and large bundles, next to `rg -c '[0-9a-f]{32}'` on the same tree (median of
// --runs, default 5, with the load average); writes the same figures as JSON to --out (default
// out/bench/detection.json).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding, matchesAnyGlob, parseIgnoreFile, scanText } from '../src/core/detection';
import { CorpusFile, Gen, generateCorpus, generateTree, minified, prng } from '../test/corpus/generate';
import { formatRealSetReport, scoreRealSet } from './bench-real';
import { KEYWORD_WINDOW_LINES } from './keywordBaseline';
import { parseCliConfig } from '../src/features/profiles';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};

interface Score { tp: number; fp: number; fn: number; precision: number; recall: number }

function score(tp: number, fp: number, fn: number): Score {
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

function accuracy(files: CorpusFile[], verbose: boolean): { secrets: Score; sids: Score; byFamily: Record<string, Score> } {
  const counts = { secrets: [0, 0, 0], sids: [0, 0, 0] };
  const fam: Record<string, number[]> = {};
  for (const file of files) {
    const found = scanText(file.text, { path: file.path });
    const key = (kind: string, start: number): string => `${kind}@${start}`;
    const expected = new Set(file.labels.map((l) => key(l.kind, l.start)));
    const got = new Set(found.map((f: Finding) => key(f.kind, f.range.start)));
    const f = (fam[file.family] ??= [0, 0, 0]);
    for (const l of file.labels) {
      const bucket = l.kind.endsWith('-sid') ? counts.sids : counts.secrets;
      if (got.has(key(l.kind, l.start))) { bucket[0]++; if (!l.kind.endsWith('-sid')) f[0]++; }
      else {
        bucket[2]++;
        if (!l.kind.endsWith('-sid')) f[2]++;
        if (verbose) console.log(`  FN ${file.path}:${l.line + 1} ${l.kind} ${JSON.stringify(file.text.slice(Math.max(0, l.start - 50), l.start))}`);
      }
    }
    for (const x of found) {
      if (expected.has(key(x.kind, x.range.start))) continue;
      const bucket = x.kind.endsWith('-sid') ? counts.sids : counts.secrets;
      bucket[1]++;
      if (!x.kind.endsWith('-sid')) f[1]++;
      if (verbose) console.log(`  FP ${file.path}:${x.range.startLine + 1} ${x.kind} [${x.evidence.join(',')}] ${JSON.stringify(file.text.slice(Math.max(0, x.range.start - 50), x.range.start))}`);
    }
  }
  const byFamily: Record<string, Score> = {};
  for (const [k, [tp, fp, fn]] of Object.entries(fam)) byFamily[k] = score(tp, fp, fn);
  return { secrets: score(counts.secrets[0], counts.secrets[1], counts.secrets[2]), sids: score(counts.sids[0], counts.sids[1], counts.sids[2]), byFamily };
}

function timeMs(fn: () => void, runs: number): { min: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)] };
}

/** A 5 MB file of ordinary code with the corpus's credentials and decoys sprinkled in. */
function fiveMegabytes(): string {
  const files = generateCorpus(99, 2);
  const g = new Gen(prng(5));
  const parts: string[] = [];
  let size = 0, i = 0;
  while (size < 5 * 1024 * 1024) {
    const piece = i % 3 === 0 ? files[i % files.length].text : minified(g, 3000).replace(/;/g, ';\n');
    parts.push(piece);
    size += piece.length;
    i++;
  }
  return parts.join('\n');
}

function buildCli(outFile: string): void {
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: outFile, minify: true, logLevel: 'warning' });
}

const TIME = '/usr/bin/time';

/**
 * Wall time of one run and, where GNU time is installed, the CPU time (user + system) it used:
 * on a shared machine the CPU time says what the work costs when the wall time says mostly how
 * long the process waited for a core.
 */
function wallOnce(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { ms: number; cpuMs?: number; status: number | null } {
  const timed = fs.existsSync(TIME);
  const t = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: env ?? process.env, encoding: 'utf8' })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], env: env ?? process.env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = timed ? /cpu ([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr)) : null;
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, status: r.status };
}

function main(): void {
  const out = option('--out', 'out/bench/detection.json');
  const verbose = flag('--verbose');
  const results: Record<string, unknown> = {};

  const files = generateCorpus();
  const acc = accuracy(files, verbose);
  results.accuracy = { files: files.length, ...acc };
  console.log(`accuracy on ${files.length} generated files (${new Set(files.map((f) => f.family)).size} families)`);
  console.log(`  secrets: precision ${acc.secrets.precision.toFixed(4)}  recall ${acc.secrets.recall.toFixed(4)}  (tp ${acc.secrets.tp}, fp ${acc.secrets.fp}, fn ${acc.secrets.fn})`);
  console.log(`  SIDs:    precision ${acc.sids.precision.toFixed(4)}  recall ${acc.sids.recall.toFixed(4)}  (tp ${acc.sids.tp}, fp ${acc.sids.fp}, fn ${acc.sids.fn})`);

  const root = path.resolve(__dirname, '..', '..');
  const split = flag('--holdout') ? 'holdout' : 'tune';
  const real = scoreRealSet(root, split, {
    dir: option('--real-dir', path.join('.eval', 'real')),
    windowLines: Number(option('--baseline-lines', String(KEYWORD_WINDOW_LINES))),
    log: verbose ? (l) => console.log(l) : undefined,
  });
  if (real) {
    results.realSet = real;
    for (const line of formatRealSetReport(real)) console.log(line);
  } else {
    results.realSet = { split, built: false };
    console.log(`real set (${split}): not built. It is rebuilt from git mirrors of the public repositories named in test/corpus/real/labels.json:`);
    console.log('  node esbuild.js --tests --only=scripts/ && node out/scripts/rebuild-real-set.js [--mirrors DIR]   (see the README, "Detection")');
  }

  const big = fiveMegabytes();
  const rescan = timeMs(() => scanText(big, { path: 'big.js' }), 15);
  results.rescan5MB = { bytes: big.length, findings: scanText(big, { path: 'big.js' }).length, ...rescan };
  console.log(`rescan of a ${(big.length / 1048576).toFixed(1)} MB file: min ${rescan.min.toFixed(1)} ms, median ${rescan.median.toFixed(1)} ms (target < 50 ms)`);

  const ten = 10 * 1024 * 1024;
  const g = new Gen(prng(3));
  const patho: Record<string, number> = {};
  for (const [name, text] of [
    ['10 MB of "a"', 'a'.repeat(ten)],
    ['10 MB of hex', g.hex(ten)],
    ['10 MB one line of 32-hex words', Array.from({ length: ten / 33 }, () => g.hex()).join(' ')],
    ['10 MB of nesting', '[{('.repeat(ten / 3)],
    // The table and pair readers (issue 18) on texts made of nothing else.
    ['10 MB Markdown table of values', '| twilio | token |\n|---|---|\n' + Array.from({ length: ten / 70 }, () => `| ${g.hex()} | ${g.hex()} |`).join('\n')],
    ['10 MB of SID,value lines', Array.from({ length: ten / 68 }, () => `AC${g.hex()},${g.hex()}`).join('\n')],
  ] as const) {
    patho[name] = timeMs(() => scanText(text, { path: name.includes('Markdown') ? 'x.md' : name.includes('SID') ? 'x.csv' : 'x.min.js' }), 1).min;
    console.log(`  ${name}: ${patho[name].toFixed(0)} ms`);
  }
  results.pathological = patho;

  // Inputs that were once quadratic or worse (test/unit/fuzz/regressions.test.ts and the huge
  // config files of config-redact-env.fuzz.test.ts): the tests hold what they return, their
  // time is read here. Each was seconds to minutes before its fix; the target is under a second.
  const hostile: Record<string, number> = {};
  const depth = 100_000;
  for (const [name, run] of [
    ['ignore-file line of 128k " #" + U+2028', () => parseIgnoreFile(' #'.repeat(128_000) + '\u2028tail\nfixtures/\n')],
    ['glob of 128k "/" then "x"', () => matchesAnyGlob('x', ['/'.repeat(128_000) + 'x'])],
    ['glob of 1 MB of "["', () => matchesAnyGlob('[[[a', ['['.repeat(1 << 20)])],
    ['glob *a x15 then b on 250 a', () => matchesAnyGlob('a'.repeat(250), ['*a'.repeat(15) + 'b'])],
    ['config.json with 100k projects', () => parseCliConfig(JSON.stringify({ profiles: { p7: {} }, projects: Array.from({ length: 100_000 }, (_, i) => ({ id: `p${i % 75_000}` })) }))],
    ['config.json nested 100k deep', () => parseCliConfig('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))],
    ['config.json with a 10 MB unterminated string', () => parseCliConfig('{"profiles":"' + g.hex(ten))],
  ] as const) {
    hostile[name] = timeMs(run, 3).min;
    console.log(`  ${name}: ${hostile[name].toFixed(0)} ms (target < 1000 ms)`);
  }
  results.hostileInputs = hostile;

  if (!flag('--skip-tree')) {
    const mb = Number(option('--tree-mb', '200'));
    const runs = Number(option('--runs', '5'));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-bench-'));
    try {
      const tree = path.join(tmp, 'tree');
      // Nested node_modules and large bundles included, as in a real checkout after `npm install`.
      const count = generateTree(tree, mb * 1024 * 1024, 7, { nodeModules: true, largeFiles: 8 });
      const cli = path.join(tmp, 'cli.js');
      buildCli(cli);
      // The same file set for both tools: ripgrep reads node_modules and any size when no
      // .gitignore says otherwise; the CLI is told to do the same.
      const ours = [cli, 'scan', tree, '--json', '--include-node-modules', '--max-file-size', '0'];
      const threads = os.availableParallelism();
      const withJobs = (jobs: number) => ({ ...process.env, TWILIO_CREDENTIALS_JOBS: String(jobs) });
      // Warm the page cache, then alternate the tools run by run so load changes hit all alike.
      spawnSync('rg', ['-c', '[0-9a-f]{32}', tree], { stdio: 'ignore' });
      spawnSync(process.execPath, ours, { stdio: 'ignore' });
      const times: Record<'rg' | 'single' | 'parallel', number[]> = { rg: [], single: [], parallel: [] };
      const cpu: Record<'rg' | 'single' | 'parallel', number[]> = { rg: [], single: [], parallel: [] };
      const loads: number[] = [];
      let status: number | null = null;
      const record = (which: 'rg' | 'single' | 'parallel', r: ReturnType<typeof wallOnce>) => {
        times[which].push(r.ms);
        if (r.cpuMs !== undefined) cpu[which].push(r.cpuMs);
        return r;
      };
      for (let i = 0; i < runs; i++) {
        loads.push(os.loadavg()[0]);
        record('rg', wallOnce('rg', ['-c', '[0-9a-f]{32}', tree]));
        record('single', wallOnce(process.execPath, ours, withJobs(1)));
        status = record('parallel', wallOnce(process.execPath, ours, withJobs(threads))).status;
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const rg = median(times.rg), single = median(times.single), parallel = median(times.parallel);
      const load = { min: Math.min(...loads), max: Math.max(...loads) };
      const cpuMedian = cpu.rg.length ? { rg: median(cpu.rg), single: median(cpu.single), parallel: median(cpu.parallel) } : undefined;
      results.tree = {
        megabytes: mb, files: count, runs, threads, load1: load, ripgrepMs: rg, cliSingleMs: single, cliParallelMs: parallel,
        ratioSingle: single / rg, ratioParallel: parallel / rg, cliExit: status, all: times, cpuMs: cpuMedian, allCpu: cpu,
      };
      console.log(`CLI on a ${mb} MB tree (${count} files, nested node_modules, 8 bundles of 2-6 MB); median of ${runs} runs, ${threads} cores, load average ${load.min.toFixed(1)}-${load.max.toFixed(1)}:`);
      console.log(`  rg -c '[0-9a-f]{32}'                 ${rg.toFixed(0).padStart(6)} ms`);
      console.log(`  twilio-credentials scan, 1 thread    ${single.toFixed(0).padStart(6)} ms   (${(single / rg).toFixed(2)}x ripgrep)`);
      console.log(`  twilio-credentials scan, ${threads} threads   ${parallel.toFixed(0).padStart(6)} ms   (${(parallel / rg).toFixed(2)}x ripgrep; target <= 1.5x; exit ${status})`);
      if (cpuMedian) console.log(`  CPU time (user + system), median: rg ${cpuMedian.rg.toFixed(0)} ms, 1 thread ${cpuMedian.single.toFixed(0)} ms (${(cpuMedian.single / cpuMedian.rg).toFixed(2)}x), ${threads} threads ${cpuMedian.parallel.toFixed(0)} ms (${(cpuMedian.parallel / cpuMedian.rg).toFixed(2)}x)`);
      if (load.max > threads) console.log(`  (load average above the core count: other processes shared the cores; figures are noisy)`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

main();
