import * as vscode from 'vscode';
import * as path from 'path';
import { envLookup, Finding, IGNORE_COMMENT, LanguageId, nearestFirst } from '../../core/detection';
import type { DocumentScanner } from './documentScanner';
import type { IgnoreFiles } from './ignoreRules';
import type { Services } from '../../services/services';
import { envVariableNames } from '../../platform/config';
import { findingLabel, toRange } from './findingText';
import { Cancelled } from '../../platform/commands';
import { ours } from '../../platform/callers';
import type { AccountCredentials } from '../../core/twilio/types';
import { Command } from '../../core/util/commandIds';
import { argsOf, consent, field, prefill, withRequired } from '../../core/util/commandArgs';
import { consoleKeysUrl } from '../../core/twilio/types';
import { addImportFor } from '../../features/replace/addImport';

/** Identifies a finding without its value: the document, its line and the value's fingerprint. */
export interface FindingRef {
  uri: string;
  line: number;
  fingerprint: string;
  how?: 'comment' | 'file' | 'ask';
}

/** The finding commands are called by this extension's code actions, CodeLens and hovers only. */
export const findingRef = withRequired(
  argsOf<Partial<FindingRef>>({ uri: prefill(field.string), line: prefill(field.number), fingerprint: prefill(field.string), how: consent(field.oneOf('comment', 'file', 'ask')) }, { fromRow: false }),
  'uri',
  'line',
  'fingerprint',
);

/** Line comment syntax per language; JSON and notebooks have none (use the ignore file). */
const LINE_COMMENT: Partial<Record<LanguageId, string>> = {
  javascript: '//', typescript: '//', java: '//', kotlin: '//', csharp: '//', go: '//', swift: '//', php: '//',
  python: '#', ruby: '#', shellscript: '#', yaml: '#', properties: '#', ini: ';', toml: '#', dotenv: '#', dockerfile: '#',
};

export class FindingFixes {
  constructor(
    private readonly s: Services,
    private readonly scanner: DocumentScanner,
    private readonly ignore: IgnoreFiles,
  ) {}

  /** Re-finds a finding in the document's current text (it may have moved since the lens was made). */
  async resolve(ref: FindingRef): Promise<{ document: vscode.TextDocument; finding: Finding }> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const findings = this.scanner.findingsFor(document).filter((f) => f.fingerprint === ref.fingerprint);
    const finding = findings.find((f) => f.range.startLine === ref.line) ?? findings[0];
    if (!finding) throw new Error(vscode.l10n.t('That hardcoded value is no longer in {0}.', path.basename(document.uri.fsPath)));
    return { document, finding };
  }

  /** The environment variable a finding's value moves to, honouring the configured names. */
  variableFor(f: Finding): string {
    const names = envVariableNames();
    switch (f.fix.envVar) {
      case 'TWILIO_AUTH_TOKEN':
        return names.authToken;
      case 'TWILIO_API_SECRET':
        return names.apiSecret;
      case 'TWILIO_ACCOUNT_SID':
        return names.accountSid;
      case 'TWILIO_API_KEY':
        return names.apiKey;
    }
  }

  canComment(f: Finding): boolean {
    return LINE_COMMENT[f.fix.language] !== undefined;
  }

  /** Whether "Move to .env" can rewrite the code: a whole string literal in a language we know. */
  canMove(f: Finding): boolean {
    return !!f.fix.stringLiteral?.valueOnly && envLookup(f.fix.language, 'X') !== undefined && f.fileRole !== 'env-file';
  }

  /**
   * Writes the value to .env first (nothing in the code changes if that fails, so the value is
   * never lost), then replaces the literal with the language's environment lookup in one
   * undoable edit, adding the import the lookup needs.
   */
  async moveToEnv(ref: FindingRef): Promise<boolean> {
    const { document, finding } = await this.resolve(ref);
    if (!this.canMove(finding)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This value is not a whole string literal in a language the fix knows; move it to .env by hand, or ignore it.'),
      );
      return false;
    }
    const value = document.getText(toRange(finding));
    this.s.log.protect(value);
    const name = this.variableFor(finding);
    const outcome = await this.s.envWriter.pickAndWrite([{ name, value }], {
      title: vscode.l10n.t('Move {0} to which .env file?', name),
      near: document.uri,
      subject: vscode.l10n.t('the hardcoded {0}', findingLabel(finding)),
    });
    if (!outcome.ok) return false;
    void this.s.envIndex.refresh(outcome.uri);
    const literal = finding.fix.stringLiteral!.range;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(literal.startLine, literal.startCharacter, literal.endLine, literal.endCharacter), envLookup(finding.fix.language, name)!);
    addImportFor(edit, document, finding.fix.language);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The code could not be edited; the value was written to .env.'));
    await this.s.envWriter.addToExample(outcome.uri, [name]);
    this.s.log.info(`Moved a hardcoded ${finding.kind} from ${vscode.workspace.asRelativePath(document.uri)} to ${vscode.workspace.asRelativePath(outcome.uri)} as ${name}.`);
    void this.remindToRotate(document, finding);
    return true;
  }

  /** For `twilio('AC…', 'token')`: writes both values to .env and calls `twilio()`, which reads them. */
  async useEnvReadingClient(ref: FindingRef): Promise<boolean> {
    const { document, finding } = await this.resolve(ref);
    const call = finding.fix.twilioCall;
    if (!call?.canDropArguments) return false;
    const all = this.scanner.findingsFor(document);
    const sid = all.find((f) => f.kind === 'twilio-account-sid' && f.range.start >= call.argumentsRange.start && f.range.end <= call.argumentsRange.end);
    if (!sid) return false;
    // twilio() reads exactly these two names, whatever the settings say.
    const token = document.getText(toRange(finding));
    this.s.log.protect(token);
    const outcome = await this.s.envWriter.pickAndWrite([
      { name: 'TWILIO_ACCOUNT_SID', value: document.getText(toRange(sid)) },
      { name: 'TWILIO_AUTH_TOKEN', value: token },
    ], { near: document.uri, subject: vscode.l10n.t('the hardcoded Account SID and {0}', findingLabel(finding)) });
    if (!outcome.ok) return false;
    const edit = new vscode.WorkspaceEdit();
    const a = call.argumentsRange;
    edit.replace(document.uri, new vscode.Range(a.startLine, a.startCharacter, a.endLine, a.endCharacter), '()');
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The code could not be edited; the values were written to .env.'));
    await this.s.envWriter.addToExample(outcome.uri, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
    void this.remindToRotate(document, finding);
    return true;
  }

  /** A `twilio-credentials-ignore` comment on the line before, or the fingerprint in the ignore file. */
  async ignoreFinding(ref: FindingRef): Promise<boolean> {
    // Both ways change the workspace (the code, or the ignore file): not in Restricted Mode.
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Ignoring a finding changes workspace files, which is disabled in Restricted Mode. Trust this workspace to allow it.'));
      return false;
    }
    const { document, finding } = await this.resolve(ref);
    const comment = LINE_COMMENT[finding.fix.language];
    let how = ref.how ?? 'ask';
    if (how === 'ask') {
      const items = [
        ...(comment ? [{ label: vscode.l10n.t('Ignore on this line'), description: `${comment} ${IGNORE_COMMENT}`, how: 'comment' as const }] : []),
        { label: vscode.l10n.t('Ignore this value everywhere'), description: vscode.l10n.t('adds its fingerprint to .twilio-credentials-ignore (read by the CLI too)'), how: 'file' as const },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Ignore {0}', findingLabel(finding)) });
      if (!pick) throw new Cancelled();
      how = pick.how;
    }
    if (how === 'comment' && comment) {
      const line = document.lineAt(finding.range.startLine);
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(line.lineNumber, 0), `${indent}${comment} ${IGNORE_COMMENT}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
      return vscode.workspace.applyEdit(edit);
    }
    const file = await this.ignore.addFingerprint(document.uri, finding.fingerprint, `${finding.kind} in ${vscode.workspace.asRelativePath(document.uri, false)}`);
    if (file) this.scanner.scanNow(document);
    return !!file;
  }

  /**
   * "Is it live?": asks Twilio whether the hardcoded credential authenticates, with the nearest
   * Account SID (and key SID) in the file, storing nothing. Returns whether it is live.
   */
  async checkLive(ref: FindingRef & { accountSid?: string; keySid?: string }): Promise<boolean | undefined> {
    const { document, finding } = await this.resolve(ref);
    const value = document.getText(toRange(finding));
    this.s.log.protect(value);
    const all = this.scanner.findingsFor(document);
    const nearest = (kind: Finding['kind']) => nearestFirst(all, kind, finding)[0];
    const text = (f: Finding | undefined) => (f ? document.getText(toRange(f)) : undefined);
    const accountSid = ref.accountSid ?? text(nearest('twilio-account-sid')) ?? (await this.askSid('AC'));
    if (!accountSid) return undefined;
    let creds: AccountCredentials;
    if (finding.kind === 'twilio-auth-token') {
      creds = { accountSid, auth: { kind: 'authToken', authToken: value } };
    } else {
      const keySid = ref.keySid ?? text(nearest('twilio-api-key-sid')) ?? (await this.askSid('SK'));
      if (!keySid) return undefined;
      creds = { accountSid, auth: { kind: 'apiKey', keySid, keySecret: value } };
    }
    const api = await this.s.twilio.get();
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Asking Twilio whether this {0} is live…', findingLabel(finding)) },
      () => api.checkCredentials(creds),
    );
    if (check.valid) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('LIVE: this {0} works for account {1}{2}. Move it out of the code and rotate it.', findingLabel(finding), check.accountSid, check.accountFriendlyName ? ` (${check.accountFriendlyName})` : ''),
      );
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Not live: Twilio refused this {0} for {1} ({2}). Nothing was stored.', findingLabel(finding), accountSid, check.reason));
    }
    this.s.log.info(`Checked a hardcoded ${finding.kind} for ${accountSid}: ${check.valid ? 'live' : 'not live'}.`);
    return check.valid;
  }

  private async askSid(prefix: 'AC' | 'SK'): Promise<string | undefined> {
    const v = await vscode.window.showInputBox({
      title: vscode.l10n.t('Is it live?'),
      prompt: prefix === 'AC' ? vscode.l10n.t('No Account SID near the value: which account is it for?') : vscode.l10n.t('No API key SID near the secret: which key is it for?'),
      placeHolder: `${prefix}…`,
      validateInput: (x) => (new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(x.trim()) ? undefined : vscode.l10n.t('{0} followed by 32 hexadecimal characters.', prefix)),
    });
    return v?.trim();
  }

  async explain(ref: FindingRef): Promise<void> {
    const { finding } = await this.resolve(ref);
    const move = vscode.l10n.t('Move to .env');
    const choice = await vscode.window.showWarningMessage(
      finding.message,
      { detail: vscode.l10n.t('Anyone who can read this file, its history or a build can use this credential. Read it from the environment instead, and rotate it if it was ever committed.') },
      move,
    );
    if (choice === move) await this.moveToEnv(ref);
  }

  /** Moving a leaked secret does not un-leak it: offer the way to replace it. */
  async remindToRotate(document: vscode.TextDocument, f: Finding): Promise<void> {
    const consoleAction = vscode.l10n.t('Open Console');
    const rotate = vscode.l10n.t('Rotate Key');
    const owner = this.keySidFor(document, f);
    const actions = owner ? [rotate] : [consoleAction];
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Moved to .env. If this {0} was ever committed or shared, moving it does not un-leak it: rotate it.', findingLabel(f)),
      ...actions,
    );
    if (choice === rotate && owner) {
      await vscode.commands.executeCommand(Command.rotateKey, ours({ ...owner }));
    } else if (choice === consoleAction) {
      await vscode.env.openExternal(vscode.Uri.parse(consoleKeysUrl()));
    }
  }

  /** The connected key whose SID sits nearest a hardcoded key secret, if the tree knows it. */
  keySidFor(document: vscode.TextDocument, f: Finding): { accountSid: string; keySid: string } | undefined {
    if (f.kind !== 'twilio-api-key-secret') return undefined;
    const sids = nearestFirst(this.scanner.findingsFor(document), 'twilio-api-key-sid', f).map((x) => document.getText(toRange(x)));
    for (const keySid of sids) {
      for (const a of this.s.accounts.list()) {
        if (this.s.keys.find(a.accountSid, keySid)) return { accountSid: a.accountSid, keySid };
      }
    }
    return undefined;
  }
}
