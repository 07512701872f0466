// The judge stage of `scan`: which findings are reported, which are suppressed and by what, and
// which fail the scan. Pure: the suppressions were loaded before (suppressions.ts), the env-file
// question to git is asked after (envFilePolicy.ts).
//
// A finding is suppressed by an inline marker on its line (ours or another tool's), a fingerprint
// in an ignore file, or a baseline entry. In a range with a base (`--git BASE..TIP`) the ignore
// files and the baseline are the base's, and inline markers do not count at all: every finding of
// a range scan is on a line the range added, so a marker that covers it was put there by the
// range, or moved over it by the range. Suppressions the range added are kept as a note on the
// finding, which is then reported like any other.

import { Finding, failsCheck } from '../core/detection';
import type { Baseline } from './baseline';
import { ReportedFinding, Suppression, toReported } from './output';
import type { FindingOrigin } from './source';

/** One finding as a source reported it. */
export interface ScannedFinding {
  /** Relative to the current directory, `/` separators. */
  path: string;
  finding: Finding;
  origin?: FindingOrigin;
}

/** Suppressions from one state of the tree: the working tree, a range's base or its tip. */
export interface SuppressionState {
  /** Fingerprints listed in ignore files, each with the ignore file (display path) that lists it. */
  fingerprints: ReadonlyMap<string, string>;
  /** Whether a path (relative to the current directory) matches an ignore-file glob. */
  matchesGlob(path: string): boolean;
  baseline?: Baseline;
  /** How the baseline is named to the user (the --baseline argument). */
  baselineLabel?: string;
}

export interface JudgeInput {
  found: readonly ScannedFinding[];
  /** The suppressions that hold. */
  active: SuppressionState;
  /** `--git BASE..TIP`: the tip's suppressions, for notes only. Undefined otherwise. */
  tip?: SuppressionState;
}

export interface Judged {
  /** Reported and counted (including findings whose suppression the range added). */
  reported: ReportedFinding[];
  /** Held by a suppression: only SARIF lists them (as suppressed). */
  suppressed: ReportedFinding[];
  /** What --write-baseline records: everything but what an ignore file or a marker suppresses. */
  forBaseline: ReportedFinding[];
  /** Reported findings that fail the scan on their own (hardcoded secrets). */
  failing: number;
  filesWithSecrets: Set<string>;
  /** Reported secrets in env files, by path: they fail once git is found to commit the file. */
  envFileSecrets: Map<string, number>;
  /** Findings the baseline holds. */
  inBaseline: number;
}

function inlineJustification(f: Finding): string {
  const s = f.inlineSuppression!;
  return `inline marker "${s.marker}" on line ${s.line + 1}`;
}

const baselineName = (s: SuppressionState): string => (s.baselineLabel ? ` ${s.baselineLabel}` : '');

/**
 * The suppressions that hold for `r`, and those the range added (which do not). `byBaseline`:
 * the baseline holds it; `notASecret`: an ignore file or a marker does.
 */
export function suppressionsOf(r: ReportedFinding, f: Finding, input: Pick<JudgeInput, 'active' | 'tip'>): { holding: Suppression[]; addedInRange: Suppression[]; byBaseline: boolean; notASecret: boolean } {
  const { active, tip } = input;
  const holding: Suppression[] = [];
  const addedInRange: Suppression[] = [];
  if (f.inlineSuppression) {
    if (tip) addedInRange.push({ kind: 'inSource', justification: `${inlineJustification(f)}, on a line this range added` });
    else holding.push({ kind: 'inSource', justification: inlineJustification(f) });
  }
  const listedIn = active.fingerprints.get(r.fingerprint);
  if (listedIn !== undefined) holding.push({ kind: 'external', justification: `fingerprint listed in ${listedIn}` });
  else if (tip?.fingerprints.has(r.fingerprint)) {
    addedInRange.push({ kind: 'external', justification: `fingerprint added to ${tip.fingerprints.get(r.fingerprint)} by this range` });
  }
  // The active globs left the file out before it was scanned; only the tip's can match here.
  if (tip?.matchesGlob(r.path) && !active.matchesGlob(r.path)) {
    addedInRange.push({ kind: 'external', justification: 'path matches a glob added to .twilio-credentials-ignore by this range' });
  }
  const notASecret = holding.length > 0;
  const byBaseline = active.baseline?.has(r) === true;
  if (byBaseline) holding.push({ kind: 'external', justification: `listed in the baseline${baselineName(active)}` });
  else if (tip?.baseline?.has(r)) addedInRange.push({ kind: 'external', justification: `added to the baseline${baselineName(tip)} by this range` });
  return { holding, addedInRange, byBaseline, notASecret };
}

export function judge(input: JudgeInput): Judged {
  const out: Judged = { reported: [], suppressed: [], forBaseline: [], failing: 0, filesWithSecrets: new Set(), envFileSecrets: new Map(), inBaseline: 0 };
  for (const { path, finding, origin } of input.found) {
    const r = toReported(path, finding, origin);
    const { holding, addedInRange, byBaseline, notASecret } = suppressionsOf(r, finding, input);
    // Ignore files and markers say "not a secret"; a baseline says "known, not new": it is recorded again.
    if (!notASecret) out.forBaseline.push(r);
    if (holding.length > 0) {
      r.suppressions = holding;
      out.suppressed.push(r);
      if (byBaseline) {
        r.inBaseline = true;
        out.inBaseline++;
      }
      continue;
    }
    if (addedInRange.length > 0) r.suppressionsAddedInRange = addedInRange;
    out.reported.push(r);
    // SIDs never fail the scan; a secret in an env file fails once git is found to commit the file.
    if (failsCheck(finding, false)) {
      out.failing++;
      out.filesWithSecrets.add(path);
    } else if (failsCheck(finding, true)) {
      out.envFileSecrets.set(path, (out.envFileSecrets.get(path) ?? 0) + 1);
    }
  }
  return out;
}

/** Adds the secrets of env files git commits (`committed`: paths) to the failing count. */
export function judgeEnvFiles(judged: Judged, committed: ReadonlySet<string>): Judged {
  let failing = judged.failing;
  const files = new Set(judged.filesWithSecrets);
  for (const [path, count] of judged.envFileSecrets) {
    if (!committed.has(path)) continue;
    failing += count;
    files.add(path);
  }
  return { ...judged, failing, filesWithSecrets: files };
}
