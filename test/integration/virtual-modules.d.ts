// Types of the two modules test/bundles.js generates while bundling the in-editor suite.

declare module 'reference-test:mocha' {
  import MochaClass = require('mocha');
  /** mocha's Mocha class: the browser build in the worker host, the Node package on the desktop. */
  export const Mocha: typeof MochaClass;
  /** Which extension host the bundle was built for. */
  export const host: 'web' | 'node';
  /** In the Node host, the absolute paths require() has loaded (require.cache); empty in the worker. */
  export function loadedModules(): string[];
}

declare module 'reference-test:specs' {
  /** The test/integration/*.spec.ts files found at build time, sorted. */
  export const specFiles: string[];
  /** Evaluates every spec file; call after mocha's globals are installed. */
  export function loadSpecs(): void;
}
