// `scan --summary-file FILE`: a Markdown summary of the scan appended to FILE, the GitHub
// Action's job summary ($GITHUB_STEP_SUMMARY). It names every change the scanned range made to
// suppression files (ignore files, the baseline) and every finding whose suppression the range
// added, so that a reviewer sees a pull request's attempt to silence its own scan.
//
// Everything from the repository (paths, file lines) is shown through `markdownText`: control
// characters made visible, and every ASCII punctuation character written as a numeric character
// reference, so no file name or line can become a link, an image, a mention, a table cell or
// HTML. Pure, apart from `appendSummary`.

import * as fs from 'fs';
import type { Judged } from './judge';
import { escapeForTerminal, sortReported } from './output';
import { plural } from './report';
import type { RangeFileChange } from './source';

/** Repository text as inert Markdown (and HTML) text. */
export function markdownText(text: string): string {
  return escapeForTerminal(text).replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Findings listed in the summary; the rest are counted (the log and code scanning have them all). */
const MAX_ROWS = 100;

export interface SummaryInput {
  judged: Judged;
  scanned: number;
  skipped: number;
  exitCode: number;
  range?: { base: string; tip: string; changes: readonly RangeFileChange[] };
}

export function formatSummary(input: SummaryInput): string {
  const { judged, range } = input;
  const lines = ['### Twilio credentials scan', ''];
  lines.push(`**${plural(judged.failing, 'hardcoded secret')}** in ${plural(judged.filesWithSecrets.size, 'file')} (${plural(input.scanned, 'file')} scanned, ${input.skipped} skipped): exit code ${input.exitCode}.`, '');
  if (range) {
    lines.push(`Range \`${range.base.slice(0, 12)}..${range.tip.slice(0, 12)}\`: suppressions (\`.twilio-credentials-ignore\`, the baseline) are read at the base commit \`${range.base.slice(0, 12)}\`; inline markers on lines the range adds, and suppression files the range changes, do not count.`, '');
  }
  const shown = sortReported([...judged.reported]).slice(0, MAX_ROWS);
  if (shown.length > 0) {
    lines.push('#### Findings', '', '| File | Line | Finding | Suppression this range added (not counted) |', '|---|---|---|---|');
    for (const r of shown) {
      const added = (r.suppressionsAddedInRange ?? []).map((s) => markdownText(s.justification)).join('<br>');
      lines.push(`| <code>${markdownText(r.path)}</code> | ${r.line} | ${markdownText(r.message)} | ${added} |`);
    }
    if (judged.reported.length > shown.length) lines.push('', markdownText(`(${judged.reported.length - shown.length} more: see the job log or code scanning)`));
    lines.push('');
  }
  if (range && range.changes.length > 0) {
    lines.push('#### Changes to suppression files in this range', '');
    for (const c of range.changes) {
      lines.push(`- **${markdownText(c.status)}** <code>${markdownText(c.path)}</code>`);
      const body = [...c.added.map((l) => `+ ${markdownText(l)}`), ...c.removed.map((l) => `- ${markdownText(l)}`)];
      if (c.more > 0) body.push(markdownText(`(${plural(c.more, 'more change')} not listed)`));
      if (body.length > 0) lines.push('', '<pre>', ...body, '</pre>', '');
    }
  } else if (range) {
    lines.push('No suppression file changed in this range.', '');
  }
  return lines.join('\n') + '\n';
}

/**
 * Appends to the summary file, never through a symbolic link at its name (the path is the
 * caller's; a repository could have planted a link there) and never into a FIFO or device.
 */
export function appendSummary(file: string, text: string): void {
  const c = fs.constants;
  const fd = fs.openSync(file, c.O_WRONLY | c.O_APPEND | c.O_CREAT | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0), 0o644);
  try {
    if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
