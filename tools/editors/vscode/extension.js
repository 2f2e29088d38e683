// Starts `cotation lsp` for .cot files: diagnostics as you type, hover, go to definition,
// references, symbols, completion and formatting. The program is taken from the setting
// `cotation.chemin` (default: `cotation` on the PATH).
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const configuration = vscode.workspace.getConfiguration('cotation');
  const server = { command: configuration.get('chemin', 'cotation'), args: ['lsp'] };
  const options = {};
  const rules = configuration.get('regles', '');
  if (rules) options.rules = rules;
  client = new LanguageClient('cotation', 'cotation', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'cotation' }],
    initializationOptions: options,
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
