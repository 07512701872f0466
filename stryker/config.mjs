// The Stryker options of one area of stryker/areas.mjs.
//
// How TypeScript is tested: Stryker copies the project into a sandbox and writes the mutated
// sources there (every mutant of a file in one instrumented copy, switched on at run time by
// `__stryker__.activeMutant`). Mocha then runs the area's TypeScript tests straight from the
// sandbox, compiled on load by stryker/register.cjs (esbuild, as the test build uses), so the tests
// load the mutated sources, and Stryker's incremental mode compares the test files themselves:
// a changed test file re-runs the mutants its tests cover. For each mutant only the tests that
// cover it run (per-test coverage).

import path from 'node:path';
import { AREAS } from './areas.mjs';

/** Where the reports, and the incremental file a re-run reuses, are kept (not committed). */
export const REPORTS = 'reports/mutation';

/** A test file as it is; a folder → every test file under it. */
function spec(source) {
  return source.endsWith('.ts') ? source : `${source.replace(/\/?$/, '/')}**/*.test.ts`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * @param {string} name an area of AREAS
 * @param {{ concurrency?: number, force?: boolean, survivors?: boolean }} [options]
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function areaConfig(name, options = {}) {
  const area = AREAS[name];
  if (!area) throw new Error(`No mutation area "${name}"; the areas are: ${Object.keys(AREAS).join(', ')}.`);
  const setup = 'test/unit/fastcheck.setup.ts';
  // --file: only those files, reported and remembered apart from the area's own run.
  const files = options.files ?? [];
  const dir = files.length ? `${REPORTS}/${name}/files-${files.map((f) => path.basename(f, '.ts')).join('+')}` : `${REPORTS}/${name}`;
  return {
    mutate: files.length ? files : area.mutate,
    testRunner: 'mocha',
    mochaOptions: {
      spec: area.tests.map(spec),
      require: ['stryker/register.cjs', setup],
      'no-config': true,
      'no-package': true,
      'no-opts': true,
      ...(area.skip?.length ? { grep: `/^(?!.*(?:${area.skip.map(escapeRegExp).join('|')}))/` } : {}),
    },
    coverageAnalysis: 'perTest',
    incremental: true,
    incrementalFile: `${dir}/incremental.json`,
    force: options.force ?? false,
    reporters: ['progress', 'clear-text', 'html', 'json'],
    clearTextReporter: { reportMutants: options.survivors ?? false, reportTests: false, reportScoreTable: false },
    htmlReporter: { fileName: `${dir}/index.html` },
    jsonReporter: { fileName: `${dir}/mutation.json` },
    // Only the sources and tests are needed in the sandbox; never the builds, reports or VS Code.
    ignorePatterns: ['/out', '/dist', '/reports', '/test-results', '/.vscode-test', '*.vsix'],
    tempDirName: `${dir}/.sandbox`,
    // The machine is shared and busy: a mutant is a timeout only when clearly stuck.
    timeoutMS: 10_000,
    dryRunTimeoutMinutes: 15,
    thresholds: { high: 90, low: 85, break: null },
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  };
}
