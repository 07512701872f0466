// A link the product shows must lead where Twilio or the user's own machine answers, never to a
// name nobody holds yet (this project's repository and packages are unpublished: README, "Names").
// Reads every string and template literal in src/ with the TypeScript parser, so a comment or a
// README example does not count and a new link cannot slip past in a template string.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { API_KEYS_URL, HARDCODED_CREDENTIALS_URL, LINK_HOSTS } from '../../../src/core/util/links';

const root = path.resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** `https://host…` in the string and template literals of a source file. */
function linkHosts(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  if (!/https?:\/\//.test(text)) return []; // most files: no parse needed
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hosts: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      for (const m of n.text.matchAll(/\bhttps?:\/\/([^/\s'"`$:]*)/g)) hosts.push(m[1]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return hosts;
}

// Hosts that are not links a user follows: the SARIF schema a consumer resolves, the loopback
// emulator, and Twilio's own hosts (the console, the API).
const NOT_LINKS = new Set(['json.schemastore.org', '127.0.0.1', 'localhost']);
const twilioOwned = (host: string) => host === 'twilio.com' || host.endsWith('.twilio.com');

describe('links the extension and the CLI show', () => {
  it('all lead to Twilio’s documentation (a diagnostic’s link, a hover’s “Learn more”, SARIF help)', () => {
    for (const url of [HARDCODED_CREDENTIALS_URL, API_KEYS_URL]) {
      assert.ok(LINK_HOSTS.includes(new URL(url).host), url);
      assert.equal(new URL(url).protocol, 'https:');
    }
  });

  it('no literal in src/ points at a host outside Twilio, the emulator and the SARIF schema', function () {
    this.timeout(120_000); // parses every src file that mentions a URL; slow only on a busy machine
    const found: string[] = [];
    for (const file of sources('src')) {
      for (const host of linkHosts(file)) {
        if (host === '' || NOT_LINKS.has(host) || twilioOwned(host) || /^[A-Z]+$/.test(host)) continue;
        found.push(`${file}: ${host}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('the check itself sees a link to an unpublished repository in a template literal', () => {
    const tmp = path.join(root, 'out', 'links-probe.ts');
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(tmp, 'export const u = `https://github.com/someone/${"x"}`;\n');
    try {
      assert.deepEqual(linkHosts(path.relative(root, tmp)), ['github.com']);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  });
});
