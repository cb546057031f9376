/**
 * A JSON reader that remembers where each value sits in the text, so a validation problem
 * ("facts[1].sources[0]: … is not a source id") can be shown on the exact characters of a
 * writer's file, and a syntax error on the character where it starts.
 *
 * `JSON.parse` gives neither: its error messages differ between engines and quote the input.
 * This reader is iterative where it matters (no recursion deeper than `MAX_DEPTH`) and reads each
 * character once, so a hostile file costs time in proportion to its length.
 */

/** How deep arrays and objects may nest; no glossary needs more than five levels. */
export const MAX_DEPTH = 64;

/** Where one value sits: `[start, end)` in UTF-16 offsets, and where its children sit. */
export interface JsonNode {
  start: number;
  end: number;
  /** For an object, its keys (the last one wins, as in `JSON.parse`); for an array, its items. */
  children?: Map<string, JsonNode> | JsonNode[];
  /** For a value inside an object, where its key is written. */
  keyStart?: number;
}

export type JsonReadResult = { ok: true; value: unknown; root: JsonNode } | { ok: false; offset: number; reason: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Parses JSON text, returning the value with its location tree, or the offset and a plain reason
 * for the first syntax error. A leading byte-order mark is skipped.
 *
 * @example
 *   const read = readJson('{"a": [1, 2]}');
 *   read.ok && locate(read.root, ['a', 1]) // => { start: 10, end: 11 }
 */
export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
  try {
    const { value, node } = reader.document();
    return { ok: true, value, root: node };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, offset: error.offset, reason: error.message };
    throw error;
  }
}

/**
 * The node at a path of keys and indices, or the deepest node the path reaches: a problem about a
 * field that is missing is shown on the record that lacks it.
 *
 * @example
 *   locate(root, ['terms', 3, 'facts', 0]) // the fourth term's first fact, or the fourth term
 */
export function locate(root: JsonNode, path: readonly (string | number)[]): JsonNode {
  let node = root;
  for (const step of path) {
    const children = node.children;
    const next = children instanceof Map ? (typeof step === 'string' ? children.get(step) : undefined) : Array.isArray(children) && typeof step === 'number' ? children[step] : undefined;
    if (!next) break;
    node = next;
  }
  return node;
}

/**
 * Splits a validator field label into path steps: `[3] (qme).facts[1].sources[0]` gives
 * `[3, 'facts', 1, 'sources', 0]`. The record's id, in parentheses, is passed so that an id
 * holding dots or brackets cannot be mistaken for steps.
 *
 * @example
 *   fieldPath('[2] (qme).facts[0].at.crs-1', 'qme') // => [2, 'facts', 0, 'at', 'crs-1']
 */
export function fieldPath(label: string, recordId?: string): (string | number)[] {
  let rest = label;
  const steps: (string | number)[] = [];
  const head = /^\[(\d+)\]/.exec(rest);
  if (head) {
    steps.push(Number(head[1]));
    rest = rest.slice(head[0].length);
    if (recordId !== undefined && rest.startsWith(` (${recordId})`)) rest = rest.slice(recordId.length + 3);
    rest = rest.replace(/^\./, '');
  }
  for (const match of rest.matchAll(/([^.[\]\s]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) steps.push(Number(match[2]));
    else if (!match[1].startsWith('(')) steps.push(match[1]);
  }
  return steps;
}

/**
 * The 0-based line and character of an offset, for a diagnostic.
 *
 * @example
 *   positionAt('a\nbc', 3) // => { line: 1, character: 1 }
 */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: end - lineStart };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = [['true', true], ['false', false], ['null', null]] as const;
const SIMPLE_ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);

interface Frame {
  node: JsonNode;
  value: unknown[] | Record<string, unknown>;
  /** For an object: the key whose value is being read. */
  key?: string;
  keyStart?: number;
  /** Whether a value (or key) is expected next rather than a comma or the closing bracket. */
  expectingValue: boolean;
  /** Whether anything has been read inside (a comma after `[` is an error). */
  empty: boolean;
}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.at = 1;
  }

  document(): { value: unknown; node: JsonNode } {
    this.space();
    if (this.at >= this.text.length) throw new JsonSyntaxError(this.at, 'the file is empty; expected a JSON array or object');
    const result = this.value();
    this.space();
    if (this.at < this.text.length) throw new JsonSyntaxError(this.at, 'unexpected text after the end of the JSON value');
    return result;
  }

  /** Reads one value; containers are read with an explicit stack so nesting cannot overflow the call stack. */
  private value(): { value: unknown; node: JsonNode } {
    const stack: Frame[] = [];
    let finished: { value: unknown; node: JsonNode } | undefined;
    for (;;) {
      this.space();
      const frame = stack[stack.length - 1];
      if (frame && !frame.expectingValue) {
        const code = this.text.charCodeAt(this.at);
        const close = Array.isArray(frame.value) ? 93 : 125;
        if (code === 44) {
          this.at++;
          frame.expectingValue = true;
          continue;
        }
        if (code !== close) throw new JsonSyntaxError(this.at, `expected "," or "${Array.isArray(frame.value) ? ']' : '}'}"${this.at >= this.text.length ? ' before the end of the file' : ''}`);
        this.at++;
        frame.node.end = this.at;
        stack.pop();
        finished = { value: frame.value, node: frame.node };
      } else if (frame && !Array.isArray(frame.value) && frame.key === undefined) {
        // An object wants a key, or (only when empty) its closing brace.
        const code = this.text.charCodeAt(this.at);
        if (code === 125 && frame.empty) {
          this.at++;
          frame.node.end = this.at;
          stack.pop();
          finished = { value: frame.value, node: frame.node };
        } else {
          if (code !== 34) throw new JsonSyntaxError(this.at, frame.empty ? 'expected a key in double quotes or "}"' : 'expected a key in double quotes after ","');
          frame.keyStart = this.at;
          frame.key = this.string();
          this.space();
          if (this.text.charCodeAt(this.at) !== 58) throw new JsonSyntaxError(this.at, 'expected ":" after the key');
          this.at++;
          continue;
        }
      } else {
        const code = this.text.charCodeAt(this.at);
        const start = this.at;
        if (code === 91 || code === 123) {
          if (stack.length >= MAX_DEPTH) throw new JsonSyntaxError(start, `nested more than ${MAX_DEPTH} levels deep`);
          this.at++;
          const isArray = code === 91;
          const node: JsonNode = { start, end: start, children: isArray ? [] : new Map() };
          stack.push({ node, value: isArray ? [] : {}, expectingValue: true, empty: true });
          if (isArray) {
            this.space();
            if (this.text.charCodeAt(this.at) === 93) {
              this.at++;
              node.end = this.at;
              stack.pop();
              finished = { value: [], node };
            } else continue;
          } else continue;
        } else if (frame && Array.isArray(frame.value) && code === 93 && frame.empty) {
          throw new JsonSyntaxError(this.at, 'unexpected "]"');
        } else {
          finished = { value: this.scalar(), node: { start, end: this.at } };
        }
      }
      // Hand the finished value to its container, or return it.
      const parent = stack[stack.length - 1];
      if (!parent) return finished!;
      parent.empty = false;
      parent.expectingValue = false;
      if (Array.isArray(parent.value)) {
        parent.value.push(finished!.value);
        (parent.node.children as JsonNode[]).push(finished!.node);
      } else {
        const key = parent.key!;
        finished!.node.keyStart = parent.keyStart;
        // A key "__proto__" is data, as JSON.parse makes it, never the object's prototype.
        if (key === '__proto__') Object.defineProperty(parent.value, key, { value: finished!.value, enumerable: true, writable: true, configurable: true });
        else (parent.value as Record<string, unknown>)[key] = finished!.value;
        (parent.node.children as Map<string, JsonNode>).set(key, finished!.node);
        parent.key = undefined;
      }
    }
  }

  private scalar(): unknown {
    const code = this.text.charCodeAt(this.at);
    if (code === 34) return this.string();
    if (code === 45 || (code >= 48 && code <= 57)) return this.number();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    if (this.at >= this.text.length) throw new JsonSyntaxError(this.at, 'expected a value before the end of the file');
    throw new JsonSyntaxError(this.at, `unexpected character ${describeCharacter(this.text.charCodeAt(this.at))}; expected a value`);
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const found = NUMBER.exec(this.text);
    if (!found) throw new JsonSyntaxError(this.at, 'malformed number');
    this.at += found[0].length;
    return Number(found[0]);
  }

  private string(): string {
    const start = this.at;
    this.at++;
    let result = '';
    let chunk = this.at;
    for (;;) {
      if (this.at >= this.text.length) throw new JsonSyntaxError(start, 'this string is never closed with a double quote');
      const code = this.text.charCodeAt(this.at);
      if (code === 34) {
        result += this.text.slice(chunk, this.at);
        this.at++;
        return result;
      }
      if (code < 32) throw new JsonSyntaxError(this.at, `a line break or control character (${describeCharacter(code)}) inside a string; write it as an escape`);
      if (code !== 92) {
        this.at++;
        continue;
      }
      result += this.text.slice(chunk, this.at);
      const escape = this.text.charAt(this.at + 1);
      const simple = SIMPLE_ESCAPES.get(escape);
      if (simple !== undefined) {
        result += simple;
        this.at += 2;
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
        result += String.fromCharCode(parseInt(this.text.slice(this.at + 2, this.at + 6), 16));
        this.at += 6;
      } else {
        throw new JsonSyntaxError(this.at, 'malformed escape in a string');
      }
      chunk = this.at;
    }
  }

  private space(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (code === 32 || code === 10 || code === 13 || code === 9) this.at++;
      else return;
    }
  }
}

function describeCharacter(code: number): string {
  return code >= 33 && code < 127 ? `"${String.fromCharCode(code)}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
