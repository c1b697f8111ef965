"""A credential store kept in memory: a real backend of keyring's API (what the Windows,
macOS and Secret Service backends implement), for the tests to put in place with
``keyring.set_keyring`` where the machine has none (a headless Linux: keyring's fail backend).
The application talks to it exactly as to Windows Credential Manager."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Passwords by (service, user name), for the life of the object."""

    @properties.classproperty
    def priority(cls) -> float:
        # Every subclass of KeyringBackend is a candidate keyring picks by itself: this one
        # says it is not viable, so it stands in only where a test puts it.
        raise RuntimeError("a test's store, set with keyring.set_keyring")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@contextmanager
def credential_store(backend: KeyringBackend | None = None) -> Iterator[KeyringBackend]:
    """``backend`` (a new :class:`MemoryKeyring` by default) as the process's credential
    store while the block runs, the one before put back after."""
    before = keyring.get_keyring()
    store = backend if backend is not None else MemoryKeyring()
    keyring.set_keyring(store)
    try:
        yield store
    finally:
        keyring.set_keyring(before)
