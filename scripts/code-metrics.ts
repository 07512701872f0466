// `npm run metrics [-- <checkout>]`: the size of the code base, for before/after comparisons of a
// refactor. Figures, not pass/fail: files and lines per top folder, the longest functions, and how
// many functions exceed 40 and 80 lines. Give another checkout's path to measure it the same way
// (e.g. a `git worktree add` of an older commit).
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..'));

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : tsFiles(p);
    return e.isFile() && p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

interface Fn { name: string; file: string; line: number; lines: number }

/** A readable name for a function-like node: its own, its variable's, its property's, or its class member's. */
function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const own = (node as ts.FunctionLikeDeclaration).name;
  if (own) {
    const cls = ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
    return cls + own.getText(sf);
  }
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name) return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) return `(callback of ${p.expression.getText(sf).slice(0, 40)})`;
  return '(anonymous)';
}

function functionsIn(file: string): Fn[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Fn[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ name: nameOf(node, sf), file: path.relative(root, file), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function report(top: string, skipTests: boolean): void {
  const files = tsFiles(path.join(root, top));
  const lines = files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length, 0);
  console.log(`\n== ${top}/: ${files.length} .ts files, ${lines} lines`);
  const byFolder = new Map<string, { files: number; lines: number }>();
  for (const f of files) {
    const folder = path.relative(root, path.dirname(f)).split(path.sep).slice(0, 2).join('/');
    const row = byFolder.get(folder) ?? { files: 0, lines: 0 };
    row.files++;
    row.lines += fs.readFileSync(f, 'utf8').split('\n').length;
    byFolder.set(folder, row);
  }
  for (const [folder, row] of [...byFolder].sort()) console.log(`  ${folder.padEnd(24)} ${String(row.files).padStart(3)} files ${String(row.lines).padStart(6)} lines`);
  if (skipTests) return;
  // Functions nested in a longer one are counted too: a closure of 248 lines is a function of 248 lines.
  const fns = files.flatMap(functionsIn).sort((a, b) => b.lines - a.lines);
  console.log(`  functions: ${fns.length}; over 40 lines: ${fns.filter((f) => f.lines > 40).length}; over 80 lines: ${fns.filter((f) => f.lines > 80).length}`);
  console.log('  the 15 longest:');
  for (const f of fns.slice(0, 15)) console.log(`    ${String(f.lines).padStart(4)}  ${f.name}  (${f.file}:${f.line})`);
}

console.log(`Code metrics of ${root}`);
report('src', false);
report('test', true);
