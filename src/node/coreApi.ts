/**
 * `dist/core.js`: the core for plain Node (tools, benchmarks, scripts), plus a loader for the
 * parts that ship beside it. The extension does not use this file; it loads the same parts
 * through VS Code's file system so that it also runs on the web.
 *
 * What a first hover needs (the terms part, its matcher, `TermsReference`) is in this small
 * bundle. The rest of the reference (search, sections and events, the figure check, citations)
 * is in `dist/core-reference.js`, required on the first call that needs it; the rest of the core
 * (the content validator, workspace glossaries, the index builder) in `dist/core-full.js`. Each
 * of the core's exports is on this module all the same: the ones this bundle lacks are getters
 * that require the full bundle when read.
 */
import { fstatSync, openSync, readFileSync, readSync, statSync } from 'fs';
import { join } from 'path';
import type * as Core from '../core/index';
import type { Reference } from '../core/reference';
import type { LibraryPart, LoadedTermsPart, PartSource } from '../core/parts';
import { ReferenceLoadError, TermsReference, readTermsPartExplained } from '../core/termsReference';

export { TermsReference, readTermsPartExplained, ReferenceLoadError } from '../core/termsReference';

/** The names `dist/core-full.js` exports, listed by esbuild.js when it builds this bundle. */
declare const CORE_FULL_EXPORTS: readonly string[];
/** `Reference`'s public methods (its own and `TermsReference`'s), listed the same way. */
declare const REFERENCE_METHODS: readonly string[];

type FullCore = typeof Core & { loadBundledReference(indexPath?: string): Reference };
type ReferenceBundle = { referenceFromTermsPart(terms: LoadedTermsPart, readLibrary: () => string | LibraryPart): Reference };

let fullCore: FullCore | undefined;

function full(): FullCore {
  // Plain requires of files beside this one, which esbuild leaves alone (external).
  fullCore ??= require('./core-full.js') as FullCore;
  return fullCore;
}

const REFERENCE_METHOD_NAMES = new Set<PropertyKey>(REFERENCE_METHODS);
/** `TermsReference`'s own methods: a hover, a draft scan and term listings never leave this bundle. */
const TERMS_METHODS = new Set<PropertyKey>(Object.getOwnPropertyNames(TermsReference.prototype).filter((name) => name !== 'constructor' && name !== 'entry' && name !== 'source'));

/**
 * Loads the bundled reference that sits next to `dist/core.js`: the terms part's header now, a
 * term's record when first used, and the reference bundle with the library part on the first
 * call that needs them (search, sections, events, other sources, citations, the figure check).
 * Given `indexPath`, loads that single index file whole instead. What it returns answers every
 * `Reference` method, but it is a stand-in (a Proxy), not an instance of the class.
 *
 * @example
 *   const { loadBundledReference } = require('./dist/core.js');
 *   loadBundledReference().termAt('The Iron Dome', 6); // the terms part only
 *   loadBundledReference().search('iron dome', { limit: 3 }); // requires dist/core-reference.js
 */
export function loadBundledReference(indexPath?: string): Reference {
  if (indexPath !== undefined) return full().loadBundledReference(indexPath);
  const termsPart = readTermsPartExplained(filePart(join(__dirname, 'reference-terms.jsonl')));
  const terms = new TermsReference(termsPart);
  let whole: Reference | undefined;
  // The whole reference takes over the terms part as read (its records parsed once), from the
  // bundle that holds `Reference` and nothing else of the core.
  const reference = (): Reference =>
    (whole ??= (require('./core-reference.js') as ReferenceBundle).referenceFromTermsPart(termsPart, () => readFileSync(join(__dirname, 'reference-library.jsonl'), 'utf8')));
  const methods = new Map<PropertyKey, unknown>();
  // Errors the reference bundle raises are its own copy of the class: tools test them against this one.
  const sameErrors =
    (method: (...args: unknown[]) => unknown) =>
    (...args: unknown[]): unknown => {
      try {
        return method(...args);
      } catch (error) {
        if (error instanceof Error && error.name === 'ReferenceLoadError' && !(error instanceof ReferenceLoadError)) throw new ReferenceLoadError(error.message);
        throw error;
      }
    };
  const wholeMethod = (property: PropertyKey) => sameErrors((...args) => (Reflect.get(reference(), property) as (...args: unknown[]) => unknown).apply(reference(), args));
  return new Proxy(terms, {
    get(target, property) {
      // `await`, `util.inspect` and the like probe these; answering them must not load the rest.
      if (property === 'then' || typeof property === 'symbol' || !(TERMS_METHODS.has(property) || REFERENCE_METHOD_NAMES.has(property))) return Reflect.get(target, property);
      let method = methods.get(property);
      if (method === undefined) {
        if (property === 'entry') method = sameErrors((id) => target.entry(id as string) ?? reference().entry(id as string));
        else if (property === 'source') method = sameErrors((id) => target.source(id as string) ?? reference().source(id as string));
        else if (TERMS_METHODS.has(property)) method = (Reflect.get(target, property) as (...args: unknown[]) => unknown).bind(target);
        else method = wholeMethod(property);
        // One function per name, so that `reference.termAt === reference.termAt`.
        methods.set(property, method);
      }
      return method;
    },
    has(target, property) {
      return TERMS_METHODS.has(property) || REFERENCE_METHOD_NAMES.has(property) || Reflect.has(target, property);
    },
  }) as unknown as Reference;
}

/** One descriptor per part file, however many references read it; reopened when the file is rebuilt. */
const openParts = new Map<string, { fd: number; signature: string; size: number }>();

/** What tells a rebuilt file from the one a descriptor holds. */
function signature(stats: { ino: number; size: number; mtimeMs: number }): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * The part file at `path` read piecemeal: its header line now, each record's bytes when the
 * record is first asked for (or the whole text, when it has no header line to go by). The parts
 * are ASCII, so byte offsets are character offsets. A hover reads the 40 KB header and one record
 * rather than the whole 370 KB file (which cost about 5 ms of a 17 ms cold hover on the 2-core
 * machine).
 */
function filePart(path: string): PartSource | string {
  let open = openParts.get(path);
  const onDisk = signature(statSync(path));
  if (open === undefined || open.signature !== onDisk) {
    // A rebuild replaced or rewrote the file: a reference loaded from now on reads the new one.
    // The old descriptor stays open (one per rebuild) for references loaded before, which find
    // their records moved and say so rather than failing on a closed descriptor.
    const fd = openSync(path, 'r');
    const stats = fstatSync(fd);
    open = { fd, signature: signature(stats), size: stats.size };
    openParts.set(path, open);
  }
  const { fd, size } = open;
  const chunks: Buffer[] = [];
  let position = 0;
  let newline = -1;
  while (newline < 0) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) break;
    newline = chunk.subarray(0, read).indexOf(10);
    chunks.push(chunk.subarray(0, newline < 0 ? read : newline));
    position += newline < 0 ? read : newline;
  }
  // No newline: not a part file the build wrote; read whole, the loader says what is wrong with it.
  if (newline < 0) return readFileSync(path, 'utf8');
  const bodyStart = position + 1;
  return {
    header: Buffer.concat(chunks).toString('latin1'),
    bodyLength: size - bodyStart,
    body(start, end) {
      const length = Math.max(0, end - start);
      const bytes = Buffer.allocUnsafe(length);
      const read = readSync(fd, bytes, 0, length, bodyStart + start);
      return bytes.toString('latin1', 0, read);
    },
  };
}

for (const name of CORE_FULL_EXPORTS) {
  if (Object.prototype.hasOwnProperty.call(module.exports, name)) continue;
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => (full() as unknown as Record<string, unknown>)[name] });
}
