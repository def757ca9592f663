"""Raw HTTP for the security tests: requests sent exactly as written, pages opened and closed as a phone does.

No redirects are followed and no cookies kept, so each test sees what the
server answered to that one request; ``source`` picks the address it comes
from (``127.0.0.2`` stands in for a second device).
"""

from __future__ import annotations

import http.client
import json
import re
import time
from urllib.parse import urlsplit

from samskaping.server.security import waiting_target

PARTICIPANT_PAGE = "/voila/render/deltaker.ipynb"
_PAGE_CONFIG = re.compile(r'id="jupyter-config-data"[^>]*>(.*?)</script>', re.DOTALL)


def request(server, method: str, path: str, *, source: str | None = None, headers: dict | None = None,
            body: bytes | None = None, timeout: float = 90) -> tuple[int, list[tuple[str, str]], str]:
    """One request to ``server``: (status, headers as sent, body as text)."""
    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout,
                                            source_address=(source, 0) if source else None)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def cookie(headers: list[tuple[str, str]], name: str) -> str | None:
    """The value of the cookie ``name`` that the answer sets, if any."""
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def kernel_id(page: str) -> str | None:
    """The kernel a page's HTML names, if it is a Voilà page."""
    found = _PAGE_CONFIG.search(page)
    return json.loads(found.group(1))["kernelId"] if found else None


def open_page(server, *, source: str | None = None, query: str = "") -> tuple[int, str, str | None, str | None]:
    """GET the participant page: (status, body, its kernel id or None, the _xsrf cookie or None).

    Like a phone, it follows the "Et øyeblikk …" page (while every warm kernel is taken) to where it points,
    at most 30 times.
    """
    path = PARTICIPANT_PAGE + (f"?{query}" if query else "")
    for _ in range(30):
        status, headers, body = request(server, "GET", path, source=source)
        waiting = waiting_target(body) if status == 503 else None
        if not waiting:
            break
        seconds, path = waiting
        time.sleep(seconds)
    return status, body, kernel_id(body) if status == 200 else None, cookie(headers, "_xsrf")


def waiting_url(body: str) -> str | None:
    """Where an "Et øyeblikk …" page sends the phone next, or None if ``body`` is not one."""
    waiting = waiting_target(body)
    return waiting[1] if waiting else None


def close_page(server, kernel: str, xsrf: str, *, source: str | None = None, query: str = "") -> int:
    """Close a page the way its front end does: the shutdown call with the _xsrf cookie. The status."""
    status, _, _ = request(server, "POST", f"/voila/api/shutdown/{kernel}" + (f"?{query}" if query else ""),
                           source=source, body=f"_xsrf={xsrf}".encode(),
                           headers={"Cookie": f"_xsrf={xsrf}", "Content-Type": "application/x-www-form-urlencoded"})
    return status


def wait_for(predicate, timeout: float) -> bool:
    """Poll ``predicate`` every 0.2 s until it holds or ``timeout`` seconds pass; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()
