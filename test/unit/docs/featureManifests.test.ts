// package.json is a contract with the features' tables (each feature's manifest.ts, see
// src/platform/featureManifest.ts), held both ways: every command, view and activation event it
// declares is in exactly one table and every table's entry is in it; every menu clause on
// `viewItem` names rows the tree really produces, and offers each command on exactly the rows its
// table says. The rows are those the tree's own item builders (src/surfaces/tree/treeItems.ts, and
// the Functions group's src/surfaces/tree/functionsItems.ts) produce. And no feature runs another feature's command through executeCommand: it calls it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { AnyFeatureManifest } from '../../../src/core/util/featureManifest';
import { accountsManifest } from '../../../src/features/accounts/manifest';
import { keysManifest } from '../../../src/features/keys/manifest';
import { authTokenManifest } from '../../../src/features/authToken/manifest';
import { replaceManifest } from '../../../src/features/replace/manifest';
import { profilesManifest } from '../../../src/features/profiles/manifest';
import { terminalsManifest } from '../../../src/features/terminals/manifest';
import { authManifest } from '../../../src/features/auth/manifest';
import { functionsManifest } from '../../../src/features/functions/manifest';
import { accountsViewManifest } from '../../../src/surfaces/tree/manifest';
import { detectionManifest } from '../../../src/surfaces/editor/manifest';
import { credentialsManifest } from '../../../src/features/credentials/manifest';
import { reportManifest } from '../../../src/features/report/manifest';
import { credentialGroupItem } from '../../../src/surfaces/tree/credentialNodes';
import { accountCredentialItem, credentialMessageItem, pushCredentialItem } from '../../../src/surfaces/tree/credentialRows';
import { accountItem, grantItem, keyItem, loadMoreItem, messageItem, subaccountItem, subaccountsItem } from '../../../src/surfaces/tree/treeItems';
import { environmentItem, functionsMessageItem, moreItem, serviceItem, variableItem } from '../../../src/surfaces/tree/functionsItems';
import { groupItem, type FunctionsEnvironmentNode, type FunctionsGroupNode, type FunctionsServiceNode } from '../../../src/surfaces/tree/functionsNodes';
import type { VariableCredential } from '../../../src/core/twilio/variableKinds';
import { allRows, Row, type KeyRowType } from '../../../src/core/util/treeRows';
import type { AccountRecord } from '../../../src/services/model';
import type { AccountInfo } from '../../../src/core/twilio/types';
import { fakeAccountSid, fakeHex, fakeKeySid } from '../../support/fakeCredentials';

const root = path.resolve(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Each table, by the file it lives in (relative to src/). */
const MANIFESTS: Record<string, AnyFeatureManifest> = {
  'features/accounts/manifest.ts': accountsManifest,
  'features/keys/manifest.ts': keysManifest,
  'features/authToken/manifest.ts': authTokenManifest,
  'features/replace/manifest.ts': replaceManifest,
  'features/profiles/manifest.ts': profilesManifest,
  'features/terminals/manifest.ts': terminalsManifest,
  'features/auth/manifest.ts': authManifest,
  'features/functions/manifest.ts': functionsManifest,
  'surfaces/tree/manifest.ts': accountsViewManifest,
  'surfaces/editor/manifest.ts': detectionManifest,
  'features/credentials/manifest.ts': credentialsManifest,
  'features/report/manifest.ts': reportManifest,
};
const tables = Object.values(MANIFESTS);
/** A table's commands as [id, declaration] pairs. */
const commandsOf = (t: AnyFeatureManifest) => Object.entries(t.commands) as Array<[string, { rows?: readonly string[] }]>;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? sources(rel) : e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** The contextValues the tree's item builders give, over every input that changes one. */
function producedRows(): Set<string> {
  const account = (over: Partial<AccountRecord> = {}): AccountRecord => ({ accountSid: fakeAccountSid(), label: 'A', auth: 'authToken', connectedAt: '', storedKeySids: [], ...over }) as AccountRecord;
  const info: AccountInfo = { sid: fakeAccountSid(), friendlyName: 'Sub', status: 'active' } as AccountInfo;
  const out = new Set<string>();
  const add = (item: { contextValue?: string }) => out.add(String(item.contextValue));
  for (const hasError of [false, true]) {
    for (const auth of ['authToken', 'apiKey'] as const) {
      add(accountItem(account({ auth }), hasError));
      add(accountItem(account({ auth, parentAccountSid: fakeAccountSid() }), hasError));
    }
  }
  for (const type of ['main', 'standard', 'restricted'] as KeyRowType[]) {
    for (const secretStored of [false, true])
      for (const usedByExtension of [false, true])
        for (const usedInTerminals of [false, true]) add(keyItem(account(), { sid: fakeKeySid(), friendlyName: 'k', type }, { secretStored, usedByExtension, usedInTerminals, envReferences: [] }));
  }
  add(subaccountItem(info, account()));
  add(subaccountsItem(account()));
  add(loadMoreItem(fakeAccountSid(), false, 1));
  add(messageItem({ kind: 'message', account: account(), message: 'm', icon: 'info' }));
  for (const contextValue of [Row.secondaryAuthToken, Row.authTokenUnknown, Row.credentials, Row.retry]) add(messageItem({ kind: 'message', account: account(), message: 'm', icon: 'info', contextValue }));
  functionsRows(account()).forEach(add);
  for (const keySid of [fakeKeySid(), undefined]) add(grantItem(account(), { keySid }, undefined));
  // The credential groups (issue 20): group rows, each kind of credential, and their message rows.
  for (const group of ['account', 'push'] as const) add(credentialGroupItem({ kind: 'credentialGroup', account: account(), group }, undefined));
  const dates = (iso: string) => ({ dateCreated: new Date(iso), dateUpdated: new Date(iso) });
  for (const kind of ['publicKey', 'aws'] as const) {
    add(accountCredentialItem({ kind: 'accountCredential', account: account(), credential: { sid: 'CR' + fakeHex(), accountSid: fakeAccountSid(), friendlyName: 'c', kind, ...dates('2025-01-01') } }, 90));
  }
  for (const [type, iso] of [['apn', '2025-01-01'], ['fcm', '2025-01-01'], ['fcm', '2023-01-01'], ['gcm', '2025-01-01'], ['a type Twilio adds later', '2025-01-01']]) {
    add(pushCredentialItem({ kind: 'pushCredential', account: account(), credential: { sid: 'CR' + fakeHex(), accountSid: fakeAccountSid(), friendlyName: 'p', type, ...dates(iso) } }));
  }
  for (const contextValue of [undefined, Row.credentials, Row.retry]) add(credentialMessageItem({ kind: 'credentialMessage', account: account(), group: 'push', message: 'm', icon: 'info', contextValue }));
  return out;
}

/** What a Functions variable can hold: one of each kind (a kind missing here does not compile). */
const HOLDS: Record<VariableCredential['kind'], VariableCredential> = {
  authToken: { kind: 'authToken', accountSid: fakeAccountSid(), description: 'd' },
  keySecret: { kind: 'keySecret', accountSid: fakeAccountSid(), keySid: fakeKeySid(), description: 'd' },
  accountSid: { kind: 'accountSid', sid: fakeAccountSid(), description: 'd' },
  keySid: { kind: 'keySid', sid: fakeKeySid(), description: 'd' },
  unknownSecret: { kind: 'unknownSecret', length: 32, description: 'd' },
};

/** The rows of the Functions group's item builders (src/surfaces/tree/functionsItems.ts). */
function functionsRows(account: AccountRecord): Array<{ contextValue?: string }> {
  const group: FunctionsGroupNode = { kind: 'functions', account };
  const service: FunctionsServiceNode = { kind: 'functionsService', account, service: { sid: 'ZS1', uniqueName: 's', friendlyName: 'S', includeCredentials: true, domainBase: 's' } };
  const environment: FunctionsEnvironmentNode = { ...service, kind: 'functionsEnvironment', environment: { sid: 'ZE1', serviceSid: 'ZS1', uniqueName: 'e', domainSuffix: '', domainName: 's.twil.io' } };
  const rows = [groupItem(group), serviceItem(service), environmentItem(environment)];
  for (const holds of Object.values(HOLDS)) rows.push(variableItem({ ...environment, kind: 'functionsVariable', variable: { sid: 'ZV1', serviceSid: 'ZS1', environmentSid: 'ZE1', key: 'K', holds } }));
  for (const parent of [group, service, environment]) {
    rows.push(moreItem({ kind: 'functionsMore', account, parent, loading: false, listed: 1 }));
    for (const contextValue of [undefined, Row.credentials, Row.retry]) rows.push(functionsMessageItem({ kind: 'functionsMessage', account, parent, message: 'm', icon: 'info', contextValue }));
  }
  return rows;
}

/** The `viewItem` terms of a when-clause as one test; undefined when it has none. */
function viewItemTest(when: string): ((row: string) => boolean) | undefined {
  const terms = when.split('&&').map((t) => t.trim()).filter((t) => /\bviewItem\b/.test(t));
  if (!terms.length) return undefined;
  const tests = terms.map((t) => {
    let m = /^viewItem\s*(==|!=)\s*(\S+)$/.exec(t);
    if (m) {
      const [, op, value] = m;
      return (row: string) => (row === value) === (op === '==');
    }
    m = /^viewItem\s*(not\s+)?=~\s*\/(.*)\/([a-z]*)$/.exec(t);
    if (m) {
      const [, not, source, flags] = m;
      const re = new RegExp(source, flags);
      return (row: string) => re.test(row) !== !!not;
    }
    throw new Error(`a viewItem clause this test cannot read: ${t}`);
  });
  return (row) => tests.every((f) => f(row));
}

const contextMenus: Array<{ command: string; when: string }> = pkg.contributes.menus['view/item/context'];

describe('package.json and the features’ tables', () => {
  it('the tree produces exactly the rows the row vocabulary names', () => {
    assert.deepStrictEqual([...producedRows()].sort(), [...allRows()].sort());
  });

  it('every file named manifest.ts under src/ is one of the tables read here', () => {
    const found = sources('src').filter((f) => f.endsWith('/manifest.ts')).map((f) => f.slice('src/'.length));
    assert.deepStrictEqual(found.sort(), Object.keys(MANIFESTS).sort());
  });

  it('each contributed command is in exactly one table, and each table’s command is contributed', () => {
    const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
    const inTables = tables.flatMap((t) => commandsOf(t).map(([id]) => id));
    assert.strictEqual(new Set(inTables).size, inTables.length, `a command in two tables: ${inTables.filter((id, i) => inTables.indexOf(id) !== i).join(', ')}`);
    assert.deepStrictEqual([...inTables].sort(), [...contributed].sort());
  });

  it('the views are the tables’ views, and every menu names one of them', () => {
    const views: string[] = Object.values(pkg.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id);
    const inTables = tables.flatMap((t) => t.views ?? []);
    assert.deepStrictEqual([...views].sort(), [...inTables].sort());
    const named = Object.values(pkg.contributes.menus as Record<string, Array<{ when?: string }>>).flat().flatMap((e) => [...(e.when ?? '').matchAll(/\bview\s*==\s*([\w.-]+)/g)].map((m) => m[1]));
    assert.ok(named.length > 0, 'the menus are read');
    assert.deepStrictEqual(named.filter((v) => !inTables.includes(v)), []);
  });

  it('the activation events are the tables’ (each with why), both ways', () => {
    const inTables = tables.flatMap((t) => Object.entries(t.activationEvents ?? {}));
    for (const [event, why] of inTables) assert.ok(why.length > 10, `${event} says why it is needed`);
    assert.deepStrictEqual([...(pkg.activationEvents as string[])].sort(), inTables.map(([e]) => e).sort());
  });

  it('every viewItem clause of a context menu names rows the tree produces', () => {
    const rows = producedRows();
    const dead = contextMenus.filter((e) => {
      const test = viewItemTest(e.when);
      return test && ![...rows].some(test);
    });
    assert.deepStrictEqual(dead, [], 'menu entries no row can match');
    for (const e of contextMenus) {
      for (const [, value] of e.when.matchAll(/\bviewItem\s*==\s*(\S+)/g)) assert.ok(rows.has(value), `${e.command}: no row has the contextValue ${value}`);
    }
  });

  it('each command is offered on exactly the rows its table names, both ways', () => {
    const rows = [...producedRows()];
    for (const table of tables) {
      for (const [id, declared] of commandsOf(table)) {
        const offered = new Set<string>();
        for (const e of contextMenus.filter((m) => m.command === id)) {
          const test = viewItemTest(e.when);
          assert.ok(test, `${id}: a context-menu entry without a viewItem clause`);
          rows.filter(test).forEach((r) => offered.add(r));
        }
        for (const r of declared.rows ?? []) assert.ok(rows.includes(r), `${id}: the table names ${r}, which no row has`);
        assert.deepStrictEqual([...offered].sort(), [...(declared.rows ?? [])].sort(), `${id} (${table.feature}): package.json's menus against the table`);
      }
    }
  });

  it('a feature runs only its own commands through executeCommand; others it calls', () => {
    const own = new Map(tables.map((t) => [t.feature, new Set(commandsOf(t).map(([id]) => id.replace(/^twilioCredentials\./, '')))]));
    const crossing: string[] = [];
    for (const file of sources('src/features')) {
      const feature = file.split('/')[2];
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [, name] of text.matchAll(/executeCommand(?:<[^>]*>)?\(\s*Command\.(\w+)/g)) {
        if (!own.get(feature)?.has(name)) crossing.push(`${file}: ${name}`);
      }
      assert.doesNotMatch(text, /executeCommand(?:<[^>]*>)?\(\s*['"`]twilioCredentials\./, `${file} names a command by a string`);
    }
    assert.deepStrictEqual(crossing, []);
  });
});
