"""A phone without a browser: the HTTP and kernel-websocket traffic of one participant page.

The room benchmark needs sixty phones, but sixty headless chromium pages on
the server's own two cores measure the browsers, not the server: in a room
every phone renders its page on its own CPU. ``LightPhone`` sends what the
participant page's front end sends (recorded in
``tests/security/test_kernel_channel.py``) and nothing else:

1. GET the join link (the page HTML, streamed while the kernel renders it),
   then the page's static files, as a first visit without a cache does:
   ``assets`` (the paths a real browser fetched, recorded by the benchmark),
   else the scripts and styles the HTML links directly; gzip accepted, as
   browsers do;
2. open ``/api/kernels/<id>/channels`` (the legacy JSON wire format), ask
   for ``kernel_info``, open the ``jupyter.widget.control`` comm and request
   every widget's state, which is what the widget manager waits for before
   it draws the form: from here the form is "usable";
3. per idea, set the text area's value and click "Send idé" (two
   ``comm_msg``), and wait for the kernel's update that shows the idea in
   "your ideas";
4. on a stage change, wait for the kernel's update of the page's stage marker;
5. close: POST the page's shutdown with the ``_xsrf`` cookie, as the page
   does when it is closed.

So the figures are the server's share of a phone's wait: the requests, the
kernel handover and rendering, the widget traffic. A browser adds its own
JavaScript start (about 1 s on this machine for any Voilà page).
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from websockets.asyncio.client import connect

from samskaping.server.security import waiting_target

__all__ = ["LightPhone", "PhoneError"]

SEND_LABEL = "Send idé"
MINE_ROW = "<div>"  # how a row of the list of "your ideas" starts (pages/participant.py, _show_mine)
_KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
_ASSETS = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(/[^"]+)"')


class PhoneError(RuntimeError):
    """The page did not do what a phone expects (no kernel id, no idea form, no confirmation)."""


@dataclass
class LightPhone:
    url: str
    timeout: float = 120.0
    assets: tuple[str, ...] = ()
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    kernel_id: str = ""
    waits: int = 0  # rounds of "Et øyeblikk …" before the page came
    cookies: dict[str, str] = field(default_factory=dict)
    states: dict[str, dict] = field(default_factory=dict)
    _socket: object = None
    _inbox: asyncio.Queue | None = None
    _reader: asyncio.Task | None = None

    async def open(self) -> float:
        """Open the page until the idea form could be drawn; seconds taken."""
        start = time.perf_counter()
        client = AsyncHTTPClient()
        url = self.url
        for _ in range(40):  # "Et øyeblikk …" while no warm kernel is free: come back where it says, as a phone does
            response = await client.fetch(HTTPRequest(url, request_timeout=self.timeout,
                                                      headers={"Cookie": self._cookie_header()}), raise_error=False)
            page = response.body.decode()
            self._keep_cookies(response.headers.get_list("Set-Cookie"))
            waiting = waiting_target(page) if response.code == 503 else None
            if not waiting:
                break
            self.waits += 1
            await asyncio.sleep(waiting[0])
            url = urljoin(self.url, waiting[1])
        found = _KERNEL_ID.search(page)
        if not found:
            raise PhoneError(f"no kernel id in the page ({response.code}, {len(page)} bytes)")
        self.kernel_id = found.group(1)
        base = "{0.scheme}://{0.netloc}".format(urlsplit(self.url))
        assets = self.assets or sorted(set(_ASSETS.findall(page)))
        await asyncio.gather(*(client.fetch(HTTPRequest(urljoin(base, path), request_timeout=self.timeout))
                               for path in assets))
        ws_url = f"ws://{urlsplit(self.url).netloc}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self._socket = await connect(ws_url, open_timeout=self.timeout, max_size=2**24,
                                     additional_headers={"Cookie": self._cookie_header()})
        self._inbox = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())
        await self._request("kernel_info_request", {}, "kernel_info_reply")
        control = uuid.uuid4().hex
        await self._send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                         metadata={"version": "1.0.0"})
        reply = await self._request("comm_msg", {"comm_id": control, "data": {"method": "request_states"}},
                                    "comm_msg", comm_id=control)
        self.states = reply["content"]["data"]["states"]
        self._textarea()  # raises if the form is not there
        return time.perf_counter() - start

    async def send_idea(self, text: str) -> float:
        """Type ``text``, press send, wait until the page lists it; seconds from the press."""
        textarea, button = self._textarea(), self._button()
        await self._send("comm_msg", {"comm_id": textarea,
                                      "data": {"method": "update", "state": {"value": text}, "buffer_paths": []}})
        start = time.perf_counter()
        await self._send("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}})
        deadline = start + self.timeout
        while time.perf_counter() < deadline:
            message = await asyncio.wait_for(self._inbox.get(), deadline - time.perf_counter())
            if message["msg_type"] not in ("comm_msg", "comm_open"):
                continue
            value = message["content"].get("data", {}).get("state", {}).get("value")
            # A row of "Mine idéer" is a new HTML widget of its own (comm_open): <div>the text…
            if isinstance(value, str) and value.startswith(MINE_ROW + html.escape(text)):
                return time.perf_counter() - start
        raise PhoneError(f"the page never showed {text!r}")

    async def wait_for(self, needle: str) -> float:
        """Seconds until the kernel sends a widget value holding ``needle`` (what arrived before is dropped)."""
        while not self._inbox.empty():
            self._inbox.get_nowait()
        start = time.perf_counter()
        deadline = start + self.timeout
        while time.perf_counter() < deadline:
            message = await asyncio.wait_for(self._inbox.get(), deadline - time.perf_counter())
            value = message["content"].get("data", {}).get("state", {}).get("value")
            if message["msg_type"] in ("comm_msg", "comm_open") and isinstance(value, str) and needle in value:
                return time.perf_counter() - start
        raise PhoneError(f"the page never showed {needle!r}")

    async def close(self) -> None:
        """Close the socket and shut the kernel down the way a closed page does."""
        if self._reader:
            self._reader.cancel()
        if self._socket is not None:
            await self._socket.close()
        if self.kernel_id and "_xsrf" in self.cookies:
            base = "{0.scheme}://{0.netloc}".format(urlsplit(self.url))
            await AsyncHTTPClient().fetch(HTTPRequest(
                f"{base}/voila/api/shutdown/{self.kernel_id}", method="POST", body="",
                headers={"Cookie": self._cookie_header(), "X-XSRFToken": self.cookies["_xsrf"]},
                request_timeout=30), raise_error=False)

    # -- the wire ----------------------------------------------------------

    async def _send(self, msg_type: str, content: dict, *, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "",
                  "date": "", "version": "5.3"}
        await self._socket.send(json.dumps({"channel": "shell", "header": header, "parent_header": {},
                                            "metadata": metadata or {}, "content": content, "buffers": []}))
        return msg_id

    async def _request(self, msg_type: str, content: dict, reply_type: str, comm_id: str | None = None) -> dict:
        msg_id = await self._send(msg_type, content)
        deadline = time.perf_counter() + self.timeout
        while True:
            message = await asyncio.wait_for(self._inbox.get(), max(deadline - time.perf_counter(), 0.01))
            if message["msg_type"] != reply_type or message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if comm_id is None or message["content"].get("comm_id") == comm_id:
                return message

    async def _read(self) -> None:
        async for raw in self._socket:
            message = json.loads(raw)
            message["msg_type"] = message.get("header", {}).get("msg_type") or message.get("msg_type")
            await self._inbox.put(message)

    def _textarea(self) -> str:
        for comm_id, widget in self.states.items():
            if widget["state"].get("_model_name") == "TextareaModel":
                return comm_id
        raise PhoneError("the page has no idea field")

    def _button(self) -> str:
        for comm_id, widget in self.states.items():
            state = widget["state"]
            if state.get("_model_name") == "ButtonModel" and state.get("description") == SEND_LABEL:
                return comm_id
        raise PhoneError(f"the page has no {SEND_LABEL!r} button")

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())
