// `npm run metrics [-- <checkout>]`: the size of the code base, for before/after comparisons of a
// refactor. Figures, not pass/fail: files and lines per top folder, the longest functions, how
// many functions exceed 40 and 80 lines, and the shape of src/'s imports: how many folders, how
// many import levels (the longest chain of folder imports) and which folders or files import each
// other around a circle (the rules themselves are .dependency-cruiser.js's). Give another checkout's path to measure it the same way
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

/** src/'s relative imports, file to file (paths relative to the root, with `/`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const exists = (f: string) => fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile();
  for (const file of tsFiles(path.join(root, 'src'))) {
    const from = rel(file);
    const targets = ts
      .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)))
      .map((t) => [`${t}.ts`, `${t}/index.ts`, t].find(exists))
      .filter((t): t is string => !!t && t.startsWith('src/') && t.endsWith('.ts'));
    graph.set(from, targets);
  }
  return graph;
}

/** Strongly connected components (Tarjan): each group of nodes that reach each other. */
function components(nodes: string[], edges: (n: string) => string[]): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      out.push(group);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

/**
 * Folders at a depth (1: src/core; 2: src/core/twilio; a file directly in a folder shallower than
 * that counts as that folder), how many import levels they stand on (the most folders on one chain
 * of imports), and the circles.
 */
function folderShape(graph: Map<string, string[]>, depth: number): void {
  const folderOf = (f: string) => {
    const parts = f.split('/').slice(1, -1);
    return parts.length ? `src/${parts.slice(0, depth).join('/')}` : 'src';
  };
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const a = folderOf(from);
    if (!edges.has(a)) edges.set(a, new Set());
    for (const t of targets) if (folderOf(t) !== a) edges.get(a)!.add(folderOf(t));
  }
  const nodes = [...edges.keys()].sort();
  const groups = components(nodes, (n) => [...(edges.get(n) ?? [])]);
  // The longest chain of imports that passes no folder twice (a depth-first search: a few dozen folders).
  const longest = (n: string, seen: Set<string>): number => {
    seen.add(n);
    let best = 0;
    for (const m of edges.get(n) ?? []) if (!seen.has(m)) best = Math.max(best, longest(m, seen));
    seen.delete(n);
    return best + 1;
  };
  const levels = Math.max(...nodes.map((n) => longest(n, new Set())));
  const circles = groups.filter((g) => g.length > 1);
  const label = depth === 1 ? 'top-level folders of src/ (and src/ itself)' : `folders of src/ to depth ${depth}`;
  console.log(`  ${label}: ${nodes.length}; import levels: ${levels}; folder circles: ${circles.length}`);
  for (const c of circles) console.log(`    circle: ${c.sort().join(' <-> ')}`);
}

function importShape(): void {
  const graph = importGraph();
  console.log('\n== imports of src/');
  folderShape(graph, 1);
  folderShape(graph, 2);
  const fileCircles = components([...graph.keys()], (n) => graph.get(n) ?? []).filter((g) => g.length > 1);
  console.log(`  file circles: ${fileCircles.length}`);
  for (const c of fileCircles) console.log(`    circle: ${c.sort().join(' <-> ')}`);
}

console.log(`Code metrics of ${root}`);
report('src', false);
report('test', true);
importShape();
