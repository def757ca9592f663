"""The relation network: who links the services together, who is left out.

Relations between stakeholders form a graph (networkx) that shows brokers (who
connects otherwise separate groups), isolated stakeholders and communities that
already work closely; :func:`network_summary` says it in plain sentences.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from samskaping.core.exceptions import InvalidInputError
from samskaping.core.i18n import DEFAULT_LANG, t
from samskaping.stakeholders.analysis import quadrant
from samskaping.stakeholders.model import Relation, Stakeholder

__all__ = ["relation_graph", "brokers", "isolated", "communities", "network_summary"]

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
