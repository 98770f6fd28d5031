// Runs extension.js against a stand-in for the `vscode` module, to check that it
// fails gracefully (one information message, no exception) when `coinage lsp` is
// not available, and starts `COINAGE lsp` over stdio when it is.
//
// Usage: node test/smoke.js   (prints one line per case; exits 1 on a failure)
'use strict';

const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const messages = [];
const started = [];
let setting = 'coinage';
let withClient = true;

const vscodeStub = {
  workspace: {
    getConfiguration: () => ({ get: () => setting }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    createFileSystemWatcher: () => ({ dispose() {} }),
  },
  window: { showInformationMessage: (text) => messages.push(text) },
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    this.serverOptions = serverOptions;
    this.clientOptions = clientOptions;
  }
  async start() { started.push(this); }
  async stop() {}
}
const clientStub = { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0 } };

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscodeStub;
  if (request === 'vscode-languageclient/node') {
    if (!withClient) throw new Error("Cannot find module 'vscode-languageclient/node'");
    return clientStub;
  }
  return originalLoad.call(this, request, parent, isMain);
};

const extension = require('../extension.js');
const context = { subscriptions: [] };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'coinage-smoke-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/** A stand-in `coinage` that exits with `status` for `lsp --help`. */
function fakeCoinage(status) {
  const file = path.join(scratch, `coinage-${status}`);
  fs.writeFileSync(file, `#!/bin/sh\nexit ${status}\n`, { mode: 0o755 });
  return file;
}

async function run(name, body) {
  messages.length = 0;
  started.length = 0;
  await body();
  await extension.deactivate();
  console.log(`ok - ${name}`);
}

(async () => {
  await run('without vscode-languageclient, an information message', async () => {
    withClient = false;
    await extension.activate(context);
    withClient = true;
    assert.strictEqual(messages.length, 1);
    assert.match(messages[0], /vscode-languageclient/);
    assert.match(messages[0], /Highlighting works/);
    assert.strictEqual(started.length, 0);
  });
  await run('a missing executable, an information message', async () => {
    setting = path.join(scratch, 'missing', 'coinage');
    await extension.activate(context);
    assert.strictEqual(messages.length, 1);
    assert.match(messages[0], /was not found/);
    assert.strictEqual(started.length, 0);
  });
  await run('a coinage without `lsp`, an information message', async () => {
    setting = fakeCoinage(2);
    await extension.activate(context);
    assert.strictEqual(messages.length, 1);
    assert.match(messages[0], /has no `lsp` command yet/);
    assert.strictEqual(started.length, 0);
  });
  await run('a coinage with `lsp`, the client starts it over stdio', async () => {
    setting = fakeCoinage(0);
    await extension.activate(context);
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(started.length, 1);
    assert.strictEqual(started[0].serverOptions.command, setting);
    assert.deepStrictEqual(started[0].serverOptions.args, ['lsp']);
    assert.deepStrictEqual(started[0].clientOptions.documentSelector, [{ scheme: 'file', language: 'coinage' }]);
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
