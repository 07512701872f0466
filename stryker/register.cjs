// Lets mocha load the TypeScript tests and sources directly in plain Node, for `npm run mutation`.
// Each .ts file is compiled on load by esbuild (already the project's compiler) with the
// project's tsconfig, and `vscode` resolves to the unit tests' double, as esbuild.js's test build
// does. Stryker needs this rather than the bundles in out/: the tests it runs must be files of
// the project, so that its incremental mode sees when a test changed, and the sources must be
// the mutated copies in its sandbox.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const tsconfigRaw = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
const vscodeDouble = path.join(root, 'test', 'support', 'vscode.ts');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'vscode' ? vscodeDouble : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    platform: 'node',
    sourcefile: filename,
    sourcemap: 'inline',
    tsconfigRaw,
  });
  module._compile(code, filename);
};
