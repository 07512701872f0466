// The credential report as Markdown (for people) and CSV (for spreadsheets and audits). Names come
// from Twilio and from the workspace, so every cell is escaped: Markdown cells cannot break the
// table, add links or raw HTML; CSV cells cannot start a spreadsheet formula (`=`, `+`, `-`, `@`,
// tab, carriage return) or break a row. Pure.
import * as l10n from '@vscode/l10n';
import type { CredentialReportData, ReportCredential } from './report';
import { ageDays, priorityLabel, rankRotation, type RotationAdvice } from './rotationRanking';

/**
 * Text from Twilio or the workspace as inert Markdown in a table cell or heading: one line; no
 * cell break (`|`), code span, emphasis, link, image, raw HTML, entity or autolink (`scheme://`,
 * `www.`, `user@host`) survives. Dots, colons and underscores inside words stay as they are, so
 * `.env`, `notify/production: TWILIO_API_KEY` and `file.js:12` read well in the raw text too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*[\]<>|!&~#@]|:(?=\/\/)|(?<=\b[wW]{3})\.|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&');
}

/** One CSV cell: quoted, quotes doubled, one line, and never the start of a formula. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value).replace(/[\r\n\u2028\u2029]+/g, ' ');
  // Spreadsheets may skip leading blanks before reading a formula: look past them too.
  if (/^[\s]*[=+\-@]/.test(text) || /^[\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function isoDay(d: Date | undefined): string {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : '';
}

function ageText(c: ReportCredential, now: Date): string {
  const days = ageDays(c.created, now);
  if (days === undefined) return c.category === 'authToken' ? l10n.t('not told by Twilio') : '';
  return days === 1 ? l10n.t('1 day') : l10n.t('{0} days', days);
}

/** The state column: what the credential is now (stored here, waiting, broken, what a variable holds). */
function statusText(c: ReportCredential): string {
  const parts: string[] = [];
  if (c.tokenState === 'secondaryWaiting') parts.push(l10n.t('secondary, waiting for promotion'));
  if (c.tokenState === 'unknown') parts.push(l10n.t('promoted or not: unknown'));
  if (c.secretStored === true) parts.push(l10n.t('secret stored in this editor'));
  if (c.secretStored === false && (c.category === 'authToken' || c.category === 'apiKey')) parts.push(l10n.t('secret not stored here'));
  if (c.health) parts.push(c.health.status === 'broken' ? l10n.t('broken: no longer delivers') : l10n.t('broken if it holds a legacy server key'));
  if (c.holds) parts.push(l10n.t('holds {0}', c.holds.description));
  return parts.join('; ');
}

function usesText(c: ReportCredential): string {
  return c.uses.map((u) => u.where).join('; ');
}

function mdRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function formatMarkdown(data: CredentialReportData, advice: RotationAdvice[] = rankRotation(data.credentials, { now: data.generatedAt, rotationHintDays: data.rotationHintDays })): string {
  const now = data.generatedAt;
  const out: string[] = [];
  out.push(`# ${l10n.t('Twilio credential report')}`, '');
  out.push(
    l10n.t(
      'Made {0} for {1} connected account(s): {2} credentials. No secret value is in this report: tokens, key secrets and Functions variable values were compared by fingerprint inside the editor and are only named here.',
      now.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      data.accounts.length,
      data.credentials.length,
    ),
    '',
  );
  out.push(`## ${l10n.t('Rotate first')}`, '');
  if (!advice.length) out.push(l10n.t('Nothing needs rotating by the rules of this report.'), '');
  else {
    out.push(mdRow([l10n.t('Priority'), l10n.t('Account'), l10n.t('Credential'), l10n.t('SID'), l10n.t('Why')]), mdRow(['---', '---', '---', '---', '---']));
    for (const a of advice) {
      const c = a.credential;
      out.push(mdRow([priorityLabel(a.priority), escapeMarkdown(c.accountLabel), `${escapeMarkdown(c.type)}: ${escapeMarkdown(c.name)}`, c.sid ? `\`${c.sid}\`` : '', a.reasons.map(escapeMarkdown).join('<br>')]));
    }
    out.push('');
  }
  for (const account of data.accounts) {
    out.push(`## ${escapeMarkdown(account.label)} (\`${account.accountSid}\`)`, '');
    const rows = data.credentials.filter((c) => c.accountSid === account.accountSid);
    if (!rows.length) {
      out.push(l10n.t('No credentials could be read.'), '');
      continue;
    }
    out.push(mdRow([l10n.t('Type'), l10n.t('Name'), l10n.t('SID'), l10n.t('Created'), l10n.t('Age'), l10n.t('State'), l10n.t('Used in')]), mdRow(['---', '---', '---', '---', '---', '---', '---']));
    for (const c of rows) {
      out.push(mdRow([escapeMarkdown(c.type), escapeMarkdown(c.name), c.sid ? `\`${c.sid}\`` : '', isoDay(c.created), ageText(c, now), escapeMarkdown(statusText(c)), escapeMarkdown(usesText(c))]));
    }
    out.push('');
  }
  out.push(`## ${l10n.t('What the report covers')}`, '');
  const notes = [
    l10n.t('Where a credential is used: the workspace’s .env files (secrets by fingerprint, SIDs as written), open editors (hardcoded secrets), Twilio Functions variables, this workspace’s terminals, sign-in sessions other extensions got from this editor, and this extension itself. Servers, CI and other machines are not seen.'),
    data.rotationHintDays > 0
      ? l10n.t('Keys and AWS credentials at least {0} days old are due for rotation (twilioCredentials.keys.rotationHintDays).', data.rotationHintDays)
      : l10n.t('No age makes a key due: set twilioCredentials.keys.rotationHintDays to add that rule.'),
    ...data.notes,
  ];
  for (const n of notes) out.push(`- ${escapeMarkdown(n)}`);
  out.push('');
  return out.join('\n');
}

export const CSV_COLUMNS = ['account', 'account_sid', 'category', 'type', 'name', 'sid', 'created', 'age_days', 'state', 'used_in', 'rotate_priority', 'rotate_reasons'] as const;

export function formatCsv(data: CredentialReportData, advice: RotationAdvice[] = rankRotation(data.credentials, { now: data.generatedAt, rotationHintDays: data.rotationHintDays })): string {
  const byCredential = new Map(advice.map((a) => [a.credential, a]));
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const c of data.credentials) {
    const a = byCredential.get(c);
    lines.push(
      [c.accountLabel, c.accountSid, c.category, c.type, c.name, c.sid, isoDay(c.created), ageDays(c.created, data.generatedAt), statusText(c), usesText(c), a?.priority, a?.reasons.join(' ')]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
