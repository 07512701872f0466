// The real set's rebuild (scripts/realSet.ts) and keyword baseline (scripts/keywordBaseline.ts),
// on generated inputs: a rebuilt file keeps its structure and every label's position, no original
// value survives, the same value maps to the same replacement, and base64 `SID:secret` values
// are decoded, replaced and re-encoded.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { keywordBaseline } from '../../../scripts/keywordBaseline';
import {
  RealFile, Replacer, credentialOccurrences, fileId, lineColOf, locate, looksLikePlaceholder, rebuildText, sameShape, sha256Prefix,
} from '../../../scripts/realSet';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const root = path.resolve(__dirname, '../../../..');

function shapeOf(v: string): string {
  const hex = /^[0-9a-fA-F]+$/.test(v);
  return [...v].map((c) => (/[0-9]/.test(c) ? 'd' : /[a-z]/.test(c) ? (hex ? 'h' : 'l') : /[A-Z]/.test(c) ? (hex ? 'H' : 'U') : c)).join('');
}

/** Labels for `values` wherever they stand in `text` (1-based line/col), as the committed labels hold them. */
function labelsFor(text: string, values: string[]): Pick<RealFile, 'secrets' | 'negatives'> {
  const secrets: RealFile['secrets'] = [];
  for (const v of values) {
    for (let at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
      const { line, col } = lineColOf(text, at);
      secrets.push({ line, col, kind: /^[0-9a-f]{32}$/.test(v) ? 'twilio-auth-token' : 'twilio-api-key-secret', sha256: sha256Prefix(v) });
    }
  }
  return { secrets, negatives: [] };
}

describe('real set: rebuild', () => {
  it('replaces a value by one of the same shape, never the same value', () => {
    fc.assert(fc.property(fc.constantFrom(fakeAuthToken, fakeKeySecret), (make) => {
      const v = make();
      const r = sameShape(v, (n) => randomBytes(n));
      assert.strictEqual(shapeOf(r), shapeOf(v));
      assert.strictEqual(r.length, v.length);
    }));
    const replacer = new Replacer();
    const v = fakeAuthToken();
    assert.notStrictEqual(replacer.value(v), v);
  });

  it('is consistent within a file: the same original always gets the same replacement, a SID like its bare hex', () => {
    const replacer = new Replacer();
    const token = fakeAuthToken(), sid = fakeAccountSid();
    assert.strictEqual(replacer.value(token), replacer.value(token));
    assert.strictEqual(replacer.sid(sid).slice(2), replacer.value(sid.slice(2)));
    assert.strictEqual(replacer.sid(sid).slice(0, 2), 'AC');
    assert.notStrictEqual(replacer.value(fakeAuthToken()), replacer.value(token));
  });

  it('keeps every line, column and length; no original credential survives; placeholders stay', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('py', 'env', 'json', 'nb'), { minLength: 1, maxLength: 6 }), (shapes) => {
      const sid = fakeAccountSid(), token = fakeAuthToken(), keySid = fakeKeySid(), secret = fakeKeySecret();
      const placeholder = 'x'.repeat(32);
      const parts = shapes.map((s) => s === 'py' ? `client = Client("${sid}", "${token}")  # dür\n`
        : s === 'env' ? `TWILIO_API_KEY=${keySid}\nTWILIO_API_SECRET=${secret}\nEMPTY=${placeholder}\n`
          : s === 'json' ? `{"config": "{\\"sid\\": \\"${sid}\\", \\"token\\": \\"${token}\\"}"}\n`
            : `  "source": ["auth_token = \\"${token}\\"\\n", "sid = '${sid}'"]\n`);
      const text = parts.join('');
      const labels = labelsFor(text, [token, secret]);
      const out = rebuildText(text, labels);
      assert.deepStrictEqual(out.unmatched, []);
      assert.strictEqual(out.text.length, text.length);
      assert.deepStrictEqual(out.text.split('\n').map((l) => l.length), text.split('\n').map((l) => l.length));
      for (const v of [sid.slice(2), token, keySid.slice(2), secret]) assert.ok(!out.text.includes(v), 'an original value survived');
      if (text.includes(placeholder)) assert.ok(out.text.includes(placeholder), 'a placeholder was replaced');
      // Structure: everything that is not a credential is unchanged, character for character.
      const mask = (t: string) => t.replace(/(?<![A-Za-z0-9])[A-Za-z0-9]{32,34}(?![A-Za-z0-9])/g, (m) => '#'.repeat(m.length));
      assert.strictEqual(mask(out.text), mask(text));
      // Each label still points at a value of the labelled shape, and the escaped JSON still parses.
      for (const s of labels.secrets) {
        const { line, col } = s;
        const at = out.text.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0) + col - 1;
        const orig = text.slice(at, at + 32), now = out.text.slice(at, at + 32);
        assert.strictEqual(shapeOf(now), shapeOf(orig));
      }
      for (const line of out.text.split('\n').filter((l) => l.startsWith('{"config"'))) {
        const inner = JSON.parse(JSON.parse(line).config);
        assert.match(inner.sid, /^AC[0-9a-f]{32}$/);
        assert.match(inner.token, /^[0-9a-f]{32}$/);
      }
    }), { numRuns: 50 });
  });

  it('decodes, replaces and re-encodes a base64 Basic header consistently with the same values in clear', () => {
    const sid = fakeAccountSid(), token = fakeAuthToken();
    const basic = Buffer.from(`${sid}:${token}`).toString('base64');
    const text = `curl -H "Authorization: Basic ${basic}" # ${sid}\n`;
    const at = text.indexOf(basic);
    const { line, col } = lineColOf(text, at);
    const out = rebuildText(text, { secrets: [{ line, col, kind: 'twilio-auth-token', sha256: sha256Prefix(basic), encoding: 'base64' }], negatives: [] });
    assert.deepStrictEqual(out.unmatched, []);
    const newBasic = out.text.slice(at, at + basic.length);
    assert.notStrictEqual(newBasic, basic);
    const [newSid, newToken] = Buffer.from(newBasic, 'base64').toString('latin1').split(':');
    assert.match(newSid, /^AC[0-9a-f]{32}$/);
    assert.match(newToken, /^[0-9a-f]{32}$/);
    assert.notStrictEqual(newToken, token);
    // The SID in clear on the same line maps to the same replacement as the one inside the header.
    assert.ok(out.text.endsWith(`# ${newSid}\n`));
  });

  it('reports a label whose value is not where the labels say (a changed file), and finds one whose column is off', () => {
    const token = fakeAuthToken();
    const text = `a = 1\nauth_token = "${token}"\n`;
    assert.deepStrictEqual(rebuildText(text, { secrets: [{ line: 2, col: 15, kind: 'twilio-auth-token', sha256: sha256Prefix(fakeAuthToken()) }], negatives: [] }).unmatched.length, 1);
    assert.strictEqual(locate(text, { line: 2, col: 3, sha256: sha256Prefix(token) }), text.indexOf(token));
  });

  it('finds SIDs, 32-character runs and base64 runs, without overlaps', () => {
    const sid = fakeKeySid(), secret = fakeKeySecret();
    const b64 = Buffer.from(`${sid}:${secret}`).toString('base64');
    const occ = credentialOccurrences(`${sid} ${secret} ${b64} ${'deadbeef'.repeat(4)} word_${fakeAuthToken()}`);
    assert.deepStrictEqual(occ.map((o) => o.shape), ['sid', 'run32', 'base64', 'run32']);
  });

  it('calls obvious placeholders placeholders and random values not', () => {
    for (const p of ['x'.repeat(32), 'your_auth_token_here_0123456789ab'.slice(0, 32), '0'.repeat(32), 'abababababababababababababababab']) assert.ok(looksLikePlaceholder(p), p);
    let wrong = 0;
    for (let i = 0; i < 2000; i++) if (looksLikePlaceholder(fakeAuthToken()) || looksLikePlaceholder(fakeKeySecret())) wrong++;
    assert.ok(wrong <= 4, `${wrong} random values called placeholders`);
  });
});

describe('real set: committed labels', () => {
  const labels = JSON.parse(fs.readFileSync(path.join(root, 'test/corpus/real/labels.json'), 'utf8')) as { files: RealFile[] };

  it('name every file by repository, path and a 40-hex commit, with a stable id, a kind and a split', () => {
    assert.ok(labels.files.length > 0);
    for (const f of labels.files) {
      assert.match(f.repo, /^[\w.-]+\/[\w.-]+$/);
      assert.match(f.commit, /^[0-9a-f]{40}$/);
      assert.strictEqual(f.id, fileId(f.repo, f.path));
      assert.ok(f.kind && f.language);
      assert.ok(f.split === 'tune' || f.split === 'holdout');
      for (const s of [...f.secrets, ...f.negatives]) {
        assert.ok(s.line >= 1 && s.col >= 1);
        assert.match(s.sha256, /^[0-9a-f]{16}$/);
      }
    }
  });

  it('split by repository: a repository is entirely in TUNE or entirely in HOLDOUT, about 30% of them in HOLDOUT', () => {
    const byRepo = new Map<string, Set<string>>();
    for (const f of labels.files) byRepo.set(f.repo, (byRepo.get(f.repo) ?? new Set()).add(f.split));
    for (const [repo, splits] of byRepo) assert.strictEqual(splits.size, 1, repo);
    const holdout = [...byRepo.values()].filter((s) => s.has('holdout')).length / byRepo.size;
    assert.ok(holdout > 0.15 && holdout < 0.45, `holdout share ${holdout}`);
  });

  it('hold no third-party value: no credential-shaped run anywhere in the file', () => {
    const text = fs.readFileSync(path.join(root, 'test/corpus/real/labels.json'), 'utf8');
    assert.deepStrictEqual(credentialOccurrences(text), []);
  });
});

describe('real set: keyword baseline', () => {
  it('reports a 32-character run within the window of a Twilio word, as a token when hex, and nothing farther away', () => {
    const token = fakeAuthToken(), secret = fakeKeySecret();
    const filler = (n: number) => 'x = 1\n'.repeat(n);
    const text = `# twilio\n${filler(4)}a = "${token}"\n${filler(10)}b = "${secret}"\n`;
    const found = keywordBaseline(text, 5);
    assert.deepStrictEqual(found, [{ line: 5, character: 5, kind: 'twilio-auth-token' }]);
    assert.deepStrictEqual(keywordBaseline(text, 20).map((f) => f.kind), ['twilio-auth-token', 'twilio-api-key-secret']);
  });

  it('counts a SID as a Twilio word and ignores runs glued to letters or digits', () => {
    const text = `${fakeAccountSid()}\nv = "${fakeAuthToken()}"\nw = "${fakeAuthToken()}0"\n`;
    assert.deepStrictEqual(keywordBaseline(text).map((f) => f.line), [1]);
  });
});
