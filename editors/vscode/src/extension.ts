// The VS Code side of plainpost: start `plainpost server` and hand it the Markdown files.
import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { initializationOptions, serverCommand } from "./command";

let client: LanguageClient | undefined;

function settings(): { path: string[]; interpreter: string; debounceMs: unknown } {
  const config = vscode.workspace.getConfiguration("plainpost");
  return {
    path: config.get<string[]>("path", []),
    interpreter: config.get<string>("interpreter", ""),
    debounceMs: config.get<number>("debounceMs", 50),
  };
}

async function start(output: vscode.OutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const chosen = settings();
  const cmd = serverCommand(chosen, {
    workspaceFolder: folder,
    home: os.homedir(),
    platform: process.platform,
    exists: (file) => fs.existsSync(file),
  });
  output.appendLine(`starting ${cmd.command} ${cmd.args.join(" ")} (from ${cmd.from})`);
  const serverOptions: ServerOptions = {
    command: cmd.command,
    args: cmd.args,
    options: { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: initializationOptions(chosen.debounceMs),
    outputChannel: output,
  };
  client = new LanguageClient("plainpost", "plainpost", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const hint =
      "Set plainpost.interpreter to a Python with plainpost installed, or plainpost.path.";
    void vscode.window.showErrorMessage(`plainpost: cannot start the server (${err}). ${hint}`);
  }
}

async function stop(): Promise<void> {
  if (client !== undefined) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("plainpost");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("plainpost.restart", async () => {
      await stop();
      await start(output);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration("plainpost.path") ||
        event.affectsConfiguration("plainpost.interpreter") ||
        event.affectsConfiguration("plainpost.debounceMs")
      ) {
        await stop();
        await start(output);
      }
    }),
  );
  await start(output);
}

export async function deactivate(): Promise<void> {
  await stop();
}
