// A real VS Code server with a Node extension host, offline, for `npm run test:node`.
//
// @vscode/test-electron downloads VS Code from servers these machines cannot reach, and VS Code
// for the Web has only the worker host. The npm package code-server embeds VS Code's server
// ("vscode-reh"); that server runs extensions in its remote extension host, which is Node, so
// the extension's `main` entry runs there. code-server 4.93.1 is VS Code 1.93.1 on Node 20, the
// closest to `engines.vscode` (^1.91) that npm has. Background:
// ../shared/notes/node-extension-host.md in the team's notes, and the README's Testing section.
//
// Installed on first use into .vscode-test/code-server-<version>/ (about 320 MB, 2-5 minutes on
// 2 cores), from the npm registry only, every install script skipped:
//   1. npm install code-server (its launcher is not used: it needs the argon2 addon compiled);
//   2. npm install in its lib/vscode (the server's own dependencies);
//   3. build, with node-gyp against this Node's headers (needs make, a C++ compiler and
//      python3), the native addon the server cannot start its extension host without,
//      @vscode/spdlog, and native-watchdog (2 s; without it the host logs a stack trace); the
//      others (node-pty, kerberos...) stay unbuilt: terminals and a few services fail with log
//      lines only;
//   4. link the system's ripgrep where the server looks for it (its own install script
//      downloads it), for workspace.findFiles and text search. Optional: the suite uses neither.
// The server is started by ./codeServerMain.js in a child process of its own.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const repoRoot = path.resolve(__dirname, '..', '..');
const VERSION = process.env.REFERENCE_CODE_SERVER_VERSION || '4.93.1';
const cacheDir = path.join(repoRoot, '.vscode-test', `code-server-${VERSION}`);
const vscodeRootIn = (dir) => path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
const readyMarker = path.join(cacheDir, 'installed.json');

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The folder holding this Node's C headers (include/node/node.h), or undefined. */
function nodeHeadersDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..'), '/usr', '/usr/local'];
  return candidates.filter(Boolean).find((dir) => fs.existsSync(path.join(dir, 'include', 'node', 'node.h')));
}

/**
 * What the one-time install needs and this machine lacks, as one line each (empty when nothing
 * is missing). Checked before anything is downloaded, so a missing compiler costs nothing.
 */
function missingBuildTools() {
  const missing = [];
  if (!which('make')) missing.push('make');
  if (!which('g++') && !which('c++') && !which('clang++')) missing.push('a C++ compiler (g++)');
  if (!which('python3')) missing.push('python3');
  if (!nodeHeadersDir()) missing.push(`the headers of Node ${process.version} (include/node/node.h; Debian: the nodejs package has them)`);
  return missing;
}

function run(command, args, { cwd, env, what, timeoutSeconds = 900 }) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    throw new Error(`${what} failed (${reason}):\n${output}`);
  }
  console.log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Links ripgrep into the server (each run: it may have been installed since). Returns true when linked. */
function linkRipgrep(vscodeRoot) {
  const target = path.join(vscodeRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  const rg = process.env.REFERENCE_RIPGREP || which('rg');
  if (!rg) return fs.existsSync(target);
  try {
    if (fs.realpathSync(target) === fs.realpathSync(rg)) return true;
  } catch {
    // no link yet
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  fs.symlinkSync(rg, target);
  return true;
}

/**
 * Installs code-server into .vscode-test/ unless it is there, and returns the path of its VS
 * Code server (lib/vscode). Throws with a message that names what is missing.
 */
function ensureInstalled() {
  if (fs.existsSync(readyMarker)) {
    const vscodeRoot = vscodeRootIn(cacheDir);
    if (!linkRipgrep(vscodeRoot)) warnNoRipgrep();
    return vscodeRoot;
  }
  const missing = missingBuildTools();
  if (missing.length) {
    throw new Error(
      `the first run compiles two native modules of VS Code's server (@vscode/spdlog, native-watchdog), and this machine lacks: ${missing.join(', ')}. ` +
        'Debian/Ubuntu: `apt-get install make g++ python3`.',
    );
  }
  // Staged beside the cache and renamed at the end: a broken install is never mistaken for a good one.
  const staging = `${cacheDir}.installing-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'reference-code-server', private: true }, null, 2));
  const started = Date.now();
  console.log(`test:node: installing VS Code's server from the npm package code-server@${VERSION} into ${path.relative(repoRoot, cacheDir)}/ (first use only; a few minutes)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
  try {
    run(npm, ['install', `code-server@${VERSION}`, '--omit=dev', ...quiet], { cwd: staging, what: `npm install code-server@${VERSION}` });
    const vscodeRoot = vscodeRootIn(staging);
    run(npm, ['install', '--omit=dev', '--legacy-peer-deps', ...quiet], { cwd: vscodeRoot, what: "npm install of the server's dependencies" });
    // The server looks its modules up in node_modules.asar (a packed archive in desktop builds).
    fs.symlinkSync('node_modules', path.join(vscodeRoot, 'node_modules.asar'));
    run(npm, ['rebuild', '@vscode/spdlog', 'native-watchdog', '--ignore-scripts=false', '--loglevel=error'], {
      cwd: vscodeRoot,
      env: { JOBS: 'max', npm_config_nodedir: nodeHeadersDir() },
      what: 'build of the native modules @vscode/spdlog and native-watchdog',
    });
    for (const addon of ['@vscode/spdlog/build/Release/spdlog.node', 'native-watchdog/build/Release/watchdog.node']) {
      if (!fs.existsSync(path.join(vscodeRoot, 'node_modules', addon))) throw new Error(`the native build left no node_modules/${addon}`);
    }
    fs.writeFileSync(path.join(staging, 'installed.json'), JSON.stringify({ version: VERSION, node: process.version, date: new Date().toISOString() }, null, 2));
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.renameSync(staging, cacheDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  console.log(`test:node: VS Code's server installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  const vscodeRoot = vscodeRootIn(cacheDir);
  if (!linkRipgrep(vscodeRoot)) warnNoRipgrep();
  return vscodeRoot;
}

function warnNoRipgrep() {
  console.warn(
    'test:node: ripgrep (rg) not found, so workspace.findFiles and text search fail in this VS Code; the suite uses neither. ' +
      'Debian/Ubuntu: `apt-get install ripgrep` (or set REFERENCE_RIPGREP=/path/to/rg).',
  );
}

/** The VS Code version the server reports (lib/vscode/package.json). */
function serverVersion(vscodeRoot) {
  try {
    return JSON.parse(fs.readFileSync(path.join(vscodeRoot, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Starts the server in a child process (its own process group, so that it and the extension
 * hosts it forks end together). Resolves to { port, stop() } once it listens. `env` reaches the
 * server and, through it, the extension host. The server's log goes to `logFile`.
 */
function startServer({ vscodeRoot, userDataDir, extensionsDir, logFile, env = {}, timeoutSeconds = 120 }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(__dirname, 'codeServerMain.js'), vscodeRoot, userDataDir, extensionsDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', log],
    detached: process.platform !== 'win32',
  });
  fs.closeSync(log);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        resolve();
      }, 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`VS Code's server did not listen within ${timeoutSeconds} s (log: ${path.relative(repoRoot, logFile)})`));
    }, timeoutSeconds * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`VS Code's server exited before it listened (${signal ?? `exit code ${code}`}; log: ${path.relative(repoRoot, logFile)})`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /^listening (\d+)$/m.exec(buffered);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout.removeAllListeners('data');
        child.stdout.on('data', (more) => fs.appendFileSync(logFile, more));
        fs.appendFileSync(logFile, buffered);
        resolve({ port: Number(match[1]), stop });
      }
    });
  });
}

module.exports = { VERSION, ensureInstalled, startServer, serverVersion, missingBuildTools };
