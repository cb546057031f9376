// The in-editor suite's entry (`extensionTestsPath`): VS Code loads this bundle inside its
// extension host and calls `run()`; the suite passes when the promise resolves.
//
// One source serves both hosts. test/bundles.js builds it twice:
//   dist/test/integration.web.js   VS Code for the Web, the worker extension host (test/runWeb.js)
//   dist/test/integration.node.js  the Node extension host: VS Code's server (test/runNode.js)
//                                  and desktop VS Code (test/runDesktop.js)
//
// Writing a spec: add `test/integration/<name>.spec.ts`; the build finds it (no list to edit).
// Both mocha interfaces are installed, `describe`/`it` (bdd) and `suite`/`test` (tdd); assert with
// chai (`import { expect } from 'chai'`), never Node's `assert`, which the worker host lacks.
// The default per-test timeout is 30 s; the whole run is also time-boxed by the runner.
import { Mocha, host } from 'reference-test:mocha';
import { loadSpecs, specFiles } from 'reference-test:specs';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 30_000,
    slow: 2_000,
    // Both the worker host and the server's Node host forward console output line by line, as
    // plain text: colour codes would only add noise, and printf placeholders must be filled here.
    color: false,
  });
  printReporterLinesWhole(Mocha);
  // A second interface: ui() binds its globals on the same 'pre-require' event.
  mocha.ui('tdd');
  mocha.ui('bdd');
  mocha.suite.emit('pre-require', globalThis, 'test/integration', mocha);

  console.log(`in-editor suite (${host} extension host): ${specFiles.join(', ')}`);
  return new Promise<void>((resolve, reject) => {
    try {
      loadSpecs();
    } catch (error) {
      reject(error);
      return;
    }
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * The worker host and the remote (server) Node host forward console output as plain text,
 * without applying printf-style placeholders, so mocha's reporters would print "%s%s" lines.
 * Format each line here and hand the console one finished string; use mocha's Node check marks.
 */
function printReporterLinesWhole(mochaClass: typeof Mocha): void {
  const base = mochaClass.reporters.Base as unknown as {
    consoleLog: (...args: unknown[]) => void;
    symbols: Record<string, string>;
  };
  base.symbols.ok = '✔';
  base.symbols.err = '✖';
  base.consoleLog = (...args: unknown[]) => console.log(formatLine(args));
}

/** util.format's placeholders (%s %d %i %f %j %o %O %c %%), enough for mocha's reporters. */
function formatLine(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(String).join(' ');
  const text = first.replace(/%([sdifjoOc%])/g, (match, kind: string) => {
    if (kind === '%') return '%';
    if (rest.length === 0) return match;
    const value = rest.shift();
    switch (kind) {
      case 'd':
      case 'i':
        return String(kind === 'i' ? parseInt(String(value), 10) : Number(value));
      case 'f':
        return String(parseFloat(String(value)));
      case 'j':
      case 'o':
      case 'O':
        try {
          return JSON.stringify(value);
        } catch {
          return String(value);
        }
      case 'c':
        return '';
      default:
        return String(value);
    }
  });
  return [text, ...rest.map(String)].join(' ');
}
