"""The ``samskaping`` command: serve the pages, and script a workshop from a terminal.

Every command takes ``--data-dir`` (default ``$SAMSKAPING_DATA`` or a folder
per user) and ``--lang`` (``nb``, the default, or ``en``: the help, the
messages and, for ``new`` and the exports, the workshop's or the file's
language), before or after the command's name. Help and argparse's own words
come from the catalogue (``core/catalogue/cli.py``). Commands that create
something print its id alone on the last line, so scripts can capture it with
``$(samskaping new ... | tail -n1)``. Commands that delete ask first (``ja``);
``--yes`` answers for a script.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
import textwrap
import threading
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from pathlib import Path

from samskaping import __version__
from samskaping.core.catalogue import LANGUAGES, NB, po
from samskaping.core.exceptions import InvalidInputError, SamskapingError
from samskaping.core.i18n import DEFAULT_LANG, LANGUAGE_NAMES, error_text, staff_lang
from samskaping.core.i18n import t as translate
from samskaping.core.models import GROUPS, KS_PHASES, PHASES, Workshop, check_groups
from samskaping.ideas.model import Idea
from samskaping.projects.model import DEFAULT_ORGANISATION, Organisation, Project
from samskaping.store import STORE_FILENAME, Store, default_data_dir, open_store
from samskaping.store.archive import envelope, read_export
from samskaping.store.urls import is_database_url, safe_url

__all__ = ["main", "build_parser"]

#: The languages translated from bokmål, each a .po file.
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANG)

# argparse's own English (its gettext strings) and the catalogue key that says it in the chosen language.
_ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_type",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "ignored explicit argument %r": "cli.argparse.ignored",
    "can't open '%(filename)s': %(error)s": "cli.argparse.cant_open",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
}
_LANG: ContextVar[str] = ContextVar("samskaping_cli_lang", default=DEFAULT_LANG)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """:func:`samskaping.core.i18n.t` in the language of the running command (``--lang``, else bokmål)."""
    return translate(key, lang or _LANG.get(), **params)


@contextlib.contextmanager
def argparse_in(lang: str):
    """argparse speaking ``lang`` while the block runs: usage, section titles, its error messages.

    argparse looks its words up through gettext (``argparse._``); here they come
    from the catalogue instead, and go back to argparse's own when the block ends.

    >>> with argparse_in("nb"):
    ...     argparse.ArgumentParser(prog="x").format_usage()
    'bruk: x [-h]\\n'
    """
    saved = argparse._, argparse.ngettext

    def gettext(message: str) -> str:
        key = _ARGPARSE.get(message)
        return translate(key, lang) if key else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        if singular == "expected %s argument":
            return translate("cli.argparse.expected_n.one" if n == 1 else "cli.argparse.expected_n.many", lang)
        return saved[1](singular, plural, n)

    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def asked_lang(argv: list[str]) -> str:
    """The ``--lang`` on a command line (the last one, as argparse takes it), read before parsing it,
    so that help and argparse's errors already speak it.

    >>> asked_lang(["list", "--lang", "en"]), asked_lang(["--lang=en", "new", "x", "--lang", "nb"]), asked_lang([])
    ('en', 'nb', 'nb')
    """
    lang = DEFAULT_LANG
    for n, word in enumerate(argv):
        if word == "--":
            break
        value = argv[n + 1] if word == "--lang" and n + 1 < len(argv) else word.removeprefix("--lang=")
        if (word == "--lang" or word.startswith("--lang=")) and value in LANGUAGES:
            lang = value
    return lang


class _Commands:
    """Builds the parser in one language: every text from the catalogue, the global options on every level."""

    def __init__(self, lang: str):
        self.lang = lang

    def text(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)

    def add_globals(self, parser: argparse.ArgumentParser, *, top: bool = False, lang_help: str = "cli.help.lang",
                    yes: bool = False) -> argparse.ArgumentParser:
        """``--data-dir`` and ``--lang`` (and ``--yes`` where a command deletes): the main parser holds their
        defaults; a command's copies default to SUPPRESS, so a value given before the command stays
        unless the same option comes again after it."""
        default = None if top else argparse.SUPPRESS
        parser.add_argument("--data-dir", type=Path, default=default, metavar=self.text("cli.metavar.folder"),
                            help=self.text("cli.help.data_dir"))
        parser.add_argument("--lang", choices=LANGUAGES, default=default, help=self.text(lang_help))
        parser.add_argument("--database-url", default=default, metavar="postgresql://…",
                            help=self.text("cli.help.database_url"))
        if yes:
            parser.add_argument("-y", "--yes", action="store_true", help=self.text("cli.help.yes"))
        return parser

    def group(self, parent, name: str, help_key: str, dest: str):
        """A command with commands of its own (``ideas``, ``stakeholders``, ``journeys``)."""
        parser = self.command(parent, name, help_key)
        return parser.add_subparsers(dest=dest, required=True, metavar=self.text("cli.metavar.command"),
                                     title=self.text("cli.help.commands"))

    def command(self, parent, name: str, help_key: str, run=None, **globals_kw) -> argparse.ArgumentParser:
        help_text = self.text(help_key)
        parser = parent.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        self.add_globals(parser, **globals_kw)
        if run is not None:
            parser.set_defaults(run=run)
        return parser

    def project(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("project", metavar=self.text("cli.metavar.project"), help=self.text("cli.help.project_ref"))

    def workshop(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("workshop", metavar=self.text("cli.metavar.workshop"), help=self.text("cli.help.workshop"))


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The ``samskaping`` command line, with help in ``lang`` (bokmål unless ``--lang en``)."""
    with argparse_in(lang):
        return _build_parser(_Commands(lang))


def _build_parser(c: _Commands) -> argparse.ArgumentParser:
    x = c.text
    parser = argparse.ArgumentParser(prog="samskaping", description=x("cli.help.description"),
                                     epilog=x("cli.help.epilog"))
    parser.add_argument("--version", action="version", version=f"samskaping {__version__}",
                        help=x("cli.argparse.version"))
    c.add_globals(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar=x("cli.metavar.command"),
                                     title=x("cli.help.commands"))
    number, date_ = x("cli.metavar.number"), x("cli.metavar.date")

    serve = c.command(commands, "serve", "cli.help.serve", cmd_serve)
    serve.add_argument("--port", type=_whole, default=8866, metavar="PORT", help=x("cli.help.serve.port"))
    serve.add_argument("--pool", type=_whole, default=4, metavar=number, help=x("cli.help.serve.pool"))
    serve.add_argument("--room", type=_whole, default=0, metavar=number, help=x("cli.help.serve.room"))
    serve.add_argument("--room-memory", type=_whole, default=0, metavar="MB", help=x("cli.help.serve.room_memory"))
    serve.add_argument("--demo", action="store_true", help=x("cli.help.serve.demo"))
    serve.add_argument("--max-pages", type=_whole, default=120, metavar=number, help=x("cli.help.serve.max_pages"))
    serve.add_argument("--max-pages-per-address", type=_whole, default=6, metavar=number,
                       help=x("cli.help.serve.max_pages_per_address"))
    serve.add_argument("--lan", action="store_true", help=x("cli.help.serve.lan"))
    serve.add_argument("--behind-proxy", default=None, metavar="URL", help=x("cli.help.serve.behind_proxy"))
    serve.add_argument("--certfile", type=Path, default=None, metavar="PEM", help=x("cli.help.serve.certfile"))
    serve.add_argument("--keyfile", type=Path, default=None, metavar="PEM", help=x("cli.help.serve.keyfile"))
    serve.add_argument("-v", "--verbose", action="store_true", help=x("cli.help.serve.verbose"))

    new = c.command(commands, "new", "cli.help.new", cmd_new, lang_help="cli.help.new.lang")
    new.add_argument("title", metavar=x("cli.metavar.title"), help=x("cli.help.new.title"))
    new.add_argument("--question", default="", metavar=x("cli.metavar.question"), help=x("cli.help.new.question"))
    new.add_argument("--phase", choices=PHASES, default="ide", help=x("cli.help.new.phase"))
    new.add_argument("--delete-after", type=_date, default=None, metavar=date_, help=x("cli.help.new.delete_after"))
    new.add_argument("--groups", type=_groups, default=None, metavar=x("cli.metavar.groups"),
                     help=x("cli.help.new.groups", groups=", ".join(GROUPS)))
    new.add_argument("--project", default=None, metavar=x("cli.metavar.project"), help=x("cli.help.new.project"))
    new.add_argument("--organisation", default="", metavar="ORG", help=x("cli.help.organisation.of"))

    project = c.group(commands, "project", "cli.help.project", "project_command")
    pnew = c.command(project, "new", "cli.help.project.new", cmd_project_new)
    pnew.add_argument("title", metavar=x("cli.metavar.title"), help=x("cli.help.project.title"))
    pnew.add_argument("--phase", choices=KS_PHASES, default="forankring", metavar=x("cli.metavar.phase"),
                      help=x("cli.help.project.phase", phases=", ".join(KS_PHASES)))
    pnew.add_argument("--municipalities", default="", metavar=x("cli.metavar.names"),
                      help=x("cli.help.project.municipalities"))
    pnew.add_argument("--organisation", default="", metavar="ORG", help=x("cli.help.organisation.of"))
    plist = c.command(project, "list", "cli.help.project.list", cmd_project_list)
    plist.add_argument("--json", action="store_true", help=x("cli.help.json"))
    plist.add_argument("--organisation", default="", metavar="ORG", help=x("cli.help.organisation.only"))

    organisations = c.group(commands, "organisations", "cli.help.organisations", "organisations_command")
    onew = c.command(organisations, "new", "cli.help.organisations.new", cmd_organisation_new)
    onew.add_argument("id", metavar="ORG", help=x("cli.help.organisations.id"))
    onew.add_argument("name", metavar=x("cli.metavar.title"), help=x("cli.help.organisations.name"))
    olist = c.command(organisations, "list", "cli.help.organisations.list", cmd_organisation_list)
    olist.add_argument("--json", action="store_true", help=x("cli.help.json"))
    pexport_all = c.command(project, "export", "cli.help.project.export", cmd_project_export)
    c.project(pexport_all)
    pexport_all.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))
    pimport = c.command(project, "import", "cli.help.project.import", cmd_project_import)
    pimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.import.file"))
    pdelete = c.command(project, "delete", "cli.help.project.delete", cmd_project_delete, yes=True)
    c.project(pdelete)
    pideas = c.command(project, "ideas", "cli.help.project.ideas", cmd_project_ideas)
    c.project(pideas)
    pideas.add_argument("--themes", type=_whole, default=None, metavar="K", help=x("cli.help.ideas.themes"))
    pideas.add_argument("--kommune", default="", metavar=x("cli.metavar.municipality"),
                        help=x("cli.help.project.ideas.kommune"))
    pideas.add_argument("--json", action="store_true", help=x("cli.help.json"))

    risks = c.group(commands, "risks", "cli.help.risks", "risks_command")
    rimport = c.command(risks, "import", "cli.help.risks.import", cmd_risks_import)
    c.project(rimport)
    rimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    rexport = c.command(risks, "export", "cli.help.risks.export", cmd_risks_export, lang_help="cli.help.file_lang")
    c.project(rexport)
    rexport.add_argument("--format", choices=("json", "xlsx", "csv", "png", "svg", "pdf"), required=True,
                         help=x("cli.help.risks.format"))
    rexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))
    rlevels = c.command(risks, "levels", "cli.help.risks.levels", cmd_risks_levels)
    c.project(rlevels)
    rlevels.add_argument("--middels", type=_whole, default=None, metavar="N", help=x("cli.help.risks.middels"))
    rlevels.add_argument("--hoy", type=_whole, default=None, metavar="N", help=x("cli.help.risks.hoy"))

    organisation = c.group(commands, "organisation", "cli.help.organisation", "organisation_command")
    oimport = c.command(organisation, "import", "cli.help.organisation.import", cmd_organisation_import)
    c.project(oimport)
    oimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    oimport.add_argument("--kind", choices=("milestones", "meetings"), required=True,
                         help=x("cli.help.organisation.kind"))
    oexport = c.command(organisation, "export", "cli.help.organisation.export", cmd_organisation_export,
                        lang_help="cli.help.file_lang")
    c.project(oexport)
    oexport.add_argument("--format", choices=("json", "png", "svg", "pdf"), required=True,
                         help=x("cli.help.organisation.format"))
    oexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))
    oforankring = c.command(organisation, "forankring", "cli.help.organisation.forankring",
                            cmd_organisation_forankring)
    c.project(oforankring)

    indicators = c.group(commands, "indicators", "cli.help.indicators", "indicators_command")
    iimport = c.command(indicators, "import", "cli.help.indicators.import", cmd_indicators_import)
    c.project(iimport)
    iimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    iimport.add_argument("--kind", choices=("plan", "measurements"), required=True,
                         help=x("cli.help.indicators.kind"))
    iexport = c.command(indicators, "export", "cli.help.indicators.export", cmd_indicators_export,
                        lang_help="cli.help.file_lang")
    c.project(iexport)
    iexport.add_argument("--format", choices=("json", "png", "svg", "pdf"), required=True,
                         help=x("cli.help.indicators.format"))
    iexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))
    ifeed = c.command(indicators, "from-workshop", "cli.help.indicators.from_workshop", cmd_indicators_from_workshop)
    c.project(ifeed)
    ifeed.add_argument("--goal", required=True, metavar="NR", help=x("cli.help.indicators.goal"))
    ifeed.add_argument("--workshop", required=True, metavar=x("cli.metavar.workshop"), help=x("cli.help.workshop"))
    ifeed.add_argument("--kind", choices=("nullpunkt", "underveis", "slutt"), default="underveis",
                       help=x("cli.help.indicators.measurement_kind"))
    ifeed.add_argument("--what", choices=("evaluation", "attendance"), default="evaluation",
                       help=x("cli.help.indicators.what"))

    plan = c.group(commands, "plan", "cli.help.plan", "plan_command")
    pexport = c.command(plan, "export", "cli.help.plan.export", cmd_plan_export, lang_help="cli.help.file_lang")
    c.project(pexport)
    pexport.add_argument("--format", choices=("docx", "pdf", "html"), required=True, help=x("cli.help.plan.format"))
    pexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))

    report = c.command(commands, "report", "cli.help.report", cmd_report, lang_help="cli.help.file_lang")
    c.project(report)
    report.add_argument("--kind", choices=("innsikt", "status", "slutt"), required=True, help=x("cli.help.report.kind"))
    report.add_argument("--format", choices=("docx", "pdf", "html"), required=True, help=x("cli.help.report.format"))
    report.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))

    goals = c.group(commands, "goals", "cli.help.goals", "goals_command")
    gimport = c.command(goals, "import", "cli.help.goals.import", cmd_goals_import)
    c.project(gimport)
    gimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    gimport.add_argument("--replace", action="store_true", help=x("cli.help.goals.replace"))
    gexport = c.command(goals, "export", "cli.help.goals.export", cmd_goals_export, lang_help="cli.help.file_lang")
    c.project(gexport)
    gexport.add_argument("--format", choices=("json", "xlsx", "csv", "png", "svg", "pdf"), required=True,
                         help=x("cli.help.goals.format"))
    gexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))

    listing = c.command(commands, "list", "cli.help.list", cmd_list)
    listing.add_argument("--json", action="store_true", help=x("cli.help.json"))
    listing.add_argument("--organisation", default="", metavar="ORG", help=x("cli.help.organisation.only"))

    ideas = c.group(commands, "ideas", "cli.help.ideas", "ideas_command")
    add = c.command(ideas, "add", "cli.help.ideas.add", cmd_ideas_add)
    c.workshop(add)
    add.add_argument("text", metavar=x("cli.metavar.text"), help=x("cli.help.ideas.text"))
    add.add_argument("--group", choices=GROUPS, default="annet", metavar=x("cli.metavar.group"),
                     help=x("cli.help.ideas.group", groups=", ".join(GROUPS)))
    show = c.command(ideas, "list", "cli.help.ideas.list", cmd_ideas_list)
    c.workshop(show)
    show.add_argument("--json", action="store_true", help=x("cli.help.json"))
    show.add_argument("--include-hidden", action="store_true", help=x("cli.help.include_hidden"))
    remove = c.command(ideas, "delete", "cli.help.ideas.delete", cmd_ideas_delete, yes=True)
    c.workshop(remove)
    remove.add_argument("idea", metavar=x("cli.metavar.idea"), help=x("cli.help.ideas.idea"))
    remove.add_argument("--by", required=True, metavar=x("cli.metavar.role"), help=x("cli.help.ideas.by"))
    clustering = c.command(ideas, "cluster", "cli.help.ideas.cluster", cmd_ideas_cluster)
    c.workshop(clustering)
    clustering.add_argument("--themes", type=_whole, default=None, metavar="K", help=x("cli.help.ideas.themes"))
    clustering.add_argument("--json", action="store_true", help=x("cli.help.json"))
    cluster_file = c.command(ideas, "cluster-file", "cli.help.ideas.cluster_file", cmd_ideas_cluster_file)
    cluster_file.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.ideas.file"))
    cluster_file.add_argument("--themes", type=_whole, default=None, metavar="K", help=x("cli.help.ideas.themes"))
    cluster_file.add_argument("--seeds", type=Path, default=None, metavar=x("cli.metavar.seeds"),
                              help=x("cli.help.ideas.seeds"))
    cluster_file.add_argument("--json", action="store_true", help=x("cli.help.json"))

    export = c.command(commands, "export", "cli.help.export", cmd_export, lang_help="cli.help.export.lang")
    c.workshop(export)
    export.add_argument("--format", choices=("json", "docx", "pdf", "html", "pptx", "xlsx", "zip"), default="json",
                        help=x("cli.help.export.format"))
    export.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.export.out"))
    export.add_argument("--include-hidden", action="store_true", help=x("cli.help.export.include_hidden"))

    imp = c.command(commands, "import", "cli.help.import", cmd_import)
    imp.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.import.file"))

    stakeholders = c.group(commands, "stakeholders", "cli.help.stakeholders", "stakeholders_command")
    simport = c.command(stakeholders, "import", "cli.help.stakeholders.import", cmd_stakeholders_import)
    c.workshop(simport)
    simport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    sexport = c.command(stakeholders, "export", "cli.help.stakeholders.export", cmd_stakeholders_export,
                        lang_help="cli.help.file_lang")
    c.workshop(sexport)
    sexport.add_argument("--format", choices=("png", "svg", "pdf", "xlsx", "csv", "json"), required=True,
                         help=x("cli.help.stakeholders.format"))
    sexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))

    journeys = c.group(commands, "journeys", "cli.help.journeys", "journeys_command")
    jlist = c.command(journeys, "list", "cli.help.journeys.list", cmd_journeys_list)
    c.workshop(jlist)
    jimport = c.command(journeys, "import", "cli.help.journeys.import", cmd_journeys_import)
    c.workshop(jimport)
    jimport.add_argument("file", type=Path, metavar=x("cli.metavar.file"), help=x("cli.help.sheet"))
    jimport.add_argument("--title", required=True, metavar=x("cli.metavar.title"), help=x("cli.help.journeys.title"))
    jimport.add_argument("--variant", choices=("dagens", "onsket"), default="dagens",
                         help=x("cli.help.journeys.variant"))
    jexport = c.command(journeys, "export", "cli.help.journeys.export", cmd_journeys_export,
                        lang_help="cli.help.file_lang")
    c.workshop(jexport)
    jexport.add_argument("journey", metavar=x("cli.metavar.journey"), help=x("cli.help.journeys.journey"))
    jexport.add_argument("--format", choices=("png", "svg", "pdf", "csv", "json"), required=True,
                         help=x("cli.help.journeys.format"))
    jexport.add_argument("--out", required=True, metavar=x("cli.metavar.file"), help=x("cli.help.out"))
    jsummary = c.command(journeys, "summary", "cli.help.journeys.summary", cmd_journeys_summary)
    c.workshop(jsummary)
    jsummary.add_argument("journey", metavar=x("cli.metavar.journey"), help=x("cli.help.journeys.journey"))
    jsummary.add_argument("--json", action="store_true", help=x("cli.help.json"))

    anonymize = c.command(commands, "anonymize", "cli.help.anonymize", cmd_anonymize)
    anonymize.add_argument("--json", action="store_true", help=x("cli.help.anonymize.json"))

    migrate = c.command(commands, "migrate", "cli.help.migrate", cmd_migrate)
    migrate.add_argument("--to", required=True, metavar="postgresql://…", help=x("cli.help.migrate.to"))

    delete = c.command(commands, "delete", "cli.help.delete", cmd_delete, yes=True)
    c.workshop(delete)

    purge = c.command(commands, "purge", "cli.help.purge", cmd_purge, yes=True)
    purge.add_argument("--today", type=_date, default=None, metavar=date_, help=argparse.SUPPRESS)

    retention = c.command(commands, "retention", "cli.help.retention", cmd_retention)
    c.workshop(retention)
    retention.add_argument("--delete-after", type=_date, metavar=date_, help=x("cli.help.retention.delete_after"))

    masking = c.command(commands, "masking", "cli.help.masking", cmd_masking)
    c.workshop(masking)
    masking.add_argument("state", choices=("on", "off"), help=x("cli.help.masking.state"))
    masking.add_argument("--by", required=True, metavar=x("cli.metavar.role"), help=x("cli.help.masking.by"))

    secret = c.command(commands, "secret", "cli.help.secret", cmd_secret)
    secret.add_argument("--reset", action="store_true", help=x("cli.help.secret.reset"))

    c.command(commands, "demo", "cli.help.demo", cmd_demo)

    translations = c.group(commands, "translations", "cli.help.translations", "translations_command")
    tstatus = c.command(translations, "status", "cli.help.translations.status", cmd_translations_status)
    tstatus.add_argument("--json", action="store_true", help=x("cli.help.json"))
    review = c.command(translations, "review", "cli.help.translations.review", cmd_translations_review)
    review.add_argument("language", choices=TRANSLATED, help=x("cli.help.translations.language"))
    c.command(translations, "update", "cli.help.translations.update", cmd_translations_update)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = asked_lang(argv)
    token = _LANG.set(lang)
    try:
        with argparse_in(lang):
            args = build_parser(lang).parse_args(argv)
        _LANG.set(args.lang or lang)
        chosen = os.environ.get("SAMSKAPING_DATABASE_URL")
        try:
            _choose_database(getattr(args, "database_url", None))
            return args.run(args) or 0
        except SamskapingError as exc:
            print(t("cli.error", message=error_text(exc, _LANG.get())), file=sys.stderr)
            return 1
        finally:  # main() called in a process that goes on (a test, a script) leaves its setting as it was
            if chosen is None:
                os.environ.pop("SAMSKAPING_DATABASE_URL", None)
            else:
                os.environ["SAMSKAPING_DATABASE_URL"] = chosen
    finally:
        _LANG.reset(token)


def _store(args: argparse.Namespace) -> Store:
    return open_store(args.data_dir)


def _choose_database(url: str | None) -> None:
    """``--database-url``: this command, and the pages a ``serve`` starts, use that PostgreSQL database."""
    if url is None:
        return
    if not is_database_url(url):
        raise InvalidInputError(f"{safe_url(url)!r} is not a PostgreSQL URL; write postgresql://USER:PASSWORD@HOST:PORT/DB.",
                                reason="not_a_database_url", field="database_url", value=safe_url(url))
    os.environ["SAMSKAPING_DATABASE_URL"] = url


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy every row of the SQLite file into an empty PostgreSQL database, saying how many of each kind moved."""
    from samskaping.store.copy import copy_store

    if not is_database_url(args.to):
        raise InvalidInputError(f"{safe_url(args.to)!r} is not a PostgreSQL URL; write postgresql://USER:PASSWORD@HOST:PORT/DB.",
                                reason="not_a_database_url", field="to", value=safe_url(args.to))
    folder = (args.data_dir or default_data_dir()).expanduser()
    with Store(folder / STORE_FILENAME) as source, Store(database_url=args.to) as target:
        counts = copy_store(source, target)
    for table, count in counts.items():
        if count:
            print(t("cli.migrate.table", table=table, count=count))
    print(t("cli.migrate.done", rows=sum(counts.values()), workshops=counts.get("workshops", 0),
            projects=counts.get("projects", 0), url=safe_url(args.to)))
    return 0


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
                          room=max(args.room, 0), room_memory_mb=max(args.room_memory, 0),
                          public_host=public_host, certfile=certfile and certfile.resolve(),
                          keyfile=keyfile and keyfile.resolve(), proxy_url=args.behind_proxy)
    log = None if args.verbose else VoilaLog(sys.stderr)
    try:
        process = start_server(config, **({} if log is None else {"stderr": log.pipe}))
    except (RuntimeError, TimeoutError):  # Voilà stopped, or did not answer, before the pages were ready
        if log is not None:
            log.close(wait=5)  # what Voilà said before it stopped reaches the terminal first
        print(t("cli.error", message=t("cli.serve.failed", port=config.port)), file=sys.stderr)
        return 1
    finally:
        if log is not None:
            log.close()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    print(serve_banner(config, demo=demo, secret=secret, quiet=log is not None), flush=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait(15)


class VoilaLog:
    """Voilà's log (and its kernels'), thinned out for the facilitator's terminal (``serve`` without ``--verbose``).

    A thread reads what the server writes to standard error from a pipe
    (:attr:`pipe`, given to the process as its ``stderr``) and passes on
    warnings and errors, with their tracebacks, and anything no log record
    introduced (a crashing process's last words). Info lines (a kernel
    started, a page served) and the warnings that are always there and mean
    nothing to a facilitator (:attr:`NOISE`) stay out.
    """

    #: Warnings every start or page gives, harmless here: the kit's own notebooks are not signed, and
    #: the kernels talk to Voilà over TCP on this machine only.
    NOISE = ("is not trusted", "Kernel is running over TCP without encryption", "404 GET /favicon.ico ")
    # "[SamskapingVoila] WARNING | ...", "[IPKernelApp] ...", "[W 2026-01-01 10:00:00.000 ServerApp] ..."
    _RECORD = re.compile(r"^\[(?:(?P<letter>[DIWEC]) \d{4}-[^\]]*|[\w.-]+(?:\] (?P<level>[A-Z]+) \|)?)")
    _SHOWN = {"WARNING", "WARN", "ERROR", "CRITICAL", "W", "E", "C"}

    def __init__(self, out) -> None:
        self.out = out
        self._keep = False
        read, self.pipe = os.pipe()  # neither end is inherited by other processes (PEP 446)
        self._stream = os.fdopen(read, "r", encoding="utf-8", errors="replace")
        self._thread = threading.Thread(target=self._run, name="voila-log", daemon=True)
        self._thread.start()

    def shows(self, line: str) -> bool:
        """Whether ``line`` reaches the terminal; a record's continuation lines follow its first.

        >>> log = VoilaLog.__new__(VoilaLog); log._keep = False
        >>> [log.shows(line) for line in (
        ...     "[SamskapingVoila] Kernel started: 4ae9", "[SamskapingVoila] WARNING | Notebook x.ipynb is not trusted",
        ...     "[SamskapingVoila] Voilà is running at:", "http://127.0.0.1:8866/",
        ...     "[SamskapingVoila] ERROR | Uncaught exception", "Traceback (most recent call last):", "  File x",
        ...     "ValueError: boom", "[tornado.access] WARNING | 503 GET /voila/render/deltaker.ipynb")]
        [False, False, False, False, True, True, True, True, True]
        """
        record = self._RECORD.match(line)
        if record:
            level = record.group("letter") or record.group("level") or "INFO"
            self._keep = level in self._SHOWN and not any(noise in line for noise in self.NOISE)
        elif line.startswith("Traceback (most recent call last)"):
            self._keep = True
        elif line.strip() and not line[:1].isspace() and not line.startswith(("http://", "https://")):
            self._keep = True  # a line of its own: a message printed outside the log
        return self._keep

    def _run(self) -> None:
        with self._stream:
            for line in self._stream:
                if self.shows(line):
                    with contextlib.suppress(OSError, ValueError):
                        self.out.write(line)
                        self.out.flush()

    def close(self, wait: float = 0) -> None:
        """Close this process's copy of the pipe (the server holds its own), once; ``wait`` seconds for the rest."""
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if wait:
            self._thread.join(wait)


def serve_banner(config, *, demo: Workshop | None = None, secret: str | None = None, quiet: bool = False) -> str:
    """What ``samskaping serve`` prints once the pages answer, readable in an 80-column terminal.

    Every page's link (the participants' on the network with ``--lan``, the
    staff pages' on this machine), a new secret in a frame with what it is
    for, the data folder, and, with ``quiet``, that Voilà's log is thinned;
    with ``--lan`` also the network link as a QR code and a warning about who
    can reach the server.
    """
    from samskaping.server.routes import (
        FACILITATOR_URL_PATH,
        IDEAS_URL_PATH,
        JOURNEY_URL_PATH,
        PROJECT_URL_PATH,
        STAKEHOLDER_URL_PATH,
        WALL_URL_PATH,
        join_url,
    )

    workshop = f"?verksted={demo.join_code}" if demo else ""
    participant = join_url(config.url, demo) if demo else config.participant_url
    staff = [(key, config.local_url + path + workshop) for key, path in (
        ("cli.serve.link.facilitator", FACILITATOR_URL_PATH), ("cli.serve.link.wall", WALL_URL_PATH),
        ("cli.serve.link.ideas", IDEAS_URL_PATH), ("cli.serve.link.stakeholders", STAKEHOLDER_URL_PATH),
        ("cli.serve.link.journeys", JOURNEY_URL_PATH))]
    project = f"?prosjekt={demo.join_code}" if demo else ""  # the demo workshop's code opens its project
    staff.append(("project.page.banner_link", config.local_url + PROJECT_URL_PATH + project))
    labels = [t(key) for key in ("cli.serve.link.participant", "cli.serve.link.login", *(key for key, _ in staff))]
    column = max(len(label) for label in labels) + 1
    lines = [*fit(t("cli.serve.started")), "", *links([(labels[0], participant)], column), "",
             *fit(t("cli.serve.heading.staff")),
             *links(list(zip(labels[1:], [config.login_url, *(url for _, url in staff)], strict=True)), column), ""]
    if secret:
        lines += [boxed([t("cli.serve.box.secret", secret=secret), "", t("cli.serve.box.text")]), ""]
    else:
        lines += [*fit(t("cli.serve.secret.known")), ""]
    lines.append(t("cli.serve.data", path=config.data_dir))
    if config.room:
        lines += fit(t("cli.serve.room", count=config.room))
    if quiet:
        lines += fit(t("cli.serve.quiet"))
    if config.public_host:
        lines += ["", *fit(t("cli.serve.lan.join", url=participant)),
                  _terminal_qr(participant) or "\n".join(fit(t("cli.serve.lan.no_qr")))]
        for key in ("cli.serve.lan.warning", "cli.serve.lan.staff", "cli.serve.lan.network",
                    *(() if config.certfile else ("cli.serve.lan.plain",)), "cli.serve.lan.stop"):
            lines += fit(t(key))
    return "\n".join(lines)


#: Columns the banner keeps within: an 80-column terminal, with the last column free.
WIDTH = 79


def fit(text: str, width: int = WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` columns. A link stays whole, on a line with the two words that
    introduce it ("skriver inn: http://..."), or with fewer where that line would be too long; a line that
    starts with "- " continues indented.

    >>> fit("- Stopp tjeneren med Ctrl+C når verkstedet er ferdig, eller skriv inn: http://127.0.0.1:8866/x", 40)
    ['- Stopp tjeneren med Ctrl+C når', '  verkstedet er ferdig, eller', '  skriv inn: http://127.0.0.1:8866/x']
    >>> fit("Eller skriv inn: http://127.0.0.1:8866/lang", 28)
    ['Eller skriv inn:', 'http://127.0.0.1:8866/lang']
    """
    hanging = "  " if text.startswith("- ") else ""
    for words in (2, 1, 0):
        # U+E000 is no space to textwrap: the link and the words before it stay together.
        glued = text
        for _ in range(words):
            glued = re.sub(r" (?=\S*https?://)", "\ue000", glued)
        lines = [line.replace("\ue000", " ") for line in textwrap.wrap(
            glued, width, subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)]
        if all(len(line) <= width for line in lines):
            break
    return lines or [""]


def links(rows: list[tuple[str, str]], column: int, width: int = WIDTH) -> list[str]:
    """Labels and links in two columns; if a link does not fit beside its label, each link under its label.

    >>> links([("Vegg:", "http://x/vegg"), ("Idéer:", "http://x/ideer")], 8)
    ['Vegg:   http://x/vegg', 'Idéer:  http://x/ideer']
    >>> links([("Vegg:", "http://x/vegg"), ("Idéer:", "http://x/ideer")], 8, width=20)
    ['Vegg:', '  http://x/vegg', 'Idéer:', '  http://x/ideer']
    """
    if all(column + len(url) <= width for _, url in rows):
        return [f"{label:<{column}}{url}" for label, url in rows]
    return [line for label, url in rows for line in (label, f"  {url}")]


def boxed(paragraphs: list[str], width: int = WIDTH) -> str:
    """``paragraphs`` in a frame that stands out: box-drawing lines, or ``=`` and ``|`` where the terminal
    cannot print those. An empty paragraph is an empty line.

    >>> print(boxed(["Hei", "", "Dette er en lang setning"], width=20).replace("═", "=").replace("║", "|"))
    ╔==================╗
    | Hei              |
    |                  |
    | Dette er en lang |
    | setning          |
    ╚==================╝
    """
    corners = "╔╗╚╝═║"
    if not _printable(corners):
        corners = "++++=|"
    top_left, top_right, bottom_left, bottom_right, across, side = corners
    inner = width - 4
    rows = [row for paragraph in paragraphs for row in (textwrap.wrap(paragraph, inner) or [""])]
    return "\n".join([top_left + across * (width - 2) + top_right,
                      *(f"{side} {row:<{inner}} {side}" for row in rows),
                      bottom_left + across * (width - 2) + bottom_right])


def _printable(text: str) -> bool:
    """Whether standard output can print ``text`` (not a terminal set to ASCII or a Windows code page)."""
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _terminal_qr(url: str) -> str:
    """``url`` as a QR code of block characters, or "" if this terminal cannot print them."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url).terminal(out=out, compact=True)
    text = out.getvalue().rstrip("\n")
    return text if _printable(text) else ""


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
        project_id = store.projects.get(args.project, organisation=args.organisation).id if args.project else None
        workshop = store.workshops.create(
            Workshop(title=args.title, question=args.question, phase=args.phase, lang=args.lang or DEFAULT_LANG,
                     delete_after=args.delete_after, **extra),
            project_id=project_id, organisation=args.organisation,
        )
    print(t("cli.new.created", title=workshop.title, code=workshop.join_code))
    print(workshop.id)
    return 0


def cmd_project_new(args: argparse.Namespace) -> int:
    with _store(args) as store:
        if args.organisation:
            store.organisations.get(args.organisation)  # named before anything is made
        project = store.projects.create(Project(args.title, phase=args.phase, municipalities=args.municipalities,
                                                organisation_id=args.organisation or DEFAULT_ORGANISATION))
    print(t("cli.project.created", title=project.title))
    print(project.id)
    return 0


def cmd_organisation_new(args: argparse.Namespace) -> int:
    """A new organisation with its own staff secret, shown once: its staff see its own projects only."""
    from samskaping.server.access import new_secret, secret_record

    secret = new_secret()
    with _store(args) as store:
        organisation = store.organisations.create(Organisation(args.id, args.name), secret_record(secret))
    print(boxed([t("cli.organisations.created", name=organisation.name), t("cli.serve.box.secret", secret=secret),
                 t("cli.organisations.secret_once")]))
    print(organisation.id)
    return 0


def cmd_organisation_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        organisations = [(o, len(store.projects.list(organisation=o.id))) for o in store.organisations.list()]
    if args.json:
        print(json.dumps([{**o.to_dict(), "projects": n} for o, n in organisations], ensure_ascii=False, indent=2))
        return 0
    for organisation, count in organisations:
        print(_plain(t("cli.organisations.item", id=organisation.id, name=organisation.name, projects=count)))
    return 0


def cmd_project_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        projects = [(p, store.projects.workshops(p.id)) for p in store.projects.list(organisation=args.organisation)]
    if args.json:
        print(json.dumps([{**p.to_dict(), "workshops": [w.id for w in ws]} for p, ws in projects],
                         ensure_ascii=False, indent=2))
        return 0
    if not projects:
        print(t("cli.project.empty"))
    for p, ws in projects:
        count = t("cli.project.workshops.one") if len(ws) == 1 else t("cli.project.workshops.many", n=len(ws))
        print(f"{p.id}  {p.created:%Y-%m-%d}  {count:>12}  {p.title}")
        for w in ws:
            print(f"    {w.id}  {w.join_code}  {w.title}")
    return 0


def cmd_project_export(args: argparse.Namespace) -> int:
    from samskaping.reports.project_archive import export_project

    with _store(args) as store:
        text = export_project(store, args.project)
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    Path(args.out).write_text(text, encoding="utf-8")
    print(t("cli.export.written", path=args.out))
    return 0


def cmd_project_import(args: argparse.Namespace) -> int:
    from samskaping.reports.project_archive import PROJECT_FORMAT, import_project

    lang = _LANG.get()
    data = read_export(args.file, lang=lang, expected=PROJECT_FORMAT)  # bounded and checked before it is stored
    with _store(args) as store:
        project = import_project(store, data, source=str(args.file), lang=lang)
        count = len(store.projects.workshops(project.id))
    print(t("cli.project.imported", title=project.title, workshops=count))
    print(project.id)
    return 0


def cmd_project_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        project = store.projects.get(args.project)
        workshops = store.projects.workshops(project.id)
        question = t("cli.confirm.project.delete", title=project.title, workshops=len(workshops),
                     ideas=sum(store.ideas.count(w.id) for w in workshops),
                     stakeholders=len(store.stakeholders.register(project.id)))
        if not confirmed(args, question):
            return 1
        summary = store.projects.delete(project.id)
    print(t("cli.project.deleted", title=project.title, **summary))
    return 0


def cmd_project_ideas(args: argparse.Namespace) -> int:
    """The ideas of all the project's workshops grouped into themes together, each keeping its workshop and kommune."""
    from samskaping.reports.project_ideas import pool, pooled_ideas

    with _store(args) as store:
        project = store.projects.get(args.project)
        pooled = pooled_ideas(store, project.id, municipality=args.kommune)
    themes = pool(pooled, themes=args.themes, lang=_LANG.get())
    payload = {
        "project": project.id,
        "themes": [{"id": theme.id, "label": theme.label} for theme in themes],
        "ideas": [{"id": item.idea.id, "text": item.idea.text, "group": item.idea.group,
                   "workshop": item.workshop.id, "workshop_title": item.workshop.title,
                   "municipality": item.municipality, "theme": theme.id}
                  for theme in themes for item in theme.ideas],
    }
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not pooled:
        print(t("cli.project.ideas.none", title=project.title))
    for theme in themes:
        print(_plain(f"{theme.id}: {theme.label}"))
        for item in theme.ideas:
            where = " · ".join(filter(None, (item.workshop.title, item.municipality)))
            print(_plain(f"    {item.idea.text}  ({where})"))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshops = store.workshops.list(organisation=args.organisation)
        counts = {w.id: store.ideas.count(w.id) for w in workshops}
    if args.json:
        print(json.dumps([{**w.to_dict(), "ideas": counts[w.id]} for w in workshops], ensure_ascii=False, indent=2))
        return 0
    if not workshops:
        print(t("cli.list.empty"))
    for w in workshops:
        print(f"{w.id}  {w.join_code}  {w.created:%Y-%m-%d}  {counts[w.id]:>4}  {w.title}")
    return 0


def cmd_translations_status(args: argparse.Namespace) -> int:
    """How far each translated language has come: what a translator or a municipality checks first."""
    reports = [po.status(lang, NB) for lang in TRANSLATED]
    if args.json:
        print(json.dumps([{"lang": r.lang, "total": r.total, "translated": len(r.translated),
                           "unreviewed": len(r.unreviewed), "missing": len(r.missing), "outdated": len(r.outdated),
                           "bad_placeholders": len(r.bad_placeholders)} for r in reports], indent=2))
        return 0
    print(t("cli.translations.header"))
    for r in reports:
        print(t("cli.translations.row", language=LANGUAGE_NAMES[r.lang], code=r.lang, translated=len(r.translated),
                unreviewed=len(r.unreviewed), missing=len(r.missing) + len(r.outdated) + len(r.bad_placeholders),
                total=r.total))
    return 0


def cmd_translations_review(args: argparse.Namespace) -> int:
    """The texts of one language that await a native speaker: key, bokmål, translation."""
    report = po.status(args.language, NB)
    found = {m.context: m.string for m in po.read(args.language) if m.context}
    language = LANGUAGE_NAMES[args.language]
    if not report.unreviewed:
        print(t("cli.translations.review.none", language=language))
        return 0
    print(t("cli.translations.review.count", count=len(report.unreviewed), language=language,
            path=po.po_path(args.language)))
    for key in report.unreviewed:
        print(f"\n{key}\n  nb: {NB[key]}\n  {args.language}: {found[key]}")
    return 0


def cmd_translations_update(args: argparse.Namespace) -> int:
    """After bokmål texts change: the template and every language's file, key by key (see ``po.update``)."""
    po.write_template(NB)
    for lang in TRANSLATED:
        path = po.update(lang, NB)
        r = po.status(lang, NB)
        print(t("cli.translations.updated", path=path, translated=len(r.translated), unreviewed=len(r.unreviewed),
                missing=len(r.missing) + len(r.outdated) + len(r.bad_placeholders)))
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
        idea = next((idea for idea in store.ideas.list(workshop.id) if idea.id == args.idea), None)
        # An id that is not there goes straight to the store, which says so.
        if idea is not None and not confirmed(args, t("cli.confirm.idea", id=idea.id, title=workshop.title,
                                                      text=textwrap.shorten(_plain(idea.text), 50, placeholder=" …"))):
            return 1
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
    from samskaping.store.archive import asks_masking_off

    lang = _LANG.get()
    data = read_export(args.file, lang=lang)  # bounded and checked before anything is parsed or stored
    with _store(args) as store:
        workshop = store.archive.import_workshop(data, source=str(args.file), lang=lang)
        count = store.ideas.count(workshop.id)
    if asks_masking_off(data):  # imported with masking on all the same, and logged
        print(t("import.masking_kept_on", title=workshop.title), file=sys.stderr)
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


def cmd_risks_import(args: argparse.Namespace) -> int:
    from samskaping.risks.io import describe, read_risk_file

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        project = store.projects.get(args.project)
        result = read_risk_file(data, args.file.name, project.id)
        _, updated = store.risks.merge(project.id, result.risks)  # every good row, or none if saving fails
    _tell_problems([*result.problems, *result.warnings], lambda problem: describe(problem, _LANG.get()))
    print(t("cli.risks.imported", count=len(result.risks), title=project.title, updated=updated))
    return 0 if result.risks or not result.problems else 1


def cmd_risks_export(args: argparse.Namespace) -> int:
    from samskaping.risks import io as risk_io

    with _store(args) as store:
        project = store.projects.get(args.project)
        items = store.risks.list(project.id)
        levels = store.risks.thresholds(project.id)
    lang = staff_lang(args.lang or _LANG.get())
    _write_export(args.out, args.format, {
        "json": lambda: risk_io.risks_json(items, levels),
        "csv": lambda: risk_io.risks_csv(items, lang=lang, thresholds=levels),
        "xlsx": lambda path: risk_io.write_risks_xlsx(items, path, lang=lang, thresholds=levels),
        "image": lambda path: _save_matrix(items, path, lang, project.title, levels),
    })
    return 0


def cmd_risks_levels(args: argparse.Namespace) -> int:
    """Show, or with --middels/--hoy set, where the project's risk scores turn middels and høy."""
    from samskaping.risks.model import Thresholds

    with _store(args) as store:
        project = store.projects.get(args.project)
        levels = store.risks.thresholds(project.id)
        if args.middels is not None or args.hoy is not None:
            levels = store.risks.set_thresholds(project.id, Thresholds(
                levels.middels if args.middels is None else args.middels, levels.hoy if args.hoy is None else args.hoy))
    print(t("cli.risks.levels", title=project.title, low=levels.middels - 1, middels=levels.middels,
            high=levels.hoy - 1, hoy=levels.hoy))
    return 0


def cmd_organisation_import(args: argparse.Namespace) -> int:
    from samskaping.organisation.io import describe, read_meeting_file, read_milestone_file

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        project = store.projects.get(args.project)
        if args.kind == "milestones":
            result = read_milestone_file(data, args.file.name, project.id)
            items = result.milestones
        else:
            result = read_meeting_file(data, args.file.name, project.id)
            items = result.meetings
        store.organisation.save_all(items)  # every good row, or none
    _tell_problems([*result.problems, *result.warnings], lambda problem: describe(problem, _LANG.get()))
    print(t(f"cli.organisation.imported.{args.kind}", count=len(items), title=project.title))
    return 0 if items or not result.problems else 1


def cmd_organisation_export(args: argparse.Namespace) -> int:
    from samskaping.organisation.io import organisation_json

    with _store(args) as store:
        project = store.projects.get(args.project)
        kinds = {kind: store.organisation.list(kind, project.id)
                 for kind in ("roles", "tasks", "forankring", "meetings", "milestones", "pilots")}
        cells = store.organisation.responsibilities(project.id)
    lang = staff_lang(args.lang or _LANG.get())
    _write_export(args.out, args.format, {
        "json": lambda: organisation_json(responsibilities=cells, **kinds),
        "image": lambda path: _save_gantt(kinds["milestones"], kinds["pilots"], path, lang, project.title),
    })
    return 0


def _save_gantt(milestones, pilots, path, lang: str, title: str) -> None:
    from samskaping.organisation.plot import save_gantt

    save_gantt(milestones, pilots, path, lang=lang, title=title)


def cmd_organisation_forankring(args: argparse.Namespace) -> int:
    """A forankringsplan drawn up from the project's stakeholder register."""
    from samskaping.organisation.forankring import forankringsplan_from

    with _store(args) as store:
        project = store.projects.get(args.project)
        stakeholders = store.stakeholders.register(project.id)
        known = {entry.stakeholder_id for entry in store.organisation.list("forankring", project.id)}
        entries = [e for e in forankringsplan_from(stakeholders, project_id=project.id, lang=_LANG.get())
                   if not e.stakeholder_id or e.stakeholder_id not in known]
        for entry in entries:
            store.organisation.save(entry, checked=True)  # the register's own names, checked when mapped
    print(t("cli.organisation.forankring", count=len(entries), title=project.title))
    return 0


def cmd_indicators_import(args: argparse.Namespace) -> int:
    from samskaping.indicators.io import describe, read_measurement_file, read_plan_file

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        project = store.projects.get(args.project)
        goals = store.goals.list(project.id)
        if args.kind == "plan":
            result = read_plan_file(data, args.file.name, project.id, goals)
            items = result.entries
        else:
            result = read_measurement_file(data, args.file.name, project.id, goals)
            items = result.measurements
        store.indicators.save_all(items)  # every good row, or none
    _tell_problems([*result.problems, *result.warnings], lambda problem: describe(problem, _LANG.get()))
    print(t(f"cli.indicators.imported.{args.kind}", count=len(items), title=project.title))
    return 0 if items or not result.problems else 1


def cmd_indicators_export(args: argparse.Namespace) -> int:
    from samskaping.indicators.io import indicators_json

    with _store(args) as store:
        project = store.projects.get(args.project)
        goals, plan = store.goals.list(project.id), store.indicators.plan(project.id)
        measurements = store.indicators.measurements(project.id)
    lang = staff_lang(args.lang or _LANG.get())
    _write_export(args.out, args.format, {
        "json": lambda: indicators_json(plan, measurements, goals),
        "image": lambda path: _save_indicator_chart(goals, measurements, path, lang, project.title),
    })
    return 0


def _save_indicator_chart(goals, measurements, path, lang: str, title: str) -> None:
    from samskaping.indicators.plot import save_indicator_chart

    save_indicator_chart(goals, measurements, path, lang=lang, title=title)


def cmd_indicators_from_workshop(args: argparse.Namespace) -> int:
    """The kit's own forms as measurements: a workshop's evaluation averages, or who came, against a goal."""
    from samskaping.goals.model import numbering
    from samskaping.indicators.io import find_goal
    from samskaping.indicators.model import from_attendance, from_workshop_evaluations

    lang = _LANG.get()
    with _store(args) as store:
        project = store.projects.get(args.project)
        goals = store.goals.list(project.id)
        goal, problem = find_goal(args.goal, goals, numbering(goals))
        if goal is None:
            print(t("cli.error", message=t("cli.indicators.no_goal", goal=args.goal)), file=sys.stderr)
            return 1
        workshop = store.workshops.get(args.workshop)
        held = workshop.created.date()
        if args.what == "evaluation":
            items = from_workshop_evaluations(project.id, goal.id, workshop.title,
                                              store.room.evaluations(workshop.id), held, kind=args.kind, lang=lang)
        else:
            items = from_attendance(project.id, goal.id, workshop.title, store.room.arrivals(workshop.id), held,
                                    kind=args.kind, lang=lang)
        store.indicators.save_all(items)
    print(t("cli.indicators.fed", count=len(items), workshop=workshop.title, goal=numbering(goals)[goal.id]))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from samskaping.reports.docx import write_docx
    from samskaping.reports.html import write_html
    from samskaping.reports.pdf import write_pdf
    from samskaping.reports.project import build_project_report

    with _store(args) as store:
        report = build_project_report(store, args.project, args.kind, lang=args.lang or _LANG.get())
    {"docx": write_docx, "pdf": write_pdf, "html": write_html}[args.format](report, args.out)
    print(t("cli.export.written", path=args.out))
    return 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from samskaping.reports.docx import write_docx
    from samskaping.reports.html import write_html
    from samskaping.reports.pdf import write_pdf
    from samskaping.reports.plan import build_plan

    with _store(args) as store:
        report = build_plan(store, args.project, lang=args.lang or _LANG.get())
    {"docx": write_docx, "pdf": write_pdf, "html": write_html}[args.format](report, args.out)
    print(t("cli.export.written", path=args.out))
    return 0


def cmd_goals_import(args: argparse.Namespace) -> int:
    from samskaping.goals.io import describe, ordered, read_goal_file, read_goals_json
    from samskaping.goals.model import check_goals, describe_issue

    data = _read_sheet(args.file)
    if data is None:
        return 1
    with _store(args) as store:
        project = store.projects.get(args.project)
        if args.file.suffix.lower() == ".json":
            goals, problems, warnings = ordered(read_goals_json(data.decode("utf-8-sig"), project.id)), [], []
        else:
            result = read_goal_file(data, args.file.name, project.id)
            goals, problems, warnings = result.goals, result.problems, result.warnings
        old = store.goals.add_all(project.id, goals, replace=args.replace)  # every good row, or none
        stored = store.goals.list(project.id)
    lang = _LANG.get()
    _tell_problems([*problems, *warnings], lambda problem: describe(problem, lang))
    if args.replace and old:
        print(t("cli.goals.replaced", count=len(goals), title=project.title, old=old))
    else:
        print(t("cli.goals.imported", count=len(goals), title=project.title))
    for issue in check_goals(stored):
        print(_plain(t("cli.goals.check", text=describe_issue(issue, stored, lang))))
    return 0 if goals or not problems else 1


def cmd_goals_export(args: argparse.Namespace) -> int:
    from samskaping.goals import io as goal_io

    with _store(args) as store:
        project = store.projects.get(args.project)
        items = store.goals.list(project.id)
    lang = staff_lang(args.lang or _LANG.get())
    _write_export(args.out, args.format, {
        "json": lambda: goal_io.goals_json(items),
        "csv": lambda: goal_io.goals_csv(items, lang=lang),
        "xlsx": lambda path: goal_io.write_goals_xlsx(items, path, lang=lang),
        "image": lambda path: _save_goal_tree(items, path, lang, project.title),
    })
    return 0


def _save_goal_tree(items, path, lang: str, title: str) -> None:
    from samskaping.goals.plot import save_goal_tree

    save_goal_tree(items, path, lang=lang, title=title)


def _save_matrix(items, path, lang: str, title: str, thresholds) -> None:
    from samskaping.risks.plot import save_matrix

    save_matrix(items, path, lang=lang, title=title, thresholds=thresholds)


def _write_export(out: str, fmt: str, writers: dict) -> None:
    """Write one export: text formats (``json``, ``csv``; ``-`` for standard output), a workbook, or an image."""
    if fmt in ("json", "csv"):
        text = writers[fmt]()
        if out == "-":
            sys.stdout.write(text)
            return
        Path(out).write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    else:
        writers[fmt if fmt in writers else "image"](out)
    print(t("cli.export.written", path=out))


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
    """Say whether a facilitator secret is set, or make a new one (``--reset``), which ends every staff session.

    The new secret is shown only on a terminal; when standard output goes to
    a file or a pipe (a log), it goes to a file only this user can read, and
    its path is printed instead.
    """
    from samskaping.server.access import SECRET_NOTE, has_secret, reset_secret, write_secret_note

    data_dir = (args.data_dir or default_data_dir()).expanduser()
    if args.reset:
        secret = reset_secret(data_dir)
        try:
            terminal = sys.stdout.isatty()
        except (AttributeError, ValueError):  # replaced or closed
            terminal = False
        if terminal:
            (data_dir / SECRET_NOTE).unlink(missing_ok=True)  # an older secret left there works no more
            print(t("cli.secret.new"))
            print(secret)
        else:
            print(t("security.secret.file", path=write_secret_note(data_dir, secret)))
        print(t("security.secret.ended"))
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


def confirmed(args: argparse.Namespace, question: str) -> bool:
    """Whether the person at the terminal typed the word for yes (``ja``) to ``question``; ``--yes`` answers it
    for scripts. Anything else, no answer (standard input empty or closed) or Ctrl+C is no, said on stderr.

    The question goes to standard error, so that it shows when the output is redirected.
    """
    if args.yes:
        return True
    print(question, end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError, KeyboardInterrupt):  # no terminal (pytest, a closed stdin), or Ctrl+C
        answer = ""
    if not (answer.endswith("\n") and _typed(sys.stdin)):
        print(file=sys.stderr)  # the question's line ends (an answer from a pipe or a file is not echoed)
    if answer.strip().casefold() == t("cli.confirm.word").casefold():
        return True
    print(t("cli.confirm.declined" if answer else "cli.confirm.no_answer"), file=sys.stderr)  # "" only at the end
    return False


def _typed(stream) -> bool:
    """Whether ``stream`` is a terminal, where what a person types shows as they type it."""
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def cmd_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        workshop = store.workshops.get(args.workshop)
        question = t("cli.confirm.delete", title=workshop.title, ideas=store.ideas.count(workshop.id))
        if not confirmed(args, question):
            return 1
        summary = store.workshops.delete(workshop.id)
    print(t("cli.delete.done", title=workshop.title, id=workshop.id, **summary))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    with _store(args) as store:
        expired = store.workshops.expired(today)
        if not expired:
            print(t("cli.purge.none", date=today.isoformat()))
            return 0
        if not args.yes:
            for workshop in expired:
                print(t("cli.confirm.purge.item", title=workshop.title, id=workshop.id,
                        date=workshop.delete_after.isoformat(), ideas=store.ideas.count(workshop.id)), file=sys.stderr)
            if not confirmed(args, t("cli.confirm.purge.one" if len(expired) == 1 else "cli.confirm.purge",
                                     count=len(expired))):
                return 1
        for workshop in expired:
            summary = store.workshops.delete(workshop.id)
            print(t("cli.purge.deleted", title=workshop.title, id=workshop.id,
                    date=workshop.delete_after.isoformat(), **summary))
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


def _whole(text: str) -> int:
    """``--port 8866``, ``--themes 5``: a whole number, or a sentence saying what to write."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.number.bad", value=text)) from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.date.bad", value=text)) from None


if __name__ == "__main__":
    sys.exit(main())
