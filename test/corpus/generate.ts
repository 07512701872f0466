// Generates the labelled accuracy corpus (and the bulk tree for the throughput benchmark) from
// the templates, with every credential-shaped value drawn from a seeded PRNG: the same seed gives
// the same corpus, and nothing realistic is ever committed.
//
//   node out/test/corpus/generate.js --out DIR [--seed N] [--instances N]
// writes the files under DIR plus DIR/labels.json ({ path, labels: [{kind, start, end, line}] }).

import * as fs from 'fs';
import * as path from 'path';
import { NEGATIVE_TEMPLATES, POSITIVE_TEMPLATES, Template } from './templates';

export type LabelKind = 'twilio-auth-token' | 'twilio-api-key-secret' | 'twilio-account-sid' | 'twilio-api-key-sid';

export interface Label {
  kind: LabelKind;
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

export interface CorpusFile {
  path: string;
  family: string;
  text: string;
  labels: Label[];
}

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Gen {
  constructor(readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  hex(n = 32): string {
    return this.chars(HEX, n);
  }
  /** 32 letters and digits with both cases and a digit, like a real API key secret. */
  secret(): string {
    for (;;) {
      const s = this.chars(ALNUM, 32);
      if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) return s;
    }
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

const FILLER_LINES = [
  'function helper(value) {', '  return value * 2;', '}', '// keep this in sync with the docs', 'const limit = 100;',
  'if (!items.length) return [];', 'for (const item of items) total += item.price;', 'logger.info("ready");',
  'def handler(event, context):', '    return {"statusCode": 200}', 'import json', 'x = [i for i in range(10)]',
  '# configuration follows', 'timeout: 30', 'retries: 3', 'public void run() { }', 'let total = 0;',
];

/** A long single line of minified-looking code, hash-free. */
export function minified(g: Gen, approxLength: number): string {
  const parts = ['function(e,t,n){"use strict";', 'var r=n(12),o=n(7);', 'e.exports=function(a){return a&&a.__esModule?a:{default:a}};', 'for(var i=0;i<t.length;i++)o[i]=r(t[i]);', 'Object.defineProperty(t,"__esModule",{value:!0});', 'var s=function(){return Date.now()};'];
  let s = '';
  while (s.length < approxLength) s += g.pick(parts);
  return s;
}

/** Fills one template; returns the text and the labels of the expected findings. */
export function instantiate(t: Template, g: Gen, n: number): CorpusFile {
  const quote = g.pick(["'", '"']);
  let text = '';
  const labels: Label[] = [];
  const emit = (value: string, kind?: LabelKind): void => {
    if (kind) labels.push({ kind, start: text.length, end: text.length + value.length, line: 0 });
    text += value;
  };
  // Some files start with unrelated lines so values do not always sit at the same offsets.
  const body = t.body;
  // Files whose first line means something (JSON, a CSV header, a shebang) start with it.
  const lead = /\.(?:json|ipynb|csv|tsv)$/.test(t.path) || t.body.startsWith('<?php') || t.body.startsWith('#!') ? 0 : g.int(3);
  for (let i = 0; i < lead; i++) {
    const line = g.pick(FILLER_LINES);
    text += t.path.endsWith('.py') || t.path.endsWith('.yml') || t.path.endsWith('.yaml') || t.path.includes('.env') || t.path.endsWith('.sh') || t.path.endsWith('.properties') || t.path.endsWith('.ini') || t.path.endsWith('.toml') || t.path.endsWith('.rb') ? `# ${line.replace(/#/g, '')}\n` : `// ${line}\n`;
  }
  const markers = /⟦([^⟧]*)⟧/g;
  let last = 0;
  const picks = new Map<string, string>();
  for (let m = markers.exec(body); m; m = markers.exec(body)) {
    text += body.slice(last, m.index);
    last = m.index + m[0].length;
    const name = m[1];
    if (name === 'T') emit(g.hex(), 'twilio-auth-token');
    else if (name === 'S') emit(g.secret(), 'twilio-api-key-secret');
    else if (name === 'AC') emit('AC' + g.hex(), 'twilio-account-sid');
    else if (name === 'SK') emit('SK' + g.hex(), 'twilio-api-key-sid');
    else if (name === 'h') emit(g.hex());
    else if (name === 'a') emit(g.secret());
    else if (name === 'h40') emit(g.hex(40));
    else if (name === 'h64') emit(g.hex(64));
    else if (name === 'uuid') emit(g.uuid());
    else if (name.startsWith('X:')) emit(name.slice(2) + g.hex());
    else if (name.startsWith('B:')) {
      // `Authorization: Basic …`: base64 of `user:password`. B:T = Account SID + Auth Token,
      // B:S = API key SID + secret (both expected findings, at the base64 value); B:user = an
      // ordinary user name with a 32-hex password, B:ph = an Account SID with a placeholder.
      const which = name.slice(2);
      const pair = which === 'T' ? `AC${g.hex()}:${g.hex()}` : which === 'S' ? `SK${g.hex()}:${g.secret()}` : which === 'user' ? `admin:${g.hex()}` : `AC${g.hex()}:${'x'.repeat(32)}`;
      emit(btoa(pair), which === 'T' ? 'twilio-auth-token' : which === 'S' ? 'twilio-api-key-secret' : undefined);
    }
    else if (name === 'q') emit(quote);
    else if (name === 'n') emit(String(n));
    else if (name === 'minified') emit(minified(g, 2000 + g.int(20000)));
    else if (name.startsWith('p:')) {
      // The same alternatives in one file pick the same name (a variable declared then used).
      if (!picks.has(name)) picks.set(name, g.pick(name.slice(2).split('|')));
      emit(picks.get(name)!);
    } else throw new Error(`unknown marker ${m[0]} in ${t.path}`);
  }
  text += body.slice(last);
  for (const l of labels) l.line = countLines(text, l.start);
  return { path: t.path.replace(/⟦n⟧/g, String(n)), family: t.family, text, labels };
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The whole corpus: every template `instances` times with fresh values. */
export function generateCorpus(seed = 20240601, instances = 6): CorpusFile[] {
  const g = new Gen(prng(seed));
  const files: CorpusFile[] = [];
  for (const t of [...POSITIVE_TEMPLATES, ...NEGATIVE_TEMPLATES]) {
    for (let n = 1; n <= instances; n++) files.push(instantiate(t, g, n));
  }
  return files;
}

/**
 * A source tree of about `bytes` bytes for throughput measurements: mostly ordinary code (no
 * long alphanumeric runs), with a corpus file dropped in now and then. Returns the file count.
 */
export interface TreeOptions {
  /** Put about a third of the files under nested `node_modules` folders (`a/node_modules/b/node_modules/c`). */
  nodeModules?: boolean;
  /** This many large files (minified bundles of 2-6 MB) among the others. */
  largeFiles?: number;
}

export function generateTree(dir: string, bytes: number, seed = 7, options: TreeOptions = {}): number {
  const g = new Gen(prng(seed));
  const corpus = generateCorpus(seed, 2);
  let written = 0, count = 0;
  for (let i = 0; i < (options.largeFiles ?? 0); i++) {
    const sub = path.join(dir, `dist${i}`);
    fs.mkdirSync(sub, { recursive: true });
    const text = minified(g, (2 + (i % 5)) * 1024 * 1024);
    fs.writeFileSync(path.join(sub, `bundle${i}.min.js`), text);
    written += text.length;
    count++;
  }
  while (written < bytes) {
    const nested = options.nodeModules && count % 3 === 0 ? path.join('node_modules', `dep${count % 11}`, 'node_modules', `sub${count % 5}`) : '';
    const sub = path.join(dir, `pkg${count % 97}`, nested, `mod${count % 13}`);
    fs.mkdirSync(sub, { recursive: true });
    let text: string;
    let name: string;
    if (count % 50 === 0) {
      const f = corpus[count / 50 % corpus.length];
      text = f.text;
      name = `c${count}-${path.basename(f.path)}`;
    } else {
      const target = 2000 + g.int(40000);
      const lines: string[] = [];
      let size = 0;
      while (size < target) {
        const line = '  '.repeat(g.int(4)) + g.pick(BULK_LINES).replace(/\$N/g, String(g.int(1000)));
        lines.push(line);
        size += line.length + 1;
      }
      text = lines.join('\n') + '\n';
      name = `file${count}.${g.pick(['js', 'ts', 'py', 'go', 'java', 'rb', 'md', 'json', 'yml'])}`;
    }
    fs.writeFileSync(path.join(sub, name), text);
    written += Buffer.byteLength(text);
    count++;
  }
  return count;
}

const BULK_LINES = [
  'export function compute$N(input: number[]): number {', 'return input.reduce((a, b) => a + b, $N);', '}',
  'const result$N = await fetchData(`/api/items/${id}`);', 'if (result$N.status !== 200) throw new Error("failed");',
  'import { useState, useEffect } from "react";', '// TODO: handle the empty case before release $N',
  'def process_item_$N(item, retries=3):', 'return {"id": item.id, "name": item.name, "count": $N}',
  'func (s *Server) Handle$N(w http.ResponseWriter, r *http.Request) {', 'log.Printf("request %s took %dms", r.URL.Path, $N)',
  'public static List<String> names$N = new ArrayList<>();', 'private final Map<String, Integer> counts = new HashMap<>();',
  '  - name: step-$N', '    run: npm test -- --grep "integration"', '"description": "A short description of item $N",',
  'The quick brown fox jumps over the lazy dog, sentence $N of the documentation.', 'SELECT id, name FROM users WHERE id = $N;',
  'assert.strictEqual(parse("a=b"), { a: "b" }, "case $N");', 'el.addEventListener("click", () => setOpen(!open));',
];

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = arg('--out');
  if (!out) {
    console.error('usage: generate --out DIR [--seed N] [--instances N]');
    process.exit(2);
  }
  const files = generateCorpus(Number(arg('--seed') ?? 20240601), Number(arg('--instances') ?? 6));
  for (const f of files) {
    const p = path.join(out, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
  fs.writeFileSync(path.join(out, 'labels.json'), JSON.stringify(files.map((f) => ({ path: f.path, family: f.family, labels: f.labels })), null, 1));
  console.log(`wrote ${files.length} files to ${out}`);
}

// Bundled into the benchmark too, where it must not run: only when it is the script itself.
if (require.main === module && /generate\.[jt]s$/.test(process.argv[1] ?? '')) main(process.argv.slice(2));
