#!/usr/bin/env node
// Builds the extension as it was before issue 12 split the index (test/bench/baseline.js) into
// dist/test/baseline-extension/, with today's single index file, so that `npm run test:ui`
// can measure the first hover of both designs on the same machine:
//
//   npm run build && node test/ui/baselineExtension.js
//   REFERENCE_UI_EXTENSION=dist/test/baseline-extension npm run test:ui   # before
//   npm run test:ui                                                       # after
'use strict';
const { cpSync, mkdirSync, rmSync, copyFileSync } = require('fs');
const { join } = require('path');
const { BASELINE_COMMIT, exportBaseline } = require('../bench/baseline.js');

const root = join(__dirname, '..', '..');
const out = join(root, 'dist', 'test', 'baseline-extension');
const sources = exportBaseline(root, ['src', 'media', 'package.json', 'package.nls.json']);
try {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'dist'), { recursive: true });
  const esbuild = require('esbuild');
  const common = { bundle: true, minify: true, target: 'es2022', format: 'cjs', external: ['vscode'], nodePaths: [join(root, 'node_modules')], logLevel: 'error' };
  esbuild.buildSync({ ...common, entryPoints: [join(sources, 'src', 'vscode', 'extension.ts')], outfile: join(out, 'dist', 'extension.web.js'), platform: 'browser', mainFields: ['browser', 'module', 'main'], define: { 'process.env.NODE_ENV': '"production"' } });
  esbuild.buildSync({ ...common, entryPoints: [join(sources, 'src', 'vscode', 'extension.ts')], outfile: join(out, 'dist', 'extension.node.js'), platform: 'node' });
  esbuild.buildSync({ ...common, entryPoints: [join(sources, 'src', 'webview', 'main.ts')], outfile: join(out, 'dist', 'webview.js'), platform: 'browser', format: 'iife', external: [] });
  for (const file of ['package.json', 'package.nls.json']) copyFileSync(join(sources, file), join(out, file));
  cpSync(join(sources, 'media'), join(out, 'media'), { recursive: true });
  copyFileSync(join(root, 'dist', 'reference-index.json'), join(out, 'dist', 'reference-index.json'));
  console.log(`baseline extension (${BASELINE_COMMIT}) in ${out}`);
} finally {
  rmSync(sources, { recursive: true, force: true });
}
