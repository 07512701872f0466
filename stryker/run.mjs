// `npm run mutation [-- AREA...] [--file SRC]... [--force] [--survivors] [--concurrency N]`: mutation testing of
// the pure core with StrykerJS, one area of stryker/areas.mjs after another (all of them when none
// is named), then a table per file. A measurement like `npm run bench`, not a gate: it fails only
// when Stryker cannot run.
//
// Incremental: each area keeps reports/mutation/AREA/incremental.json, so a re-run tests only the
// mutants whose code or covering tests changed. --force tests every mutant again.
// --survivors lists each surviving mutant; reports/mutation/AREA/index.html shows them in the code.
// --file SRC (repeatable) mutates only those files of the named area, against the area's tests,
// with an incremental file of their own: how to work on one file of a large area (detection).

import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { AREAS } from './areas.mjs';
import { REPORTS, areaConfig } from './config.mjs';

function parse(argv) {
  const names = [];
  const options = { force: false, survivors: false, concurrency: undefined, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') options.force = true;
    else if (a === '--survivors') options.survivors = true;
    else if (a === '--file') options.files.push(argv[++i] ?? '');
    else if (a.startsWith('--file=')) options.files.push(a.slice('--file='.length));
    else if (a === '--concurrency') options.concurrency = Number(argv[++i]);
    else if (a.startsWith('--concurrency=')) options.concurrency = Number(a.slice('--concurrency='.length));
    else if (a.startsWith('-')) throw new Error(`Unknown option ${a}. Usage: npm run mutation -- [AREA...] [--file SRC]... [--force] [--survivors] [--concurrency N]`);
    else names.push(a);
  }
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency > 0)) {
    throw new Error('--concurrency takes a whole number above 0.');
  }
  for (const n of names) if (!AREAS[n]) throw new Error(`No mutation area "${n}"; the areas are: ${Object.keys(AREAS).join(', ')}.`);
  if (options.files.length) {
    if (names.length !== 1) throw new Error('--file needs exactly one AREA, whose tests run against the file.');
    for (const f of options.files) if (!fs.existsSync(f) || !fs.statSync(f).isFile()) throw new Error(`--file ${f}: no such source file.`);
  }
  return { names: names.length ? names : Object.keys(AREAS), options };
}

/**
 * Stryker's incremental mode reuses a static mutant that survived (one that acts while a module
 * loads, so every test covers it) even when tests were added since: it compares per-test
 * coverage, which static mutants lack. Dropping such results from the incremental file makes the
 * next run test them again; killed ones stay reused while their killing test is unchanged.
 */
function forgetStaticSurvivors(file) {
  if (!fs.existsSync(file)) return 0;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  let forgotten = 0;
  for (const f of Object.values(report.files)) {
    const kept = f.mutants.filter((m) => !(m.static && (m.status === 'Survived' || m.status === 'NoCoverage')));
    forgotten += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  if (forgotten) fs.writeFileSync(file, JSON.stringify(report));
  return forgotten;
}

/** Killed, survived, timed out and uncovered mutants per file; the score counts killed and timed out among them. */
function tally(results) {
  const files = new Map();
  for (const r of results) {
    const file = path.relative(process.cwd(), r.fileName).split(path.sep).join('/');
    const row = files.get(file) ?? { killed: 0, survived: 0, timeout: 0, noCoverage: 0, other: 0 };
    if (r.status === 'Killed') row.killed++;
    else if (r.status === 'Survived') row.survived++;
    else if (r.status === 'Timeout') row.timeout++;
    else if (r.status === 'NoCoverage') row.noCoverage++;
    else row.other++; // ignored, or an error that no test could see (compile or runtime error)
    files.set(file, row);
  }
  return [...files].sort(([a], [b]) => a.localeCompare(b));
}

function score(row) {
  const detected = row.killed + row.timeout;
  const valid = detected + row.survived + row.noCoverage;
  return valid ? (100 * detected) / valid : NaN;
}

function table(rows) {
  const lines = [
    '| area | file | killed | survived | timeout | no coverage | score |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const { area, file, row } of rows) {
    lines.push(`| ${area} | \`${file}\` | ${row.killed} | ${row.survived} | ${row.timeout} | ${row.noCoverage} | ${score(row).toFixed(1)}% |`);
  }
  return lines.join('\n');
}

async function main() {
  const { names, options } = parse(process.argv.slice(2));
  // Property tests inside an area's unit tests must see the same inputs for every mutant.
  process.env.FUZZ_SEED ||= '20261127';
  const rows = [];
  const times = [];
  for (const name of names) {
    console.log(`\n== mutation: ${name}`);
    const started = Date.now();
    const config = areaConfig(name, options);
    const forgotten = forgetStaticSurvivors(config.incrementalFile);
    if (forgotten) console.log(`${forgotten} static mutants that survived last time are tested again.`);
    const results = await new Stryker(config).runMutationTest();
    times.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const [file, row] of tally(results)) rows.push({ area: name, file, row });
  }
  console.log(`\n${table(rows)}\n\nTime: ${times.join(', ')}. Reports: ${REPORTS}/AREA/index.html`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
