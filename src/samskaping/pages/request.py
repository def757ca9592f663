"""What a Voilà page knows about the request that opened it.

A preheated Voilà kernel runs the notebook *before* anyone asks for the page,
so the query string (the join code) is not there yet: the kernel waits for
Voilà to send it over ``/voila/query/<kernel id>``. Voilà's own helper
(``voila.utils.wait_for_request``) does that too, but importing it pulls in
the Jupyter server and costs 46 MB in every kernel (measured: 45 MB for a
participant kernel without it, 91 MB with it); sixty phones make that 2.7 GB.
So the kit reads the same websocket with the small ``websockets`` client.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from urllib.parse import parse_qs

__all__ = ["PageRequest", "page_request"]

@dataclass(frozen=True)
class PageRequest:
    """The parts of a request a page uses: its query, where it was served, and the device that asked.

    ``device`` is the random id the server keeps in a signed cookie for each
    phone or laptop (``""`` when the page was built outside a server): a
    reload or a second tab of one phone is one participant.
    """

    query: dict[str, str] = field(default_factory=dict)
    base_url: str = ""
    device: str = ""
    #: The organisation whose staff opened a staff page; its pages show its own workshops and projects.
    #: ``""`` outside a server (a test, a notebook): every organisation's.
    organisation: str = ""

    @classmethod
    def from_query_string(cls, query_string: str, base_url: str = "", device: str = "",
                          organisation: str = "") -> PageRequest:
        """
        >>> PageRequest.from_query_string("kode=ab12cd&lang=en").query
        {'kode': 'ab12cd', 'lang': 'en'}
        """
        parsed = parse_qs(query_string or "", keep_blank_values=False)
        return cls({key: values[-1] for key, values in parsed.items()}, base_url, device, organisation)

    def get(self, key: str, default: str = "") -> str:
        return self.query.get(key, default)

    def participant(self, workshop_id: str) -> str:
        """This device's id in one workshop: stable across reloads and tabs, unrelated across workshops.

        An export of one workshop cannot be joined with another's by the id.
        Without a device (a page built in a test or a notebook) there is none.

        >>> request = PageRequest(device="k3Jt0pQ9xVbN2sLm4wYz8A")
        >>> request.participant("w1") == request.participant("w1") != request.participant("w2")
        True
        >>> PageRequest().participant("w1")
        ''
        """
        if not self.device:
            return ""
        return hashlib.sha256(f"{self.device}:{workshop_id}".encode()).hexdigest()[:20]


def page_request() -> PageRequest:
    """The request of the page this kernel serves (waiting for it if preheated)."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        _wait_for_request()
    return PageRequest.from_query_string(os.environ.get("QUERY_STRING", ""), _base_url(),
                                         os.environ.get("HTTP_X_SAMSKAPING_DEVICE", ""),
                                         os.environ.get("HTTP_X_SAMSKAPING_ORGANISATION", ""))


def _wait_for_request() -> None:
    """Block until Voilà hands this preheated kernel its request, and put it in ``os.environ``.

    The same protocol as ``voila.utils.wait_for_request``: one JSON message of
    CGI-style variables (``QUERY_STRING``, ``SERVER_NAME``, ...).
    """
    import json

    from websockets.sync.client import connect

    env = os.environ
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}")
    context = None
    if url.startswith("wss:"):  # serve --certfile: this kernel asks its own server on this machine,
        import ssl  # where a self-signed certificate is normal, so it is not checked.

        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with connect(url, ssl=context, open_timeout=10, max_size=2**20) as socket:
        info = json.loads(socket.recv())
    for key, value in info.items():
        env[key] = str(value)


def _base_url() -> str:
    """The address participants use: set by ``samskaping serve``, else the request's host."""
    if os.environ.get("SAMSKAPING_URL"):
        return os.environ["SAMSKAPING_URL"].rstrip("/")
    host = os.environ.get("SERVER_NAME", "")
    port = os.environ.get("SERVER_PORT", "")
    if not host:
        return ""
    return f"http://{host}:{port}" if port else f"http://{host}"
