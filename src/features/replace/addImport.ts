import * as vscode from 'vscode';
import type { LanguageId } from '../../core/detection';
import { envImportInsertion } from './envImport';

/** `import os` for Python, the "os" import for Go, when the lookup needs one that is missing. */
export function addImportFor(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, language: LanguageId): void {
  const insertion = envImportInsertion(document.getText(), language, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  if (insertion) edit.insert(document.uri, document.positionAt(insertion.offset), insertion.text);
}
