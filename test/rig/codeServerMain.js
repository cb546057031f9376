// Started by ./codeServer.js as `node codeServerMain.js VSCODE_ROOT USER_DATA_DIR EXTENSIONS_DIR`:
// VS Code's server from code-server's lib/vscode, on 127.0.0.1 and a free port, without
// code-server's own launcher (that one needs the argon2 addon, for passwords this run has no use
// for). It prints `listening PORT` on stdout once it accepts connections.
//
// code-server's build of the server exports loadCodeWithNls() from out/server-main.js; the
// module it loads has createServer(), whose handleRequest/handleUpgrade serve the workbench, its
// static files, webviews (same origin) and the extension host's web socket.
'use strict';
const http = require('http');
const path = require('path');

async function main() {
  const [vscodeRoot, userDataDir, extensionsDir] = process.argv.slice(2);
  if (!vscodeRoot || !userDataDir || !extensionsDir) throw new Error('usage: codeServerMain.js VSCODE_ROOT USER_DATA_DIR EXTENSIONS_DIR');
  const serverModule = await require(path.join(vscodeRoot, 'out', 'server-main.js')).loadCodeWithNls();
  const vscodeServer = await serverModule.createServer(null, {
    _: [],
    'accept-server-license-terms': true,
    // code-server passes this too: the connection-token flags are optional from 1.64 on.
    compatibility: '1.64',
    'without-connection-token': true,
    'user-data-dir': userDataDir,
    'extensions-dir': extensionsDir,
    'disable-telemetry': true,
    'disable-update-check': true,
    'disable-workspace-trust': true,
    'disable-getting-started-override': true,
  });
  const server = http.createServer((request, response) => vscodeServer.handleRequest(request, response));
  server.on('upgrade', (request, socket) => vscodeServer.handleUpgrade(request, socket));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  process.stdout.write(`listening ${server.address().port}\n`);
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
