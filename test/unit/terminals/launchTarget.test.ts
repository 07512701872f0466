// Debug and task variables go only to launch configurations and tasks the workspace's own files
// define: VS Code passes what it is resolving (a configuration, or a task's variables), and it is
// checked against launch.json and tasks.json. Anything built elsewhere gets nothing.
import * as assert from 'node:assert/strict';
import { asksFor, definedLaunchConfig, definesTaskVariables, launchTargetOf, templateMatches } from '../../../src/features/terminals/launchTarget';

const SECRET_VAR = '${command:twilioCredentials.apiSecret}';
const KEY_VAR = '${command:twilioCredentials.apiKey}';

const launchJson = [
  { type: 'node', request: 'launch', name: 'Send SMS', program: '${workspaceFolder}/send.js', env: { SMS_SECRET: SECRET_VAR, SMS_KEY: KEY_VAR }, twilioCredentials: true },
  { type: 'node', request: 'launch', name: 'Other', program: '/abs/other.js' },
];

describe('launch targets', () => {
  it('tells a launch configuration and a task\'s variables from anything else', () => {
    assert.deepEqual(launchTargetOf({ type: 'node', request: 'launch', name: 'x' }), { kind: 'launch', name: 'x', config: { type: 'node', request: 'launch', name: 'x' } });
    assert.deepEqual(launchTargetOf([SECRET_VAR, '/abs']), { kind: 'task', variables: [SECRET_VAR, '/abs'] });
    for (const other of [undefined, null, 'x', 42, {}, { type: 'node' }, [1], { type: 'node', request: 'launch', name: 3 }]) {
      assert.equal(launchTargetOf(other), undefined, JSON.stringify(other));
    }
  });

  it('matches a configuration as VS Code resolves it, variable by variable', () => {
    // Mid-resolution: the workspace folder and the key are resolved, the secret not yet; a debugger added a key of its own.
    const resolving = { ...launchJson[0], program: '/work/ws/send.js', env: { SMS_SECRET: SECRET_VAR, SMS_KEY: 'SK-as-resolved' }, __configurationTarget: 5, cwd: '/work/ws' };
    assert.equal(definedLaunchConfig(launchJson, resolving), launchJson[0]);
    assert.equal(definedLaunchConfig(launchJson, { ...resolving, type: 'pwa-node' }), launchJson[0], 'js-debug\'s name for the node type');
    assert.equal(definedLaunchConfig(launchJson, { ...resolving, type: 'python' }), undefined);
    assert.ok(asksFor(launchJson[0], SECRET_VAR));
    assert.ok(!asksFor(launchJson[1], SECRET_VAR));
  });

  it('gives nothing to a configuration no workspace file defines, or one changed where the file fixes a value', () => {
    const built = { type: 'node', request: 'launch', name: 'Send SMS', program: '/tmp/steal.js', env: { SMS_SECRET: SECRET_VAR }, twilioCredentials: true };
    assert.equal(definedLaunchConfig(launchJson, built), undefined, 'program does not fit "${workspaceFolder}/send.js"');
    assert.equal(definedLaunchConfig(launchJson, { ...launchJson[1], name: 'Renamed' }), undefined);
    assert.equal(definedLaunchConfig(launchJson, { type: 'node', request: 'launch', name: 'Other' }), undefined, 'a key the file has is missing');
    assert.equal(definedLaunchConfig([], launchJson[0]), undefined);
    assert.equal(definedLaunchConfig(launchJson, { ...launchJson[1], program: '/abs/other.js.evil' }), undefined, 'literal text matches whole');
  });

  it('matches template text literally outside its variables', () => {
    assert.ok(templateMatches('${workspaceFolder}/a.js', '/w/a.js'));
    assert.ok(!templateMatches('${workspaceFolder}/a.js', '/w/b.js'));
    assert.ok(templateMatches('x(.*)${env:HOME}', 'x(.*)/root'), 'regular-expression characters in the file are text');
    assert.ok(!templateMatches('x(.*)${env:HOME}', 'xyz/root'));
    assert.ok(templateMatches(['a', '${x}'], ['a', 'b']));
    assert.ok(!templateMatches(['a'], ['a', 'b']));
    assert.ok(!templateMatches({ a: 1 }, [1]));
    assert.ok(templateMatches(true, true));
    assert.ok(!templateMatches(true, 'true'));
  });

  it('gives a task\'s variables only when a tasks.json task asks for this variable and every one still pending', () => {
    const tasks = [{ label: 'sms', type: 'shell', command: 'node send.js', options: { env: { K: KEY_VAR, S: SECRET_VAR } } }];
    assert.ok(definesTaskVariables(tasks, ['/resolved/folder', KEY_VAR, SECRET_VAR], SECRET_VAR));
    assert.ok(!definesTaskVariables(tasks, [SECRET_VAR, '${command:evil.other}'], SECRET_VAR), 'a variable no task has');
    assert.ok(!definesTaskVariables(tasks, [KEY_VAR], SECRET_VAR), 'must be resolving this very variable');
    assert.ok(!definesTaskVariables([], [SECRET_VAR], SECRET_VAR));
  });
});
