"""`newsgraph network`: the co-mention or actor-to-actor network of the
knowledge base as GraphML or GEXF, for Gephi or networkx."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from newsgraph.cli.kb import knowledge_base
from newsgraph.cli.options import DbOpt, SinceOpt, UntilOpt


class NetworkWhat(StrEnum):
    comentions = "comentions"
    events = "events"


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"


def network(
    what: Annotated[
        NetworkWhat,
        typer.Option(
            "--what",
            help="comentions: entities linked by shared articles; events: actors linked by events.",
        ),
    ] = NetworkWhat.comentions,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="graphml or gexf.")] = (
        GraphFormat.graphml
    ),
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write; - for standard output.")
    ] = "-",
    source: Annotated[
        str | None, typer.Option("--source", help="events: source code prefix or entity.")
    ] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="events: target code prefix or entity.")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="events: a PLOVER type.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
) -> None:
    """Write the co-mention network (the 500 most mentioned entities, linked
    when they share two articles or more, weight = shared articles) or the
    actor-to-actor event network (directed, weight = events, filtered like
    `newsgraph events`) as GraphML or GEXF."""
    from newsgraph.store.read import network as build
    from newsgraph.store.read import write_graph

    filters = (
        {"source": source, "target": target, "type": type, "since": since, "until": until}
        if what is NetworkWhat.events
        else {}
    )
    with knowledge_base(db) as engine:
        graph = build(engine, what.value, **filters)
        if output == "-":
            write_graph(graph, format.value, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            with open(output, "wb") as out:
                write_graph(graph, format.value, out)
    if output != "-":
        typer.echo(
            f"newsgraph: network: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} edges to {output}",
            err=True,
        )
