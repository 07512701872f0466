// The shipped bundles carry the licences of the code they include: dist/ThirdPartyNotices.txt
// names every npm package that esbuild's metafile shows in a bundle, with the licence text the
// package ships (run after `npm run build:prod`, which writes both files).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const dist = path.join(root, 'dist');

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { bytes: number }>;
}

/** The package folder an input path lies in: the last `node_modules/name` or `node_modules/@scope/name`. */
function packageRoot(input: string): string | undefined {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m?.[1];
}

const normalise = (text: string) => text.replace(/\r\n/g, '\n').trim();

describe('Third-party notices', function () {
  this.timeout(30_000);
  let metafiles: Record<string, Metafile>;
  let notices: string;

  before(function () {
    // Like the other bundle tests: nothing to check before a build. A build without the notices fails.
    if (!fs.existsSync(path.join(dist, 'extension.js'))) this.skip();
    metafiles = JSON.parse(fs.readFileSync(path.join(dist, 'metafile.json'), 'utf8'));
    notices = normalise(fs.readFileSync(path.join(dist, 'ThirdPartyNotices.txt'), 'utf8'));
  });

  it('the metafile describes the bundles in dist/ as they are', () => {
    // Every shipped bundle, whatever bundles the build adds: none may miss its notices.
    const bundles = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`);
    assert.ok(bundles.includes('dist/extension.js') && bundles.includes('dist/twilio.js'));
    assert.deepStrictEqual(Object.keys(metafiles).sort(), bundles.sort());
    for (const [bundle, meta] of Object.entries(metafiles)) {
      assert.strictEqual(meta.outputs[bundle]?.bytes, fs.statSync(path.join(root, bundle)).size, `${bundle} is the file the metafile describes`);
    }
  });

  it('lists every bundled package with its version and the licence text it ships', () => {
    const dirs = new Set<string>();
    for (const meta of Object.values(metafiles)) {
      for (const input of Object.keys(meta.inputs)) {
        const dir = packageRoot(input);
        if (dir) dirs.add(dir);
      }
    }
    // The Twilio library and its HTTP stack are bundled, so the list cannot be short.
    assert.ok(dirs.size > 20, `${dirs.size} bundled packages`);
    const sections = notices.split(/^={78}\n/m);
    for (const dir of dirs) {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      const heading = `${pkg.name} ${pkg.version}`;
      const section = sections.findIndex((s) => s.startsWith(`${heading}\n`));
      assert.ok(section > 0, `a section for ${heading} (${dir})`);
      const body = sections[section + 1];
      const licenceFiles = fs.readdirSync(path.join(root, dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f));
      for (const f of licenceFiles) {
        assert.ok(body.includes(normalise(fs.readFileSync(path.join(root, dir, f), 'utf8'))), `${heading}: the text of ${f}`);
      }
      if (licenceFiles.length === 0) assert.match(body, /ships no licence file[\s\S]*(Copyright|licen[cs]e)/i, `${heading}: a licence statement`);
    }
  });

  it('lists nothing that is not in a bundle', () => {
    const listed = [...notices.matchAll(/^- (\S+) (\S+) \(/gm)].map((m) => `${m[1]} ${m[2]}`);
    const bundled = new Set<string>();
    for (const meta of Object.values(metafiles)) {
      for (const input of Object.keys(meta.inputs)) {
        const dir = packageRoot(input);
        if (!dir) continue;
        const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
        bundled.add(`${pkg.name} ${pkg.version}`);
      }
    }
    assert.deepStrictEqual(new Set(listed), bundled);
    assert.ok(listed.includes(`twilio ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules/twilio/package.json'), 'utf8')).version}`));
  });
});
