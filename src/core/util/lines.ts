// Line handling shared by the small text files the extension appends to (.gitignore,
// .twilio-credentials-ignore). Pure: no `vscode`. Line breaks are LF, CRLF and a lone CR, as
// VS Code reads them, so an old Mac file is read as the lines its author sees.

/** The lines of `text` (without their breaks), a leading BOM removed. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** The line break most lines of `text` end with; LF for a file without any. */
export function dominantEol(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * `text` with `line` added as a line of its own, ending with the file's dominant line break:
 * every existing byte is kept (a break is added first when the last line has none).
 */
export function appendLine(text: string, line: string): string {
  const eol = dominantEol(text);
  const body = text === '' || text === '\uFEFF' || /[\r\n]$/.test(text) ? text : text + eol;
  return body + line + eol;
}
