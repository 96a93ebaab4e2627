// The settings-to-command logic, with node's own test runner: no VS Code download needed.
import { strict as assert } from "assert";
import * as path from "path";
import { test } from "node:test";

import { Environment, expand, initializationOptions, serverCommand } from "../command";

const folder = path.join(path.sep, "home", "sam", "blog");
const env = (files: string[] = [], platform: NodeJS.Platform = "linux"): Environment => ({
  workspaceFolder: folder,
  home: path.join(path.sep, "home", "sam"),
  platform,
  exists: (file) => files.includes(file),
});
const none = { path: [], interpreter: "" };

test("plainpost.path wins, with its own arguments before `server`", () => {
  const cmd = serverCommand(
    { path: ["${workspaceFolder}/.venv/bin/plainpost", "--some-flag"], interpreter: "/usr/bin/python3" },
    env(),
  );
  assert.equal(cmd.command, `${folder}/.venv/bin/plainpost`);
  assert.deepEqual(cmd.args, ["--some-flag", "server"]);
  assert.equal(cmd.from, "plainpost.path");
});

test("an interpreter runs the module", () => {
  const cmd = serverCommand({ path: [], interpreter: "~/envs/blog/bin/python" }, env());
  assert.equal(cmd.command, path.join(path.sep, "home", "sam") + "/envs/blog/bin/python");
  assert.deepEqual(cmd.args, ["-m", "plainpost", "server"]);
});

test("blank settings fall through to the workspace's .venv", () => {
  const venv = path.join(folder, ".venv", "bin", "python");
  const cmd = serverCommand({ path: ["  "], interpreter: " " }, env([venv]));
  assert.equal(cmd.command, venv);
  assert.deepEqual(cmd.args, ["-m", "plainpost", "server"]);
});

test("a Windows venv has Scripts\\python.exe", () => {
  const venv = path.join(folder, "venv", "Scripts", "python.exe");
  assert.equal(serverCommand(none, env([venv], "win32")).command, venv);
});

test("nothing set and no venv: plainpost on the PATH", () => {
  assert.deepEqual(serverCommand(none, env()), {
    command: "plainpost",
    args: ["server"],
    from: "the PATH",
  });
});

test("without a workspace folder, ${workspaceFolder} is left as written", () => {
  const noFolder: Environment = { ...env(), workspaceFolder: undefined };
  assert.equal(expand("${workspaceFolder}/x", noFolder), "${workspaceFolder}/x");
  assert.equal(serverCommand(none, noFolder).command, "plainpost");
});

test("the debounce reaches the server as milliseconds, never negative", () => {
  assert.deepEqual(initializationOptions(120), { debounce_ms: 120 });
  assert.deepEqual(initializationOptions(-5), { debounce_ms: 0 });
  assert.deepEqual(initializationOptions("fast"), { debounce_ms: 50 });
});
