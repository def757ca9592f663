"""A large gathering: N light phones through HAProxy to S kit servers on one PostgreSQL, against one server.

Run inside a PostgreSQL cluster (``pg_virtualenv -t``; ``make bench`` does not, this one needs it):

    pg_virtualenv -t .venv/bin/python benchmarks/bench_cluster.py [--phones 300] [--servers 3] [--window 240]

For each setup (S servers behind ``deploy/haproxy.cfg``'s settings, then one server
reached directly, each with its own fresh database) the phones arrive spread over
``--window`` seconds, open the join link, wait for the idea form and send one idea,
as :class:`_phone.LightPhone` does (the server's share of a phone's wait, no browser).
Prints per setup: open → form usable p50/p95 and failures, ideas stored, memory (PSS)
of each server with every page open, CPU seconds per phone, and the database's load
(connections, commits). Then the capacity table: phones per GB and per core.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, percentile, summary  # noqa: E402
from bench_room import CpuMeter, light_phone, memory_mb, process_tree, until_warm  # noqa: E402
from samskaping.core.models import Workshop
from samskaping.server.access import reset_secret
from samskaping.server.launch import ServerConfig, free_port, server_env, voila_command, wait_until_ready
from samskaping.server.routes import join_url
from samskaping.store import Store

CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "haproxy.cfg"


def new_database(name: str) -> str:
    base = f"postgresql://{os.environ['PGUSER']}:{os.environ['PGPASSWORD']}@{os.environ['PGHOST']}:" \
           f"{os.environ.get('PGPORT', '5432')}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def database_load(url: str) -> tuple[int, int]:
    """Connections to the database now, and transactions committed so far."""
    name = url.rsplit("/", 1)[-1]
    with psycopg.connect(url, autocommit=True) as db:
        connections = db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)).fetchone()[0]
        commits = db.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (name,)).fetchone()[0]
    return connections, commits


def proxy_config(servers: list[ServerConfig], folder: Path) -> Path:
    """``deploy/haproxy.cfg`` with one ``server`` line per kit server."""
    text = CONFIG.read_text()
    lines = "\n".join(f"    server kit{n} 127.0.0.1:{config.port} check cookie kit{n}"
                      for n, config in enumerate(servers, start=1))
    text = re.sub(r"(?m)^    server kit\d .*\n", "", text).rstrip() + "\n" + lines + "\n"
    path = folder / "haproxy.cfg"
    path.write_text(text)
    return path


async def run_setup(label: str, servers: int, args, folder: Path) -> dict:
    url = new_database(f"bench_{servers}")
    proxy_port = free_port()
    proxy = f"http://127.0.0.1:{proxy_port}" if servers > 1 else None
    data = folder / f"data-{servers}"
    data.mkdir()
    reset_secret(data)
    configs = [ServerConfig(data_dir=data, port=free_port(), pool_size=args.pool, max_pages=args.max_pages,
                            max_pages_per_address=args.phones, proxy_url=proxy) for _ in range(servers)]
    env = {"SAMSKAPING_DATABASE_URL": url}
    processes = [subprocess.Popen(voila_command(c), env={**server_env(c), **env}, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for c in configs]
    haproxy = None
    try:
        for config, process in zip(configs, processes, strict=True):
            wait_until_ready(config.local_url, process=process)
        if proxy:
            haproxy = subprocess.Popen([shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f",
                                        str(proxy_config(configs, folder))],
                                       env={**os.environ, "SAMSKAPING_PROXY_BIND": f"127.0.0.1:{proxy_port}"},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", proxy_port)) == 0:
                        break
                time.sleep(0.1)
        for process in processes:
            await until_warm(process.pid, args.pool)
        with Store(database_url=url) as store:
            workshop = store.workshops.create(Workshop("Samskapingsdag", question="Hva trenger familiene?"))
        entry = join_url(proxy or configs[0].local_url, workshop)
        meters = [CpuMeter(p.pid) for p in processes]
        cpu_before = sum(m.sample() for m in meters)
        _, commits_before = database_load(url)
        gap = args.window / max(args.phones, 1)
        phones = [light_phone(entry, n * gap, 1, 1.0, args.timeout) for n in range(args.phones)]
        results = await asyncio.gather(*phones)
        connections, commits_after = database_load(url)
        memory = [memory_mb(p.pid)[1] for p in processes]
        cpu = sum(m.sample() for m in meters) - cpu_before
        kernels = [len(process_tree(p.pid)) - 1 for p in processes]
        with Store(database_url=url) as store:
            stored = store.ideas.count(workshop.id)
        for result in results:
            phone = result.get("phone")
            if phone is not None:
                await phone.close()
    finally:
        if haproxy:
            haproxy.terminate()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
    opened = [r["open"] for r in results if "open" in r]
    failed = [r.get("failure", "") for r in results if "open" not in r]
    sent = sum(len(r["ideas"]) for r in results)
    print(f"\n== {label}: {args.phones} light phones over {args.window:.0f} s")
    print(f"open → form usable: {summary(opened) if opened else '-'} ({len(failed)} not served)")
    if failed:
        reasons = {}
        for reason in failed:
            reasons[reason.split(":")[0]] = reasons.get(reason.split(":")[0], 0) + 1
        print("  not served:", ", ".join(f"{k} {v}" for k, v in reasons.items()))
    print(f"ideas stored {stored} of {sent} sent")
    print("memory PSS per server (MB):", ", ".join(f"{m:.0f}" for m in memory),
          "| pages open per server:", ", ".join(str(k) for k in kernels))
    print(f"server CPU: {cpu:.0f} s, {cpu / max(len(opened), 1):.2f} s per phone served")
    print(f"database: {connections} connections with every page open, {commits_after - commits_before} commits "
          f"({(commits_after - commits_before) / args.window:.1f} per second)")
    return {"opened": opened, "failed": len(failed), "memory": memory, "kernels": kernels, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--servers", type=int, default=3)
    parser.add_argument("--window", type=float, default=240.0, help="seconds over which the phones arrive")
    parser.add_argument("--pool", type=int, default=4)
    parser.add_argument("--max-pages", type=int, default=120, help="serve --max-pages of each server")
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()
    if not os.environ.get("PGHOST"):
        sys.exit("Run inside a PostgreSQL cluster: pg_virtualenv -t .venv/bin/python benchmarks/bench_cluster.py")
    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        many = asyncio.run(run_setup(f"{args.servers} servers behind HAProxy", args.servers, args, Path(folder)))
        one = asyncio.run(run_setup("1 server, no proxy", 1, args, Path(folder)))
    print("\n== capacity (pages open at the end, per server process tree)")
    for label, run in ((f"{args.servers} servers", many), ("1 server", one)):
        pages = sum(run["kernels"])
        mb = sum(run["memory"]) / max(pages, 1)
        print(f"{label}: {pages} pages open, {mb:.0f} MB PSS per page → {1024 / mb:.0f} phones per GB; "
              f"{run['cpu'] / max(len(run['opened']), 1):.2f} CPU s per phone joining → "
              f"{60 / max(run['cpu'] / max(len(run['opened']), 1), 0.01):.0f} phones joining per core-minute; "
              f"p95 open {percentile(run['opened'], 95) if run['opened'] else float('nan'):.2f} s, "
              f"{run['failed']} not served")


if __name__ == "__main__":
    main()
