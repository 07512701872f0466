// Command arguments are parsed once, at registration: a tree row, an argument object or nothing
// becomes the handler's typed value, and anything else is one InvalidArgument naming the field.
import * as assert from 'node:assert/strict';
import { accountRef, argsOf, field, InvalidArgument, keyRef, noArgs, treeRowRef, withRequired } from '../../../src/core/util/commandArgs';

const AC = 'AC' + '0'.repeat(32);
const SUB = 'AC' + '1'.repeat(32);
const SK = 'SK' + 'f'.repeat(32);
const account = { accountSid: AC, label: 'Prod', auth: 'authToken', storedKeySids: [], connectedAt: '' };
const rows = {
  account: { kind: 'account', account },
  key: { kind: 'key', account, key: { sid: SK, friendlyName: 'ci', type: 'standard' } },
  subaccount: { kind: 'subaccount', account: { ...account, accountSid: SUB }, parent: account, info: { sid: SUB, friendlyName: 'sub' } },
  message: { kind: 'message', account, message: 'Secondary Auth Token waiting for promotion', icon: 'history', contextValue: 'message.secondaryAuthToken' },
};

const invalid = (f: () => unknown, field: string) =>
  assert.throws(f, (e: unknown) => e instanceof InvalidArgument && e.message.includes(`"${field}"`), `an InvalidArgument naming ${field}`);

describe('command arguments', () => {
  it('nothing means the command asks', () => {
    assert.deepEqual(keyRef(undefined), {});
    assert.deepEqual(keyRef(null), {});
    assert.equal(noArgs({ anything: 1 }), undefined);
  });

  it('a tree row gives the account and key it stands for', () => {
    assert.deepEqual(keyRef(rows.key), { accountSid: AC, keySid: SK });
    assert.deepEqual(keyRef(rows.account), { accountSid: AC });
    assert.deepEqual(accountRef(rows.key), { accountSid: AC }, 'an account command on a key row: its account');
    assert.deepEqual(accountRef(rows.message), { accountSid: AC }, 'a message row: the account it is under');
    assert.equal(treeRowRef({ accountSid: AC }), undefined, 'an argument object is not a row');
  });

  it('a subaccount row names the subaccount, never its parent, and how to record it', () => {
    // Its record may not exist until the row is expanded: the command records it (pickAccount).
    // Before, the row named nothing and a command with one connected account used the parent.
    const sub = { accountSid: SUB, subaccount: { parentSid: AC, friendlyName: 'sub' } };
    assert.deepEqual(accountRef(rows.subaccount), sub);
    assert.deepEqual(keyRef(rows.subaccount), sub, 'no key');
    assert.deepEqual(treeRowRef(rows.subaccount), sub);
    const { account: _drawn, ...notRecorded } = rows.subaccount;
    assert.deepEqual(accountRef(notRecorded), sub, 'read from the row itself, not from the record drawn for it');
    const create = argsOf<{ accountSid?: string; friendlyName?: string }>({ accountSid: field.string, friendlyName: field.string });
    assert.deepEqual(create(rows.subaccount), sub, 'a command taking an account gets the subaccount');
    assert.deepEqual(argsOf<{ friendlyName?: string }>({ friendlyName: field.string })(rows.subaccount), {}, 'a command taking no account gets nothing');
    assert.deepEqual(argsOf<{ accountSid?: string }>({ accountSid: field.string }, { fromRow: false })(rows.subaccount), {});
    invalid(() => accountRef({ kind: 'subaccount', parent: account, info: {} }), 'info.sid');
    invalid(() => accountRef({ kind: 'subaccount', info: { sid: SUB } }), 'parent.accountSid');
    assert.deepEqual(accountRef({ accountSid: SUB, subaccount: { parentSid: AC, friendlyName: 'x' } }), { accountSid: SUB }, 'only a row says how to record a subaccount');
  });

  it('a row answers nothing else, and commands that are not about a row ignore it', () => {
    const parse = argsOf<{ accountSid?: string; confirm?: boolean }>({ accountSid: field.string, confirm: field.boolean });
    assert.deepEqual(parse({ ...rows.account, confirm: true }), { accountSid: AC }, 'a row never confirms');
    const connect = argsOf<{ accountSid?: string; label?: string }>({ accountSid: field.string, label: field.string }, { fromRow: false });
    assert.deepEqual(connect(rows.account), {});
    assert.deepEqual(connect({ accountSid: AC, label: 'Prod' }), { accountSid: AC, label: 'Prod' });
  });

  it('an argument object keeps the fields the command takes, and only those', () => {
    const parse = argsOf<{ accountSid?: string; keySid?: string; confirm?: boolean; permissions?: string[]; ttl?: number; type?: 'standard' | 'restricted' }>({
      accountSid: field.string,
      keySid: field.string,
      confirm: field.boolean,
      permissions: field.strings,
      ttl: field.number,
      type: field.oneOf('standard', 'restricted'),
    });
    assert.deepEqual(parse({ accountSid: AC, keySid: SK, confirm: false, permissions: ['/a'], ttl: 60, type: 'restricted', other: 1 }), {
      accountSid: AC,
      keySid: SK,
      confirm: false,
      permissions: ['/a'],
      ttl: 60,
      type: 'restricted',
    });
    assert.deepEqual(parse({ keySid: undefined }), {}, 'an undefined field is a missing one');
  });

  it('a field of the wrong kind is one InvalidArgument naming it, never echoing the value', () => {
    const parse = argsOf<{ confirm?: boolean; permissions?: string[]; ttl?: number; type?: 'standard' | 'restricted'; grants?: object }>({
      confirm: field.boolean,
      permissions: field.strings,
      ttl: field.number,
      type: field.oneOf('standard', 'restricted'),
      grants: field.object(),
    });
    invalid(() => parse({ confirm: 'yes' }), 'confirm');
    invalid(() => parse({ permissions: ['/a', 2] }), 'permissions');
    invalid(() => parse({ ttl: Number.NaN }), 'ttl');
    invalid(() => parse({ type: 'main' }), 'type');
    invalid(() => parse({ grants: [] }), 'grants');
    const secretish = 'f'.repeat(32);
    assert.throws(
      () => keyRef({ keySid: { value: secretish } }),
      (e: unknown) => e instanceof InvalidArgument && !e.message.includes(secretish),
    );
  });

  it('an argument that is not an object names the fields the command takes', () => {
    assert.throws(() => keyRef('SK123'), (e: unknown) => e instanceof InvalidArgument && /accountSid, keySid/.test(e.message));
    assert.throws(() => keyRef([AC]), InvalidArgument);
  });

  it('required fields: for arguments only the extension itself passes', () => {
    const parse = withRequired(argsOf<{ uri?: string; line?: number }>({ uri: field.string, line: field.number }), 'uri', 'line');
    assert.deepEqual(parse({ uri: 'file:///a', line: 3 }), { uri: 'file:///a', line: 3 });
    assert.throws(() => parse({ uri: 'file:///a' }), (e: unknown) => e instanceof InvalidArgument && /line/.test(e.message));
    assert.throws(() => parse(undefined), InvalidArgument);
  });
});
