// esbuild options for the bundles the test rigs need: the in-editor suite (test/integration),
// once for the web (worker) extension host and once for the desktop (Node) extension host.
// esbuild.js builds them with everything else; they never ship (`.vscodeignore` drops dist/test).
//
// Two virtual modules keep test/integration/index.ts the same for both hosts:
//   reference-test:specs  requires every test/integration/*.spec.ts, found when the bundle is
//                         built, so a new spec file needs no registration anywhere.
//   reference-test:mocha  the Mocha class: mocha's browser build (mocha/mocha.js) for the worker,
//                         loaded with `module`, `exports` and `define` hidden so that its UMD
//                         header takes the global branch and cannot replace the bundle's own
//                         exports (the pitfall where the workbench ends up calling mocha's `run`
//                         with the HTML reporter); the installed Node package for the desktop.
//                         Also `host` (which bundle this is) and `loadedModules()` (in Node, the
//                         files require() has loaded, to tell which entry VS Code ran).
const fs = require('fs');
const path = require('path');

const integrationDir = path.join(__dirname, 'integration');
const VIRTUAL = /^reference-test:(specs|mocha)$/;

/**
 * The spec files of the in-editor suite, in a stable order: smoke.spec.ts first, so that it sees
 * the extension before anything has activated it and measures a cold activation; then by name.
 */
function specFiles() {
  return fs
    .readdirSync(integrationDir)
    .filter((name) => name.endsWith('.spec.ts'))
    .sort((a, b) => (a === 'smoke.spec.ts' ? -1 : b === 'smoke.spec.ts' ? 1 : a.localeCompare(b)));
}

/** @param {'web' | 'node'} host @returns {import('esbuild').Plugin} */
function integrationPlugin(host) {
  return {
    name: 'reference-test-virtual-modules',
    setup(build) {
      build.onResolve({ filter: VIRTUAL }, (args) => ({ path: args.path, namespace: 'reference-test' }));
      build.onLoad({ filter: /^reference-test:specs$/, namespace: 'reference-test' }, () => {
        const files = specFiles();
        const lines = [
          `export const specFiles = ${JSON.stringify(files)};`,
          // require(), not import: the specs must run after index.ts has installed mocha's globals.
          'export function loadSpecs() {',
          ...files.map((file) => `  require(${JSON.stringify('./' + file)});`),
          '}',
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: integrationDir, watchDirs: [integrationDir] };
      });
      build.onLoad({ filter: /^reference-test:mocha$/, namespace: 'reference-test' }, () => {
        if (host === 'node') {
          // `mocha` stays external: the desktop host runs in Node with the repo's node_modules.
          const contents = [
            "export { default as Mocha } from 'mocha';",
            "export const host = 'node';",
            'export function loadedModules() { return Object.keys(require.cache); }',
          ].join('\n');
          return { contents, loader: 'js', resolveDir: integrationDir };
        }
        const mochaFile = require.resolve('mocha/mocha.js');
        const source = fs.readFileSync(mochaFile, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
        const contents = [
          '(function (module, exports, define) {',
          source,
          '}).call(globalThis, undefined, undefined, undefined);',
          'export const Mocha = globalThis.Mocha;',
          "export const host = 'web';",
          'export function loadedModules() { return []; }',
        ].join('\n');
        return { contents, loader: 'js', resolveDir: path.dirname(mochaFile), watchFiles: [mochaFile] };
      });
    },
  };
}

module.exports = function testBundles(common) {
  const shared = {
    ...common,
    entryPoints: [path.join(integrationDir, 'index.ts')],
    format: 'cjs',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
  };
  return [
    {
      ...shared,
      outfile: 'dist/test/integration.web.js',
      platform: 'browser',
      mainFields: ['browser', 'module', 'main'],
      external: ['vscode'],
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [integrationPlugin('web')],
    },
    {
      ...shared,
      outfile: 'dist/test/integration.node.js',
      platform: 'node',
      external: ['vscode', 'mocha'],
      plugins: [integrationPlugin('node')],
    },
  ];
};

module.exports.specFiles = specFiles;
