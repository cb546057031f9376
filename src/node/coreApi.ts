/**
 * `dist/core.js`: the core for plain Node (tools, benchmarks, scripts), plus a loader for the
 * index that ships beside it. The extension does not use this file; it loads the same parts
 * through VS Code's file system so that it also runs on the web.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadReference, loadReferenceParts, type Reference } from '../core/reference';

export * from '../core/index';

/**
 * Loads the bundled reference that sits next to `dist/core.js`: the terms part at once, the
 * library part on the first call that needs it. Given `indexPath`, loads that single index file
 * whole instead.
 *
 * @example
 *   const { loadBundledReference } = require('./dist/core.js');
 *   loadBundledReference().termAt('The Iron Dome', 6); // reads only the terms part
 *   loadBundledReference().search('iron dome', { limit: 3 });
 */
export function loadBundledReference(indexPath?: string): Reference {
  if (indexPath !== undefined) return loadReference(readFileSync(indexPath, 'utf8'));
  return loadReferenceParts(readFileSync(join(__dirname, 'reference-terms.json'), 'utf8'), () => readFileSync(join(__dirname, 'reference-library.json'), 'utf8'));
}
