// fast-check generators for `.env` documents built from lines of every shape the parser accepts.
import fc from 'fast-check';

export const NAME_POOL = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'A', 'b', 'x.y', 'my-var', 'export', '_9'];

const blank = fc.constantFrom('', ' ', '\t', '  \t ', ' \u00a0');
const indent = fc.constantFrom('', ' ', '\t', '  ');
const noBreak = (extra = '') => fc.string({ maxLength: 12, unit: fc.constantFrom(...`ab Z09_-./=:$!{}@\\${extra}`.split(''), 'é', '😀', '\t') });
const lineText = fc.string({ maxLength: 20, unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, ''));

export const commentLine = fc.tuple(indent, lineText).map(([i, t]) => `${i}#${t}`);

const unquoted = fc
  .tuple(fc.constantFrom('a', 'Z', '0', '{', '\\', 'é', '$'), noBreak('"\'`'))
  .map(([first, rest]) => (first + rest).trimEnd());
const quotedBody = (q: string) =>
  fc.string({ maxLength: 12, unit: fc.constantFrom(...`abn #=$\\'"\``.split('').filter((c) => c !== q), '\n', '\r\n', 'é') })
    // a backslash right before the closing quote is an error, covered by examples
    .filter((s) => !s.endsWith('\\'));
const valueForm = fc.oneof(
  fc.constant(''),
  unquoted,
  quotedBody("'").map((s) => `'${s}'`),
  quotedBody('"').map((s) => `"${s}"`),
  quotedBody('`').map((s) => `\`${s}\``),
);
const separator = fc.constantFrom('=', ' =', '= ', ' = ', '\t=\t', ': ');
const trailerFor = (value: string) =>
  value === '' ? fc.constantFrom('', ' ', ' # empty', '#c') : fc.constantFrom('', '  ', ' # note', '#tight');

export const name = fc.oneof(fc.constantFrom(...NAME_POOL), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/));

export const assignmentLine = fc
  .tuple(indent, fc.boolean(), name, separator, valueForm)
  // `export =value` is refused as ambiguous (see parse.ts)
  .filter(([, exp, n, sep]) => !(n === 'export' && !exp && /^\s/.test(sep)))
  .chain(([i, exp, n, sep, v]) =>
    trailerFor(v).map((t) => {
      // `NAME:value` needs a blank after the colon; with an empty value the blank moves to the trailer
      const s = sep === ': ' && v === '' ? ':' : sep;
      const trailer = sep === ': ' && v === '' ? ' ' + t : t;
      return `${i}${exp ? 'export ' : ''}${n}${s}${v}${trailer}`;
    }),
  );

export const line = fc.oneof({ weight: 1, arbitrary: blank }, { weight: 1, arbitrary: commentLine }, { weight: 4, arbitrary: assignmentLine });

/** A whole document: lines joined by LF / CRLF mixes, maybe a BOM, maybe no final line break. */
export const dotenvText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 12 }),
    fc.constantFrom('', '\n', '\r\n'),
  )
  .map(([bom, lines, lastEol]) => {
    let text = (bom ? '\uFEFF' : '') + lines.map(([l, e]) => l + e).join('');
    if (lines.length > 0 && lastEol === '') text = text.replace(/\r?\n$/, '');
    return text;
  });

/** Values a command might write: secrets, SIDs, and awkward text. */
export const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{32}$/),
  fc.string({ maxLength: 16 }),
  fc.string({ maxLength: 16, unit: fc.constantFrom('a', ' ', '#', "'", '"', '`', '\\', '$', '\n', '\r', '=', 'é') }),
  fc.string({ maxLength: 16, unit: 'binary' }),
);

export const edit = fc.oneof(
  { weight: 3, arbitrary: fc.record({ name, value }) },
  { weight: 1, arbitrary: name.map((n) => ({ remove: n })) },
);
