/**
 * Finds WHERE a JSON document is broken. `JSON.parse` in Node 20 often reports neither a line
 * nor a column ("Unexpected token '}'"), and a user fixing a hand-edited model file needs both.
 * Only runs after `JSON.parse` has failed, so clarity wins over speed.
 */
export interface JsonProblem {
  line: number;
  column: number;
  /** True when the text ends before the document is complete (a truncated file). */
  truncated: boolean;
  reason: string;
}

class JsonScanFailure {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export function locateJsonProblem(text: string): JsonProblem | null {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new JsonScanFailure(pos, reason);
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  };
  const describe = (): string =>
    pos >= text.length ? 'end of file' : `'${text[pos] === '\u0000' ? '\\0' : text[pos]}'`;
  const expectLiteral = (word: string) => {
    for (const ch of word) {
      if (text[pos] !== ch) fail(`expected "${word}", found ${describe()}`);
      pos++;
    }
  };
  const scanString = () => {
    pos++; // opening quote
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '"') {
        pos++;
        return;
      }
      if (ch === '\\') {
        pos++;
        if (pos >= text.length) break;
        if (text[pos] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail('bad \\u escape in string');
          pos += 5;
        } else if ('"\\/bfnrt'.includes(text[pos])) pos++;
        else fail(`bad escape \\${text[pos]} in string`);
      } else if (ch < ' ') fail('control character inside a string');
      else pos++;
    }
    fail('string is not closed');
  };
  const scanNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match || match[0] === '' || match[0] === '-') fail(`expected a value, found ${describe()}`);
    pos += match![0].length;
  };
  const scanValue = (): void => {
    skipSpace();
    const ch = text[pos];
    if (ch === '{') return scanContainer('}', true);
    if (ch === '[') return scanContainer(']', false);
    if (ch === '"') return scanString();
    if (ch === 't') return expectLiteral('true');
    if (ch === 'f') return expectLiteral('false');
    if (ch === 'n') return expectLiteral('null');
    if (ch === '-' || (ch >= '0' && ch <= '9')) return scanNumber();
    if (ch === 'N' || ch === 'I')
      fail(`${text.startsWith('NaN', pos) ? 'NaN' : 'Infinity'} is not allowed in JSON`);
    fail(`expected a value, found ${describe()}`);
  };
  const scanContainer = (close: string, isObject: boolean) => {
    pos++;
    skipSpace();
    if (text[pos] === close) {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (isObject) {
        if (text[pos] !== '"') fail(`expected a quoted property name, found ${describe()}`);
        scanString();
        skipSpace();
        if (text[pos] !== ':') fail(`expected ':', found ${describe()}`);
        pos++;
      }
      scanValue();
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        return;
      }
      fail(`expected ',' or '${close}', found ${describe()}`);
    }
  };

  try {
    scanValue();
    skipSpace();
    if (pos < text.length) fail(`unexpected ${describe()} after the end of the document`);
    return null;
  } catch (err) {
    if (!(err instanceof JsonScanFailure)) throw err;
    const before = text.slice(0, err.offset);
    const line = before.split('\n').length;
    const column = err.offset - before.lastIndexOf('\n');
    return { line, column, truncated: err.offset >= text.length, reason: err.reason };
  }
}
