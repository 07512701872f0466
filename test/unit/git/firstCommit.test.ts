// The editor's history lookup (pure part): first commit of a secret in a file, cached per HEAD,
// shared between callers and cancellable.
import * as assert from 'assert';
import * as path from 'path';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';
import { fingerprint } from '../../../src/core/detection';
import { FirstCommitIndex } from '../../../src/workspace/git/firstCommit';
import { Repo } from './repo';

describe('FirstCommitIndex (editor: "also in git history")', function () {
  this.timeout(60_000);
  const repos: Repo[] = [];
  after(() => repos.forEach((r) => r.dispose()));

  it('finds the commit and date that first added a value to the file, across a rename, and nothing for a value never committed', async () => {
    const r = new Repo();
    repos.push(r);
    const sid = fakeAccountSid(), t = fakeAuthToken();
    r.write('old.js', `const client = twilio('${sid}', '${t}');\n`).add('.');
    const first = r.commit('one', '2026-03-02T10:00:00+00:00');
    r.git('mv', 'old.js', 'sms.js');
    r.write('sms.js', `// moved\nconst client = twilio('${sid}', '${t}');\n`);
    r.commit('rename', '2026-04-01T10:00:00+00:00');
    const index = new FirstCommitIndex();
    const fc = await index.lookup(path.join(r.dir, 'sms.js'), fingerprint(t));
    assert.deepStrictEqual(fc, { commit: first, date: '2026-03-02T10:00:00+00:00', path: 'old.js' });
    assert.strictEqual(await index.lookup(path.join(r.dir, 'sms.js'), fingerprint(fakeAuthToken())), undefined);
    assert.strictEqual(index.running, 0);
    index.dispose();
  });

  it('answers two files looked up at the same time (each lookup finishes)', async () => {
    const r = new Repo();
    repos.push(r);
    const a = fakeAuthToken(), b = fakeAuthToken();
    r.write('a.js', `const authToken = '${a}';\n`).write('sub/b.js', `const authToken = '${b}';\n`).add('.');
    const c = r.commit('both');
    const index = new FirstCommitIndex();
    const [fa, fb] = await Promise.all([index.lookup(path.join(r.dir, 'a.js'), fingerprint(a)), index.lookup(path.join(r.dir, 'sub', 'b.js'), fingerprint(b))]);
    assert.deepStrictEqual([fa?.commit, fb?.commit, fb?.path], [c, c, 'sub/b.js']);
    index.dispose();
  });

  it('asks again after a new commit (cache keyed by HEAD)', async () => {
    const r = new Repo();
    repos.push(r);
    r.write('a.js', 'const x = 1;\n').add('.');
    r.commit('clean');
    const index = new FirstCommitIndex(0); // HEAD read anew each time
    const t = fakeAuthToken();
    assert.strictEqual(await index.lookup(path.join(r.dir, 'a.js'), fingerprint(t)), undefined);
    r.write('a.js', `const authToken = '${t}';\n`);
    const c = r.commit('leak', '2026-05-05T00:00:00+00:00');
    assert.strictEqual((await index.lookup(path.join(r.dir, 'a.js'), fingerprint(t)))?.commit, c);
    index.dispose();
  });

  it('rejects with AbortError when the caller cancels, and kills the lookup nobody waits for', async () => {
    const r = new Repo();
    repos.push(r);
    r.write('a.js', `const authToken = '${fakeAuthToken()}';\n`).add('.');
    r.commit('c');
    const index = new FirstCommitIndex();
    const controller = new AbortController();
    const p = index.lookup(path.join(r.dir, 'a.js'), 'tc1:0000000000000000', controller.signal);
    controller.abort();
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    assert.strictEqual(index.running, 0);
    index.dispose();
  });

  it('answers undefined outside a repository', async () => {
    const index = new FirstCommitIndex();
    assert.strictEqual(await index.lookup(path.join(require('os').tmpdir(), 'nowhere', 'x.js'), 'tc1:0000000000000000'), undefined);
  });
});
