// The Coinage extension: highlighting comes from the grammar alone (package.json
// contributes it); this file starts `coinage lsp` over stdio for diagnostics.
//
// Nothing here may stop highlighting: when the language client is not installed,
// the executable is missing, or the installed `coinage` has no `lsp` command yet,
// the extension says so once in an information message and does nothing else.
'use strict';

const vscode = require('vscode');
const { execFile } = require('child_process');

/** The running language client, or undefined. */
let client;

/** The `coinage` executable from the `coinage.path` setting. */
function coinagePath() {
  const configured = vscode.workspace.getConfiguration('coinage').get('path');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'coinage';
}

/**
 * Whether `COMMAND lsp --help` runs: resolves to undefined when it does, else to the
 * reason it does not, in words for the information message.
 */
function lspUnavailableReason(command) {
  return new Promise((resolve) => {
    execFile(command, ['lsp', '--help'], { timeout: 10000 }, (error) => {
      if (!error) {
        resolve(undefined);
      } else if (error.code === 'ENOENT') {
        resolve(`\`${command}\` was not found`);
      } else if (error.killed) {
        resolve(`\`${command} lsp --help\` did not answer`);
      } else {
        resolve(`\`${command}\` has no \`lsp\` command yet`);
      }
    });
  });
}

function inform(reason) {
  vscode.window.showInformationMessage(
    `Coinage: ${reason}. Highlighting works; diagnostics need \`coinage lsp\` ` +
    '(set `coinage.path` to a `coinage` that has it).'
  );
}

async function startClient(context) {
  let languageClient;
  try {
    languageClient = require('vscode-languageclient/node');
  } catch (error) {
    inform('the `vscode-languageclient` package is not installed (run `npm install` in the extension folder)');
    return;
  }
  const command = coinagePath();
  const reason = await lspUnavailableReason(command);
  if (reason !== undefined) {
    inform(reason);
    return;
  }
  const serverOptions = {
    command,
    args: ['lsp'],
    transport: languageClient.TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'coinage' }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{coin,csv}'),
    },
  };
  const started = new languageClient.LanguageClient('coinage', 'Coinage', serverOptions, clientOptions);
  try {
    await started.start();
    client = started;
  } catch (error) {
    inform(`\`${command} lsp\` did not start (${error && error.message ? error.message : error})`);
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      // A server that already exited cannot be stopped; there is nothing left to do.
    }
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('coinage.path')) {
        await stopClient();
        await startClient(context);
      }
    })
  );
  await startClient(context);
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
