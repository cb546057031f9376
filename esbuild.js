// Builds every artefact from one source tree:
//   dist/extension.node.js  the desktop entry (`main`)
//   dist/extension.web.js   the VS Code for the Web entry (`browser`)
//   dist/webview/webview.js the script inside the reference panel (its own folder: the panel may load nothing else from dist/)
//   dist/core.js            the core for tools and benchmarks, CommonJS: what a hover needs, the rest
//   dist/core-reference.js  …the rest of the reference, required from there on first use
//   dist/core-full.js       …and the rest of the core (src/node/coreApi.ts)
//   dist/reference-index.json  the validated content and its prebuilt search index
//   dist/reference-terms.jsonl, dist/reference-library.jsonl  the same in the two parts the
//                              extension reads: what a hover needs, and the rest (src/core/parts.ts)
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--draft` lets a work-in-progress content set build while it is short of the final counts and lengths.
const draft = process.argv.includes('--draft');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  target: 'es2022',
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.node.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.web.js',
    platform: 'browser',
    format: 'cjs',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/webview.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: ['src/node/coreReference.ts'],
    outfile: 'dist/core-reference.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: ['src/node/coreFull.ts'],
    outfile: 'dist/core-full.js',
    platform: 'node',
    format: 'cjs',
  },
];

/** The public methods of `Reference` and the classes it extends. */
function referenceMethods(referenceClass) {
  const names = new Set();
  for (let prototype = referenceClass.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of Object.getOwnPropertyNames(prototype)) if (name !== 'constructor' && typeof prototype[name] === 'function') names.add(name);
  }
  return [...names];
}

/** `dist/core.js`, the small bundle a hover needs; built after core-full.js, whose export names it lists. */
function coreTarget() {
  const fullPath = require.resolve('./dist/core-full.js');
  delete require.cache[fullPath];
  const fullCore = require(fullPath);
  return {
    ...common,
    entryPoints: ['src/node/coreApi.ts'],
    outfile: 'dist/core.js',
    platform: 'node',
    format: 'cjs',
    external: ['./core-full.js', './core-reference.js'],
    define: {
      CORE_FULL_EXPORTS: JSON.stringify(Object.keys(fullCore)),
      REFERENCE_METHODS: JSON.stringify(referenceMethods(fullCore.Reference)),
    },
  };
}

/** Extra bundles for the test rigs; they never ship (`.vscodeignore` drops `dist/test`). */
const testTargets = require('./test/bundles.js')(common);

async function buildIndex() {
  // The index builder runs in Node at build time only; it is bundled to out/ and required.
  await esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['src/node/buildIndex.ts'], outfile: 'out/buildIndex.js', platform: 'node', format: 'cjs' });
  delete require.cache[require.resolve('./out/buildIndex.js')];
  const { buildIndexFromDirectory } = require('./out/buildIndex.js');
  const result = buildIndexFromDirectory(path.join(__dirname, 'data'), path.join(__dirname, 'dist', 'reference-index.json'), { draft });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  if (result.sourcingWarnings.length > 0) {
    if (process.argv.includes('--sourcing')) for (const warning of result.sourcingWarnings) console.warn(`sourcing: ${warning}`);
    else console.warn(`${result.sourcingWarnings.length} breaches of the sourcing rules, not yet enforced; list them with: node esbuild.js --sourcing`);
  }
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    console.error(`\n${result.problems.length} problem(s) in data/: the index was not built.`);
    return false;
  }
  console.log(result.summary);
  return true;
}

async function main() {
  if (!(await buildIndex()) && !watch) process.exit(1);
  const all = [...targets, ...testTargets];
  if (watch) {
    for (const options of all) {
      const context = await esbuild.context(options);
      // Built once before watching, so that core.js below lists what core-full.js exports.
      await context.rebuild();
      await context.watch();
    }
    // core.js is watched too; the export lists it is given are read now, so a change to what the
    // core exports needs a restart of the watch.
    const coreContext = await esbuild.context(coreTarget());
    await coreContext.rebuild();
    await coreContext.watch();
    console.log('watching…');
    return;
  }
  await Promise.all(all.map((options) => esbuild.build(options)));
  await esbuild.build(coreTarget());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
