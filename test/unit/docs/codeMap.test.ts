// ARCHITECTURE.md is a map a newcomer can trust: it names every folder and every rule of the floor
// plan, and the README's folder map names every top-level area. The import rules themselves are
// enforced by dependency-cruiser (.dependency-cruiser.js, `npm run deps`).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '../../../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

/** Folders (relative, with `/`) under `dir`, down to `depth` levels. */
function folders(dir: string, depth: number): string[] {
  if (depth === 0 || !fs.existsSync(path.join(root, dir))) return [];
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const rel = `${dir}/${e.name}`;
      return [rel, ...folders(rel, depth - 1)];
    });
}

function sources(dir: string): string[] {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** What a file imports or requires, as written (comments and strings that mention one are ignored). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(read(file), true, true).importedFiles.map((f) => f.fileName);
}

const isPackage = (spec: string, name: string) => spec === name || spec.startsWith(`${name}/`);

describe('ARCHITECTURE.md code map', function () {
  this.timeout(30_000); // parses every source file; slow on a busy machine
  const map = read('ARCHITECTURE.md');

  it('names every folder of src/ and test/ and every top-level folder', () => {
    const expected = [
      ...folders('src', 5),
      // Subfolders of test/unit mirror src/ and fixtures are data: described as groups.
      ...folders('test', 2).filter((f) => !/^test\/(unit|fixtures)\/./.test(f)),
      // Every committed top-level folder (generated ones are named as such too).
      ...fs
        .readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !['.git', 'node_modules', '.vscode-test'].includes(e.name))
        .map((e) => e.name),
    ];
    const missing = [...new Set(expected)].filter((f) => !map.includes(`\`${f}/`));
    assert.deepStrictEqual(missing, [], 'folders ARCHITECTURE.md does not name');
  });

  it('the README folder map names every folder of src/ and test/', () => {
    const readme = read('README.md');
    const missing = [...folders('src', 1), ...folders('test', 1), 'scripts', 'docs'].filter((f) => !new RegExp(`^${f}/`, 'm').test(readme));
    assert.deepStrictEqual(missing, [], 'folders the README folder map does not list');
  });

  it('names every rule of the floor plan that .dependency-cruiser.js enforces', () => {
    // The layers, their order and what each may import are enforced by dependency-cruiser
    // (`npm run deps`, part of `npm test`); ARCHITECTURE.md must explain every rule it can fail with.
    const config = require(path.join(root, '.dependency-cruiser.js')) as { forbidden: Array<{ name: string }> };
    const missing = config.forbidden.map((r) => r.name).filter((name) => !map.includes(`\`${name}\``));
    assert.deepStrictEqual(missing, [], 'rules ARCHITECTURE.md does not name');
  });

  // dependency-cruiser reads src/ and scripts/; the unit tests run in plain Node, where `vscode`
  // is the double of test/support/vscode.ts that the stateful classes get, never a test's own import.
  it('test/unit never imports vscode', () => {
    const offenders = sources('test/unit').filter((f) => importsOf(f).some((s) => isPackage(s, 'vscode')));
    assert.deepStrictEqual(offenders, []);
  });
});
