// How the extension starts `plainpost server`: pure functions of the settings, so they are
// tested without VS Code (src/test/command.test.ts).
import * as path from "path";

export interface Settings {
  /** `plainpost.path`: the executable and any arguments before `server`. */
  path: string[];
  /** `plainpost.interpreter`: a Python with plainpost installed. */
  interpreter: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where the command came from, for the output channel. */
  from: string;
}

export interface Environment {
  /** The first workspace folder, if any. */
  workspaceFolder?: string;
  home: string;
  platform: NodeJS.Platform;
  /** Whether a file exists (the workspace's virtual environment). */
  exists: (file: string) => boolean;
}

/** `${workspaceFolder}`, `${userHome}` and a leading `~` expanded. */
export function expand(value: string, env: Environment): string {
  let out = value.replace(/\$\{userHome\}/g, env.home);
  if (env.workspaceFolder !== undefined) {
    out = out.replace(/\$\{workspaceFolder\}/g, env.workspaceFolder);
  }
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) {
    out = env.home + out.slice(1);
  }
  return out;
}

/** The Python of a virtual environment in the workspace (.venv or venv), if there is one. */
export function workspaceVenv(env: Environment): string | undefined {
  if (env.workspaceFolder === undefined) {
    return undefined;
  }
  const python = env.platform === "win32" ? ["Scripts", "python.exe"] : ["bin", "python"];
  for (const name of [".venv", "venv"]) {
    const candidate = path.join(env.workspaceFolder, name, ...python);
    if (env.exists(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * The command that starts the server: `plainpost.path` if set, else `plainpost.interpreter`
 * (`python -m plainpost server`), else the workspace's virtual environment, else `plainpost`
 * on the PATH.
 */
export function serverCommand(settings: Settings, env: Environment): ServerCommand {
  const given = settings.path.map((p) => p.trim()).filter((p) => p !== "");
  if (given.length > 0) {
    const [command, ...args] = given.map((p) => expand(p, env));
    return { command, args: [...args, "server"], from: "plainpost.path" };
  }
  const interpreter = settings.interpreter.trim();
  if (interpreter !== "") {
    return {
      command: expand(interpreter, env),
      args: ["-m", "plainpost", "server"],
      from: "plainpost.interpreter",
    };
  }
  const venv = workspaceVenv(env);
  if (venv !== undefined) {
    return { command: venv, args: ["-m", "plainpost", "server"], from: "the workspace's venv" };
  }
  return { command: "plainpost", args: ["server"], from: "the PATH" };
}

/** What the server reads from `initializationOptions`. */
export function initializationOptions(debounceMs: unknown): { debounce_ms: number } {
  const value = typeof debounceMs === "number" && Number.isFinite(debounceMs) ? debounceMs : 50;
  return { debounce_ms: Math.max(0, value) };
}
