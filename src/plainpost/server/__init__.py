"""The language server (`plainpost server`): the linter's findings, fixes and rule docs in any
editor that speaks LSP.

* :mod:`positions` -- offsets <-> LSP positions (UTF-16 code units by default);
* :mod:`workspace` -- a project: its config, found as the CLI finds it, and its warm linter
  (the server's one door into the lint layers);
* :mod:`diagnostics`, :mod:`actions`, :mod:`hover` -- findings as LSP diagnostics, code actions
  and hovers;
* :mod:`lsp` -- the pygls server over stdio: document sync, debouncing, reloads.

The server sits at the top of the layers, beside the CLI.
"""
