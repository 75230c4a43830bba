// Function lengths in TypeScript source, for the architecture test's cap. The repository's
// TypeScript (7, native) has no JavaScript API, so this is a small scanner: it skips comments,
// strings, template text and regular expressions, pairs the braces, and calls a brace block a
// function body when the code before it (since the last `;`, `{` or `}`) is a function head:
// `function …(…)`, `… => `, or a method `name(…)` / `name(…): Type`.

export interface FunctionLength {
  /** The function's name where the head gives one, else `<anonymous>`. */
  name: string;
  /** 1-based line of the opening brace. */
  line: number;
  /** Lines from the opening brace to the closing one, both counted. */
  lines: number;
}

const CONTROL_WORDS = /^(if|for|while|switch|catch|with|return|else|do|try|finally)$/;
/** After these (or at the start), a `/` starts a regular expression, not a division; after
 *  `x!` (a non-null assertion) it divides. */
const BEFORE_REGEX = /[(,=:[&|?{};+\-*%<>~^]$|(?:^|[^\w$)\]\s])\s*!$|(?:^|[^\w$])(return|typeof|case|do|else|in|of|yield|await)$/;

/** Index of the last `(` the text leaves open, or -1. */
function lastOpenParen(text: string): number {
  const open: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')') open.pop();
  }
  return open.at(-1) ?? -1;
}

/** True when the code before a `{` leaves it inside an expression or a type: a default
 *  value `(a = {`, a destructured parameter `({`, a return type `): {`, `Promise<{`. */
function insideExpression(head: string): boolean {
  const text = head.slice(lastOpenParen(head) + 1).trimEnd();
  if (/=>$/.test(text) && !isParameterType(head)) return false;
  const angles = (text.replace(/=>/g, '').match(/</g)?.length ?? 0) - (text.replace(/=>/g, '').match(/>/g)?.length ?? 0);
  return lastOpenParen(head) >= 0 || angles > 0 || /[:=|&,<(]$/.test(text);
}

/** `f(run: (x: T) => {`: inside an open parameter list, `name: (…) =>` is a function type. */
function isParameterType(head: string): boolean {
  const open = lastOpenParen(head);
  const lastParameter = head.slice(open + 1).split(',').at(-1) ?? '';
  return open >= 0 && /^\s*[\w$]+\??\s*:\s*(?:new\s*)?\(.*\)\s*=>$/.test(lastParameter);
}

/** The function's name when the code before a `{` is a function head, else undefined. */
function functionHeadName(head: string): string | undefined {
  const whole = head.replace(/\s+/g, ' ').trim();
  if (/=>$/.test(whole) && !isParameterType(whole)) {
    return whole.match(/([\w$]+)\s*(?::[^=]*)?=\s*(?:async\s*)?(?:<[^>]*>)?\s*\([^()]*\)\s*(?::[^=]*)?=>$/)?.[1] ?? whole.match(/([\w$]+)\s*:\s*(?:async\s*)?\([^()]*\)\s*=>$/)?.[1] ?? '<anonymous>';
  }
  if (insideExpression(whole)) return undefined;
  const declared = whole.match(/\bfunction\b\s*\*?\s*([\w$]*)\s*(?:<[^(]*>)?\s*\(/);
  if (declared) return declared[1] || '<anonymous>';
  const method = whole.match(/^(?:(?:public|private|protected|static|async|get|set|override|readonly)\s+)*\*?([\w$#]+)\s*(?:<[^(]*>)?\s*\(.*\)\s*(?::.*)?$/);
  if (method && !CONTROL_WORDS.test(method[1])) return method[1];
  return undefined;
}

/** Index just past the string or template literal that starts at `start`. */
function skipQuoted(source: string, start: number, scanCode: (from: number, closer: string) => number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i += 2;
    else if (quote === '`' && source.startsWith('${', i)) i = scanCode(i + 2, '}') + 1;
    else i += 1;
  }
  return i + 1;
}

function skipRegex(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length && source[i] !== '\n') {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
    i += 1;
  }
  return i + 1;
}

export function functionLengths(source: string): FunctionLength[] {
  const found: FunctionLength[] = [];
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;

  /** Scans code from `from` until the unmatched `closer` (or the end); returns its index. */
  function scanCode(from: number, closer: string): number {
    let headStart = from;
    let i = from;
    while (i < source.length) {
      const char = source[i];
      if (source.startsWith('//', i)) {
        const end = source.indexOf('\n', i);
        i = end < 0 ? source.length : end;
      } else if (source.startsWith('/*', i)) {
        const end = source.indexOf('*/', i + 2);
        i = end < 0 ? source.length : end + 2;
      } else if (char === '"' || char === "'" || char === '`') {
        i = skipQuoted(source, i, scanCode);
      } else if (char === '/' && BEFORE_REGEX.test(stripComments(source.slice(headStart, i)).trimEnd() || ';')) {
        i = skipRegex(source, i);
      } else if (char === '{') {
        const head = stripComments(source.slice(headStart, i));
        const name = functionHeadName(head);
        const close = scanCode(i + 1, '}');
        if (name !== undefined) found.push({ name, line: lineAt(i), lines: lineAt(close) - lineAt(i) + 1 });
        i = close + 1;
        // A brace inside a head (a default value, a return type) leaves the head going on.
        if (name !== undefined || !insideExpression(head.replace(/\s+/g, ' ').trim())) headStart = i;
      } else if (char === closer) {
        return i;
      } else {
        if (char === ';') headStart = i + 1;
        i += 1;
      }
    }
    return i;
  }

  scanCode(0, '');
  return found;
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}
