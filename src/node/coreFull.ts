/**
 * `dist/core-full.js`: the whole core for plain Node, required by `dist/core.js` on the first use
 * of anything beyond a hover (see coreApi.ts). Tools may require it directly.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, loadReferenceParts, type Reference } from '../core/reference';

export * from '../core/index';

/**
 * Loads the bundled parts beside this file, or the single index file at `indexPath`, as a
 * full `Reference`.
 *
 * @example
 *   require('./dist/core-full.js').loadBundledReference().sections().length // => 9
 */
export function loadBundledReference(indexPath?: string): Reference {
  if (indexPath !== undefined) return loadReference(readFileSync(indexPath, 'utf8'));
  return loadReferenceParts(readFileSync(join(__dirname, 'reference-terms.jsonl'), 'utf8'), () => readFileSync(join(__dirname, 'reference-library.jsonl'), 'utf8'));
}
