"""Stakeholder analysis: the interest x influence grid, strategies and relations.

The seeds' "interessentkartlegging" places every group, organisation or role on
a Mendelow grid (interest 1-5 across, influence 1-5 up). The quadrant decides
the default involvement strategy, channel and frequency; a coordinator may
write their own. :func:`involvement_plan` turns the grid into the
"samskapingsplan" (who is involved how, how often, in which phase). Relations
between stakeholders form a network that shows who links the services together
(brokers), who is left out (isolated) and which groups already work closely
(communities). A table reader takes the lists municipalities already keep in
spreadsheets and reports every bad row instead of failing (files themselves are
opened in :mod:`samskaping.stakeholder_io`).

Everything here is pure: no storage, no widgets. Every label and sentence comes
from the message catalogue (:func:`samskaping.messages.t`): ``sector.*``,
``relation.*``, ``quadrant.*``, ``stakeholder.*``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Iterable, Sequence

import networkx as nx

from .exceptions import InvalidInputError
from .messages import CATALOGUE, DEFAULT_LANG, t
from .models import PHASES, check_choice, check_id, clean_text, dataclass_from_dict, dataclass_to_dict, new_id, now
from .tables import cell_text, csv_records, fold, shown, unguard

__all__ = [
    "SECTORS",
    "RELATION_KINDS",
    "QUADRANTS",
    "SCORE_MIN",
    "SCORE_MAX",
    "TEXT_FIELDS",
    "Stakeholder",
    "Relation",
    "Move",
    "PlanRow",
    "Problem",
    "ImportResult",
    "label",
    "quadrant",
    "strategy_for",
    "involvement_plan",
    "move",
    "replay",
    "relation_graph",
    "brokers",
    "isolated",
    "communities",
    "network_summary",
    "parse_stakeholder_rows",
    "parse_stakeholder_table",
    "read_stakeholder_csv",
    "describe",
]

SECTORS = ("oppvekst", "helse", "nav", "frivillighet", "politikk", "brukere", "media", "annet")
RELATION_KINDS = ("samarbeider_med", "rapporterer_til", "informerer", "konflikt")
#: Mendelow's quadrants, in the order the seeds list them.
QUADRANTS = ("nokkelspillere", "bor_tilfredsstilles", "holdes_informert", "minimal_innsats")
#: The free-text fields of a stakeholder besides its name, in field order.
TEXT_FIELDS = ("affected", "strategy", "justification", "contact_role", "notes", "channel", "frequency")

SCORE_MIN, SCORE_MAX = 1, 5
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 2000
#: A register is tens of rows; a file far beyond this is a wrong file.
MAX_IMPORT_ROWS = 2000


def label(key: str, lang: str = DEFAULT_LANG) -> str:
    """The display label for ``key`` (``"sector.nav"``, ``"quadrant.minimal_innsats"``).

    The same as :func:`samskaping.messages.t` without parameters: falls back to
    bokmål, then to the key.

    >>> label("quadrant.bor_tilfredsstilles")
    'Bør tilfredsstilles'
    >>> label("relation.konflikt", "en")
    'Conflict'
    """
    return t(key, lang)


# --- The objects ---------------------------------------------------------------


def _check_score(value: object, field: str) -> int:
    """A 1-5 score as an int, or :class:`InvalidInputError` naming the value."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise InvalidInputError(
                f"{field} {value!r} is not a whole number; use a whole number from 1 to 5.",
                reason="not_a_whole_number",
                field=field,
                value=value,
                min=SCORE_MIN,
                max=SCORE_MAX,
            )
        raise InvalidInputError(
            f"{field} {value!r} is not a number; use a whole number from 1 to 5.",
            reason="not_a_number",
            field=field,
            value=value,
            min=SCORE_MIN,
            max=SCORE_MAX,
        )
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise InvalidInputError(
            f"{field} {value} is outside {SCORE_MIN}-{SCORE_MAX}; use a whole number from 1 to 5.",
            reason="out_of_range",
            field=field,
            value=value,
            min=SCORE_MIN,
            max=SCORE_MAX,
        )
    return value


def _parse_time(kwargs: dict, name: str) -> None:
    value = kwargs.get(name)
    if isinstance(value, str):
        try:
            kwargs[name] = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(
                f"{name} {value!r} is not an ISO 8601 time.", reason="bad_time", field=name, value=value
            ) from None


@dataclass
class Stakeholder:
    """A group, organisation or role placed on the interest x influence grid.

    ``strategy``, ``channel`` ("møte", "nyhetsbrev") and ``frequency``
    ("månedlig") are the coordinator's own words; empty means "use the
    quadrant's default" (:func:`strategy_for`, :func:`involvement_plan`), so a
    stakeholder moved to another quadrant gets the new default without anyone
    editing text. ``phase`` is the one of :data:`~samskaping.models.PHASES` the
    stakeholder is involved in, or ``""`` for all of them.
    """

    workshop_id: str
    name: str
    sector: str
    interest: int
    influence: int
    affected: str = ""
    strategy: str = ""
    justification: str = ""
    contact_role: str = ""
    notes: str = ""
    channel: str = ""
    frequency: str = ""
    phase: str = ""
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.name = clean_text(self.name, field="name", max_length=MAX_NAME_LENGTH)
        sector = self.sector.strip().lower() if isinstance(self.sector, str) else self.sector
        self.sector = check_choice(sector or "annet", SECTORS, "sector")
        self.interest = _check_score(self.interest, "interest")
        self.influence = _check_score(self.influence, "influence")
        for name in TEXT_FIELDS:
            setattr(self, name, clean_text(getattr(self, name), field=name, max_length=MAX_NOTE_LENGTH, required=False))
        phase = clean_text(self.phase, field="phase", max_length=MAX_NAME_LENGTH, required=False).lower()
        self.phase = check_choice(phase, PHASES, "phase") if phase else ""

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Stakeholder":
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Relation:
    """A tie between two stakeholders: who works with, reports to, informs or is in conflict with whom.

    ``source_id -> target_id`` keeps the direction ("NAV rapporterer til
    politikerne"); the network analysis treats ties as undirected, because
    information and trust flow both ways along them.
    """

    workshop_id: str
    source_id: str
    target_id: str
    kind: str = "samarbeider_med"
    weight: float = 1.0
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.workshop_id = check_id(self.workshop_id, "workshop_id")
        self.source_id = check_id(self.source_id, "source_id")
        self.target_id = check_id(self.target_id, "target_id")
        if self.source_id == self.target_id:
            raise InvalidInputError(
                f"Relation from {self.source_id!r} to itself; pick two different stakeholders.",
                reason="self_relation",
                field="target_id",
                value=self.target_id,
            )
        self.kind = check_choice(self.kind, RELATION_KINDS, "kind")
        weight = self.weight
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight <= 0:
            raise InvalidInputError(
                f"weight {weight!r} is not a positive number; use for example 1 (normal) or 2 (strong).",
                reason="bad_weight",
                field="weight",
                value=weight,
            )
        self.weight = float(weight)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Relation":
        return cls(**dataclass_from_dict(cls, data))


@dataclass
class Move:
    """One row of a stakeholder's history: where it was put, by whom, when.

    Workshops move stakeholders as they learn; the history shows the steering
    group how the picture changed (and undoes a slip of the finger).
    """

    stakeholder_id: str
    interest: int
    influence: int
    moved_by: str = ""
    at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        self.stakeholder_id = check_id(self.stakeholder_id, "stakeholder_id")
        self.interest = _check_score(self.interest, "interest")
        self.influence = _check_score(self.influence, "influence")
        self.moved_by = clean_text(self.moved_by, field="moved_by", max_length=MAX_NAME_LENGTH, required=False)

    def to_dict(self) -> dict:
        return dataclass_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Move":
        kwargs = dataclass_from_dict(cls, data)
        _parse_time(kwargs, "at")
        return cls(**kwargs)


def move(stakeholder: Stakeholder, *, interest: int, influence: int, moved_by: str = "") -> Move:
    """Move ``stakeholder`` (in place) and return the history row to store.

    Validates first, so a bad score leaves the stakeholder where it was.

    >>> s = Stakeholder("w1", "PPT", "oppvekst", 3, 2)
    >>> m = move(s, interest=5, influence=4, moved_by="ekspertgruppe 1")
    >>> (s.interest, s.influence, m.moved_by, quadrant(s))
    (5, 4, 'ekspertgruppe 1', 'nokkelspillere')
    """
    row = Move(stakeholder.id, interest, influence, moved_by)
    stakeholder.interest, stakeholder.influence = row.interest, row.influence
    return row


def replay(stakeholders: Sequence[Stakeholder], moves: Sequence[Move], step: int) -> list[Stakeholder]:
    """The map as it stood after the first ``step`` moves: to replay a group discussion.

    Stakeholders not yet placed by then are left out; the others stand where
    their latest move up to ``step`` put them. The originals are not changed.
    O(n + m).

    >>> ppt = Stakeholder("w1", "PPT", "oppvekst", 5, 5)
    >>> history = [Move(ppt.id, 2, 2, "gruppe 1"), Move(ppt.id, 5, 5, "gruppe 2")]
    >>> [(s.interest, s.influence) for s in replay([ppt], history, 1)]
    [(2, 2)]
    >>> replay([ppt], history, 0)
    []
    """
    place: dict[str, tuple[int, int]] = {}
    for row in moves[: max(step, 0)]:
        place[row.stakeholder_id] = (row.interest, row.influence)
    return [
        replace(item, interest=place[item.id][0], influence=place[item.id][1])
        for item in stakeholders
        if item.id in place
    ]


# --- Quadrants and strategies ----------------------------------------------------


def _scores(item: object) -> tuple[int, int]:
    if hasattr(item, "interest") and hasattr(item, "influence"):
        pair = (item.interest, item.influence)
    elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
        pair = tuple(item)
    else:
        raise InvalidInputError(
            f"{item!r} is neither a stakeholder nor an (interest, influence) pair.",
            reason="not_a_position",
            value=str(item),
        )
    return _check_score(pair[0], "interest"), _check_score(pair[1], "influence")


def quadrant(
    stakeholder_or_interest_influence: object, *, midline: float = 3, midline_high: bool = True
) -> str:
    """The quadrant key for a stakeholder or an ``(interest, influence)`` pair.

    On a 1-5 scale the middle score is ambiguous. The rule: a score above
    ``midline`` is high, below it is low, and a score *equal* to the midline is
    high when ``midline_high`` (the default: a 3 is worth involving rather than
    forgetting) and low otherwise. A fractional midline (2.5) has no ties.
    O(1).

    >>> quadrant((5, 5)), quadrant((1, 5)), quadrant((5, 1)), quadrant((1, 1))
    ('nokkelspillere', 'bor_tilfredsstilles', 'holdes_informert', 'minimal_innsats')
    >>> quadrant((3, 3)), quadrant((3, 3), midline_high=False)
    ('nokkelspillere', 'minimal_innsats')
    >>> quadrant((2, 4), midline=2, midline_high=False)
    'bor_tilfredsstilles'
    """
    interest, influence = _scores(stakeholder_or_interest_influence)

    def high(score: int) -> bool:
        return score > midline or (score == midline and midline_high)

    if high(influence):
        return "nokkelspillere" if high(interest) else "bor_tilfredsstilles"
    return "holdes_informert" if high(interest) else "minimal_innsats"


def strategy_for(
    stakeholder: Stakeholder, *, lang: str = DEFAULT_LANG, midline: float = 3, midline_high: bool = True
) -> str:
    """The stakeholder's own strategy, or the default for its quadrant.

    >>> media = Stakeholder("w1", "Lokalavisa", "media", 1, 2)
    >>> strategy_for(media).startswith("Kontaktes ved behov")
    True
    >>> media.strategy = "Pressemelding etter hver samskapingsdag."
    >>> strategy_for(media)
    'Pressemelding etter hver samskapingsdag.'
    """
    if stakeholder.strategy.strip():
        return stakeholder.strategy
    key = quadrant(stakeholder, midline=midline, midline_high=midline_high)
    return t(f"stakeholder.strategy.{key}", lang)


@dataclass(frozen=True)
class PlanRow:
    """One line of the involvement plan: how, how often and when a stakeholder takes part.

    ``quadrant`` and ``phase`` are keys (``""`` = all phases); the texts are the
    stakeholder's own or the quadrant's default, in the plan's language.
    """

    stakeholder_id: str
    name: str
    sector: str
    quadrant: str
    strategy: str
    channel: str
    frequency: str
    phase: str


def _own_or_default(own: str, kind: str, key: str, lang: str) -> str:
    return own if own.strip() else t(f"stakeholder.{kind}.{key}", lang)


def involvement_plan(stakeholders: Iterable[Stakeholder], *, lang: str = DEFAULT_LANG) -> list[PlanRow]:
    """The "samskapingsplan": one row per stakeholder, generated from the grid.

    Empty strategy, channel and frequency fall back to the quadrant's defaults
    in the municipalities' words (key players: expert group and working
    meetings, monthly; keep satisfied: status meeting every half year, as the
    seeds ask of politicians; keep informed: newsletter at milestones;
    monitor: when needed), so the plan is complete the moment the grid is.
    Rows are in quadrant order (:data:`QUADRANTS`), then by name. O(n log n).

    >>> nav = Stakeholder("w", "NAV", "nav", 2, 5)
    >>> ppt = Stakeholder("w", "PPT", "oppvekst", 5, 4, channel="Fagmøte", phase="innsikt")
    >>> for row in involvement_plan([nav, ppt]):
    ...     print(row.name, row.quadrant, row.channel, row.frequency, row.phase or "(alle faser)", sep=" | ")
    PPT | nokkelspillere | Fagmøte | månedlig | innsikt
    NAV | bor_tilfredsstilles | Statusmøte | hvert halvår | (alle faser)
    """
    rows = []
    for s in stakeholders:
        key = quadrant(s)
        rows.append(
            PlanRow(
                stakeholder_id=s.id,
                name=s.name,
                sector=s.sector,
                quadrant=key,
                strategy=strategy_for(s, lang=lang),
                channel=_own_or_default(s.channel, "channel", key, lang),
                frequency=_own_or_default(s.frequency, "frequency", key, lang),
                phase=s.phase,
            )
        )
    order = {key: i for i, key in enumerate(QUADRANTS)}
    return sorted(rows, key=lambda r: (order[r.quadrant], r.name.casefold(), r.name, r.stakeholder_id))


# --- The relation network -----------------------------------------------------------

#: When two relations join the same pair, the edge shows the most telling kind.
_KIND_PRIORITY = {"konflikt": 0, "rapporterer_til": 1, "samarbeider_med": 2, "informerer": 3}


def relation_graph(stakeholders: Iterable[Stakeholder], relations: Iterable[Relation]) -> nx.Graph:
    """An undirected graph: one node per stakeholder id, one edge per related pair.

    Node attributes: ``name``, ``sector``, ``interest``, ``influence``,
    ``quadrant``. Edge attributes: ``kind`` (a conflict wins over reporting,
    collaboration and informing when a pair has several relations), ``kinds``
    (all, in input order) and ``weight`` (summed). Nodes keep the input order,
    so layouts and communities are reproducible. O(n + r).

    >>> a, b = Stakeholder("w", "Skole", "oppvekst", 5, 4), Stakeholder("w", "PPT", "oppvekst", 4, 3)
    >>> g = relation_graph([a, b], [Relation("w", a.id, b.id), Relation("w", b.id, a.id, "konflikt")])
    >>> g.edges[a.id, b.id]["kind"], g.edges[a.id, b.id]["weight"]
    ('konflikt', 2.0)
    """
    graph = nx.Graph()
    for s in stakeholders:
        graph.add_node(
            s.id, name=s.name, sector=s.sector, interest=s.interest, influence=s.influence, quadrant=quadrant(s)
        )
    for r in relations:
        for end in (r.source_id, r.target_id):
            if end not in graph:
                raise InvalidInputError(
                    f"Relation {r.id!r} refers to stakeholder {end!r}, which is not in the list; "
                    "delete the relation or add the stakeholder.",
                    reason="unknown_stakeholder",
                    field="source_id" if end == r.source_id else "target_id",
                    value=end,
                )
        if graph.has_edge(r.source_id, r.target_id):
            data = graph.edges[r.source_id, r.target_id]
            data["kinds"] = (*data["kinds"], r.kind)
            data["weight"] += r.weight
            data["kind"] = min(data["kinds"], key=_KIND_PRIORITY.__getitem__)
        else:
            graph.add_edge(r.source_id, r.target_id, kind=r.kind, kinds=(r.kind,), weight=r.weight)
    return graph


def _name(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node].get("name", node)


def _order(graph: nx.Graph, node: str) -> tuple[str, str]:
    return (_name(graph, node).casefold(), node)


def brokers(graph: nx.Graph, top: int = 3) -> list[str]:
    """The ``top`` node ids that most often sit on the shortest path between others.

    A broker ("bindeledd") is where information passes between services, and
    where it is lost when that person is away: the seeds' "grenseflater".
    Uses betweenness centrality (unweighted: a tie counts, its strength does
    not); nodes with centrality 0 are never brokers. Ties are broken by name.
    O(n m) (Brandes).

    >>> g = nx.Graph([("skole", "ppt"), ("ppt", "barnevern")])
    >>> brokers(g)
    ['ppt']
    """
    centrality = nx.betweenness_centrality(graph)
    ranked = sorted(
        (node for node, value in centrality.items() if value > 1e-12),
        key=lambda node: (-centrality[node], *_order(graph, node)),
    )
    return ranked[: max(top, 0)]


def isolated(graph: nx.Graph) -> list[str]:
    """Node ids with no relations, sorted by name: who nobody talks to. O(n).

    >>> g = nx.Graph([("skole", "ppt")]); g.add_node("media")
    >>> isolated(g)
    ['media']
    """
    return sorted(nx.isolates(graph), key=lambda node: _order(graph, node))


def communities(graph: nx.Graph) -> list[list[str]]:
    """Groups of node ids that are tied more to each other than to the rest.

    Greedy modularity (Clauset-Newman-Moore, weighted). Each group is sorted by
    name; groups are sorted largest first, then by their first name, so the
    answer is the same every time for the same input. Isolated nodes come last
    as groups of one. O(m n log n) at worst; instant for a workshop's register.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> communities(g)
    [['a', 'b', 'c'], ['x', 'y']]
    """
    if graph.number_of_nodes() == 0:
        return []
    if graph.number_of_edges() == 0:
        groups = [[node] for node in graph]
    else:
        found = nx.community.greedy_modularity_communities(graph, weight="weight")
        groups = [sorted(group, key=lambda node: _order(graph, node)) for group in found]
    return sorted(groups, key=lambda group: (-len(group), *_order(graph, group[0])))


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('stakeholder.summary.and', lang)} {names[-1]}"


def _bridged(graph: nx.Graph, node: str, limit: int = 3) -> list[str]:
    """Neighbours of ``node`` that it links: one per part the graph falls into without it.

    When ``node`` is not a cut vertex, neighbours that are not tied to each other.
    Best-connected neighbours first, then in input order.
    """
    position = {n: i for i, n in enumerate(graph)}  # the coordinator's order reads best
    neighbours = sorted(graph.neighbors(node), key=lambda n: (-graph.degree(n), position[n]))
    rest = graph.subgraph(n for n in graph if n != node)
    picked: list[str] = []
    seen_parts: list[set] = []
    for n in neighbours:
        if not any(n in part for part in seen_parts):
            seen_parts.append(nx.node_connected_component(rest, n))
            picked.append(n)
    if len(picked) < 2:
        picked = []
        for n in neighbours:
            if all(not graph.has_edge(n, p) for p in picked):
                picked.append(n)
    return picked[:limit]


def network_summary(
    stakeholders: Iterable[Stakeholder], relations: Iterable[Relation], lang: str = DEFAULT_LANG
) -> list[str]:
    """Plain-language sentences about the network, for the report and the page.

    Brokers first (who links whom), then conflicts, then close-knit groups
    (only when there is more than one), then who has no relations. O(n m).

    >>> skole, ppt, bv, media = (Stakeholder("w", n, "oppvekst", 4, 4) for n in ("Skole", "PPT", "Barnevern", "Media"))
    >>> rels = [Relation("w", skole.id, ppt.id), Relation("w", ppt.id, bv.id)]
    >>> network_summary([skole, ppt, bv, media], rels)
    ['PPT er bindeledd mellom Skole og Barnevern.', 'Media har ingen relasjoner.']
    >>> network_summary([skole, ppt, bv, media], rels, lang="en")[-1]
    'Media has no relations.'
    """
    def text(key: str, **params: object) -> str:
        return t(f"stakeholder.summary.{key}", lang, **params)

    stakeholders, relations = list(stakeholders), list(relations)
    if not stakeholders:
        return [text("no_stakeholders")]
    graph = relation_graph(stakeholders, relations)
    if graph.number_of_edges() == 0:
        return [text("no_relations")]
    sentences = []
    for node in brokers(graph):
        others = [_name(graph, n) for n in _bridged(graph, node)]
        if len(others) >= 2:
            sentences.append(text("broker", name=_name(graph, node), others=_join(others, lang)))
    conflicts = sorted(
        sorted((_name(graph, u), _name(graph, v)), key=str.casefold)
        for u, v, kind in graph.edges(data="kind")
        if kind == "konflikt"
    )
    sentences += [text("conflict", a=a, b=b) for a, b in conflicts]
    groups = [group for group in communities(graph) if len(group) >= 2]
    if len(groups) >= 2:
        sentences += [text("community", names=_join([_name(graph, n) for n in g], lang)) for g in groups]
    alone = [_name(graph, n) for n in isolated(graph)]
    if alone:
        key = "isolated_one" if len(alone) == 1 else "isolated_many"
        sentences.append(text(key, names=_join(alone, lang)))
    return sentences


# --- Import from a spreadsheet table ---------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an imported file.

    ``row`` counts like a spreadsheet: the header is row 1, the first
    stakeholder row 2 (problems with the header or the whole file use the
    header's row). ``field`` is the English field name (``"interest"``),
    ``reason`` the end of its catalogue key ``stakeholder.import.<reason>``,
    ``value`` the text as found in the file (shortened when long), or the file
    name when the file itself cannot be read.
    """

    row: int
    field: str
    reason: str
    value: str = ""


@dataclass
class ImportResult:
    """What an import produced: the rows that were good, and every problem found."""

    stakeholders: list[Stakeholder]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("navn", "name", "interessent", "interessenter", "stakeholder", "hvem", "gruppe", "aktor"),
    "sector": ("sektor", "sector", "omrade", "tjenesteomrade"),
    "interest": ("interesse", "interest"),
    "influence": ("innflytelse", "pavirkning", "makt", "influence", "power"),
    # Our own exports carry the quadrant; it follows from the scores, so it is recognised and not read.
    "quadrant": ("kvadrant", "quadrant"),
    "affected": ("berores", "hvordan berores", "affected", "how affected", "impact"),
    "strategy": ("strategi", "strategy", "involvering", "involveringsstrategi"),
    "justification": ("begrunnelse", "justification", "hvorfor", "why"),
    "contact_role": ("kontakt", "kontaktrolle", "contact", "contact role"),
    "notes": ("notater", "notat", "merknad", "merknader", "kommentar", "notes", "note", "comments"),
    "channel": ("kanal", "kanaler", "channel", "channels"),
    "frequency": ("hyppighet", "frekvens", "hvor ofte", "frequency", "how often"),
    "phase": ("fase", "faser", "phase", "phases"),
}
_HEADER_LOOKUP = {syn: key for key, syns in _HEADER_SYNONYMS.items() for syn in syns}
# Long seed headers ("Hvordan berøres av / påvirker endringen", "Strategi for
# involvering, dialog og opplæring") are matched on how they start; the order
# matters ("berøres ... påvirker" is about being affected, not influence).
_HEADER_PREFIXES = (
    ("hvordan berores", "affected"),
    ("berores", "affected"),
    ("how affected", "affected"),
    ("strategi", "strategy"),
    ("strategy", "strategy"),
    ("begrunnelse", "justification"),
    ("kontakt", "contact_role"),
    ("contact", "contact_role"),
    ("merknad", "notes"),
    ("kanal", "channel"),
    ("hyppighet", "frequency"),
    ("frekvens", "frequency"),
    ("interessent", "name"),
    ("interesse", "interest"),
    ("interest", "interest"),
    ("innflytelse", "influence"),
    ("pavirkning", "influence"),
    ("influence", "influence"),
)
#: Without these columns no row can be read.
_REQUIRED_FIELDS = ("name", "interest", "influence")

_SECTOR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "oppvekst": ("oppvekst", "oppvekst og utdanning", "utdanning", "education"),
    "helse": ("helse", "helse og omsorg", "health"),
    "nav": ("nav",),
    "frivillighet": (
        "frivillighet", "frivilligheten", "frivillig", "frivillige", "frivillig sektor", "voluntary", "volunteers",
    ),
    "politikk": ("politikk", "politikere", "politiker", "politisk", "politics", "politicians"),
    "brukere": ("brukere", "bruker", "brukerne", "innbyggere", "users", "service users"),
    "media": ("media", "medier", "presse", "press"),
    "annet": ("annet", "andre", "other"),
}
_SECTOR_LOOKUP = {
    **{fold(t(f"sector.{s}", lang)): s for s in SECTORS for lang in CATALOGUE},
    **{syn: key for key, syns in _SECTOR_SYNONYMS.items() for syn in syns},
}
_PHASE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "innsikt": ("innsikt", "innsiktsfase", "innsiktsfasen", "insight"),
    "ide": ("ide", "ideer", "idefase", "idefasen", "idea", "ideas"),
    "utforming": (
        "utforming", "utproving", "utformingsfasen", "utprovingsfasen", "utformings og utprovingsfasen",
        "design", "trial", "design and trial",
    ),
    "implementering": ("implementering", "implementeringsfasen", "implementation"),
    "": ("alle", "alle faser", "all", "all phases"),
}
_PHASE_LOOKUP = {
    **{fold(t(f"phase.{p}", lang)): p for p in PHASES for lang in CATALOGUE},
    **{syn: key for key, syns in _PHASE_SYNONYMS.items() for syn in syns},
}
#: The quadrants' default strategies in every language: an export writes them
#: out, and reading one back must leave "use the default" (``""``), not freeze it.
_DEFAULT_STRATEGIES = frozenset(
    texts[f"stakeholder.strategy.{q}"] for texts in CATALOGUE.values() for q in QUADRANTS
)
#: clean_text's reasons, as import problems.
_ROW_REASONS = {"empty": "missing_name"}


def _header_key(header: str) -> str | None:
    folded = fold(header)
    if folded in _HEADER_LOOKUP:
        return _HEADER_LOOKUP[folded]
    for prefix, key in _HEADER_PREFIXES:
        if folded.startswith(prefix):
            return key
    return None


def _parse_score(raw: str, field: str, row: int) -> int | Problem:
    text = raw.strip()
    if not text:
        return Problem(row, field, "missing_value", "")
    try:
        number = float(text.replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return Problem(row, field, "not_a_number", shown(text))
    if not math.isfinite(number):
        return Problem(row, field, "not_a_number", shown(text))
    if not number.is_integer():
        return Problem(row, field, "not_a_whole_number", shown(text))
    if not SCORE_MIN <= number <= SCORE_MAX:
        return Problem(row, field, "out_of_range", shown(text))
    return int(number)


def _map_headers(headers: Iterable[str]) -> tuple[dict[str, str], list[Problem]]:
    """Map file headers to field names; report unknown and repeated ones (row 1)."""
    mapping: dict[str, str] = {}
    problems = []
    for header in headers:
        if header is None or not header.strip():
            continue
        key = _header_key(header)
        if key is None:
            problems.append(Problem(1, "", "unknown_column", shown(header)))
        elif key in mapping.values():
            problems.append(Problem(1, key, "duplicate_column", shown(header)))
        else:
            mapping[header] = key
    return mapping, problems


def _parse_row(cells: dict[str, str], row: int, workshop_id: str) -> Stakeholder | list[Problem]:
    """One data row (field -> text) as a stakeholder, or every problem it has."""
    found: list[Problem] = []
    values: dict[str, object] = {}
    name = cells["name"].strip()
    if not name:
        found.append(Problem(row, "name", "missing_name", ""))
    elif len(name) > MAX_NAME_LENGTH:
        found.append(Problem(row, "name", "too_long", shown(name)))
    for key in ("interest", "influence"):
        score = _parse_score(cells[key], key, row)
        if isinstance(score, Problem):
            found.append(score)
        else:
            values[key] = score
    sector_text = cells.get("sector", "").strip()
    sector = _SECTOR_LOOKUP.get(fold(sector_text)) if sector_text else "annet"
    if sector is None:
        found.append(Problem(row, "sector", "unknown_sector", shown(sector_text)))
    phase_text = cells.get("phase", "").strip()
    phase = _PHASE_LOOKUP.get(fold(phase_text)) if phase_text else ""
    if phase is None:
        found.append(Problem(row, "phase", "unknown_phase", shown(phase_text)))
    for key in TEXT_FIELDS:
        if len(cells.get(key, "").strip()) > MAX_NOTE_LENGTH:
            found.append(Problem(row, key, "too_long", shown(cells[key])))
    if found:
        return found
    try:
        stakeholder = Stakeholder(
            workshop_id,
            name,
            sector,
            values["interest"],
            values["influence"],
            phase=phase,
            **{key: cells.get(key, "") for key in TEXT_FIELDS},
        )
    except InvalidInputError as exc:  # e.g. a name of only control characters
        field_name = str(exc.params.get("field", ""))
        return [Problem(row, field_name, _ROW_REASONS.get(exc.reason, exc.reason), shown(name))]
    if stakeholder.strategy in _DEFAULT_STRATEGIES:
        stakeholder.strategy = ""
    return stakeholder


def parse_stakeholder_rows(rows: list[dict[str, object]], workshop_id: str) -> ImportResult:
    """Turn spreadsheet rows into stakeholders, keeping the good and reporting the bad.

    ``rows`` are dicts from header to cell (as :class:`csv.DictReader` gives
    them; rows that are entirely empty are skipped but still counted, so row
    numbers match the spreadsheet). Headers may be Norwegian or English with
    synonyms (see ``_HEADER_SYNONYMS``); an empty sector means "annet", an
    empty phase "all phases". A strategy that is word for word a quadrant's
    default is read as "use the default", so an exported register re-imports
    unchanged. A row with any problem is left out and each of its problems is
    reported. O(rows x columns).

    >>> result = parse_stakeholder_rows(
    ...     [{"Navn": "PPT", "Sektor": "Oppvekst", "Interesse": "4", "Påvirkning": "3"},
    ...      {"Navn": "Ungdomsrådet", "Sektor": "", "Interesse": "7", "Påvirkning": "2"}], "w1")
    >>> [(s.name, s.sector, s.interest, s.influence) for s in result.stakeholders]
    [('PPT', 'oppvekst', 4, 3)]
    >>> result.problems
    [Problem(row=3, field='interest', reason='out_of_range', value='7')]
    """
    headers: list[str] = []
    for row in rows:
        headers += [h for h in row if h not in headers and h is not None]
    if not rows or not headers:
        return ImportResult([], [Problem(1, "", "empty_file", "")])
    mapping, problems = _map_headers(headers)
    missing = [key for key in _REQUIRED_FIELDS if key not in mapping.values()]
    if missing:
        problems += [Problem(1, key, "missing_column", "") for key in missing]
        return ImportResult([], problems)
    column = {key: header for header, key in mapping.items()}

    stakeholders = []
    filled = 0
    for index, raw in enumerate(rows[:MAX_IMPORT_ROWS]):
        if not any(cell_text(value).strip() for value in raw.values()):
            continue
        filled += 1
        cells = {key: unguard(cell_text(raw.get(header))) for key, header in column.items()}
        parsed = _parse_row(cells, index + 2, workshop_id)
        if isinstance(parsed, Stakeholder):
            stakeholders.append(parsed)
        else:
            problems += parsed
    if not filled:
        problems.append(Problem(1, "", "empty_file", ""))
    if len(rows) > MAX_IMPORT_ROWS:
        problems.append(Problem(MAX_IMPORT_ROWS + 2, "", "too_many_rows", str(len(rows))))
    return ImportResult(stakeholders, problems)


def parse_stakeholder_table(records: Iterable[Sequence[object]], workshop_id: str) -> ImportResult:
    """Rows of cells, as a CSV file or a worksheet holds them, to stakeholders.

    What CSV and Excel files share: the header is the first row that is not
    empty, and the empty rows above it still count, so every row number is the
    one the spreadsheet shows; a header written twice keeps its first column
    (the rest are reported); cells may be numbers (``4.0``) or ``None``. Then
    :func:`parse_stakeholder_rows`. O(rows x columns).

    >>> table = [[], ["Navn", "Interesse", "Innflytelse"], ["NAV", 4.0, 5], ["PPT", 6, None]]
    >>> result = parse_stakeholder_table(table, "w1")
    >>> [(s.name, s.interest) for s in result.stakeholders]
    [('NAV', 4)]
    >>> [(p.row, p.field, p.reason) for p in result.problems]
    [(4, 'interest', 'out_of_range'), (4, 'influence', 'missing_value')]
    """
    table = [[cell_text(value) for value in record] for record in records]
    start = next((i for i, record in enumerate(table) if any(cell.strip() for cell in record)), None)
    if start is None:
        return ImportResult([], [Problem(1, "", "empty_file", "")])
    header = [cell.strip() for cell in table[start]]
    # Rows become dicts, so a header written twice would silently lose a column: keep the first.
    keep, repeated = [], []
    for i, name in enumerate(header):
        if name and name in header[:i]:
            repeated.append(Problem(1, _header_key(name) or "", "duplicate_column", shown(name)))
        else:
            keep.append(i)
    rows = [{header[i]: (record[i] if i < len(record) else "") for i in keep} for record in table[start + 1 :]]
    result = parse_stakeholder_rows(rows, workshop_id)
    problems = [p for p in result.problems if p.row == 1] + repeated + [p for p in result.problems if p.row > 1]
    # Shift row numbers by any empty rows above the header.
    result.problems[:] = [Problem(p.row + start, p.field, p.reason, p.value) for p in problems]
    return result


# --- CSV --------------------------------------------------------------------------------


def read_stakeholder_csv(data: bytes | str, workshop_id: str) -> ImportResult:
    """Read a stakeholder list saved from a spreadsheet as CSV.

    Accepts comma, semicolon or tab separators and UTF-8 (BOM or not), UTF-16
    or cp1252 text, because that is what Excel and LibreOffice in Norway
    produce. An Excel workbook itself is refused with a problem that says how
    to save it as CSV (:func:`samskaping.stakeholder_io.read_stakeholder_file`
    reads workbooks). O(size of the file).

    >>> data = "Navn;Sektor;Interesse;Innflytelse\\nHelsestasjon;Helse;5;4\\n".encode("cp1252")
    >>> [s.name for s in read_stakeholder_csv(data, "w1").stakeholders]
    ['Helsestasjon']
    """
    records = csv_records(data)
    if records is None:  # a workbook, a binary file or a cell over the csv module's limit: not a register
        return ImportResult([], [Problem(1, "", "not_csv", "")])
    return parse_stakeholder_table(records, workshop_id)


def describe(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """The sentence to show a person for an import problem (``stakeholder.import.<reason>``).

    >>> describe(Problem(4, "interest", "out_of_range", "7"))
    'Rad 4: interesse 7 er utenfor 1–5. Skriv et helt tall fra 1 til 5.'
    >>> describe(Problem(3, "name", "missing_name"), "en")
    'Row 3: the name is missing. Write who the stakeholder is (group, organisation or role).'
    """
    key = f"stakeholder.import.{problem.reason}"
    if key not in CATALOGUE[DEFAULT_LANG]:
        return f"{problem.row}: {problem.field} {problem.reason} {problem.value}".strip()
    field_label = label(f"stakeholder.field.{problem.field}", lang) if problem.field else ""
    if problem.reason == "too_many_rows":
        max_length = MAX_IMPORT_ROWS
    else:
        max_length = MAX_NAME_LENGTH if problem.field == "name" else MAX_NOTE_LENGTH
    if problem.field == "phase":
        choices = [label(f"phase.{p}", lang) for p in PHASES]
    else:
        choices = [label(f"sector.{s}", lang) for s in SECTORS]
    return t(
        key,
        lang,
        row=problem.row,
        field=field_label,
        value=problem.value,
        header=field_label.capitalize(),
        choices=", ".join(choices),
        max=max_length,
    )
