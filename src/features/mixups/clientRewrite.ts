// Rewrites a Twilio client built with the Auth Token into one built with an API key, for the SDKs
// whose constructors take a key (pure: no `vscode`, no I/O; the editor turns the edits into one
// undoable WorkspaceEdit). Each SDK's key form was checked against Twilio's own sources and
// snippets (TwilioDevEd/api-snippets `api-auth/*`, twilio-go `twilio.go`, twilio-python's Client
// signature) on 2026-11-30:
//   twilio-node    twilio(apiKey, apiSecret, { accountSid })      (also `new Twilio(…)`)
//   twilio-python  Client(api_key, api_secret, account_sid)       (3rd positional is account_sid)
//   twilio-ruby    Twilio::REST::Client.new(api_key, api_secret, account_sid)
//   twilio-php     new Client($apiKey, $apiSecret, $accountSid)
//   twilio-java    Twilio.init(apiKey, apiSecret, accountSid)      (Kotlin calls the same method)
//   twilio-csharp  TwilioClient.Init(apiKey, apiSecret, accountSid)
//   twilio-go      twilio.NewRestClientWithParams(twilio.ClientParams{Username: key, Password: secret, AccountSid: sid})
// Swift has no server-side Twilio SDK: nothing to rewrite there.

import { envLookup, LanguageId } from '../../core/detection';

export interface EnvNames {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
}

/** Replace `text[start, end)` by `text`. Edits of one rewrite never overlap. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface ClientRewrite {
  /** The constructor as written (`twilio`, `Client`, `Twilio.init`…). */
  callee: string;
  /** The whole call, for messages and for "is the hardcoded token inside it". */
  start: number;
  end: number;
  edits: TextEdit[];
}

export type RewriteLanguage = 'javascript' | 'typescript' | 'python' | 'ruby' | 'php' | 'java' | 'kotlin' | 'csharp' | 'go';

export function canRewrite(language: LanguageId): language is RewriteLanguage {
  return ['javascript', 'typescript', 'python', 'ruby', 'php', 'java', 'kotlin', 'csharp', 'go'].includes(language);
}

/** Whether the rewritten code needs an import it may lack (`import os`, Go's "os"). */
export function lookupNeedsImport(language: LanguageId): boolean {
  return language === 'python' || language === 'go';
}

interface Arg {
  start: number;
  end: number;
  text: string;
}

interface ArgList {
  args: Arg[];
  /** Offset of the closing bracket (or of the line end for Ruby's call without parentheses). */
  close: number;
  /** Offset just after the last argument's trailing comma, when there is one. */
  trailingComma?: number;
}

const MAX_CALL = 4000;

/**
 * Splits the arguments of the bracket at `open` (`(` or `{`), skipping strings and comments.
 * `lineMode` reads Ruby's `Client.new a, b` up to the end of the line instead.
 */
function readArgs(text: string, open: number, language: RewriteLanguage, lineMode = false): ArgList | undefined {
  const hashComments = language === 'python' || language === 'ruby' || language === 'php';
  const slashComments = language !== 'python' && language !== 'ruby';
  const args: Arg[] = [];
  let depth = 0;
  let argStart = lineMode ? open : open + 1;
  const limit = Math.min(text.length, open + MAX_CALL);
  const push = (end: number) => {
    let s = argStart, e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    args.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = lineMode ? open : open + 1; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(text, i, limit);
      if (end < 0) return undefined;
      i = end;
      continue;
    }
    if (slashComments && c === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i, limit) - 1;
      continue;
    }
    if (slashComments && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0 || end > limit) return undefined;
      i = end + 1;
      continue;
    }
    if (hashComments && c === '#') {
      if (lineMode) {
        push(i);
        return finish(text, args, i);
      }
      i = lineEnd(text, i, limit) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (lineMode) return undefined;
        push(i);
        return finish(text, args, i);
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      push(i);
      argStart = i + 1;
    } else if (lineMode && depth === 0 && (c === '\n' || c === '\r' || c === ';')) {
      push(i);
      return finish(text, args, i);
    }
  }
  if (lineMode && limit === text.length) {
    push(limit);
    return finish(text, args, limit);
  }
  return undefined;
}

function finish(text: string, args: Arg[], close: number): ArgList {
  // `f(a, b,)` or a Go literal whose last field ends with a comma: the empty last "argument".
  const last = args[args.length - 1];
  if (last && last.text === '') {
    args.pop();
    if (!args.length) return { args, close };
    return { args, close, trailingComma: text.indexOf(',', args[args.length - 1].end) + 1 };
  }
  return { args, close };
}

function skipString(text: string, start: number, limit: number): number {
  const q = text[start];
  // Python/Go triple or raw strings are rare in a constructor call; a plain scan handles them.
  for (let i = start + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\' && q !== '`') {
      i++;
      continue;
    }
    if (c === q) return i;
    if ((c === '\n' || c === '\r') && q !== '`') return -1;
  }
  return -1;
}

function lineEnd(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (text[i] === '\n' || text[i] === '\r') return i;
  return limit;
}

/** An argument that already names an API key: the call needs no rewrite. */
const KEY_LIKE = /api_?key|apikey|key_?sid|\bSK[0-9a-fA-F]{32}\b/i;

interface Callee {
  language: RewriteLanguage[];
  pattern: RegExp;
  /** The file must show it uses Twilio's SDK (generic names such as `Client`). */
  requires?: RegExp;
}

const CALLEES: Callee[] = [
  { language: ['javascript', 'typescript'], pattern: /(?<![\w$.])(?:new\s+)?(?:twilio\.Twilio|twilio|Twilio|require\(\s*['"]twilio['"]\s*\))\s*\(/g },
  { language: ['python'], pattern: /(?<![\w.])(?:twilio\.rest\.)?Client\s*\(/g, requires: /\btwilio\.rest\b/ },
  { language: ['ruby'], pattern: /(?<![\w:])(?:::)?Twilio::REST::Client\.new\b/g },
  { language: ['php'], pattern: /\bnew\s+\\?(?:Twilio\\Rest\\)?Client\s*\(/g, requires: /Twilio\\Rest\\Client/ },
  { language: ['java', 'kotlin'], pattern: /(?<![\w.])(?:com\.twilio\.)?Twilio\.init\s*\(/g },
  { language: ['csharp'], pattern: /(?<![\w.])(?:Twilio\.)?TwilioClient\.Init\s*\(/g },
  { language: ['go'], pattern: /(?<![\w.])twilio\.NewRestClient(?:WithParams)?\s*\(/g },
];

/**
 * Every Twilio client construction in `text` that authenticates with the Auth Token (two
 * credential arguments, or none where the SDK then reads TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN),
 * with the edits that make it use `names.apiKey`/`names.apiSecret` from the environment and keep
 * the account SID it had. Calls already given a key, or in a shape we cannot be sure of, are left.
 */
export function planKeyRewrites(text: string, language: LanguageId, names: EnvNames): ClientRewrite[] {
  if (!canRewrite(language)) return [];
  const key = envLookup(language, names.apiKey)!;
  const secret = envLookup(language, names.apiSecret)!;
  const sid = envLookup(language, names.accountSid)!;
  const out: ClientRewrite[] = [];
  let inert: Uint8Array | undefined;
  for (const callee of CALLEES) {
    if (!callee.language.includes(language)) continue;
    if (callee.requires && !callee.requires.test(text)) continue;
    callee.pattern.lastIndex = 0;
    for (let m = callee.pattern.exec(text); m; m = callee.pattern.exec(text)) {
      const start = m.index;
      inert ??= stringsAndComments(text, language);
      if (inert[start]) continue;
      const name = (m[0].endsWith('(') ? m[0].slice(0, -1) : m[0]).trim();
      if (language === 'python' && /\b(?:class|def|import)\s+$/.test(text.slice(Math.max(0, start - 12), start))) continue;
      const rewrite =
        language === 'go'
          ? goRewrite(text, m, key, secret, sid)
          : language === 'ruby'
            ? rubyRewrite(text, m, key, secret)
            : callRewrite(text, language, m.index + m[0].length - 1, key, secret, sid);
      if (rewrite) out.push({ callee: name, start, end: rewrite.end, edits: rewrite.edits });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function callRewrite(text: string, language: RewriteLanguage, open: number, key: string, secret: string, sid: string): { end: number; edits: TextEdit[] } | undefined {
  const list = readArgs(text, open, language);
  if (!list) return undefined;
  const end = list.close + 1;
  const { args } = list;
  const js = language === 'javascript' || language === 'typescript';
  if (args.length === 0) {
    // Only where the SDK falls back to TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN when called bare.
    if (js) return { end, edits: [{ start: open + 1, end: list.close, text: `${key}, ${secret}, { accountSid: ${sid} }` }] };
    if (language === 'python') return { end, edits: [{ start: open + 1, end: list.close, text: `${key}, ${secret}, ${sid}` }] };
    return undefined;
  }
  if (language === 'python') return pythonArgs(args, end, key, secret);
  if (args.length < 2 || KEY_LIKE.test(args[0].text) || KEY_LIKE.test(args[1].text)) return undefined;
  const [user, pass] = args;
  const swap: TextEdit[] = [
    { start: user.start, end: user.end, text: key },
    { start: pass.start, end: pass.end, text: secret },
  ];
  if (js) {
    if (args.length === 2) return { end, edits: [...swap, { start: pass.end, end: pass.end, text: `, { accountSid: ${user.text} }` }] };
    if (args.length !== 3) return undefined;
    const opts = args[2];
    if (/\baccountSid\b/.test(opts.text)) return undefined;
    if (/^\{\s*\}$/.test(opts.text)) return { end, edits: [...swap, { start: opts.start, end: opts.end, text: `{ accountSid: ${user.text} }` }] };
    if (opts.text.startsWith('{')) {
      const inner = /^\{\s*/.exec(opts.text)![0];
      const multiline = inner.includes('\n');
      const indent = multiline ? inner.slice(inner.lastIndexOf('\n')) : ' ';
      return { end, edits: [...swap, { start: opts.start + 1, end: opts.start + inner.length, text: `${multiline ? indent : ' '}accountSid: ${user.text},${indent}` }] };
    }
    if (/^[\w$.]+$/.test(opts.text)) return { end, edits: [...swap, { start: opts.start, end: opts.end, text: `{ ...${opts.text}, accountSid: ${user.text} }` }] };
    return undefined;
  }
  // Ruby/PHP/Java/Kotlin/C#: (username, password) becomes (key, secret, accountSid).
  if (args.length !== 2) return undefined;
  return { end, edits: [...swap, { start: pass.end, end: pass.end, text: `, ${user.text}` }] };
}

/** Positional `Client(sid, token, …kwargs)` or keyword `Client(username=…, password=…)`. */
function pythonArgs(args: Arg[], end: number, key: string, secret: string): { end: number; edits: TextEdit[] } | undefined {
  const kw = (a: Arg) => /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(a.text);
  const positional = args.filter((a) => !kw(a));
  if (args.some((a) => kw(a)?.[1] === 'account_sid')) return undefined;
  if (positional.length === 2 && !kw(args[0]) && !kw(args[1])) {
    const [user, pass] = args;
    if (KEY_LIKE.test(user.text) || KEY_LIKE.test(pass.text)) return undefined;
    return {
      end,
      edits: [
        { start: user.start, end: user.end, text: key },
        { start: pass.start, end: pass.end, text: secret },
        { start: pass.end, end: pass.end, text: `, ${user.text}` },
      ],
    };
  }
  if (positional.length === 0) {
    const user = args.find((a) => kw(a)?.[1] === 'username');
    const pass = args.find((a) => kw(a)?.[1] === 'password');
    if (!user || !pass) return undefined;
    const uv = user.text.slice(kw(user)![0].length);
    const pv = pass.text.slice(kw(pass)![0].length);
    if (KEY_LIKE.test(uv) || KEY_LIKE.test(pv)) return undefined;
    const last = args[args.length - 1];
    return {
      end,
      edits: [
        { start: user.start + kw(user)![0].length, end: user.end, text: key },
        { start: pass.start + kw(pass)![0].length, end: pass.end, text: secret },
        { start: last.end, end: last.end, text: `, account_sid=${uv}` },
      ],
    };
  }
  return undefined;
}

function rubyRewrite(text: string, m: RegExpExecArray, key: string, secret: string): { end: number; edits: TextEdit[] } | undefined {
  let i = m.index + m[0].length;
  const parens = /^\s*\(/.exec(text.slice(i, i + 40));
  let list: ArgList | undefined;
  if (parens) {
    list = readArgs(text, i + parens[0].length - 1, 'ruby');
  } else {
    if (!/^[ \t]+\S/.test(text.slice(i, i + 40))) return undefined; // `.new` alone reads Twilio.configure
    while (text[i] === ' ' || text[i] === '\t') i++;
    list = readArgs(text, i, 'ruby', true);
  }
  if (!list || list.args.length !== 2) return undefined;
  const [user, pass] = list.args;
  if (KEY_LIKE.test(user.text) || KEY_LIKE.test(pass.text)) return undefined;
  return {
    end: parens ? list.close + 1 : list.close,
    edits: [
      { start: user.start, end: user.end, text: key },
      { start: pass.start, end: pass.end, text: secret },
      { start: pass.end, end: pass.end, text: `, ${user.text}` },
    ],
  };
}

function goRewrite(text: string, m: RegExpExecArray, key: string, secret: string, sid: string): { end: number; edits: TextEdit[] } | undefined {
  const open = m.index + m[0].length - 1;
  if (!m[0].includes('WithParams')) {
    // twilio.NewRestClient() reads TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: give it the key instead.
    const close = /^\(\s*\)/.exec(text.slice(open, open + 20));
    if (!close) return undefined;
    return {
      end: open + close[0].length,
      edits: [
        { start: m.index, end: open + close[0].length, text: `twilio.NewRestClientWithParams(twilio.ClientParams{Username: ${key}, Password: ${secret}, AccountSid: ${sid}})` },
      ],
    };
  }
  const lit = /^\(\s*&?twilio\.ClientParams\s*\{/.exec(text.slice(open, open + 80));
  if (!lit) return undefined;
  const brace = open + lit[0].length - 1;
  const list = readArgs(text, brace, 'go');
  if (!list) return undefined;
  const field = (name: string) => list.args.find((a) => new RegExp(`^${name}\\s*:`).test(a.text));
  const user = field('Username');
  const pass = field('Password');
  if (!user || !pass || field('AccountSid') || field('ClientCredentialProvider') || field('Client')) return undefined;
  const valueOf = (a: Arg) => {
    const colon = /^\w+\s*:\s*/.exec(a.text)![0].length;
    return { start: a.start + colon, end: a.end, text: a.text.slice(colon) };
  };
  const u = valueOf(user);
  const p = valueOf(pass);
  if (KEY_LIKE.test(u.text) || KEY_LIKE.test(p.text)) return undefined;
  const last = list.args[list.args.length - 1];
  const between = text.slice(last.end, list.close);
  // A literal spread over lines ends each field with a comma: add the field on its own line.
  const multiline = list.trailingComma !== undefined && /\n/.test(between);
  const indent = multiline ? indentOfLine(text, last.start) : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const add = multiline
    ? { start: list.trailingComma!, end: list.trailingComma!, text: `${eol}${indent}AccountSid: ${u.text},` }
    : list.trailingComma !== undefined
      ? { start: list.trailingComma, end: list.trailingComma, text: ` AccountSid: ${u.text},` }
      : { start: last.end, end: last.end, text: `, AccountSid: ${u.text}` };
  return {
    end: list.close + 1,
    edits: [
      { start: u.start, end: u.end, text: key },
      { start: p.start, end: p.end, text: secret },
      add,
    ],
  };
}

/** The blanks that start the line holding `pos` (a loop: a regex here backtracks on long lines). */
function indentOfLine(text: string, pos: number): string {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  let end = start;
  while (end < pos && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end) || '\t';
}

/** Marks every offset inside a string literal or a comment: a call written there is not code. */
function stringsAndComments(text: string, language: RewriteLanguage): Uint8Array {
  const mark = new Uint8Array(text.length);
  const hash = language === 'python' || language === 'ruby' || language === 'php';
  const slash = language !== 'python' && language !== 'ruby';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let end = -1;
    if (c === '"' || c === "'" || c === '`') {
      end = skipString(text, i, text.length);
      if (end < 0) end = lineEnd(text, i, text.length);
    } else if (slash && c === '/' && text[i + 1] === '/') end = lineEnd(text, i, text.length);
    else if (slash && c === '/' && text[i + 1] === '*') {
      end = text.indexOf('*/', i + 2);
      if (end < 0) end = text.length;
      else end++;
    } else if (hash && c === '#') end = lineEnd(text, i, text.length);
    if (end >= 0) {
      mark.fill(1, i, Math.min(text.length, end + 1));
      i = end;
    }
  }
  return mark;
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
