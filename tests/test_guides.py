"""The workshop guides, method cards and agendas stay true to the kit.

Facilitators print these pages and follow them in front of a room, so a dead
link, a command that does not exist or a page that is not there costs real
time on the day. Checked here, with the standard library only:

- every relative Markdown link in ``workshop/**/*.md`` resolves, and every
  ``#anchor`` matches a heading in its target (GitHub-style slugs, Norwegian
  letters kept);
- the index ``workshop/guider/README.md`` links every guide, card and agenda;
- every ``samskaping <command>`` written as code, in the workshop pages, the
  README and ``docs/``, is a real CLI command (lines that say "kommer" describe
  planned commands and are skipped), every ``--option`` it gives is an option of
  that command, and every value it gives an option with choices is one of them;
- every path written as code in the workshop pages and the README
  (``workshop/maler/...``, ``docs/...``) exists, so no guide sends anyone to a
  folder the kit does not have;
- the guides and the README agree on what the README documents: where the data
  lies, and that ``serve --lan`` lets the phones in;
- what the pages say about privacy, phases and plans stays true (no "anonymt"
  promise, no confidentiality promised to a room, the phases credited to the
  right source, the involvement plan called by its name);
- every ``xxx.ipynb`` mentioned exists in ``notebooks/`` (except the two pages
  being built: ``tjenestereise.ipynb`` and ``ideer.ipynb``);
- no page names a real person from the seed project plans;
- the one-page summaries in ``workshop/guider/nynorsk/`` fit on a page, read as nynorsk (quoted
  names too, bar a short allow-list) and quote the kit's buttons as a nynorsk workshop shows them.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shlex
import unicodedata
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote

import pytest

from samskaping.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
WORKSHOP = ROOT / "workshop"
NOTEBOOKS = ROOT / "notebooks"
INDEX = WORKSHOP / "guider" / "README.md"
GUIDE_FOLDERS = ("guider", "metodekort", "agendaer")
PAGES_BEING_BUILT = {"tjenestereise.ipynb", "ideer.ipynb"}
# SHA-256 (first 24 hex digits) of real people's names from the seed documents, NFC and casefolded:
# the names themselves must not be in the project, not even in a test.
REAL_NAME_DIGESTS = frozenset({
    "9233e98709f446d6de2c1359", "c00f44772ceee3784e60cb6a", "60cc556a4952dfa4fb196578",
    "4f6f8481f522ca430ed751e5", "1a685324ff58ef0c4f6fc624", "628e338313d42ee8f2bcf671",
    "33ec7ba39b41fed1cf86bba2", "f030a1a7065b7339f0e6fea7", "0344d72b3226d8d8f00670a3",
    "7bb2813d45718e9b78815a92",
})
TEXT_SUFFIXES = {".md", ".py", ".ipynb", ".tsv", ".txt", ".csv", ".json", ".toml", ".yml", ".js"}

MARKDOWN_FILES = sorted(WORKSHOP.rglob("*.md"))
GUIDE_FILES = sorted(p for folder in GUIDE_FOLDERS for p in (WORKSHOP / folder).rglob("*.md"))
README = ROOT / "README.md"
#: Every page that tells people which commands to type: the workshop pages, the README, the docs.
COMMAND_PAGES = [*MARKDOWN_FILES, README, *sorted((ROOT / "docs").glob("*.md"))]


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


# -- reading Markdown ------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A code span: a run of backticks, then anything but a blank line, then the same run.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]"  # [text], one level of nested brackets allowed
    r"\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"  # (target or <target>
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"  # optional "title")
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)", re.M)


def _blank_fenced_code(text: str) -> str:
    """``text`` with fenced code blocks replaced by empty lines (line numbers kept)."""
    out, fence = [], None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append("")
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _fenced_code_lines(text: str) -> list[str]:
    """The lines inside fenced code blocks."""
    lines, fence = [], None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = None
            else:
                lines.append(line)
    return lines


def _prose(text: str) -> str:
    """``text`` without any code: fenced blocks and code spans become blanks."""
    without_fences = _blank_fenced_code(text)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), without_fences)


def _code_snippets(text: str) -> list[tuple[str, str]]:
    """Every piece of code as ``(code, the source line(s) it stands on)``."""
    snippets = [(line, line) for line in _fenced_code_lines(text)]
    prose = _blank_fenced_code(text)
    lines = prose.split("\n")
    for match in _CODE_SPAN.finditer(prose):
        first = prose.count("\n", 0, match.start())
        last = prose.count("\n", 0, match.end())
        snippets.append((match.group(2), "\n".join(lines[first:last + 1])))
    return snippets


def links(text: str) -> list[str]:
    """The targets of inline links, images and reference definitions, outside code.

    >>> links("See [a](a.md#x), ![b](b.png \\"t\\") and `[c](c.md)`.\\n\\n[d]: d.md")
    ['a.md#x', 'b.png', 'd.md']
    """
    prose = _prose(text)
    found = [m.group(1) for m in _INLINE_LINK.finditer(prose)]
    found += [m.group(1) for m in _REFERENCE_DEFINITION.finditer(prose)]
    return [target[1:-1] if target.startswith("<") else target for target in found]


# -- GitHub heading anchors ------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*(?:[-*+>|]|\d+[.)]\s|#)")


def _plain(heading: str) -> str:
    """The text GitHub renders for a heading's Markdown (what the slug is made from)."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # images: alt text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags
    text = text.replace("`", "")  # code spans keep their text
    return re.sub(r"(?<![^\W_])_+|_+(?![^\W_])", "", text)  # _emphasis_, not snake_case


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.

    Letters of any script (æ, ø, å, á, č ...) and digits stay, as do ``-``
    and ``_``; everything else (quotes, colons, dashes like «–», emoji) goes.
    Each space becomes one hyphen, so «a – b» gives ``a--b``.

    >>> github_slug("Manus å lese opp")
    'manus-å-lese-opp'
    >>> github_slug("Nettverket: mobilene må «nå» maskinen – 2,5 timer")
    'nettverket-mobilene-må-nå-maskinen--25-timer'
    """
    text = unicodedata.normalize("NFC", _plain(heading)).strip().lower()
    kept = "".join(
        ch for ch in text
        if ch.isalnum() or ch in "-_ " or unicodedata.category(ch).startswith("M")
    )
    return kept.replace(" ", "-")


def headings(text: str) -> list[str]:
    """The headings of a Markdown text (ATX and setext), outside fenced code."""
    found, previous = [], ""
    for line in _blank_fenced_code(text).split("\n"):
        atx = _ATX.match(line)
        if atx:
            found.append(atx.group(2) or "")
            previous = ""
            continue
        if _SETEXT.match(line) and previous.strip() and not _NOT_PARAGRAPH.match(previous):
            found.append(previous.strip())
            previous = ""
            continue
        previous = line
    return found


def anchors(text: str) -> set[str]:
    """Every anchor GitHub makes for the headings of ``text``, duplicates numbered."""
    seen: dict[str, int] = {}
    result = set()
    for heading in headings(text):
        slug = github_slug(heading)
        if slug in seen:
            seen[slug] += 1
            result.add(f"{slug}-{seen[slug]}")
        else:
            seen[slug] = 0
            result.add(slug)
    return result


# -- the CLI's real commands -----------------------------------------------


def command_tree(parser: argparse.ArgumentParser) -> dict[str, dict]:
    """Sub-commands of ``parser``, each with its own sub-commands (``{}`` if none)."""
    tree: dict[str, dict] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                tree[name] = command_tree(sub)
    return tree


_COMMAND = re.compile(r"(?:^|(?<=[\s/(]))samskaping[ \t]+([^\s`]+)(?:[ \t]+([^\s`]+))?")


def mentioned_commands(text: str) -> list[tuple[str, str | None, str]]:
    """``(word, next word, source line)`` for each ``samskaping ...`` written as code."""
    found = []
    for code, line in _code_snippets(text):
        if re.search(r"\bkommer\b", line, re.I):
            continue
        for match in _COMMAND.finditer(code):
            found.append((match.group(1), match.group(2), line.strip()))
    return found


def unknown_command(tree: dict[str, dict], first: str, second: str | None) -> str | None:
    """Why ``samskaping first second`` is not a real command, or None if it is."""
    if first.startswith("-"):
        return None  # a global option such as --version
    if first not in tree:
        return f"no command {first!r} (real ones: {', '.join(sorted(tree))})"
    subcommands = tree[first]
    if subcommands and second not in subcommands:
        return f"{first!r} needs one of {', '.join(sorted(subcommands))}, not {second!r}"
    return None


def subparser(parser: argparse.ArgumentParser, words: list[str]) -> argparse.ArgumentParser | None:
    """The parser of ``samskaping words...`` (``["ideas", "add"]``), or None if there is no such command."""
    for word in words:
        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not actions:
            return parser
        if word not in actions[0].choices:
            return None
        parser = actions[0].choices[word]
    return parser


#: A value that stands for what the reader fills in: VERKSTED, FIL, ÅÅÅÅ-MM-DD, "...".
_PLACEHOLDER = re.compile(r"^(?:[A-ZÆØÅ_]{1,}[0-9]?|.*\.\.\..*|.*ÅÅÅÅ.*|.*YYYY.*|-)$")


def command_lines(text: str) -> list[tuple[list[str], str]]:
    """``(words after samskaping, source line)`` for each ``samskaping ...`` written as code.

    Markdown table escapes (``\\|``) and the brackets around optional parts
    (``[--lan]``) are dropped; a shell redirection ends the command.
    """
    found = []
    for code, line in _code_snippets(text):
        if re.search(r"\bkommer\b", line, re.I):
            continue
        for match in re.finditer(r"(?:^|(?<=[\s/(]))samskaping[ \t]+([^`]*)", code):
            rest = match.group(1).replace("\\|", "|").replace("[", " ").replace("]", " ")
            rest = re.split(r"\s[<>|]\s|\s>|&&|;", rest)[0]
            try:
                words = shlex.split(rest)
            except ValueError:
                words = rest.split()
            found.append((words, line.strip()))
    return found


def option_problems(parser: argparse.ArgumentParser, words: list[str]) -> list[str]:
    """Options in ``words`` that ``parser`` does not have, or values its choices or type refuse.

    >>> from samskaping.cli import build_parser
    >>> new = subparser(build_parser(), ["new"])
    >>> option_problems(new, ["T", "--phase", "ide", "--groups", "barn,ungdom", "--delete-after", "ÅÅÅÅ-MM-DD"])
    []
    >>> option_problems(new, ["T", "--phase", "fase5", "--colour", "red"])
    ["--phase 'fase5' is not one of innsikt, ide, utforming, implementering", 'no option --colour']
    """
    options = {name: action for action in parser._actions for name in action.option_strings}
    problems = []
    for n, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name, _, inline = word.partition("=")
        action = options.get(name)
        if action is None:
            problems.append(f"no option {name}")
            continue
        if action.nargs == 0:
            continue
        value = inline or (words[n + 1] if n + 1 < len(words) else "")
        if not value or _PLACEHOLDER.match(value) or value.startswith("--"):
            continue
        for part in value.split("|") if action.choices else [value]:
            if action.choices and part not in action.choices:
                problems.append(f"{name} {part!r} is not one of {', '.join(map(str, action.choices))}")
            elif callable(action.type) and action.type not in (str, Path, int, float):
                try:
                    action.type(part)
                except (argparse.ArgumentTypeError, ValueError) as exc:
                    problems.append(f"{name} {part!r}: {exc}")
    return problems


#: Relative paths written as code that must exist: in the repository, or beside the page.
_PATH = re.compile(r"^(?![/~%$.]|[a-z]+://)[\w.-]+/[\w./-]*$")


def missing_paths(text: str, page: Path) -> list[str]:
    """Paths in code spans (``workshop/maler/x.csv``, ``docs/``) that exist neither in the repository nor beside
    ``page``, nor (for the README's package folders) in ``src/samskaping/``."""
    bases = (ROOT, page.parent, *([ROOT / "src" / "samskaping"] if page == README else []))
    missing = []
    for code, _ in _code_snippets(text):
        for token in code.split():
            token = token.strip("\"'(),;:")
            if _PATH.match(token) and not any((base / token).exists() for base in bases):
                missing.append(token)
    return missing


# -- unit tests of the helpers ---------------------------------------------


@pytest.mark.parametrize(
    "heading, slug",
    [
        ("Manus å lese opp", "manus-å-lese-opp"),
        ("Dagen før", "dagen-før"),
        ("Nettverket: mobilene må nå maskinen", "nettverket-mobilene-må-nå-maskinen"),
        ("Rapport til styringsgruppa: disposisjon", "rapport-til-styringsgruppa-disposisjon"),
        ("Før dagen – sjekkliste", "før-dagen--sjekkliste"),
        ("Steg 1: «Hvem berøres?»", "steg-1-hvem-berøres"),
        ("`samskaping purge` og sletting", "samskaping-purge-og-sletting"),
        ("Hva er [idésiden](ideer.md)?", "hva-er-idésiden"),
        ("**Viktig** i _dag_ og snake_case", "viktig-i-dag-og-snake_case"),
        ("ÆØÅ og 2,5 timer (90 min.)", "æøå-og-25-timer-90-min"),
        ("Sámi giella: Čállit", "sámi-giella-čállit"),
        ("  Tips  ", "tips"),
        ("A/B & C", "ab--c"),
    ],
)
def test_github_slug(heading, slug):
    assert github_slug(heading) == slug


def test_anchors_number_duplicates_and_skip_code():
    text = "# Tips\n\n## Tips\n\n```sh\n# not a heading\n```\n\nSetext\n------\n\n- item\n---\n"
    assert anchors(text) == {"tips", "tips-1", "setext"}


def test_links_skip_code_and_keep_titles_and_angles():
    text = (
        "[a](a.md) [b](<b c.md>) [c](c.md \"title\") `[d](d.md)`\n"
        "```\n[e](e.md)\n```\n[f](https://example.org) [g](#here)\n"
    )
    assert links(text) == ["a.md", "b c.md", "c.md", "https://example.org", "#here"]


def test_command_tree_knows_two_word_commands():
    tree = command_tree(build_parser())
    assert {"add", "list"} <= set(tree["ideas"]) and {"import", "export"} <= set(tree["stakeholders"])
    assert unknown_command(tree, "ideas", "add") is None
    assert unknown_command(tree, "purge", None) is None
    assert unknown_command(tree, "ideas", "vote") is not None
    assert unknown_command(tree, "vote", None) is not None


def test_planned_commands_in_kommer_lines_are_skipped():
    text = "Bruk `samskaping purge`.\nStemming med `samskaping vote` kommer senere.\n"
    assert [c[0] for c in mentioned_commands(text)] == ["purge"]


# -- the pages themselves --------------------------------------------------


def test_there_are_guides_cards_and_agendas():
    names = {p.name for p in GUIDE_FILES}
    for wanted in ("00-slik-bruker-du-kitet.md", "20-ide.md", "verdenskafe.md", "idedugnad-90-minutter.md"):
        assert wanted in names


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=_ids(MARKDOWN_FILES))
def test_relative_links_resolve(path):
    broken = []
    for target in links(path.read_text(encoding="utf-8")):
        if re.match(r"(?i)(https?:|mailto:)", target) or target.startswith("#"):
            continue
        file_part = unquote(target.split("#", 1)[0])
        if not file_part:
            continue
        if not (path.parent / file_part).exists():
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=_ids(MARKDOWN_FILES))
def test_anchors_match_a_heading(path):
    wrong = []
    for target in links(path.read_text(encoding="utf-8")):
        if re.match(r"(?i)(https?:|mailto:)", target) or "#" not in target:
            continue
        file_part, anchor = target.split("#", 1)
        destination = (path.parent / unquote(file_part)) if file_part else path
        if destination.is_dir():
            wrong.append(f"{target} (an anchor into a folder)")
            continue
        if destination.suffix.lower() != ".md" or not destination.is_file():
            continue  # missing files are reported by test_relative_links_resolve
        known = anchors(destination.read_text(encoding="utf-8"))
        if unquote(anchor) not in known:
            wrong.append(f"{target} (headings there: {', '.join(sorted(known))})")
    assert not wrong, f"{path.relative_to(ROOT)} has anchors that match no heading: {wrong}"


def test_index_links_every_guide_card_and_agenda():
    linked = set()
    for target in links(INDEX.read_text(encoding="utf-8")):
        if re.match(r"(?i)(https?:|mailto:)", target):
            continue
        file_part = unquote(target.split("#", 1)[0])
        if file_part:
            linked.add((INDEX.parent / file_part).resolve())
    missing = [str(p.relative_to(ROOT)) for p in GUIDE_FILES if p != INDEX and p.resolve() not in linked]
    assert not missing, f"{INDEX.relative_to(ROOT)} does not link: {missing}"


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=_ids(COMMAND_PAGES))
def test_cli_commands_in_the_pages_exist(path):
    tree = command_tree(build_parser())
    wrong = []
    for first, second, line in mentioned_commands(path.read_text(encoding="utf-8")):
        problem = unknown_command(tree, first, second)
        if problem:
            wrong.append(f"{problem}: {line}")
    assert not wrong, f"{path.relative_to(ROOT)} mentions commands the CLI does not have:\n" + "\n".join(wrong)


def test_the_guides_do_mention_commands():
    """Guard against the command check passing because nothing was found."""
    mentioned = {m[0] for path in GUIDE_FILES for m in mentioned_commands(path.read_text(encoding="utf-8"))}
    assert {"ideas", "new", "retention", "purge", "delete", "stakeholders"} <= mentioned


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=_ids(COMMAND_PAGES))
def test_options_in_the_pages_exist_and_their_values_are_allowed(path):
    """``samskaping new ... --groups barn`` or ``export --include-hidden``: every option is the command's own."""
    root = build_parser()
    wrong = []
    for words, line in command_lines(path.read_text(encoding="utf-8")):
        commands = [w for w in words[:2] if not w.startswith("-")]
        parser = subparser(root, commands)
        if parser is None:
            continue  # an unknown command is reported by test_cli_commands_in_the_pages_exist
        wrong += [f"{problem}: {line}" for problem in option_problems(parser, words)]
    assert not wrong, f"{path.relative_to(ROOT)} gives options the CLI does not take:\n" + "\n".join(wrong)


def test_the_option_check_can_fail():
    [(words, _)] = command_lines("Kjør `samskaping export X --format json\\|doc --out f --all`.")
    assert option_problems(subparser(build_parser(), ["export"]), words) == [
        "--format 'doc' is not one of json, docx, pdf, html, pptx, xlsx, zip", "no option --all"]
    assert command_lines("`samskaping ideas list VERKSTED > ideer.txt`")[0][0] == ["ideas", "list", "VERKSTED"]


@pytest.mark.parametrize("path", [*MARKDOWN_FILES, README], ids=_ids([*MARKDOWN_FILES, README]))
def test_paths_in_the_pages_exist(path):
    missing = missing_paths(path.read_text(encoding="utf-8"), path)
    assert not missing, f"{path.relative_to(ROOT)} names paths that do not exist: {missing}"


def test_the_path_check_can_fail():
    page = WORKSHOP / "guider" / "00-slik-bruker-du-kitet.md"
    assert missing_paths("Alt ligger i `data/`, malen i `workshop/maler/interessenter-mal.csv`.", page) == ["data/"]
    assert missing_paths("`~/.local/share/samskaping`, `/voila/render/x`, `https://a.no/b`", page) == []


def test_the_guides_and_the_readme_name_the_same_data_folder(monkeypatch):
    from samskaping.store import default_data_dir

    for name in ("SAMSKAPING_DATA", "LOCALAPPDATA", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    folder = "~/" + default_data_dir().relative_to(Path.home()).as_posix()
    readme = README.read_text(encoding="utf-8")
    assert f"`{folder}`" in readme and "%LOCALAPPDATA%" in readme
    for name in ("00-slik-bruker-du-kitet.md", "60-personvern-og-anonymitet.md"):
        text = (WORKSHOP / "guider" / name).read_text(encoding="utf-8")
        assert folder in text and "%LOCALAPPDATA%" in text, name


def test_the_guides_let_the_phones_in_the_way_the_readme_does():
    """The README documents ``serve --lan``; the guide for first-time users must not say it is still to come."""
    assert "--lan" in {o for a in subparser(build_parser(), ["serve"])._actions for o in a.option_strings}
    assert "samskaping serve --lan" in README.read_text(encoding="utf-8")
    guide = (WORKSHOP / "guider" / "00-slik-bruker-du-kitet.md").read_text(encoding="utf-8")
    assert "samskaping serve --lan" in guide
    for path in MARKDOWN_FILES:
        text = path.read_text(encoding="utf-8").casefold()
        assert "senere versjon" not in text and "foreløpig bare" not in text, path.relative_to(ROOT)


def test_every_command_the_guides_use_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    used = {" ".join(w for w in words[:2] if not w.startswith("-") and not _PLACEHOLDER.match(w))
            for path in MARKDOWN_FILES for words, _ in command_lines(path.read_text(encoding="utf-8"))}
    tree = command_tree(build_parser())
    used = {" ".join(c.split()[: 1 + bool(tree.get(c.split()[0]))]) for c in used if c and c.split()[0] in tree}
    assert {"serve", "new", "ideas add", "ideas delete", "export", "import"} <= used
    assert all(f"samskaping {command}" in readme for command in used), sorted(used)


_OVERCLAIMS = (
    "er anonymt", "er **anonymt**", "deltakerne er anonyme", "du er anonym", "**anonymt:**", "skriv anonymt",
    "taushetsplikten gjelder også her", "blir det i rommet",
)


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=_ids(MARKDOWN_FILES))
def test_no_page_promises_anonymity_or_confidentiality(path):
    """Posts are pseudonymous (device, group, "Jeg kommer fra"); no one can promise a room that things stay there."""
    text = path.read_text(encoding="utf-8").casefold()
    found = [claim for claim in _OVERCLAIMS if claim in text]
    assert not found, f"{path.relative_to(ROOT)} says {found}"


def test_the_script_asks_for_discretion_explains_the_duty_to_report_and_cites_its_sources():
    guide = (WORKSHOP / "guider" / "60-personvern-og-anonymitet.md").read_text(encoding="utf-8")
    script = guide.split("## Manus å lese opp", 1)[1].split("\n## ", 1)[0]
    quoted = " ".join(line.lstrip("> ") for line in script.splitlines() if line.startswith(">")).casefold()
    for words in ("ikke helt anonymt", "diskré", "kan ikke love", "barnevernstjenesten", "melde fra", "slettet"):
        assert words in quoted, words
    doc = (ROOT / "docs" / "personvern-og-taushetsplikt.md").read_text(encoding="utf-8").replace("**", "").casefold()
    for source in ("barnevernsloven (2021) § 13-2", "§ 13-1", "forvaltningsloven § 13", "helsepersonelloven § 33",
                   "straffeloven § 196", "artikkel 4 nr. 5"):
        assert source.casefold() in doc, source
    assert "jurist skal kontrollere" in doc
    assert "docs/personvern-og-taushetsplikt.md" in guide


def test_the_phases_are_credited_to_service_design_and_mapped_onto_ks_veikart():
    from samskaping.core.i18n import t
    from samskaping.core.models import KS_PHASES, KS_PHASES_OF

    for path in MARKDOWN_FILES:  # the old claim: "Fase 2 i KS' veikart", "som i KS' veikart"
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)fase \d i ks|som i ks", text), path.relative_to(ROOT)
    index = (WORKSHOP / "guider" / "README.md").read_text(encoding="utf-8")
    table = index.split("## Fasene og KS' veikart", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\|[^|]*\(`(\w+)`\) \| ([^|]+) \|", table, re.M)}
    assert set(rows) == set(KS_PHASES_OF)
    for phase, cell in rows.items():
        named = [ks for ks in KS_PHASES if t(f"ks_phase.{ks}").casefold() in cell.casefold()]
        assert named == list(KS_PHASES_OF[phase]), (phase, cell)
    assert all(t(f"ks_phase.{ks}").casefold() in table.casefold() for ks in KS_PHASES)  # all six are named


def test_the_channel_and_frequency_table_is_called_the_involvement_plan():
    from samskaping.core.i18n import t

    for lang in ("nb", "en"):
        for key in ("stakeholder.plan.title", "stakeholder.sheet.plan", "report.sheet.plan"):
            assert "samskapingsplan" not in t(key, lang).casefold(), (key, lang)
    assert t("stakeholder.plan.title") == t("report.sheet.plan") == "Involveringsplan"
    for path in [*MARKDOWN_FILES, README]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"(?i)samskapingsplan", line):  # Selbu's checklist is a samskapingsplan; the register is not
                assert not re.search(r"(?i)register\w* med samskapingsplan|«samskapingsplan»", line), line
    assert (WORKSHOP / "maler" / "samskapingsplan-mal.md").is_file()


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=_ids(MARKDOWN_FILES))
def test_notebooks_mentioned_exist(path):
    names = set(re.findall(r"[\w-]+\.ipynb", path.read_text(encoding="utf-8")))
    missing = sorted(n for n in names - PAGES_BEING_BUILT if not (NOTEBOOKS / n).is_file())
    assert not missing, f"{path.relative_to(ROOT)} mentions notebooks not in notebooks/: {missing}"


def test_the_guides_name_the_kits_pages():
    text = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE_FILES)
    for page in ("deltaker.ipynb", "fasilitator.ipynb", "interessenter.ipynb", *PAGES_BEING_BUILT):
        assert page in text, page


def _name_digests(text: str) -> set[str]:
    """Digests of every one- and two-word window of ``text`` (names are one or two words)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())
    windows = words + [f"{a} {b}" for a, b in pairwise(words)]
    return {hashlib.sha256(window.encode()).hexdigest()[:24] for window in windows}


def test_no_real_names_from_the_seeds_anywhere_in_the_project():
    folders = ("src", "tests", "workshop", "docs", "notebooks", "benchmarks")
    files = [ROOT / "README.md", *(p for folder in folders for p in (ROOT / folder).rglob("*")
                                   if p.suffix in TEXT_SUFFIXES and ".venv" not in p.parts)]
    assert len(files) > 50
    offenders = [str(p.relative_to(ROOT)) for p in files
                 if _name_digests(p.read_text(encoding="utf-8", errors="replace")) & REAL_NAME_DIGESTS]
    assert not offenders, f"real people's names from the seeds in {offenders}; use roles instead"


def test_the_name_check_can_fail():
    assert _name_digests("Møte med rektor").isdisjoint(REAL_NAME_DIGESTS)
    assert not _name_digests("helse").isdisjoint({hashlib.sha256(b"helse").hexdigest()[:24]})


# -- the one-page summaries in nynorsk -------------------------------------

GUIDES = WORKSHOP / "guider"
NYNORSK = GUIDES / "nynorsk"
#: The nine numbered guides, 00 to 80; each has a summary of the same name in ``guider/nynorsk/``.
NUMBERED_GUIDES = sorted(GUIDES.glob("[0-9][0-9]-*.md"))
SUMMARIES = [NYNORSK / guide.name for guide in NUMBERED_GUIDES]
NYNORSK_PAGES = [*SUMMARIES, NYNORSK / "README.md"]
#: What still prints on one A4 page.
MAX_SUMMARY_WORDS = 450
#: Bokmål forms nynorsk does not use (nynorsk: ikkje, kva, korleis, viss, kven, kvar, kva for, berre,
#: mykje, frå, eg, nokon, blei/vart, de/dykk, utan, sjølv, vere, meir).
BOKMAL_ONLY = frozenset({
    "ikke", "hva", "hvordan", "hvis", "hvem", "hvor", "hvilke", "hvilken", "bare", "mye", "fra",
    "jeg", "noen", "ble", "dere", "uten", "selv", "være", "mer",
})
#: Common nynorsk words; a page in nynorsk uses several of them.
NYNORSK_MARKERS = frozenset({"ikkje", "kva", "korleis", "kvar", "kven", "berre", "mykje", "frå", "òg", "nokon", "utan"})

#: «Quoted» names a summary may give in bokmål although they hold a bokmål-only word: another
#: program's own menus (Excel's, say), never the kit's. The kit's buttons and menus are quoted as a
#: nynorsk workshop shows them (see ``test_the_summaries_quote_the_kit_as_it_shows_in_nynorsk``), so
#: they need no place here. Keep it short: each entry must be used, and must need the exemption.
QUOTED_KEPT_IN_BOKMAL: frozenset[str] = frozenset()

#: A name quoted in «», which a line break may split.
_QUOTED_LABEL = re.compile(r"«([^«»]*)»")


def quoted_names(text: str) -> list[str]:
    """The names quoted in «» in the prose of ``text``, each with its white space made single spaces.

    >>> quoted_names("Trykk «Opne\\n  stemmegjevinga», ikkje `«kode»`.")
    ['Opne stemmegjevinga']
    """
    return [" ".join(m.group(1).split()) for m in _QUOTED_LABEL.finditer(_prose(text))]


def _summary_prose_words(text: str, kept: frozenset[str] = QUOTED_KEPT_IN_BOKMAL) -> list[str]:
    """The words of ``text`` outside code, link targets and the «quoted» names in ``kept``, casefolded."""
    prose = _QUOTED_LABEL.sub(lambda m: " " if " ".join(m.group(1).split()) in kept else m.group(0), _prose(text))
    prose = re.sub(r"\]\([^)\n]*\)", "]", prose)
    return re.findall(r"\w+", unicodedata.normalize("NFC", prose).casefold())


def bokmal_words(text: str, kept: frozenset[str] = QUOTED_KEPT_IN_BOKMAL) -> list[str]:
    """The bokmål-only words in the prose of ``text``, «quoted» names included.

    Commands and paths (code) are left out, and so are the quoted names in
    ``kept`` (:data:`QUOTED_KEPT_IN_BOKMAL`): another program's menus, which
    stay as that program shows them. The kit's own names are checked like the
    rest, since a nynorsk workshop shows them in nynorsk.

    >>> bokmal_words("Trykk «Kven er i rommet» og køyr `samskaping ideas list`; sjå [guiden](../20-ide.md).")
    []
    >>> bokmal_words("Trykk «Hvem er i rommet».")
    ['hvem']
    >>> bokmal_words("I Excel: «Data», «Fra\\ntekst/CSV».", kept=frozenset({"Fra tekst/CSV"}))
    []
    >>> bokmal_words("Hvis du ikke vet hva du skal gjøre, spør fra starten.")
    ['hvis', 'ikke', 'hva', 'fra']
    """
    return [word for word in _summary_prose_words(text, kept) if word in BOKMAL_ONLY]


def kit_texts_in_nynorsk() -> dict[str, set[str]]:
    """Each bokmål text of the kit, with the nynorsk text(s) the kit shows for it in a nynorsk workshop.

    A text with a bracket at its end also counts without it, as a button or a field is named:
    «Jeg kommer fra» for "Jeg kommer fra (valgfritt)". Texts with ``{placeholders}`` are left out.
    """
    from samskaping.core.catalogue import CATALOGUE
    from samskaping.core.i18n import t

    found: dict[str, set[str]] = {}
    for key, nb in CATALOGUE["nb"].items():
        if "{" in nb:
            continue
        nn = t(key, "nn")
        found.setdefault(nb, set()).add(nn)
        short_nb, short_nn = (re.sub(r"\s*\([^()]*\)$", "", text) for text in (nb, nn))
        if short_nb != nb and short_nn != nn:
            found.setdefault(short_nb, set()).add(short_nn)
    return found


def printed_words(text: str) -> int:
    """The words of ``text`` as they print: runs with a letter or digit (table pipes and rules are not words).

    >>> printed_words("| tid | kva |\\n| --- | --- |\\n| 09.00 | Velkomst og `make serve` |")
    7
    """
    return sum(1 for token in text.split() if re.search(r"\w", token))


def test_every_numbered_guide_has_a_nynorsk_summary():
    assert [guide.name[:2] for guide in NUMBERED_GUIDES] == [f"{n:02d}" for n in range(0, 90, 10)]
    missing = [str(p.relative_to(ROOT)) for p in SUMMARIES if not p.is_file()]
    assert not missing, f"guides without a nynorsk summary: {missing}"
    extra = sorted(p.name for p in set(NYNORSK.glob("*.md")) - set(NYNORSK_PAGES))
    assert not extra, f"files in {NYNORSK.relative_to(ROOT)} that summarise no guide: {extra}"


@pytest.mark.parametrize("path", SUMMARIES, ids=_ids(SUMMARIES))
def test_summary_fits_on_one_page(path):
    assert path.is_file(), path.relative_to(ROOT)
    words = printed_words(path.read_text(encoding="utf-8"))
    assert words <= MAX_SUMMARY_WORDS, f"{path.relative_to(ROOT)} has {words} words, more than one A4 page"


@pytest.mark.parametrize("path", SUMMARIES, ids=_ids(SUMMARIES))
def test_summary_starts_with_a_heading_and_links_its_bokmal_guide(path):
    assert path.is_file(), path.relative_to(ROOT)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and len(text.split("\n", 1)[0]) > 2, "the first line must be a level-1 heading"
    intro = text.split("\n## ", 1)[0]  # the heading and the lines before the first section
    targets = [unquote(target.split("#", 1)[0]) for target in links(intro)]
    assert f"../{path.name}" in targets, f"{path.relative_to(ROOT)} does not link ../{path.name} under its heading"
    guide = (path.parent / f"../{path.name}").resolve()
    assert guide == (GUIDES / path.name).resolve() and guide.is_file()


@pytest.mark.parametrize("path", NYNORSK_PAGES, ids=_ids(NYNORSK_PAGES))
def test_the_nynorsk_pages_are_written_in_nynorsk(path):
    assert path.is_file(), path.relative_to(ROOT)
    text = path.read_text(encoding="utf-8")
    found = bokmal_words(text)
    assert not found, f"{path.relative_to(ROOT)} uses bokmål forms: {sorted(set(found))}"
    markers = NYNORSK_MARKERS & set(_summary_prose_words(text))
    assert len(markers) >= 2, f"{path.relative_to(ROOT)} hardly reads as nynorsk (only {sorted(markers)})"


@pytest.mark.parametrize("path", NYNORSK_PAGES, ids=_ids(NYNORSK_PAGES))
def test_the_summaries_quote_the_kit_as_it_shows_in_nynorsk(path):
    """«Åpne stemmegivning» is the bokmål button; a nynorsk workshop shows «Opne stemmegjevinga»."""
    assert path.is_file(), path.relative_to(ROOT)
    texts = kit_texts_in_nynorsk()
    shown = set().union(*texts.values())
    wrong = sorted({f"«{name}» (nynorsk: {' / '.join(f'«{nn}»' for nn in sorted(texts[name]))})"
                    for name in quoted_names(path.read_text(encoding="utf-8"))
                    if name in texts and name not in shown})
    assert not wrong, f"{path.relative_to(ROOT)} quotes the kit in bokmål: {wrong}"


def test_the_quoted_name_checks_can_fail():
    texts = kit_texts_in_nynorsk()
    assert texts["Åpne stemmegivning"] == {"Opne stemmegjevinga"}
    assert "Eg kjem frå" in texts["Jeg kommer fra"]  # "Jeg kommer fra (valgfritt)", named without its bracket
    assert bokmal_words("Sjå «Hvem er i rommet».") == ["hvem"]


def test_the_names_kept_in_bokmal_are_few_used_and_needed():
    quoted = {name for path in NYNORSK_PAGES for name in quoted_names(path.read_text(encoding="utf-8"))}
    assert len(QUOTED_KEPT_IN_BOKMAL) <= 10
    unused = sorted(QUOTED_KEPT_IN_BOKMAL - quoted)
    assert not unused, f"kept in bokmål but not quoted anywhere: {unused}"
    unneeded = sorted(name for name in QUOTED_KEPT_IN_BOKMAL if not bokmal_words(f"«{name}»", kept=frozenset()))
    assert not unneeded, f"kept in bokmål without a bokmål-only word: {unneeded}"
    the_kits = sorted(QUOTED_KEPT_IN_BOKMAL & set(kit_texts_in_nynorsk()))
    assert not the_kits, f"the kit's own texts, to be quoted as it shows them in nynorsk: {the_kits}"


@pytest.mark.parametrize("path", NUMBERED_GUIDES, ids=_ids(NUMBERED_GUIDES))
def test_the_nynorsk_check_fails_on_the_bokmal_guides(path):
    """The bokmål guides themselves must fail the check the summaries pass."""
    assert len(set(bokmal_words(path.read_text(encoding="utf-8")))) >= 3, path.relative_to(ROOT)


def test_the_nynorsk_index_links_every_summary_and_the_guide_index_links_it():
    index = NYNORSK / "README.md"
    linked = {(index.parent / unquote(t.split("#", 1)[0])).resolve()
              for t in links(index.read_text(encoding="utf-8")) if not re.match(r"(?i)(https?:|mailto:)", t)}
    missing = [p.name for p in SUMMARIES if p.resolve() not in linked]
    assert not missing, f"{index.relative_to(ROOT)} does not link: {missing}"
    assert "nynorsk/README.md" in links(INDEX.read_text(encoding="utf-8"))
