// Precision and recall on the rebuilt real set (issue 18), per file kind and overall, for the
// detector (scanBytes, the CLI's judgement) and for the keyword baseline beside it. Reads the
// rebuilt copies (scripts/rebuild-real-set.ts); when they are missing it says how to build them
// and returns, never failing the bench. TUNE is scored by default; HOLDOUT only when asked.

import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MAX_FILE_SIZE } from '../src/cli/args';
import { scanBytes } from '../src/core/detection';
import { KEYWORD_WINDOW_LINES, keywordBaseline } from './keywordBaseline';
import { DEFAULT_OUT_DIR, RealLabels, Split, rebuiltPath } from './realSet';

export interface Counts { tp: number; fp: number; fn: number; precision: number; recall: number }

export interface RealSetReport {
  split: Split;
  files: number;
  secrets: number;
  negatives: number;
  detector: { overall: Counts; byKind: Record<string, Counts>; negativesFlagged: number; kindMismatches: number; skipped: number };
  baseline: { windowLines: number; overall: Counts; byKind: Record<string, Counts>; negativesFlagged: number };
}

function counts(tp: number, fp: number, fn: number): Counts {
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

class Tally {
  private readonly by = new Map<string, [number, number, number]>();
  add(kind: string, which: 0 | 1 | 2): void {
    for (const k of [kind, '(all)']) {
      const t = this.by.get(k) ?? [0, 0, 0];
      t[which]++;
      this.by.set(k, t);
    }
  }
  overall(): Counts {
    const t = this.by.get('(all)') ?? [0, 0, 0];
    return counts(t[0], t[1], t[2]);
  }
  byKind(): Record<string, Counts> {
    const out: Record<string, Counts> = {};
    for (const [k, t] of [...this.by].sort(([a], [b]) => a.localeCompare(b))) if (k !== '(all)') out[k] = counts(t[0], t[1], t[2]);
    return out;
  }
}

/** The report, or undefined when the split has not been rebuilt. `log` receives misses and false positives (never values). */
export function scoreRealSet(root: string, split: Split, opts: { dir?: string; windowLines?: number; log?: (line: string) => void } = {}): RealSetReport | undefined {
  const dir = path.resolve(root, opts.dir ?? DEFAULT_OUT_DIR);
  const labelsFile = path.join(dir, split, 'labels.json');
  if (!fs.existsSync(labelsFile)) return undefined;
  const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8')) as RealLabels;
  const windowLines = opts.windowLines ?? KEYWORD_WINDOW_LINES;
  const log = opts.log ?? (() => undefined);
  const ours = new Tally(), base = new Tally();
  let negativesFlagged = 0, baseNegativesFlagged = 0, kindMismatches = 0, skipped = 0;
  for (const file of labels.files) {
    const bytes = fs.readFileSync(path.join(dir, rebuiltPath(file)));
    const where = `${file.id} ${file.repo}/${file.path}`;
    const key = (line: number, ch: number) => `${line}:${ch}`;
    const expected = new Map(file.secrets.map((s) => [key(s.line - 1, s.col - 1), s]));
    const negatives = new Map(file.negatives.map((n) => [key(n.line - 1, n.col - 1), n]));

    const outcome = scanBytes(bytes, file.path, { maxFileSize: DEFAULT_MAX_FILE_SIZE });
    if (!Array.isArray(outcome)) {
      skipped++;
      log(`  SKIPPED (${outcome}) ${where}`);
    }
    const found = Array.isArray(outcome) ? outcome.filter((f) => f.isSecret) : [];
    const got = new Map(found.map((f) => [key(f.range.startLine, f.range.startCharacter), f]));
    for (const [k, s] of expected) {
      const f = got.get(k);
      if (f) {
        ours.add(file.kind, 0);
        if (f.kind !== s.kind) kindMismatches++;
      } else {
        ours.add(file.kind, 2);
        log(`  FN ${where}:${s.line}:${s.col} ${s.kind}${s.encoding ? ' (base64)' : ''}`);
      }
    }
    for (const [k, f] of got) {
      if (expected.has(k)) continue;
      ours.add(file.kind, 1);
      const n = negatives.get(k);
      if (n) negativesFlagged++;
      log(`  FP ${where}:${f.range.startLine + 1}:${f.range.startCharacter + 1} ${f.kind}${n ? ` (labelled negative: ${n.why})` : ''}`);
    }

    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const baseGot = new Set(keywordBaseline(text, windowLines).map((b) => key(b.line, b.character)));
    for (const k of expected.keys()) base.add(file.kind, baseGot.has(k) ? 0 : 2);
    for (const k of baseGot) {
      if (expected.has(k)) continue;
      base.add(file.kind, 1);
      if (negatives.has(k)) baseNegativesFlagged++;
    }
  }
  return {
    split,
    files: labels.files.length,
    secrets: labels.files.reduce((n, f) => n + f.secrets.length, 0),
    negatives: labels.files.reduce((n, f) => n + f.negatives.length, 0),
    detector: { overall: ours.overall(), byKind: ours.byKind(), negativesFlagged, kindMismatches, skipped },
    baseline: { windowLines, overall: base.overall(), byKind: base.byKind(), negativesFlagged: baseNegativesFlagged },
  };
}

/** The report as the bench prints it: one line per file kind, the detector beside the baseline. */
export function formatRealSetReport(r: RealSetReport): string[] {
  const f = (c: Counts) => `${c.precision.toFixed(3)} ${c.recall.toFixed(3)} (${String(c.tp).padStart(3)}/${String(c.fp).padStart(2)}/${String(c.fn).padStart(2)})`;
  const lines = [
    `real set, ${r.split.toUpperCase()}: ${r.files} files, ${r.secrets} secrets, ${r.negatives} labelled negatives`,
    `  ${'kind'.padEnd(11)} ${'detector P R (tp/fp/fn)'.padEnd(28)} keyword baseline, ${r.baseline.windowLines} lines`,
  ];
  for (const kind of Object.keys(r.detector.byKind)) {
    lines.push(`  ${kind.padEnd(11)} ${f(r.detector.byKind[kind]).padEnd(28)} ${f(r.baseline.byKind[kind])}`);
  }
  lines.push(`  ${'overall'.padEnd(11)} ${f(r.detector.overall).padEnd(28)} ${f(r.baseline.overall)}`);
  lines.push(`  labelled negatives reported: detector ${r.detector.negativesFlagged}, baseline ${r.baseline.negativesFlagged}; detector kind differs from the label on ${r.detector.kindMismatches} found secrets; files skipped as binary/too large: ${r.detector.skipped}`);
  return lines;
}
