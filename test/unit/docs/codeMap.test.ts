// ARCHITECTURE.md is a map a newcomer can trust: it names every folder, the README's folder map
// names every top-level area, and the import rules it states hold in the code.
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

/** A relative import resolved to a repository path (without extension). */
function resolved(file: string, spec: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
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

  it('only src/core/twilio imports the twilio package', () => {
    const offenders = [...sources('src'), ...sources('scripts')].filter((f) => !f.startsWith('src/core/twilio/') && importsOf(f).some((s) => isPackage(s, 'twilio')));
    assert.deepStrictEqual(offenders, []);
  });

  it('the pure areas never import vscode', () => {
    const pure = ['src/core/twilio', 'src/core/detection', 'src/core/validation', 'src/cli', 'src/workspace/git', 'test/unit'];
    const offenders = pure.flatMap(sources).filter((f) => importsOf(f).some((s) => isPackage(s, 'vscode')));
    assert.deepStrictEqual(offenders, []);
  });

  it('src/core/twilio imports nothing outside itself, and src/core/detection only pure helpers of src/core/util', () => {
    const offenders: string[] = [];
    for (const f of sources('src/core/twilio')) {
      for (const s of importsOf(f)) if (s.startsWith('.') && !resolved(f, s).startsWith('src/core/twilio/')) offenders.push(`${f} -> ${s}`);
    }
    for (const f of sources('src/core/detection')) {
      for (const s of importsOf(f)) {
        if (!s.startsWith('.')) continue;
        const target = resolved(f, s);
        if (target.startsWith('src/core/detection/')) continue;
        const ok = target.startsWith('src/core/util/') && !importsOf(`${target}.ts`).some((i) => isPackage(i, 'vscode'));
        if (!ok) offenders.push(`${f} -> ${s}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('outside src/core/twilio, only its light modules are imported (anything else only as types)', () => {
    // types, errors, origin, and the pure rules the features need before any request.
    const light = new Set(['types', 'errors', 'origin', 'variableKinds', 'publicKeyPem', 'pushCredentialHealth'].map((m) => `src/core/twilio/${m}`));
    const offenders: string[] = [];
    for (const f of sources('src').filter((x) => !x.startsWith('src/core/twilio/'))) {
      const file = ts.createSourceFile(f, read(f), ts.ScriptTarget.Latest);
      for (const st of file.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
        const spec = st.moduleSpecifier.text;
        if (!spec.startsWith('.') || !resolved(f, spec).startsWith('src/core/twilio/')) continue;
        if (st.importClause?.isTypeOnly) continue;
        if (!light.has(resolved(f, spec))) offenders.push(`${f} -> ${spec}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('src/core/util and src/platform do not depend on the features', () => {
    const features = ['src/features/', 'src/surfaces/', 'src/services/'];
    const offenders = [...sources('src/core/util'), ...sources('src/platform')].flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && features.some((d) => resolved(f, s).startsWith(d)))
        .map((s) => `${f} -> ${s}`),
    );
    assert.deepStrictEqual(offenders, []);
  });

  it('src/ never imports test code', () => {
    const offenders = sources('src').filter((f) => importsOf(f).some((s) => s.startsWith('.') && resolved(f, s).startsWith('test/')));
    assert.deepStrictEqual(offenders, []);
  });
});
