// Every user-visible string is localizable: manifest strings come from package.nls.json, and the
// committed l10n bundle lists every l10n.t string in src, vscode.l10n and @vscode/l10n alike
// (regenerate with `npm run l10n`).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function placeholders(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/^%([^%]+)%$/g)) out.push(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => placeholders(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, out));
  return out;
}

describe('Localization', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

  it('every %key% in package.json has a string in package.nls.json', () => {
    const keys = placeholders(pkg.contributes).concat(placeholders(pkg.capabilities));
    assert.ok(keys.length > 40);
    for (const k of keys) assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `package.nls.json has ${k}`);
  });

  it('command, view and setting titles in package.json are all %keys%, not literal text', () => {
    const c = pkg.contributes;
    const literal = [
      ...c.commands.map((x: { title: string }) => x.title),
      ...c.views.twilioCredentials.map((x: { name: string }) => x.name),
      ...Object.values(c.configuration.properties).map((x) => (x as { markdownDescription: string }).markdownDescription),
      ...c.viewsWelcome.map((x: { contents: string }) => x.contents),
    ].filter((t: string) => !/^%[^%]+%$/.test(t));
    assert.deepStrictEqual(literal, []);
  });

  it('the committed l10n bundle holds every vscode.l10n.t string in src', function () {
    this.timeout(60_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', out, path.join(root, 'src')], { stdio: 'pipe' });
    const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'));
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
    const missing = Object.keys(fresh).filter((k) => !(k in committed));
    assert.deepStrictEqual(missing, [], 'run npm run l10n');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
