"""Start Voilà serving the kit's pages, tuned for a room full of phones.

Voilà starts one Python kernel per open page. The participant page gets a
pool of preheated kernels (the notebook has already imported the kit and
waits for the request), so a phone gets a usable form fast. Kernels left by
closed pages are culled; kernels with a connected page are never touched.

By default the server listens on 127.0.0.1 only. With ``serve --lan`` it
listens on every address and tells phones (and the join link and QR code on
the facilitator's page, through ``SAMSKAPING_URL``) this machine's address on
the local network (:func:`lan_address`), and answers to that address and
this machine's name as well as to loopback (:func:`allowed_hosts`; any other
``Host`` gets 403, see :mod:`samskaping.server.security`). A certificate
(``certfile`` and ``keyfile``) makes it serve https.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from samskaping.server.routes import (
    FACILITATOR_NOTEBOOK,
    FACILITATOR_URL_PATH,
    PARTICIPANT_NOTEBOOK,
    PARTICIPANT_URL_PATH,
    STAKEHOLDER_URL_PATH,
)

__all__ = [
    "ServerConfig", "notebook_dir", "voila_command", "allowed_hosts", "server_env", "free_port", "lan_address",
    "wait_until_ready", "start_server",
]

# A static file: asking for a notebook would start a kernel just to check.
READY_PATH = "/voila/templates/lab/static/voila.js"
# How long a page's rendering waits for a finished cell's output (widgets) to arrive: see voila_command.
IOPUB_TIMEOUT_SECONDS = 120
# Listening on every address (serve --lan); this machine still reaches it on loopback.
ALL_ADDRESSES = "0.0.0.0"
# Private networks towards which lan_address "connects" a UDP socket (nothing is sent): the
# operating system then says which of this machine's addresses it would send from.
_LAN_PROBES = ("10.255.255.255", "192.168.255.255", "172.16.255.255")


@dataclass
class ServerConfig:
    """How ``samskaping serve`` runs Voilà."""

    data_dir: Path
    port: int = 8866
    ip: str = "127.0.0.1"
    pool_size: int = 4
    cull_idle_seconds: int = 600
    max_pages: int = 120
    max_pages_per_address: int = 6
    # Participants expected (serve --room N): that many pages kept warm, within room_memory_mb (0: 40 % of free).
    room: int = 0
    room_memory_mb: int = 0
    # This machine's address on the local network (serve --lan): what phones and the join link use.
    public_host: str | None = None
    # A PEM certificate (and its key, unless it is in the same file): serve https.
    certfile: Path | None = None
    keyfile: Path | None = None
    # The address people use when this server is one of several behind a proxy (serve --behind-proxy):
    # join links and QR codes name it, its host is allowed, and the proxy's X-Forwarded-For is trusted.
    proxy_url: str | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"

    @property
    def local_url(self) -> str:
        """Where this machine reaches the server (loopback when it listens on every address)."""
        host = "127.0.0.1" if self.ip in (ALL_ADDRESSES, "") else self.ip
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The address participants use: the proxy's, the LAN address with ``serve --lan``, else :attr:`local_url`."""
        if self.proxy_url:
            return self.proxy_url.rstrip("/")
        return f"{self.scheme}://{self.public_host}:{self.port}" if self.public_host else self.local_url

    @property
    def participant_url(self) -> str:
        return self.url + PARTICIPANT_URL_PATH

    # The facilitator's pages are opened on this machine; the secret's cookie stays on it.
    @property
    def facilitator_url(self) -> str:
        return self.local_url + FACILITATOR_URL_PATH

    @property
    def login_url(self) -> str:
        return self.local_url + "/samskaping/logg-inn"

    @property
    def stakeholder_url(self) -> str:
        return self.local_url + STAKEHOLDER_URL_PATH


def notebook_dir() -> Path:
    """The kit's notebooks: inside the installed package, else the source checkout."""
    here = Path(__file__).resolve().parent.parent  # the samskaping package
    for candidate in (here / "notebooks", here.parent.parent / "notebooks"):
        if (candidate / PARTICIPANT_NOTEBOOK).is_file():
            return candidate
    raise FileNotFoundError(
        f"The kit's notebooks are missing (looked in {here / 'notebooks'} and "
        f"{here.parent.parent / 'notebooks'}); reinstall samskaping."
    )


def voila_command(config: ServerConfig) -> list[str]:
    """The Voilà command line for ``config`` (a list for ``subprocess``)."""
    # Phones get a warm pool; the facilitator page one warm kernel. The staff pages that load
    # plotting and clustering (100-200 MB each) start when opened instead of idling in a pool.
    pools = {
        PARTICIPANT_NOTEBOOK: {"pool_size": config.pool_size},
        FACILITATOR_NOTEBOOK: {"pool_size": 1},
        "default": {"pool_size": 0},
    }
    hosts = [f"--SamskapingLimits.allowed_hosts={host}" for host in allowed_hosts(config)]
    tls = [f"--SamskapingVoila.certfile={config.certfile}"] if config.certfile else []
    if config.proxy_url:
        tls.append("--SamskapingVoila.behind_proxy=True")
    if config.certfile and config.keyfile:
        tls.append(f"--SamskapingVoila.keyfile={config.keyfile}")
    return [
        sys.executable,
        "-m",
        "samskaping.server.app",
        str(notebook_dir()),
        "--no-browser",
        f"--port={config.port}",
        f"--Voila.ip={config.ip}",
        "--Voila.port_retries=0",
        "--preheat_kernel=True",
        f"--pool_size={config.pool_size}",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
        "--VoilaConfiguration.show_tracebacks=False",
        # nbclient waits only 4 s for a cell's output after the cell has finished; when many phones
        # join at once the server falls behind that, and the page came without its form (a blank
        # page, "Timeout waiting for IOPub output" in the log). The wait ends as soon as the output is in.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
        # Pages are Norwegian unless a page says otherwise (the kit's script then sets the language).
        "--HTMLExporter.language_code=nb",
        # The verified device id (server/app.py) reaches the page's kernel as HTTP_X_SAMSKAPING_DEVICE.
        "--VoilaConfiguration.http_header_envs=X-Samskaping-Device",
        # ... and the organisation whose staff opened a staff page as HTTP_X_SAMSKAPING_ORGANISATION.
        "--VoilaConfiguration.http_header_envs=X-Samskaping-Organisation",
        # Code highlighting: the pages show no code, so one federated extension less to load per page.
        "--VoilaConfiguration.extension_denylist=jupyterlab_pygments",  # one item per option (traitlets 5)
        f"--SamskapingLimits.max_pages={config.max_pages}",
        f"--SamskapingLimits.max_pages_per_address={config.max_pages_per_address}",
        f"--SamskapingRoom.expected={config.room}",
        f"--SamskapingRoom.memory_mb={config.room_memory_mb}",
        f"--MappingKernelManager.cull_idle_timeout={config.cull_idle_seconds}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
        *hosts,
        *tls,
    ]


def allowed_hosts(config: ServerConfig) -> list[str]:
    """The names the server answers to besides loopback (its Host allowlist): with ``serve --lan`` the LAN
    address, this machine's name and its ``.local`` name; an address it listens on alone.

    >>> from pathlib import Path
    >>> allowed_hosts(ServerConfig(data_dir=Path("x")))
    []
    >>> hosts = allowed_hosts(ServerConfig(data_dir=Path("x"), ip="0.0.0.0", public_host="192.168.1.23"))
    >>> hosts[0], socket.gethostname() in hosts
    ('192.168.1.23', True)
    """
    hosts = []
    if config.proxy_url:
        hosts.append((urlsplit(config.proxy_url).hostname or "").lower())
    if config.ip not in (ALL_ADDRESSES, "", "127.0.0.1", "localhost", "::1"):
        hosts.append(config.ip)
    if config.public_host:
        name = socket.gethostname().strip().lower()
        hosts += [config.public_host, *([name, f"{name.removesuffix('.local')}.local"] if name else [])]
    return list(dict.fromkeys(hosts))


def server_env(config: ServerConfig) -> dict[str, str]:
    """The environment Voilà and its kernels inherit: where the data is, and the public URL."""
    env = dict(os.environ)
    env["SAMSKAPING_DATA"] = str(config.data_dir)
    env["SAMSKAPING_URL"] = config.url
    if config.certfile:
        # A preheated kernel fetches its page's request from the server: over TLS too, then.
        env["VOILA_WS_PROTOCOL"] = "wss"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``ip`` right now."""
    with socket.socket() as sock:
        sock.bind((ip, 0))
        return sock.getsockname()[1]


def lan_address() -> str | None:
    """This machine's IPv4 address on the local network (for ``serve --lan``), or ``None`` if it has none.

    First the address the operating system would send from towards a private
    network (a UDP ``connect`` sends nothing), then what the host name
    resolves to. Loopback (``127.x``), ``0.0.0.0`` and multicast never count.
    """
    candidates = []
    for probe in _LAN_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                candidates.append(sock.getsockname()[0])
        except OSError:
            continue
    with contextlib.suppress(OSError):
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    return next((address for address in candidates if _reachable_from_lan(address)), None)


def _reachable_from_lan(address: str) -> bool:
    """
    >>> [_reachable_from_lan(a) for a in ("192.168.1.20", "10.0.0.5", "127.0.1.1", "0.0.0.0", "224.0.0.1", "x")]
    [True, True, False, False, False, False]
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_multicast)


def _probe_context(url: str) -> ssl.SSLContext | None:
    """For https: a context that accepts any certificate. Only for asking this machine's own server
    whether it is up; a self-signed certificate is normal there."""
    if not url.startswith("https:"):
        return None
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def wait_until_ready(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    """Block until Voilà answers on ``url`` (a static file; no kernel is started); http or https."""
    context = _probe_context(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Voilà stopped with exit code {process.returncode} before it was ready.")
        try:
            with urllib.request.urlopen(url + READY_PATH, timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"Voilà did not answer on {url} within {timeout:.0f} s.")


def start_server(config: ServerConfig, **popen_kwargs) -> subprocess.Popen:
    """Start Voilà for ``config`` and return once it answers."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(voila_command(config), env=server_env(config), **popen_kwargs)
    try:
        wait_until_ready(config.local_url, process=process)
    except BaseException:
        process.terminate()
        process.wait(10)
        raise
    return process
