"""The knowledge base's networks as graphs for other tools (Gephi,
networkx): entities linked by the articles they share (co-mentions,
precomputed at ingest) and actors linked by the events between them
(directed), written as GraphML or GEXF by networkx."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import IO, Any, Literal

from sqlalchemy import Engine, func, select

from newsgraph.errors import QueryError
from newsgraph.store.read.common import DateBound
from newsgraph.store.read.listing import events
from newsgraph.store.schema import CoMentionCount, EntityMonthRow, EntityRow

NetworkKind = Literal["comentions", "events"]
NETWORKS: tuple[NetworkKind, ...] = ("comentions", "events")
GRAPH_FORMATS = ("graphml", "gexf")
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


def co_mention_graph(engine: Engine, *, min_shared: int = 2, limit: int = 500) -> Any:
    """Entities as nodes (``label`` name, ``type``, ``country``, ``code``,
    ``mentions``), an edge between two when they share at least
    ``min_shared`` articles (``weight``: how many); the ``limit`` most
    mentioned entities only."""
    import networkx as nx

    graph = nx.Graph()
    mentions = func.sum(EntityMonthRow.mentions).label("mentions")
    with engine.connect() as connection:
        top = connection.execute(
            select(
                EntityRow.id,
                EntityRow.name,
                EntityRow.type,
                EntityRow.country,
                EntityRow.code,
                mentions,
            )
            .join(EntityMonthRow, EntityMonthRow.entity_id == EntityRow.id)
            .group_by(
                EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.country, EntityRow.code
            )
            .order_by(mentions.desc(), EntityRow.id)
            .limit(max(0, limit))
        ).all()
        for row in top:
            graph.add_node(
                row.id,
                label=row.name,
                type=row.type,
                country=row.country or "",
                code=row.code or "",
                mentions=int(row.mentions or 0),
            )
        ids = [row.id for row in top]
        if ids:
            for a, b, shared in connection.execute(
                select(CoMentionCount.entity_id, CoMentionCount.other_id, CoMentionCount.shared)
                .where(
                    CoMentionCount.entity_id.in_(ids),
                    CoMentionCount.other_id.in_(ids),
                    CoMentionCount.entity_id < CoMentionCount.other_id,
                    CoMentionCount.shared >= max(1, min_shared),
                )
                .order_by(CoMentionCount.entity_id, CoMentionCount.other_id)
            ):
                graph.add_edge(a, b, weight=int(shared))
    return graph


def event_graph(
    engine: Engine,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: DateBound = None,
    until: DateBound = None,
) -> Any:
    """Actors (their codes, else their names) as nodes, a directed edge from
    source to target for the events between them (``weight``: how many,
    ``types``: "TYPE:n" pairs, most first), filtered as ``events``."""
    import networkx as nx

    graph = nx.DiGraph()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    edges: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for event in events(engine, source=source, target=target, type=type, since=since, until=until):
        ends = []
        for code, name in (
            (event.source_code, event.source_name),
            (event.target_code, event.target_name),
        ):
            key = code or name
            if not key:
                break
            names[key][name or code or key] += 1
            ends.append(key)
        if len(ends) == 2:
            edges[(ends[0], ends[1])][event.type] += 1
    for key, counts in sorted(names.items()):
        graph.add_node(key, label=counts.most_common(1)[0][0], events=sum(counts.values()))
    for (a, b), types in sorted(edges.items()):
        graph.add_edge(
            a,
            b,
            weight=sum(types.values()),
            types="; ".join(f"{t}:{n}" for t, n in types.most_common()),
        )
    return graph


def network(engine: Engine, what: str, **filters: Any) -> Any:
    """The network ``what`` (comentions or events) as a networkx graph."""
    if what == "comentions":
        return co_mention_graph(engine)
    if what == "events":
        return event_graph(engine, **filters)
    raise QueryError(f"{what!r}: not a network (comentions or events)")


def write_graph(graph: Any, fmt: str, out: IO[bytes]) -> None:
    """Write ``graph`` as GraphML or GEXF (UTF-8) to a binary stream."""
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, out, encoding="utf-8")
    else:
        raise QueryError(f"{fmt!r}: not a graph format (graphml or gexf)")
