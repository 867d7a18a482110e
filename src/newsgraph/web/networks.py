"""The two networks of the pages, with fixed layouts (same data, same
picture), drawn by the templates as inline SVG: an entity and the entities
mentioned with it (the entity in the middle, the others on a ring), and
actors (country-level codes) linked by the events between them (on a ring,
the busiest first)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.store.read import EventItem
from newsgraph.web.charts import type_legend
from newsgraph.web.colours import type_colour, type_order

_COUNTRY = re.compile(r"^[A-Z]{3}")


@dataclass
class Node:
    x: float
    y: float
    r: float
    label: str
    href: str | None
    title: str
    css: str  # a class from static/style.css
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "middle"


@dataclass
class Edge:
    path: str
    width: float
    colour: str
    title: str
    marker: str | None = None  # id of an arrowhead in the chart's <defs>
    faint: bool = False


@dataclass
class Network:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    legend: list[tuple[str, str]] = field(default_factory=list)
    markers: list[tuple[str, str]] = field(default_factory=list)  # id, colour
    left_out: int = 0


def _ring(count: int, cx: float, cy: float, radius: float) -> list[tuple[float, float, float]]:
    """Points evenly on a circle from the top (two: from the left),
    clockwise: (x, y, angle)."""
    points = []
    start = math.pi if count == 2 else -math.pi / 2  # two: side by side
    for i in range(count):
        angle = start + 2 * math.pi * i / max(1, count)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    return points


def _spread(count: int) -> list[int]:
    """Ring positions for items in order of importance, spread round the
    ring (the busiest actors apart, so their arrows do not pile up): every
    ``step``-th place, ``step`` about 0.38 of the ring and prime to it."""
    if count < 4:
        return list(range(count))
    step = max(1, round(count * 0.38))
    while math.gcd(step, count) != 1:
        step += 1
    return [(k * step) % count for k in range(count)]


def _label_outside(node: Node, angle: float, gap: float = 6) -> None:
    cos, sin = math.cos(angle), math.sin(angle)
    node.label_x = round(node.x + (node.r + gap) * cos, 1)
    node.label_y = round(node.y + (node.r + gap) * sin + 4 + (8 * sin if abs(cos) < 0.3 else 0), 1)
    node.anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"


def co_mention_network(
    focus: tuple[int, str, str],
    others: Sequence[tuple[int, str, str, int]],
    pairs: dict[tuple[int, int], int],
    *,
    width: int = 560,
    height: int = 400,
) -> Network | None:
    """``focus`` (id, name, type) in the middle, ``others`` (id, name, type,
    shared articles) on a ring, lines as thick as the articles shared; thin
    lines join the others that share articles (``pairs``)."""
    if not others:
        return None
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 56
    most = max(o[3] for o in others) or 1
    centre = Node(
        round(cx, 1),
        round(cy, 1),
        16,
        focus[1],
        None,
        focus[1],
        "node-focus " + _type_class(focus[2]),
    )
    centre.label_x, centre.label_y = centre.x, round(cy + 16 + 16, 1)
    nodes: list[Node] = []
    edges: list[Edge] = []
    placed: dict[int, Node] = {}
    for (x, y, angle), (entity_id, name, kind, shared) in zip(
        _ring(len(others), cx, cy, radius), others, strict=False
    ):
        node = Node(
            round(x, 1),
            round(y, 1),
            round(6 + 6 * shared / most, 1),
            name,
            f"/entities/{entity_id}",
            f"{name} ({kind}): {shared} article{'s' if shared != 1 else ''} with {focus[1]}",
            _type_class(kind),
        )
        _label_outside(node, angle)
        placed[entity_id] = node
        nodes.append(node)
    ids = list(placed)
    strongest = max((n for (a, b), n in pairs.items() if a in placed and b in placed), default=1)
    for (a, b), n in sorted(pairs.items()):
        if a in placed and b in placed:
            one, two = placed[a], placed[b]
            edges.append(
                Edge(
                    f"M{one.x},{one.y} L{two.x},{two.y}",
                    round(0.6 + 1.4 * n / strongest, 2),
                    "#b8c2cc",
                    f"{one.label} and {two.label}: {n} shared article{'s' if n != 1 else ''}",
                    faint=True,
                )
            )
    for entity_id in ids:
        node = placed[entity_id]
        shared = next(o[3] for o in others if o[0] == entity_id)
        edges.append(
            Edge(
                f"M{centre.x},{centre.y} L{node.x},{node.y}",
                round(1 + 5 * shared / most, 2),
                "#4a6fa5",
                node.title,
            )
        )
    return Network(width, height, [*nodes, centre], edges)


def _type_class(entity_type: str) -> str:
    return "node-" + (re.sub(r"[^a-z]", "", entity_type.lower()) or "other")


MAX_LOOPS = 4


def _loop(
    node: Node,
    centre: tuple[float, float],
    k: int,
    stroke: float,
    colour: str,
    title: str,
    marker: str,
) -> Edge:
    """A loop from a node to itself, pointing away from the ring's centre
    (the ``k``-th loop a little larger than the one before)."""
    angle = (
        math.atan2(node.y - centre[1], node.x - centre[0])
        if (node.x, node.y) != centre
        else -math.pi / 2
    )
    reach = node.r + 22 + 7 * k
    spread = 0.55 + 0.08 * k

    def point(theta: float, distance: float) -> str:
        x, y = node.x + distance * math.cos(theta), node.y + distance * math.sin(theta)
        return f"{round(x, 1)},{round(y, 1)}"

    path = (
        f"M{point(angle - 0.35, node.r)} C{point(angle - spread, reach + 8)}"
        f" {point(angle + spread, reach + 8)} {point(angle + 0.35, node.r + 3)}"
    )
    return Edge(path, min(stroke, 3.5), colour, title, marker)


def country(code: Any) -> str | None:
    """The country-level part of an actor code (IRNGOV -> IRN), or None."""
    if not isinstance(code, str):
        return None
    found = _COUNTRY.match(code.strip().upper())
    return found.group(0) if found else None


def actor_network(
    events: Sequence[EventItem],
    *,
    link: Callable[[str], str],
    width: int = 560,
    height: int = 440,
    max_nodes: int = 16,
) -> Network | None:
    """Country-level actors (the first three letters of the codes) on a
    ring, the busiest first, and an arrow per source, target and PLOVER
    type, coloured by type and as thick as its number of events. Events
    without two country codes, or between actors beyond the ``max_nodes``
    busiest, are left out (counted in ``left_out``)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    left_out = 0
    for event in events:
        source, target = country(event.source_code), country(event.target_code)
        if source is None or target is None:
            left_out += 1
            continue
        counts[(source, target, str(event.type or ""))] += 1
    if not counts:
        return None
    degree: Counter[str] = Counter()
    for (source, target, _), n in counts.items():
        degree[source] += n
        degree[target] += n
    kept = [code for code, _ in sorted(degree.items(), key=lambda item: (-item[1], item[0]))][
        :max_nodes
    ]
    if len(kept) <= 4:
        height = min(height, 240 if len(kept) <= 2 else 360)
    cx, cy = width / 2, height / 2
    loops = {source for source, target, _ in counts if source == target and source in kept}
    margin = 60 + (28 if loops else 0)
    radius = min(width, height) / 2 - margin if len(kept) > 1 else 0
    busiest = max(degree[c] for c in kept)
    nodes: dict[str, Node] = {}
    ring = _ring(len(kept), cx, cy, radius)
    for position, code in zip(_spread(len(kept)), kept, strict=False):
        x, y, angle = ring[position]
        node = Node(
            round(x, 1),
            round(y, 1),
            round(9 + 9 * math.sqrt(degree[code] / busiest), 1),
            code,
            link(code),
            f"{code}: {degree[code]} event{'s' if degree[code] != 1 else ''}",
            "node-actor",
        )
        gap = 6 + (30 if code in loops and len(kept) > 1 else 0)
        _label_outside(node, angle if len(kept) > 1 else math.pi / 2, gap)
        nodes[code] = node
    pair_edges: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in sorted(
        counts, key=lambda k: (k[0], k[1], -counts[k] if k[0] == k[1] else 0, type_order(k[2]))
    ):
        source, target, _ = key
        if source not in nodes or target not in nodes:
            left_out += counts[key]
            continue
        pair_edges[tuple(sorted((source, target)))].append(key)  # type: ignore[index]
    most = max(counts.values())
    types = sorted({k[2] for keys in pair_edges.values() for k in keys}, key=type_order)
    marker_ids = {t: f"arrow-{i}" for i, t in enumerate(types)}
    edges: list[Edge] = []
    for (a, b), keys in sorted(pair_edges.items()):
        for k, (source, target, kind) in enumerate(keys):
            n = counts[(source, target, kind)]
            one, two = nodes[source], nodes[target]
            title = f"{source} → {target}: {kind} × {n}"
            stroke = round(1.5 + 4.5 * n / most, 2)
            if source == target:
                if k >= MAX_LOOPS:
                    left_out += n
                    continue
                edges.append(
                    _loop(one, (cx, cy), k, stroke, type_colour(kind), title, marker_ids[kind])
                )
                continue
            # a fixed side for each edge of the pair: offsets around the straight line
            first, second = nodes[a], nodes[b]
            dx, dy = second.x - first.x, second.y - first.y
            length = math.hypot(dx, dy) or 1
            nx, ny = -dy / length, dx / length
            offset = (k - (len(keys) - 1) / 2) * 34
            mx = (one.x + two.x) / 2 + nx * offset
            my = (one.y + two.y) / 2 + ny * offset
            # end on the target's rim, coming from the control point
            ex, ey = two.x - mx, two.y - my
            back = math.hypot(ex, ey) or 1
            end_x = two.x - ex / back * (two.r + 3)
            end_y = two.y - ey / back * (two.r + 3)
            control = f"{round(mx, 1)},{round(my, 1)}"
            path = f"M{one.x},{one.y} Q{control} {round(end_x, 1)},{round(end_y, 1)}"
            edges.append(Edge(path, stroke, type_colour(kind), title, marker_ids[kind]))
    legend = type_legend(types)
    return Network(
        width,
        height,
        list(nodes.values()),
        edges,
        legend=legend,
        markers=[(marker_ids[t], type_colour(t)) for t in types],
        left_out=left_out,
    )
