"""Start Voilà serving the kit's pages, tuned for a room full of phones.

Voilà starts one Python kernel per open page. The participant page gets a
pool of preheated kernels (the notebook has already imported the kit and
waits for the request), so a phone gets a usable form fast. Kernels left by
closed pages are culled; kernels with a connected page are never touched.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .ui import FACILITATOR_URL_PATH, PARTICIPANT_URL_PATH, STAKEHOLDER_URL_PATH

__all__ = ["ServerConfig", "notebook_dir", "voila_command", "free_port", "wait_until_ready", "start_server"]

PARTICIPANT_NOTEBOOK = "deltaker.ipynb"
FACILITATOR_NOTEBOOK = "fasilitator.ipynb"
# A static file: asking for a notebook would start a kernel just to check.
READY_PATH = "/voila/templates/lab/static/voila.js"


@dataclass
class ServerConfig:
    """How ``samskaping serve`` runs Voilà."""

    data_dir: Path
    port: int = 8866
    ip: str = "127.0.0.1"
    pool_size: int = 4
    cull_idle_seconds: int = 600
    max_pages: int = 120

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    @property
    def participant_url(self) -> str:
        return self.url + PARTICIPANT_URL_PATH

    @property
    def facilitator_url(self) -> str:
        return self.url + FACILITATOR_URL_PATH

    @property
    def login_url(self) -> str:
        return self.url + "/samskaping/logg-inn"

    @property
    def stakeholder_url(self) -> str:
        return self.url + STAKEHOLDER_URL_PATH


def notebook_dir() -> Path:
    """The kit's notebooks: inside the installed package, else the source checkout."""
    here = Path(__file__).resolve().parent
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
    return [
        sys.executable,
        "-m",
        "samskaping.voila_app",
        str(notebook_dir()),
        "--no-browser",
        f"--port={config.port}",
        f"--Voila.ip={config.ip}",
        "--Voila.port_retries=0",
        "--preheat_kernel=True",
        f"--pool_size={config.pool_size}",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--SamskapingLimits.max_pages={config.max_pages}",
        f"--MappingKernelManager.cull_idle_timeout={config.cull_idle_seconds}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]


def server_env(config: ServerConfig) -> dict[str, str]:
    """The environment Voilà and its kernels inherit: where the data is, and the public URL."""
    env = dict(os.environ)
    env["SAMSKAPING_DATA"] = str(config.data_dir)
    env["SAMSKAPING_URL"] = config.url
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``ip`` right now."""
    with socket.socket() as sock:
        sock.bind((ip, 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    """Block until Voilà answers on ``url`` (a static file; no kernel is started)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Voilà stopped with exit code {process.returncode} before it was ready.")
        try:
            with urllib.request.urlopen(url + READY_PATH, timeout=2) as response:
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
        wait_until_ready(config.url, process=process)
    except BaseException:
        process.terminate()
        process.wait(10)
        raise
    return process
