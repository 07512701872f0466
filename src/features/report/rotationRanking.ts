// What to rotate (or fix, or delete) first, from what the report knows about each credential. Pure:
// the rules in one place, unit-tested.
//
// 1 now:   a secret hardcoded in code; the Auth Token in a `.env` file; an Auth Token whose
//          promotion has an unknown outcome.
// 2 soon:  a push credential that no longer delivers; the Auth Token held by a Functions variable;
//          a secondary Auth Token left waiting.
// 3 plan:  keys and AWS credentials older than twilioCredentials.keys.rotationHintDays; a push
//          credential that may hold a legacy FCM key; the Auth Token handed to terminals.
// 4 tidy:  API keys with no use found anywhere the report looks (delete them if nothing else needs them).
import * as l10n from '@vscode/l10n';
import type { CredentialUse, ReportCredential, UseKind } from './report';

export type Priority = 1 | 2 | 3 | 4;

export interface RotationAdvice {
  credential: ReportCredential;
  priority: Priority;
  /** Why, most urgent first; user-facing. */
  reasons: string[];
}

export interface RankingOptions {
  now: Date;
  /** Keys and AWS credentials at least this many days old are due (0: no age rule). */
  rotationHintDays: number;
}

const DAY_MS = 86_400_000;

export function ageDays(created: Date | undefined, now: Date): number | undefined {
  if (!created || Number.isNaN(created.getTime())) return undefined;
  const ms = now.getTime() - created.getTime();
  return ms < 0 ? 0 : Math.floor(ms / DAY_MS);
}

const usesOf = (c: ReportCredential, kind: UseKind): CredentialUse[] => c.uses.filter((u) => u.kind === kind);
const places = (uses: CredentialUse[]): string => uses.map((u) => u.where).join(', ');

/** The reasons one credential gets, each with its priority. */
function reasonsFor(c: ReportCredential, opts: RankingOptions): Array<[Priority, string]> {
  const out: Array<[Priority, string]> = [];
  const hardcoded = usesOf(c, 'hardcoded');
  const age = ageDays(c.created, opts.now);
  const due = opts.rotationHintDays > 0 && age !== undefined && age >= opts.rotationHintDays;
  switch (c.category) {
    case 'authToken': {
      if (hardcoded.length) out.push([1, l10n.t('Hardcoded in {0}: rotate the Auth Token, and read it from the environment.', places(hardcoded))]);
      const env = usesOf(c, 'envFile');
      if (env.length) out.push([1, l10n.t('In {0}: it controls the whole account; use an API key there (Replace Auth Token with API Key), then rotate the Auth Token.', places(env))]);
      if (c.tokenState === 'unknown') out.push([1, l10n.t('A promotion’s outcome is not known: run Check Auth Token to learn which token Twilio accepts.')]);
      const functions = usesOf(c, 'functions');
      if (functions.length) out.push([2, l10n.t('Held by {0}: put an API key there instead.', places(functions))]);
      if (c.tokenState === 'secondaryWaiting') out.push([2, l10n.t('A secondary Auth Token waits for promotion: promote it or delete it.')]);
      const terminals = usesOf(c, 'terminals');
      if (terminals.length) out.push([3, l10n.t('The terminals of this workspace get the Auth Token: an API key can be revoked alone.')]);
      break;
    }
    case 'apiKey': {
      if (hardcoded.length) out.push([1, l10n.t('Its secret is hardcoded in {0}: rotate the key, and read the secret from the environment.', places(hardcoded))]);
      if (due) out.push([3, l10n.t('{0} days old, at least the {1} days of twilioCredentials.keys.rotationHintDays.', age, opts.rotationHintDays)]);
      if (!c.uses.length) out.push([4, l10n.t('No use found in the workspace’s .env files, Functions, terminals or sign-in sessions: delete it if nothing else needs it.')]);
      break;
    }
    case 'aws':
      if (due) out.push([3, l10n.t('{0} days old, at least the {1} days of twilioCredentials.keys.rotationHintDays: replace them in the Twilio Console and deactivate the old AWS key.', age, opts.rotationHintDays)]);
      break;
    case 'push':
      if (c.health?.status === 'broken') out.push([2, `${c.health.message} ${c.health.fix}`]);
      else if (c.health?.status === 'suspect') out.push([3, `${c.health.message} ${c.health.fix}`]);
      break;
    case 'functionsVariable':
      if (c.holds?.kind === 'authToken') out.push([2, l10n.t('Holds the Auth Token: put an API key in the service’s variables instead.')]);
      break;
    case 'publicKey':
      // A public key is not a secret: nothing to rotate for its own sake.
      break;
  }
  return out;
}

/**
 * The credentials that need something done, most urgent first: by priority, then the oldest,
 * then by account and name (so the order is stable). Credentials with no reason are left out.
 */
export function rankRotation(credentials: readonly ReportCredential[], opts: RankingOptions): RotationAdvice[] {
  const advice: RotationAdvice[] = [];
  for (const credential of credentials) {
    const reasons = reasonsFor(credential, opts).sort((a, b) => a[0] - b[0]);
    if (reasons.length) advice.push({ credential, priority: reasons[0][0], reasons: reasons.map(([, r]) => r) });
  }
  const age = (a: RotationAdvice) => ageDays(a.credential.created, opts.now) ?? -1;
  return advice.sort(
    (a, b) =>
      a.priority - b.priority ||
      age(b) - age(a) ||
      a.credential.accountLabel.localeCompare(b.credential.accountLabel) ||
      a.credential.name.localeCompare(b.credential.name) ||
      (a.credential.sid ?? '').localeCompare(b.credential.sid ?? ''),
  );
}

/** "now", "soon", … for a priority, in the user's language. */
export function priorityLabel(p: Priority): string {
  switch (p) {
    case 1:
      return l10n.t('1 · now');
    case 2:
      return l10n.t('2 · soon');
    case 3:
      return l10n.t('3 · plan');
    case 4:
      return l10n.t('4 · tidy up');
  }
}
