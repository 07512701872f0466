// No document tells the reader to run a package by a name npm would fetch from the registry:
// `npx NAME` runs whatever is published as NAME when it is not installed locally, and an
// unpublished name (such as this project's CLI before its release) can be registered by anyone.
// Allowed: tools this repository installs (their names are in node_modules/.bin), names pinned to
// an exact version (`name@1.2.3`), and the commands of a package of this repository (cli/) when
// the same document installs that package pinned to an exact version first.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');

/** Markdown the project writes (not CHANGELOG.md, a record of the past). */
function documents(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', '.git', 'out', 'dist', 'test-results', 'fixtures', 'corpus'].includes(e.name)) walk(rel);
      } else if (e.name.endsWith('.md') && rel !== 'CHANGELOG.md') {
        found.push(rel);
      }
    }
  };
  walk('.');
  return found.map((f) => f.replace(/^\.\//, ''));
}

/** The package each registry-running command in `text` would fetch: `npx X`, `npm exec X`, `pnpm dlx X`, … */
function packagesRun(text: string): string[] {
  const names: string[] = [];
  // The command's words run to the end of the line, a closing backtick or a shell separator.
  for (const m of text.matchAll(/\b(?:npx|bunx|npm[ \t]+(?:exec|x)|pnpm[ \t]+dlx|yarn[ \t]+dlx)[ \t]+([^`\n;|&,]*)/g)) {
    const words = m[1].trim().split(/[ \t]+/).filter(Boolean);
    const pkgFlag = words.findIndex((w) => w === '-p' || w === '--package' || w.startsWith('--package='));
    if (pkgFlag >= 0) {
      names.push(words[pkgFlag].startsWith('--package=') ? words[pkgFlag].slice('--package='.length) : words[pkgFlag + 1]);
    } else {
      const first = words.find((w) => !w.startsWith('-') && w !== '--');
      if (first) names.push(first);
    }
  }
  return names.map((n) => n.replace(/[`'"),.;:]+$/, ''));
}

/** Bin names of this repository's own packages (package.json files outside node_modules), by package name. */
function ownPackageBins(): Map<string, string[]> {
  const bins = new Map<string, string[]>();
  for (const dir of ['.', ...fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !['node_modules', 'test', 'out', 'dist'].includes(e.name)).map((e) => e.name)]) {
    const file = path.join(root, dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    const names = typeof pkg.bin === 'string' ? [pkg.name] : Object.keys(pkg.bin ?? {});
    bins.set(pkg.name, names);
  }
  return bins;
}

/** Packages a document installs pinned to an exact version (`npm install … name@1.2.3`). */
function pinnedInstalls(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\bnpm[ \t]+(?:install|i|add)\b([^`\n;|&]*)/g)) {
    for (const w of m[1].trim().split(/[ \t]+/)) {
      const pinned = /^((?:@[^/\s]+\/)?[^@\s]+)@\d+\.\d+\.\d+$/.exec(w);
      if (pinned) names.push(pinned[1]);
    }
  }
  return names;
}

describe('Documentation runs no unpublished package', function () {
  this.timeout(30_000);
  it('finds the commands that would fetch a package', () => {
    assert.deepStrictEqual(packagesRun('run `npx twilio-credentials scan .` or npm exec -- foo, pnpm dlx bar@1.0.0; npx --package=baz qux'), ['twilio-credentials', 'foo', 'bar@1.0.0', 'baz']);
    assert.deepStrictEqual(packagesRun('there is no `npx` line'), []);
    assert.deepStrictEqual(pinnedInstalls('npm install --save-dev foo-cli@0.1.0 bar\nnpm i @s/baz@1.2.3'), ['foo-cli', '@s/baz']);
  });

  it('every npx / npm exec / dlx in the docs names a locally installed tool or an exact version', () => {
    const bins = new Set(fs.readdirSync(path.join(root, 'node_modules', '.bin')));
    const own = ownPackageBins();
    const docs = documents();
    assert.ok(docs.includes('README.md'), 'the README is checked');
    const offending: string[] = [];
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(root, doc), 'utf8');
      const installedHere = new Set(pinnedInstalls(text).flatMap((p) => own.get(p) ?? []));
      for (const name of packagesRun(text)) {
        const pinned = /^(@[^/\s]+\/)?[^@\s]+@\d+\.\d+\.\d+$/.test(name);
        if (!pinned && !bins.has(name) && !installedHere.has(name)) offending.push(`${doc}: ${name}`);
      }
    }
    assert.deepStrictEqual(offending, []);
  });
});
