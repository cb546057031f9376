// The browser every rig drives (test/runWeb.js, test/runNode.js, test/ui/ui.js, test/serve.js's
// users): a Chromium on this machine when there is one, else the one `npm ci` brought.
//
//   1. $REFERENCE_CHROMIUM, when set (it must be an executable file);
//   2. a system Chromium or Chrome in the usual places or on PATH;
//   3. the Chromium inside the npm package @sparticuz/chromium (a devDependency): the package
//      carries a brotli-compressed chrome-headless-shell for Linux x64, and the few libraries it
//      needs beyond glibc (NSS, NSPR, expat: a machine without a browser may lack them), built
//      for Amazon Linux 2023. It has no install script (and .npmrc turns them off anyway), so
//      both are unpacked here on first use, into .vscode-test/chromium-<version>/ (about 200 MB,
//      5-20 s), and the browser is started with those libraries; later runs reuse them.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const zlib = require('zlib');

const repoRoot = path.resolve(__dirname, '..', '..');
const SPARTICUZ = '@sparticuz/chromium';
/** Where the package's libraries land in the unpacked folder (its tarball holds lib/). */
const LIBRARIES = 'lib';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() && fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** A Chromium installed on this machine, or undefined. $REFERENCE_CHROMIUM is returned as given. */
function findSystemChromium() {
  const fromEnv = process.env.REFERENCE_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const candidate of SYSTEM_CANDIDATES) if (isExecutable(candidate)) return candidate;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The installed @sparticuz/chromium: { version, binDir }, or undefined. */
function npmChromiumPackage() {
  let dir;
  try {
    // Its `exports` hide package.json: find the folder from the entry point.
    dir = path.dirname(require.resolve(SPARTICUZ, { paths: [repoRoot] }));
  } catch {
    return undefined;
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (name === SPARTICUZ) return { version, binDir: path.join(dir, 'bin') };
  }
  return undefined;
}

/** Where the npm Chromium is (or will be) unpacked. */
function npmChromiumDir(version) {
  return path.join(repoRoot, '.vscode-test', `chromium-${version}`);
}

/**
 * Unpacks the npm package's Chromium into .vscode-test/chromium-<version>/ unless it is there.
 * The package's own executablePath() unpacks into os.tmpdir(), shared by every project on the
 * machine and reused whatever its version; so it runs in a child process whose TMPDIR is a fresh
 * folder here, which is then renamed into place (a half-unpacked browser is never picked up).
 */
function unpackNpmChromium(pkg) {
  const target = npmChromiumDir(pkg.version);
  const binary = path.join(target, 'chromium');
  if (isExecutable(binary) && fs.existsSync(path.join(target, LIBRARIES, 'libnss3.so'))) return binary;
  const staging = `${target}.unpacking-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const started = Date.now();
  console.log(`No system Chromium: unpacking the one from the npm package ${SPARTICUZ}@${pkg.version} into ${path.relative(repoRoot, target)}/ (first use only)…`);
  const script = `require(${JSON.stringify(SPARTICUZ)}).executablePath().then((p) => process.stdout.write(p), (e) => { console.error(e && e.message || e); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: repoRoot,
    env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0 || !isExecutable(path.join(staging, 'chromium'))) {
    fs.rmSync(staging, { recursive: true, force: true });
    const reason = (result.stderr || (result.error && result.error.message) || `exit code ${result.status}`).trim().split('\n')[0];
    throw new Error(`could not unpack ${SPARTICUZ}: ${reason}`);
  }
  fs.chmodSync(path.join(staging, 'chromium'), 0o755);
  // The package unpacks its libraries only on Lambda; here they are always unpacked, with tar.
  const libraries = path.join(staging, 'libraries.tar');
  fs.writeFileSync(libraries, zlib.brotliDecompressSync(fs.readFileSync(path.join(pkg.binDir, 'al2023.tar.br'))));
  const untar = spawnSync('tar', ['-xf', libraries, '-C', staging], { encoding: 'utf8' });
  fs.rmSync(libraries, { force: true });
  if (untar.status !== 0 || !fs.existsSync(path.join(staging, LIBRARIES, 'libnss3.so'))) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not unpack the libraries of ${SPARTICUZ} (tar: ${(untar.stderr || (untar.error && untar.error.message) || untar.status).toString().trim()})`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
  // The package's fonts.conf names Lambda's folders; this one adds its fonts to the system's.
  fs.writeFileSync(
    path.join(target, 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <dir>${path.join(target, 'fonts')}</dir>`,
      `  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  console.log(`Unpacked in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return binary;
}

/**
 * The Chromium binary to drive, or exits with code 2 and one line saying what to do. A system
 * browser wins; the npm one is for Linux x64 only (the package ships no other build).
 */
function requireChromium() {
  const system = findSystemChromium();
  if (system) {
    if (isExecutable(system)) return system;
    console.error(`REFERENCE_CHROMIUM=${system} is not an executable file: point it at a Chromium or Chrome binary.`);
    process.exit(2);
  }
  const pkg = npmChromiumPackage();
  if (pkg && process.platform === 'linux' && process.arch === 'x64') {
    try {
      return unpackNpmChromium(pkg);
    } catch (error) {
      console.error(`${error.message}. Install a Chromium (Debian/Ubuntu: \`apt-get install chromium\`) or set REFERENCE_CHROMIUM=/path/to/chromium.`);
      process.exit(2);
    }
  }
  const why = pkg ? `the npm package ${SPARTICUZ} has a Chromium for Linux x64 only` : `${SPARTICUZ} is not installed (run \`npm ci\`)`;
  console.error(`No Chromium found (${why}): install Chromium or Chrome, or set REFERENCE_CHROMIUM=/path/to/chromium.`);
  process.exit(2);
}

/**
 * Flags for a headless Chromium on a machine with no internet: no background traffic, no
 * component updates, no sync, no QUIC; the host resolver answers only for localhost names, so
 * nothing the workbench or the extension does can leave this machine.
 */
function chromiumArgs({ headless = true } = {}) {
  return [
    ...(headless ? ['--headless'] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1',
  ];
}

/** Launches Chromium through playwright-core (never Playwright's own browser download). */
async function launchChromium(executablePath, { headless = true } = {}) {
  const { chromium } = require(require.resolve('playwright-core', { paths: [repoRoot] }));
  const dir = path.dirname(executablePath);
  const fontsConf = path.join(dir, 'fonts.conf');
  const fromNpm = path.basename(dir).startsWith('chromium-') && fs.existsSync(fontsConf);
  // The npm browser runs with its own NSS and NSPR first: the same on every machine.
  const libraryPath = [path.join(dir, LIBRARIES), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
  const env = fromNpm ? { ...process.env, FONTCONFIG_FILE: fontsConf, LD_LIBRARY_PATH: libraryPath } : undefined;
  return chromium.launch({ executablePath, headless, args: chromiumArgs({ headless }), timeout: 60_000, ...(env ? { env } : {}) });
}

module.exports = { findSystemChromium, requireChromium, chromiumArgs, launchChromium, npmChromiumPackage };
