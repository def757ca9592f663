"""The README and environment.yml keep up with the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from samskaping.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _commands(parser, prefix=()):
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for name, sub in action.choices.items():
            if sub._subparsers:
                yield from _commands(sub, (*prefix, name))
            else:
                yield " ".join((*prefix, name))


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = list(_commands(build_parser()))
    assert len(commands) >= 8
    for command in commands:
        assert f"samskaping {command}" in readme, command


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    env = (ROOT / "environment.yml").read_text()
    for requirement in wanted:
        name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0]
        assert re.search(rf"^\s*- {re.escape(name)}\b", env, re.M), name


def test_workshop_folder_demo_and_template_import_cleanly(tmp_path):
    from samskaping.core.models import Workshop
    from samskaping.stakeholders.io import read_stakeholder_file
    from samskaping.store import open_store
    from samskaping.store.archive import read_export

    with open_store(tmp_path) as store:
        workshop = store.archive.import_workshop(read_export(ROOT / "workshop" / "demo" / "demo-verksted.json"))
        assert store.ideas.count(workshop.id) >= 10 and len(store.stakeholders.list(workshop.id)) >= 12
        template = ROOT / "workshop" / "maler" / "interessenter-mal.csv"
        result = read_stakeholder_file(template.read_bytes(), template.name, Workshop("x").id)
        assert result.problems == [] and len(result.stakeholders) >= 2
