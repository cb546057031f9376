/**
 * `dist/core.js`: the core for plain Node (tools, benchmarks, scripts), plus a loader for the
 * index that ships beside it. The extension does not use this file; it loads the same index
 * through VS Code's file system so that it also runs on the web.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, type Reference } from '../core/reference';

export * from '../core/index';

/**
 * Loads the bundled index that sits next to `dist/core.js` (or at `indexPath`).
 *
 * @example
 *   const { loadBundledReference } = require('./dist/core.js');
 *   loadBundledReference().search('iron dome', { limit: 3 });
 */
export function loadBundledReference(indexPath: string = join(__dirname, 'reference-index.json')): Reference {
  return loadReference(readFileSync(indexPath, 'utf8'));
}
