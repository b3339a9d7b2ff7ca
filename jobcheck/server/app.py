"""The language server: pygls wiring of the check, code actions, hover and completion modules.

Diagnostics come on open and save at once, and on change after a short pause in typing (each
keystroke restarts the pause), so a fast typist's document is checked once, not per key.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..cli import gc_policy
from .actions import FIX_ALL_KIND, code_actions
from .completion import complete
from .config import Session, is_config_file
from .diagnostics import Checked, check, is_job_document, path_of
from .hover import hover

DEBOUNCE_SECONDS = 0.2


class JobcheckServer(LanguageServer):
    def __init__(self, session: Session | None = None):
        super().__init__("jobcheck", __version__)
        self._session = session
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = Session()
        return self._session

    # ---- checking ---------------------------------------------------------------------------

    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def current(self, uri: str) -> Checked | None:
        """The check of the document as it is now (re-checked here when an edit is pending)."""
        document = self.workspace.get_text_document(uri)
        checked = self.checked.get(uri)
        if checked is not None and checked.version == document.version:
            return checked
        return self.check_now(uri)

    def check_now(self, uri: str, again: bool = False) -> Checked | None:
        """Check a document and publish its diagnostics; the same text (a save after the pause,
        an undo) is answered from its last check unless `again` (the settings changed)."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        document = self.workspace.get_text_document(uri)
        if not is_job_document(path_of(uri), document.language_id, document.source):
            if self.checked.pop(uri, None) is not None:
                self.publish(uri, document.version, [])
            return None
        last = self.checked.get(uri)
        if not again and last is not None and last.source.text == document.source and last.error is None:
            last.version = document.version
            self.publish(uri, document.version, last.diagnostics)
            return last
        checked = check(self.session, uri, document.version, document.source, self.encoding())
        self.checked[uri] = checked
        self.publish(uri, document.version, checked.diagnostics)
        return checked

    def check_later(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self.check_now, uri)

    def publish(self, uri: str, version, diagnostics) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def reload(self, client: dict | None = None) -> None:
        """Configuration files, a profile or the client's settings changed: read them again and
        re-check every open document."""
        self.session.reload(client)
        for problem in self.session.problems:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message="jobcheck: %s" % problem)
            )
        for uri in list(self.checked):
            if uri in self.workspace.text_documents:
                self.check_now(uri, again=True)
            else:
                self.checked.pop(uri, None)


def build(session: Session | None = None) -> JobcheckServer:
    server = JobcheckServer(session)

    @server.feature(types.INITIALIZE)
    def initialize(ls: JobcheckServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and options:
            ls.session.reload(_client_settings(options))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: JobcheckServer, params: types.InitializedParams) -> None:
        for problem in ls.session.problems:
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message="jobcheck: %s" % problem)
            )
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is not None and watched.dynamic_registration:
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="jobcheck-configuration",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern="**/*.toml")]
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: JobcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: JobcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: JobcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_config_file(path_of(params.text_document.uri)):
            ls.reload()
        ls.check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: JobcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        if ls.checked.pop(uri, None) is not None:
            ls.publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: JobcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(path_of(change.uri)) for change in params.changes):
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: JobcheckServer, params: types.DidChangeConfigurationParams) -> None:
        ls.reload(_client_settings(params.settings) if isinstance(params.settings, dict) else None)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: JobcheckServer, params: types.CodeActionParams):
        checked = ls.current(params.text_document.uri)
        if checked is None or checked.error is not None:
            return None
        return (
            code_actions(checked, params.range.start.line + 1, params.range.end.line + 1, params.context.only) or None
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: JobcheckServer, params: types.HoverParams):
        checked = ls.current(params.text_document.uri)
        if checked is None or checked.error is not None:
            return None
        return hover(checked, params.position, ls.session)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["-"]))
    def completion(ls: JobcheckServer, params: types.CompletionParams):
        checked = ls.current(params.text_document.uri)
        if checked is None or checked.error is not None:
            return None
        items = complete(checked.source, params.position, checked.positions, checked.settings)
        return types.CompletionList(is_incomplete=False, items=items) if items else None

    return server


def _client_settings(settings: dict) -> dict:
    """`{"jobcheck": {...}}` (a whole settings tree) or the jobcheck settings themselves."""
    inner = settings.get("jobcheck", settings)
    inner = inner.get("settings", inner) if isinstance(inner, dict) else inner
    return inner if isinstance(inner, dict) else {}


def serve() -> int:
    """Serve on standard input/output until the client says exit. The process ends here, as the
    CLI's does, without the interpreter's teardown (pygls has closed standard output by then)."""
    import os

    server = build()
    gc_policy.at_start()  # this process is the server's own: its collector is ours to tune
    code = 1
    try:
        server.start_io()
        code = 0 if getattr(server.protocol, "_shutdown", False) else 1
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os._exit(code)
