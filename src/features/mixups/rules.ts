// Credential mix-ups that make Twilio answer a confusing 401/20003 (or nothing at all): a key SID
// where the Account SID belongs and the reverse, half of a key pair, a regional hostname without
// its edge (those stopped working on 2026-04-28), a key the account no longer has. Pure: no
// `vscode`, no I/O; offsets in, offsets out. The editor shows them as diagnostics with quick fixes
// where the fix is certain.

import * as l10n from '@vscode/l10n';
import { parseDotenv, AssignmentEntry } from '../../workspace/dotenv/parse';
import { keyBefore, normalizeName } from '../../core/detection/context';
import { REGIONS } from '../../core/validation/regions';
import type { TextEdit } from './clientRewrite';

export type MixupCode =
  | 'twilio-key-sid-as-account-sid'
  | 'twilio-account-sid-as-key-sid'
  | 'twilio-key-without-secret'
  | 'twilio-secret-without-key'
  | 'twilio-region-without-edge'
  | 'twilio-key-not-found';

export interface MixupFix {
  title: string;
  edits: TextEdit[];
}

export interface Mixup {
  code: MixupCode;
  start: number;
  end: number;
  message: string;
  /** 'warning': Twilio will refuse this; 'information': likely wrong, but another file may complete it. */
  severity: 'warning' | 'information';
  fix?: MixupFix;
  /** For the missing-key rule and its actions: the key and account the lines name. */
  keySid?: string;
  accountSid?: string;
}

export interface VariableNames {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;

type Role = 'accountSid' | 'apiKey' | 'apiSecret' | 'region' | 'edge';

/** What a variable holds, by its name, and the prefix that pairs it with its siblings (`PROD_TWILIO_`). */
export function variableRole(name: string, names?: VariableNames): { role: Role; group: string } | undefined {
  if (names) {
    if (name === names.accountSid) return { role: 'accountSid', group: '' };
    if (name === names.apiKey) return { role: 'apiKey', group: '' };
    if (name === names.apiSecret) return { role: 'apiSecret', group: '' };
  }
  const upper = name.toUpperCase();
  const suffixes: Array<[RegExp, Role]> = [
    [/ACCOUNT_?SID$/, 'accountSid'],
    [/API_?KEY_?SECRET$|API_?SECRET$|KEY_?SECRET$/, 'apiSecret'],
    [/API_?KEY_?SID$|API_?KEY$|KEY_?SID$/, 'apiKey'],
    [/TWILIO_REGION$/, 'region'],
    [/TWILIO_EDGE$/, 'edge'],
  ];
  for (const [re, role] of suffixes) {
    const m = re.exec(upper);
    if (m) {
      const group = upper.slice(0, m.index).replace(/TWILIO_?$/, '');
      return { role, group };
    }
  }
  return undefined;
}

interface EnvVar {
  name: string;
  value: string;
  role: Role;
  group: string;
  /** The value as written, without quotes. */
  start: number;
  end: number;
  /** The whole entry's line, for insertions after it. */
  entryEnd: number;
  eol: string;
}

/** Assignments of a `.env` text with their value offsets; undefined when it does not parse. */
function envVars(text: string, names?: VariableNames): EnvVar[] | undefined {
  const parsed = parseDotenv(text);
  if (!parsed.ok) return undefined;
  // Stryker disable next-line ArrayDeclaration: a stray entry has no role, so every rule filters it out
  const out: EnvVar[] = [];
  let pos = parsed.doc.bom ? 1 : 0;
  for (const e of parsed.doc.entries) {
    if (e.kind === 'assignment') {
      const r = variableRole(e.name, names);
      if (r) {
        const a = e as AssignmentEntry;
        const valueStart = pos + a.lead.length + a.name.length + a.separator.length + (a.quote ? 1 : 0);
        const rawLength = a.rawValue.length - (a.quote ? 2 : 0);
        out.push({
          name: a.name, value: a.value, role: r.role, group: r.group, start: valueStart, end: valueStart + Math.max(0, rawLength),
          entryEnd: pos + a.text.length, eol: a.eol,
        });
      }
    }
    pos += e.text.length + e.eol.length;
  }
  return out;
}

/** The mix-ups in a `.env` file's text. A file that does not parse gets none (the parser reports it). */
export function envMixups(text: string, names?: VariableNames): Mixup[] {
  const vars = envVars(text, names);
  if (!vars) return [];
  const out: Mixup[] = [];
  const groups = new Map<string, EnvVar[]>();
  for (const v of vars) groups.set(v.group, [...(groups.get(v.group) ?? []), v]);
  for (const group of groups.values()) {
    const of = (role: Role) => group.filter((v) => v.role === role);
    const accounts = of('accountSid');
    const keys = of('apiKey');
    const secrets = of('apiSecret');
    const keyInAccount = accounts.filter((v) => KEY_SID.test(v.value));
    const accountInKey = keys.filter((v) => ACCOUNT_SID.test(v.value));
    // Both swapped: the one certain fix is to swap them back.
    const swap = keyInAccount.length === 1 && accountInKey.length === 1 ? swapFix(text, keyInAccount[0], accountInKey[0]) : undefined;
    for (const v of keyInAccount) {
      out.push({
        code: 'twilio-key-sid-as-account-sid', start: v.start, end: v.end, severity: 'warning', fix: swap,
        message: l10n.t('{0} holds an API key SID (SK…), not an Account SID (AC…): Twilio will refuse these credentials (20003).', v.name),
      });
    }
    for (const v of accountInKey) {
      out.push({
        code: 'twilio-account-sid-as-key-sid', start: v.start, end: v.end, severity: 'warning', fix: swap,
        message: l10n.t('{0} holds an Account SID (AC…), not an API key SID (SK…): Twilio will refuse these credentials (20003).', v.name),
      });
    }
    const keySids = keys.filter((v) => KEY_SID.test(v.value));
    if (keySids.length && !secrets.some((s) => s.value !== '')) {
      for (const v of keySids) {
        out.push({
          code: 'twilio-key-without-secret', start: v.start, end: v.end, severity: 'information', keySid: v.value,
          message: l10n.t('{0} names an API key, but no API key secret is set beside it: a key works only with its secret.', v.name),
        });
      }
    }
    for (const s of secrets) {
      if (s.value === '' || !/TWILIO/i.test(s.name)) continue;
      if (keys.some((k) => k.value !== '')) continue;
      out.push({
        code: 'twilio-secret-without-key', start: s.start, end: s.end, severity: 'information',
        message: l10n.t('{0} is an API key secret without its key SID (SK…): set the key SID beside it.', s.name),
      });
    }
    const regions = of('region').filter((v) => v.value !== '' && v.value !== 'us1');
    if (regions.length && !of('edge').some((e) => e.value !== '')) {
      for (const r of regions) {
        const edge = REGIONS.find((x) => x.id === r.value)?.defaultEdge;
        if (!edge) continue;
        const edgeName = r.name.replace(/REGION$/i, (m) => (m === 'REGION' ? 'EDGE' : 'edge'));
        out.push({
          code: 'twilio-region-without-edge', start: r.start, end: r.end, severity: 'warning',
          message: l10n.t('{0}={1} without an edge makes the Twilio libraries call {2}, and regional hostnames without an edge stopped working on 2026-04-28. Set {3}={4}.', r.name, r.value, `api.${r.value}.twilio.com`, edgeName, edge),
          fix: {
            title: l10n.t('Add {0}={1}', edgeName, edge),
            edits: [{ start: r.entryEnd, end: r.entryEnd, text: `${r.eol || eolOf(text)}${edgeName}=${edge}` }],
          },
        });
      }
    }
  }
  return out.concat(hostnameMixups(text)).sort((a, b) => a.start - b.start);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function swapFix(text: string, a: { start: number; end: number }, b: { start: number; end: number }): MixupFix {
  return {
    title: l10n.t('Swap the Account SID and the API key SID'),
    edits: [
      { start: a.start, end: a.end, text: text.slice(b.start, b.end) },
      { start: b.start, end: b.end, text: text.slice(a.start, a.end) },
    ],
  };
}

const REGION_IDS = REGIONS.map((r) => r.id).join('|');
const REGIONAL_HOST = new RegExp(`(?<![\\w.-])([a-z][a-z0-9-]*)\\.(${REGION_IDS})\\.twilio\\.com(?![\\w-])`, 'g');
const EDGES = new Set(REGIONS.map((r) => r.defaultEdge));

/** `api.ie1.twilio.com` and the like (any product), anywhere in any file: the edge form replaces them. */
export function hostnameMixups(text: string): Mixup[] {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; the regular expression finds nothing either
  if (!text.includes('.twilio.com')) return [];
  const out: Mixup[] = [];
  REGIONAL_HOST.lastIndex = 0;
  for (let m = REGIONAL_HOST.exec(text); m; m = REGIONAL_HOST.exec(text)) {
    const [host, product, region] = m;
    if (EDGES.has(product)) continue; // `dublin.ie1.twilio.com` is the tail of an edge form
    const edge = REGIONS.find((r) => r.id === region)!.defaultEdge;
    const fixed = `${product}.${edge}.${region}.twilio.com`;
    out.push({
      code: 'twilio-region-without-edge', start: m.index, end: m.index + host.length, severity: 'warning',
      message: l10n.t('{0} has no edge: regional hostnames without one stopped working on 2026-04-28. Use {1}.', host, fixed),
      fix: { title: l10n.t('Replace with {0}', fixed), edits: [{ start: m.index, end: m.index + host.length, text: fixed }] },
    });
  }
  return out;
}

/** SID literals in code under a name that says the other kind: `accountSid = "SK…"`, `apiKey: "AC…"`. */
export function codeMixups(text: string): Mixup[] {
  const out: Mixup[] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; no SID fits in fewer characters, so the loop finds none either
  if (text.length < 34) return hostnameMixups(text);
  const sidRe = /(?<![A-Za-z0-9_])(AC|SK)[0-9a-fA-F]{32}(?![A-Za-z0-9_])/g;
  const keyInAccount: Array<{ start: number; end: number; name: string }> = [];
  const accountInKey: Array<{ start: number; end: number; name: string }> = [];
  for (let m = sidRe.exec(text); m; m = sidRe.exec(text)) {
    const key = keyBefore(text, m.index);
    if (!key) continue;
    const norm = normalizeName(key.name);
    const span = { start: m.index, end: m.index + m[0].length, name: key.name };
    if (m[1] === 'SK' && /accountsid$/.test(norm)) keyInAccount.push(span);
    else if (m[1] === 'AC' && /(?:apikey|apikeysid|keysid)$/.test(norm)) accountInKey.push(span);
  }
  const swap = keyInAccount.length === 1 && accountInKey.length === 1 ? swapFix(text, keyInAccount[0], accountInKey[0]) : undefined;
  for (const s of keyInAccount) {
    out.push({
      code: 'twilio-key-sid-as-account-sid', start: s.start, end: s.end, severity: 'warning', fix: swap,
      message: l10n.t('{0} holds an API key SID (SK…), not an Account SID (AC…): Twilio will refuse these credentials (20003).', s.name),
    });
  }
  for (const s of accountInKey) {
    out.push({
      code: 'twilio-account-sid-as-key-sid', start: s.start, end: s.end, severity: 'warning', fix: swap,
      message: l10n.t('{0} holds an Account SID (AC…), not an API key SID (SK…): Twilio will refuse these credentials (20003).', s.name),
    });
  }
  return out.concat(hostnameMixups(text)).sort((a, b) => a.start - b.start);
}

/** What the connected account's key list says about a key SID. */
export type KeyPresence = 'present' | 'absent' | 'unknown';

/**
 * Keys named in a `.env` that the account named beside them no longer has. `presence` must answer
 * 'absent' only when the account's whole key list is loaded (never while offline or paging).
 */
export function missingKeyMixups(text: string, presence: (accountSid: string, keySid: string) => KeyPresence, names?: VariableNames): Mixup[] {
  const vars = envVars(text, names);
  if (!vars) return [];
  const out: Mixup[] = [];
  for (const v of vars) {
    if (v.role !== 'apiKey' || !KEY_SID.test(v.value)) continue;
    const account = vars.find((a) => a.role === 'accountSid' && a.group === v.group && ACCOUNT_SID.test(a.value));
    if (!account || presence(account.value, v.value) !== 'absent') continue;
    out.push({
      code: 'twilio-key-not-found', start: v.start, end: v.end, severity: 'warning', keySid: v.value, accountSid: account.value,
      message: l10n.t('Account {0} has no API key {1}: it was deleted or rotated away, so these credentials no longer work.', account.value, v.value),
    });
  }
  return out;
}

export { ageInDays, rotationDue } from './age';
