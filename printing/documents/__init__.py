"""The kinds of printed documents, and how the generation layer finds them.

A kind knows how to build its PDF (`build(progress=…, **params) -> bytes`), the
fingerprint of its content (`fingerprint(**params) -> str`: when it changes, the
document is built again), its file name, and who may fetch it (`permission`:
None for public documents, else a Django permission). Each document module
registers its kinds at import; `printing.apps` imports them all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A build reports how far it got, from 0.0 to 1.0 (shown to organisers).
Progress = Callable[[float], None]


def no_progress(_fraction: float) -> None:
    """For builds nobody watches (tests, the bench)."""


@dataclass(frozen=True)
class Kind:
    name: str
    title: Any  # a lazy translation
    build: Callable[..., bytes]
    fingerprint: Callable[..., str]
    filename: Callable[..., str]
    permission: str | None = None
    # Whether the organisers' page lists it (documents without parameters).
    listed: bool = True


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


# The registry's print grids (one kind for all of them; see grids.py). Imported
# here, after `register`, because printing.apps lists only the other modules.
from printing.documents import grids  # noqa: E402, F401
