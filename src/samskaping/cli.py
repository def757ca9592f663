"""The ``samskaping`` command: serve the pages, and script a workshop from a terminal.

Every command takes ``--data-dir`` (default ``$SAMSKAPING_DATA`` or a folder
per user). Commands that create something print its id alone on the last
line, so scripts can capture it with ``$(samskaping new ... | tail -n1)``.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from samskaping import __version__
from samskaping.core.exceptions import SamskapingError
from samskaping.core.i18n import error_text, t
from samskaping.core.models import GROUPS, PHASES, Workshop, check_groups
from samskaping.ideas.model import Idea
from samskaping.store import Store, default_data_dir, open_store
from samskaping.store.archive import envelope, read_export

__all__ = ["main", "build_parser"]

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder for the workshop store (default: $SAMSKAPING_DATA or a per-user folder)",
    )
    parser = argparse.ArgumentParser(prog="samskaping", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"samskaping {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[common], help="start the pages on this machine (Voilà)")
    serve.add_argument("--port", type=int, default=8866, help="port to listen on (0: a free one)")
    serve.add_argument("--pool", type=int, default=4, help="preheated participant pages kept ready")
    serve.add_argument("--demo", action="store_true", help="make sure the demo workshop exists")
    serve.add_argument("--max-pages", type=int, default=120,
                       help="most pages open at once (each is a 55-105 MB Python process); more get 'full, retry'")
    serve.add_argument("--max-pages-per-address", type=int, default=6,
                       help="most pages one device on the network may have open; this machine itself is exempt")
    serve.add_argument("--lan", action="store_true",
                       help="let phones on the local network in: listen on every address, print the network link, "
                            "a QR code and a warning (default: 127.0.0.1 only)")
    serve.add_argument("--certfile", type=Path, default=None, metavar="PEM",
                       help="serve https with this certificate (PEM; with --keyfile unless the key is in it)")
    serve.add_argument("--keyfile", type=Path, default=None, metavar="PEM", help="the private key of --certfile (PEM)")
    serve.set_defaults(run=cmd_serve)

    new = commands.add_parser("new", parents=[common], help="create a workshop; prints its id last")
    new.add_argument("title")
    new.add_argument("--question", default="", help="the question put to the participants")
    new.add_argument("--phase", choices=PHASES, default="ide")
    new.add_argument("--lang", choices=("nb", "en"), default="nb")
    new.add_argument("--delete-after", type=_date, default=None, metavar="YYYY-MM-DD",
                     help="retention date: `samskaping purge` deletes the workshop after it")
    new.add_argument("--groups", type=_groups, default=None, metavar="GROUP,GROUP",
                     help="the participant groups the phones offer, comma separated, from: "
                          f"{', '.join(GROUPS)} ('annet' is always offered; default: the kit's usual set)")
    new.set_defaults(run=cmd_new)

    listing = commands.add_parser("list", parents=[common], help="list workshops")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.set_defaults(run=cmd_list)

    ideas = commands.add_parser("ideas", help="add or list ideas").add_subparsers(
        dest="ideas_command", required=True, metavar="COMMAND"
    )
    add = ideas.add_parser("add", parents=[common], help="add an idea (for people on paper)")
    add.add_argument("workshop", help="workshop id or join code")
    add.add_argument("text")
    add.add_argument("--group", choices=GROUPS, default="annet")
    add.set_defaults(run=cmd_ideas_add)
    show = ideas.add_parser("list", parents=[common], help="list a workshop's ideas, with their ids")
    show.add_argument("workshop", help="workshop id or join code")
    show.add_argument("--json", action="store_true", help="one JSON array")
    show.add_argument("--include-hidden", action="store_true",
                      help="list the posts the facilitator hid too (left out by default: they may point someone out)")
    show.set_defaults(run=cmd_ideas_list)
    remove = ideas.add_parser("delete", parents=[common],
                              help="delete a post for real, on request (logged: who and when, never the text)")
    remove.add_argument("workshop", help="workshop id or join code")
    remove.add_argument("idea", help="the post's id (`samskaping ideas list WORKSHOP --include-hidden` shows them)")
    remove.add_argument("--by", required=True, help="who deletes it (a role is enough)")
    remove.set_defaults(run=cmd_ideas_delete)

    clustering = ideas.add_parser("cluster", parents=[common], help="group a workshop's ideas into themes (stored)")
    clustering.add_argument("workshop", help="workshop id or join code")
    clustering.add_argument("--themes", type=int, default=None, metavar="K", help="number of themes (default: auto)")
    clustering.add_argument("--json", action="store_true")
    clustering.set_defaults(run=cmd_ideas_cluster)
    cluster_file = ideas.add_parser("cluster-file", help="cluster one idea per line of a UTF-8 text file (no store)")
    cluster_file.add_argument("file", type=Path)
    cluster_file.add_argument("--themes", type=int, default=None, metavar="K", help="number of themes (default: auto)")
    cluster_file.add_argument("--seeds", type=Path, default=None, metavar="SEEDS.tsv",
                              help="lines 'theme<TAB>idea text': seeded grouping, theme names as ids")
    cluster_file.add_argument("--json", action="store_true")
    cluster_file.set_defaults(run=cmd_ideas_cluster_file)

    export = commands.add_parser("export", parents=[common], help="export a workshop")
    export.add_argument("workshop", help="workshop id or join code")
    export.add_argument("--format", choices=("json", "docx", "pdf", "html", "pptx", "xlsx", "zip"), default="json",
                        help="json: the data; docx/pdf/html: the report; pptx: the deck; xlsx: the workbook; "
                             "zip: everything, re-importable")
    export.add_argument("--out", required=True, help="file to write ('-' for standard output: json)")
    export.add_argument("--lang", choices=("nb", "en"), default=None,
                        help="language of the report (default: the workshop's)")
    export.add_argument("--include-hidden", action="store_true",
                        help="include the posts the facilitator hid (left out by default: they may point someone "
                             "out); the file says so. For a backup or a move to another machine, not for the archive")
    export.set_defaults(run=cmd_export)

    imp = commands.add_parser("import", parents=[common],
                              help="import an exported workshop (.json or .zip archive); prints its id last")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=cmd_import)

    stakeholders = commands.add_parser("stakeholders", help="import or export a stakeholder map").add_subparsers(
        dest="stakeholders_command", required=True, metavar="COMMAND"
    )
    simport = stakeholders.add_parser("import", parents=[common], help="import stakeholders from CSV or XLSX")
    simport.add_argument("workshop", help="workshop id or join code")
    simport.add_argument("file", type=Path)
    simport.set_defaults(run=cmd_stakeholders_import)
    sexport = stakeholders.add_parser("export", parents=[common], help="export the grid or the register")
    sexport.add_argument("workshop", help="workshop id or join code")
    sexport.add_argument("--format", choices=("png", "svg", "pdf", "xlsx", "csv", "json"), required=True)
    sexport.add_argument("--out", required=True, help="file to write ('-' for standard output: csv, json)")
    sexport.add_argument("--lang", choices=("nb", "en"), default=None)
    sexport.set_defaults(run=cmd_stakeholders_export)

    journeys = commands.add_parser("journeys", help="service journeys: list, import, export, summary").add_subparsers(
        dest="journeys_command", required=True, metavar="COMMAND"
    )
    jlist = journeys.add_parser("list", parents=[common], help="list a workshop's journeys")
    jlist.add_argument("workshop", help="workshop id or join code")
    jlist.set_defaults(run=cmd_journeys_list)
    jimport = journeys.add_parser("import", parents=[common], help="import steps from CSV or XLSX as a new journey")
    jimport.add_argument("workshop", help="workshop id or join code")
    jimport.add_argument("file", type=Path)
    jimport.add_argument("--title", required=True)
    jimport.add_argument("--variant", choices=("dagens", "onsket"), default="dagens")
    jimport.set_defaults(run=cmd_journeys_import)
    jexport = journeys.add_parser("export", parents=[common], help="export a journey map or its steps")
    jexport.add_argument("workshop", help="workshop id or join code")
    jexport.add_argument("journey", help="journey id or title")
    jexport.add_argument("--format", choices=("png", "svg", "pdf", "csv", "json"), required=True)
    jexport.add_argument("--out", required=True, help="file to write ('-' for standard output: csv, json)")
    jexport.add_argument("--lang", choices=("nb", "en"), default=None)
    jexport.set_defaults(run=cmd_journeys_export)
    jsummary = journeys.add_parser("summary", parents=[common], help="handovers, waits and gaps of a journey")
    jsummary.add_argument("workshop", help="workshop id or join code")
    jsummary.add_argument("journey", help="journey id or title")
    jsummary.add_argument("--json", action="store_true")
    jsummary.set_defaults(run=cmd_journeys_summary)

    anonymize = commands.add_parser("anonymize", help="mask personal data in text from standard input")
    anonymize.add_argument("--json", action="store_true",
                           help="one text per line in; one JSON object per line out, with the findings")
    anonymize.set_defaults(run=cmd_anonymize)

    delete = commands.add_parser("delete", parents=[common], help="delete a workshop with all its data")
    delete.add_argument("workshop", help="workshop id or join code")
    delete.set_defaults(run=cmd_delete)

    purge = commands.add_parser("purge", parents=[common], help="delete workshops past their retention date")
    purge.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    purge.set_defaults(run=cmd_purge)

    retention = commands.add_parser("retention", parents=[common], help="set a workshop's retention date")
    retention.add_argument("workshop", help="workshop id or join code")
    retention.add_argument("--delete-after", type=_date, metavar="YYYY-MM-DD", help="omit to keep it until deleted")
    retention.set_defaults(run=cmd_retention)

    masking = commands.add_parser("masking", parents=[common],
                                  help="turn masking of personal data on or off for a workshop (logged)")
    masking.add_argument("workshop", help="workshop id or join code")
    masking.add_argument("state", choices=("on", "off"))
    masking.add_argument("--by", required=True, help="who turns it on or off (a role is enough)")
    masking.set_defaults(run=cmd_masking)

    secret = commands.add_parser("secret", parents=[common],
                                 help="the facilitator secret for the staff pages: "
                                      "say whether one is set, or --reset it")
    secret.add_argument("--reset", action="store_true",
                        help="make a new secret and print it (the old one stops working)")
    secret.set_defaults(run=cmd_secret)

    demo = commands.add_parser("demo", parents=[common], help="create the demo workshop; prints its id last")
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except SamskapingError as exc:
        print(t("cli.error", message=error_text(exc)), file=sys.stderr)
        return 1


def _store(args: argparse.Namespace) -> Store:
    return open_store(args.data_dir)


def cmd_serve(args: argparse.Namespace) -> int:
    from samskaping.server.launch import ALL_ADDRESSES, ServerConfig, free_port, lan_address, start_server

    certfile, keyfile = args.certfile, args.keyfile
    problem = tls_problem(certfile, keyfile)
    public_host = None
    if problem is None and args.lan:
        public_host = lan_address()
        if public_host is None:
            problem = t("cli.serve.lan.none")
    if problem is not None:
        print(t("cli.error", message=problem), file=sys.stderr)
        return 1
    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    with open_store(data_dir) as store:
        demo = None
        if args.demo:
            from samskaping.demo import ensure_demo

            demo = ensure_demo(store)
    from samskaping.server.access import ensure_secret

    secret = ensure_secret(data_dir)
    ip = ALL_ADDRESSES if public_host else "127.0.0.1"
    config = ServerConfig(data_dir=data_dir, port=args.port or free_port(ip), ip=ip, pool_size=max(args.pool, 0),
                          max_pages=max(args.max_pages, 1),
                          max_pages_per_address=max(args.max_pages_per_address, 1),
                          public_host=public_host, certfile=certfile and certfile.resolve(),
                          keyfile=keyfile and keyfile.resolve())
    process = start_server(config)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print(serve_banner(config, demo=demo, secret=secret), flush=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait(15)


def serve_banner(config, *, demo: Workshop | None = None, secret: str | None = None) -> str:
    """What ``samskaping serve`` prints once the pages answer: the links, the data folder, a new secret;
    with ``--lan`` also the network link as a QR code and a warning about who can reach the server."""
    from samskaping.server.routes import join_url

    workshop = f"?verksted={demo.id}" if demo else ""
    participant = join_url(config.url, demo) if demo else config.participant_url
    lines = [
        t("cli.serve.started"),
        t("cli.serve.facilitator", url=config.facilitator_url + workshop),
        t("cli.serve.participant", url=participant),
        t("cli.serve.stakeholders", url=config.stakeholder_url + workshop),
        t("cli.serve.data", path=config.data_dir),
    ]
    if secret:
        lines.append(t("cli.serve.secret", secret=secret))
    if config.public_host:
        lines += ["", t("cli.serve.lan.join", url=participant), _terminal_qr(participant) or t("cli.serve.lan.no_qr"),
                  t("cli.serve.lan.warning"), t("cli.serve.lan.staff"), t("cli.serve.lan.network")]
        if not config.certfile:
            lines.append(t("cli.serve.lan.plain"))
        lines.append(t("cli.serve.lan.stop"))
    return "\n".join(lines)


def _terminal_qr(url: str) -> str:
    """``url`` as a QR code of block characters, or "" if this terminal cannot print them."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url).terminal(out=out, compact=True)
    text = out.getvalue().rstrip("\n")
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return ""
    return text


def tls_problem(certfile: Path | None, keyfile: Path | None) -> str | None:
    """What is wrong with ``serve --certfile/--keyfile``, as a sentence for the facilitator; ``None`` if usable.

    Checked before anything starts, so a typo does not leave a half-started server.
    """
    import ssl

    if certfile is None:
        return t("cli.serve.tls.key_only", path=keyfile) if keyfile is not None else None
    for path, option in ((certfile, "--certfile"), (keyfile, "--keyfile")):
        if path is None:
            continue
        if not path.is_file():
            return t("cli.serve.tls.missing", path=path, option=option)
        try:
            path.read_bytes()
        except OSError as exc:
            return t("cli.serve.tls.unreadable", path=path, option=option, reason=exc.strerror or exc)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, ValueError, OSError):
        return t("cli.serve.tls.invalid", certfile=certfile, keyfile=keyfile or certfile)
    return None


def _stop_on_sigterm(signum, frame):
    """A plain ``kill`` of ``samskaping serve`` stops Voilà and its kernels too, as Ctrl+C does."""
    raise KeyboardInterrupt


def cmd_new(args: argparse.Namespace) -> int:
    extra = {"groups": args.groups} if args.groups else {}
    with _store(args) as store:
        workshop = store.workshops.create(
            Workshop(title=args.title, question=args.question, phase=args.phase, lang=args.lang,
                     delete_after=args.delete_after, **extra)
        )
    print(t("cli.new.created", title=workshop.title, code=workshop.join_code))
    print(workshop.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshops = store.workshops.list()
        counts = {w.id: store.ideas.count(w.id) for w in workshops}
    if args.json:
        print(json.dumps([{**w.to_dict(), "ideas": counts[w.id]} for w in workshops], ensure_ascii=False, indent=2))
        return 0
    if not workshops:
        print(t("cli.list.empty"))
    for w in workshops:
        print(f"{w.id}  {w.join_code}  {w.created:%Y-%m-%d}  {counts[w.id]:>4}  {w.title}")
    return 0


def cmd_ideas_add(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        idea = store.ideas.add(
            Idea(workshop_id=workshop.id, text=args.text, group=args.group, session_id="cli", on_paper=True)
        )
    print(t("cli.idea.added"))
    print(idea.id)
    return 0


def cmd_ideas_list(args: argparse.Namespace) -> int:
    from samskaping.ideas.model import withheld

    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        ideas = store.ideas.list(workshop.id)
        hidden = withheld(ideas, store.ideas.merges(workshop.id))
    if not args.include_hidden:
        ideas = [idea for idea in ideas if idea.id not in hidden]
    if args.json:
        print(json.dumps([idea.to_dict() for idea in ideas], ensure_ascii=False, indent=2))
        return 0
    for idea in ideas:
        print(f"{idea.id}  [{idea.group}]{' (skjult)' if idea.hidden else ''} {idea.text}")
    if hidden and not args.include_hidden:
        print(t("export.hidden.left_out", count=len(hidden)), file=sys.stderr)
    return 0


def cmd_ideas_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        store.ideas.delete(args.idea, by=args.by, workshop_id=workshop.id)
    print(t("cli.idea.deleted", id=args.idea, title=workshop.title))
    return 0


def cmd_ideas_cluster(args: argparse.Namespace) -> int:
    from samskaping.ideas.theming import suggest_themes

    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        result = suggest_themes(store, workshop.id, themes=args.themes, lang=workshop.lang)
        labels = {theme.id: theme.label for theme in store.themes.list(workshop.id)}
    themes = [
        {"id": theme.id, "label": labels.get(theme.id, theme.label), "size": theme.size} for theme in result.themes
    ]
    ideas = [{"id": key, "theme": theme} for key, theme in zip(result.keys, result.assignment, strict=True)]
    if args.json:
        print(json.dumps({"themes": themes, "ideas": ideas}, ensure_ascii=False, indent=2))
        return 0
    for theme in themes:
        print(f"{theme['id']:>4}  {theme['size']:>3}  {theme['label']}")
    return 0


def cmd_ideas_cluster_file(args: argparse.Namespace) -> int:
    from samskaping.ideas.clustering import cluster, seeded_grouping

    if not args.file.is_file():
        print(t("cli.error", message=t("cli.file.missing", path=args.file)), file=sys.stderr)
        return 1
    numbered = [(n, line.strip()) for n, line in enumerate(args.file.read_text(encoding="utf-8-sig").splitlines(), 1)
                if line.strip()]
    texts = [text for _, text in numbered]
    if args.seeds:
        seeds: dict[str, list[str]] = {}
        for line in args.seeds.read_text(encoding="utf-8-sig").splitlines():
            if "\t" in line:
                theme, text = line.split("\t", 1)
                seeds.setdefault(theme.strip(), []).append(text.strip())
        texts_all = texts + [text for group in seeds.values() for text in group if text not in texts]
        result = seeded_grouping(texts_all, seeds)
        assignment = result.assignment[: len(texts)]
    else:
        result = cluster(texts, themes=args.themes)
        assignment = result.assignment
    payload = {
        "themes": [{"id": theme.id, "label": theme.label} for theme in result.themes],
        "ideas": [
            {"line": n, "text": text, "theme": theme} for (n, text), theme in zip(numbered, assignment, strict=True)
        ],
    }
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for theme in payload["themes"]:
        print(f"{theme['id']}: {theme['label']}")
        for idea in payload["ideas"]:
            if idea["theme"] == theme["id"]:
                print(f"    {idea['line']:>4}  {idea['text']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format != "json":
        from samskaping.reports.archive import export_workshop_files

        with _store(args) as store:
            workshop = store.workshops.get(args.workshop)
            export_workshop_files(store, workshop.id, args.format, args.out, lang=args.lang,
                                  include_hidden=args.include_hidden)
        print(t("cli.export.done", path=args.out))
        return 0
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        text = envelope(store.archive.export_workshop(workshop.id, include_hidden=args.include_hidden))
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    Path(args.out).write_text(text, encoding="utf-8")
    print(t("cli.export.done", path=args.out))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    data = read_export(args.file)
    with _store(args) as store:
        workshop = store.archive.import_workshop(data, source=str(args.file))
        count = store.ideas.count(workshop.id)
    print(t("cli.import.done", title=workshop.title, ideas=count))
    print(workshop.id)
    return 0


def cmd_stakeholders_import(args: argparse.Namespace) -> int:
    from samskaping.stakeholders.io import describe, read_stakeholder_file

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        result = read_stakeholder_file(data, args.file.name, workshop.id)
        store.stakeholders.save_all(result.stakeholders, moved_by="import")  # all rows or, if saving fails, none
    _tell_problems(result.problems, lambda problem: describe(problem, workshop.lang))
    print(t("cli.stakeholders.imported", count=len(result.stakeholders), problems=len(result.problems)))
    return 0 if result.stakeholders or not result.problems else 1


def cmd_stakeholders_export(args: argparse.Namespace) -> int:
    from samskaping.stakeholders import io as stakeholder_io

    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        items = store.stakeholders.list(workshop.id)
    lang = args.lang or workshop.lang
    if args.format in ("csv", "json"):
        text = (stakeholder_io.stakeholders_csv(items, lang=lang) if args.format == "csv"
                else stakeholder_io.stakeholders_json(items, lang=lang))
        if args.out == "-":
            sys.stdout.write(text)
            return 0
        Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    elif args.format == "xlsx":
        stakeholder_io.write_stakeholders_xlsx(items, args.out, lang=lang)
    else:
        from samskaping.stakeholders.plot import save_grid

        save_grid(items, args.out, title=workshop.title, lang=lang)
    print(t("cli.export.done", path=args.out))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from samskaping.demo import create_demo

    with _store(args) as store:
        workshop = create_demo(store)
    print(t("cli.new.created", title=workshop.title, code=workshop.join_code))
    print(workshop.id)
    return 0


def cmd_journeys_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        rows = [(j, len(store.journeys.steps(j.id))) for j in store.journeys.list(workshop.id)]
    if not rows:
        print(t("cli.journeys.none", title=workshop.title))
    for journey, count in rows:
        print(f"{journey.id}  {journey.variant:<7} {count:>3}  {journey.title}")
    return 0


def cmd_journeys_import(args: argparse.Namespace) -> int:
    from samskaping.journeys.io import describe, read_steps_file
    from samskaping.journeys.model import Journey

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        journey = Journey(workshop.id, args.title, variant=args.variant)
        result = read_steps_file(data, args.file.name, journey, add_phases=True)
        if result.steps:
            store.journeys.save_with_steps(journey, result.steps)  # the journey with every step, or nothing
    _tell_problems(result.problems, lambda problem: describe(problem, workshop.lang))
    print(t("cli.journeys.imported", count=len(result.steps), problems=len(result.problems)))
    if result.steps:
        print(journey.id)
    return 0 if result.steps else 1


def _tell_problems(problems: list, describe: Callable[[object], str]) -> None:
    """Each problem of an imported file as a sentence on stderr, safe for a terminal (:func:`_plain`)."""
    for problem in problems:
        print(_plain(describe(problem)), file=sys.stderr)


def _plain(text: str) -> str:
    """``text`` without the control and bidi characters a file's cell may carry into a problem's sentence.

    A cell quoted back on a terminal must not move the cursor, retitle the
    window or turn the line around (ESC sequences, U+202E).

    >>> _plain("Kolonnen «\\x1b]0;x\\x07Navn\\u202e» ...")
    'Kolonnen «]0;xNavn» ...'
    """
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))


def _read_sheet(path: Path) -> bytes | None:
    """The bytes of a sheet to import, or ``None`` after saying on stderr why it cannot be read."""
    if not path.is_file():
        message = t("cli.file.missing", path=path)
    else:
        try:
            return path.read_bytes()
        except OSError:
            message = t("cli.file.unreadable", path=path)
    print(t("cli.error", message=message), file=sys.stderr)
    return None


def _journey_and_steps(args: argparse.Namespace):
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        journey = store.journeys.get(args.journey, workshop.id)
        return workshop, journey, store.journeys.steps(journey.id)


def cmd_journeys_export(args: argparse.Namespace) -> int:
    from samskaping.journeys import io as journey_io

    workshop, journey, steps = _journey_and_steps(args)
    lang = args.lang or workshop.lang
    if args.format in ("csv", "json"):
        text = journey_io.steps_csv(journey, steps) if args.format == "csv" else journey_io.journey_json(journey, steps)
        if args.out == "-":
            sys.stdout.write(text)
            return 0
        Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    else:
        from samskaping.journeys.plot import save_journey

        save_journey(journey, steps, args.out, lang=lang)
    print(t("cli.export.done", path=args.out))
    return 0


def cmd_journeys_summary(args: argparse.Namespace) -> int:
    from samskaping.journeys.analysis import summary_text
    from samskaping.journeys.io import journey_summary_json

    workshop, journey, steps = _journey_and_steps(args)
    if args.json:
        print(json.dumps(journey_summary_json(journey, steps), ensure_ascii=False, indent=2))
        return 0
    print(journey.title)
    for line in summary_text(journey, steps, lang=workshop.lang):
        print(f"- {line}")
    return 0


def cmd_secret(args: argparse.Namespace) -> int:
    from samskaping.server.access import has_secret, reset_secret

    data_dir = (args.data_dir or default_data_dir()).expanduser()
    if args.reset:
        print(t("cli.secret.new"))
        print(reset_secret(data_dir))
    else:
        print(t("cli.secret.set" if has_secret(data_dir) else "cli.secret.none"))
    return 0


def cmd_anonymize(args: argparse.Namespace) -> int:
    from samskaping.core.privacy.detect import mask

    if not args.json:
        sys.stdout.write(mask(sys.stdin.read()).text)
        return 0
    for line in sys.stdin:
        text = line.rstrip("\n").rstrip("\r")
        masked = mask(text)
        findings = [{"kind": f.kind, "start": f.start, "end": f.end} for f in masked.findings]
        print(json.dumps({"text": masked.text, "findings": findings}, ensure_ascii=False), flush=True)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        summary = store.workshops.delete(workshop.id)
    print(t("cli.delete.done", title=workshop.title, id=workshop.id, **summary))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    with _store(args) as store:
        expired = store.workshops.expired(today)
        for workshop in expired:
            summary = store.workshops.delete(workshop.id)
            print(t("cli.purge.deleted", title=workshop.title, id=workshop.id,
                    date=workshop.delete_after.isoformat(), **summary))
    if not expired:
        print(t("cli.purge.none", date=today.isoformat()))
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        store.workshops.set_delete_after(workshop.id, args.delete_after)
    if args.delete_after:
        print(t("cli.retention.set", title=workshop.title, date=args.delete_after.isoformat()))
    else:
        print(t("cli.retention.cleared", title=workshop.title))
    return 0


def cmd_masking(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        store.privacy.set_masking(workshop.id, args.state == "on", by=args.by)
    print(t("cli.masking.on" if args.state == "on" else "cli.masking.off", title=workshop.title))
    return 0


def _groups(text: str) -> tuple[str, ...]:
    """``--groups ansatt,foresatte,barn``: the groups as the workshop stores them (``annet`` added)."""
    try:
        return check_groups(text)
    except SamskapingError:
        raise argparse.ArgumentTypeError(t("cli.groups.bad", value=text, choices=", ".join(GROUPS))) from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.date.bad", value=text)) from None


if __name__ == "__main__":
    sys.exit(main())
