// Builds the extension (dist/) and the test suites (out/). Shape of the VS Code esbuild sample:
// cjs, `vscode` external, minified for production, sourcemaps in development, and log lines
// that the `$esbuild-watch` problem matcher understands (printed in watch mode only, so a one-off
// build says nothing on stdout: `npm run emulator` promises a single JSON line there).
// A production or development build also writes dist/ThirdPartyNotices.txt (every bundled package
// with its licence text) and dist/metafile.json, which the notices test checks it against.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { noticesText } = require('./scripts/third-party-notices.js');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
// `--only=test/unit/dotenv` limits a test build to entry points under that prefix.
const only = (process.argv.find((a) => a.startsWith('--only=')) || '').slice('--only='.length);

/** @type {import('esbuild').Plugin} */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

/** One shipped bundle, dist/NAME.js: minified for production, with a metafile for the notices. */
function shipped(name, entry, options = {}) {
  return {
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    ...options,
  };
}

/**
 * The shipped bundles. The lazily loaded ones (the Twilio library lives only in dist/twilio.js)
 * come from the table src/platform/lazyBundles.json, which their loader reads too; the activation
 * bundle requires them at run time, never inlines them.
 */
function extensionBuilds() {
  const lazy = Object.entries(require('./src/platform/lazyBundles.json'));
  return [
    shipped('extension', 'src/extension.ts', { external: ['vscode', ...lazy.map(([name]) => `./${name}.js`)] }),
    ...lazy.map(([name, { entry }]) => shipped(name, entry, { external: ['vscode'] })),
    shipped('cli', 'src/cli/main.ts', { banner: { js: '#!/usr/bin/env node' } }),
  ].filter((b) => Object.values(b.entryPoints).every((p) => fs.existsSync(p)));
}

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Each test file becomes a standalone bundle in out/ (node_modules stay external). The unit tests
 * run in plain Node, where `vscode` is test/support/vscode.ts, a small double of what the stateful
 * classes use (events, tree items, l10n); every other suite runs in VS Code and gets the real one.
 */
function testBuilds() {
  const entries = [...listTs('test'), ...listTs('scripts')].filter((p) => !only || p.startsWith(path.normalize(only)));
  const unit = (p) => p.startsWith(path.normalize('test/unit/'));
  const build = (entryPoints, options) => ({ ...common, entryPoints, outbase: '.', outdir: 'out', packages: 'external', sourcemap: 'inline', ...options });
  return [
    build(entries.filter(unit), { alias: { vscode: './test/support/vscode.ts' } }),
    build(entries.filter((p) => !unit(p)), { external: ['vscode'] }),
  ].filter((b) => b.entryPoints.length);
}

async function main() {
  const builds = tests ? testBuilds() : extensionBuilds();
  // A fresh dist/: no stale source maps from a development build next to a production one.
  if (!tests && !watch) fs.rmSync('dist', { recursive: true, force: true });
  // A fresh out/ for a whole test build: the output of a renamed or deleted test would still run
  // (the in-host suite lists test/integration's files; mocha's globs find the others).
  if (tests && !only && !watch) fs.rmSync('out', { recursive: true, force: true });
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
    if (results.some((r) => r.status === 'rejected')) process.exit(1);
    if (!tests) writeNotices(builds, results.map((r) => r.value));
  }
}

/** dist/ThirdPartyNotices.txt (shipped in the .vsix) and dist/metafile.json (not shipped). */
function writeNotices(builds, results) {
  const metafiles = {};
  builds.forEach((b, i) => {
    metafiles[`dist/${Object.keys(b.entryPoints)[0]}.js`] = results[i].metafile;
  });
  const product = JSON.parse(fs.readFileSync('package.json', 'utf8')).displayName;
  fs.writeFileSync('dist/metafile.json', JSON.stringify(metafiles));
  fs.writeFileSync('dist/ThirdPartyNotices.txt', noticesText(metafiles, process.cwd(), product));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
