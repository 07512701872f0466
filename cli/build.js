// Builds cli/cli.js, the scanner as one file with no dependencies: what the npm package
// (cli/package.json), the pre-commit hook (.pre-commit-hooks.yaml) and the GitHub Action
// (action.yml) run. It is committed, because the hook and the Action run from a checkout of this
// repository with nothing installed; a unit test fails when it differs from a fresh build.
//
//   npm run build:cli            (writes cli/cli.js)
//   node cli/build.js --out FILE (writes elsewhere; the test uses this)
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const i = process.argv.indexOf('--out');
const outfile = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(__dirname, 'cli.js');

esbuild.buildSync({
  entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'inline',
  banner: { js: '#!/usr/bin/env node' },
  outfile,
  logLevel: 'warning',
});
fs.chmodSync(outfile, 0o755);
