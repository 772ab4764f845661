"""An actor's relations as a small graph the actor template draws as SVG: the actor in the middle,
each actor it is related to on a ring around it, one arrow a (subject, predicate, object) with the
predicate as its label and how many documents' sentences say it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 640.0, 380.0
RING = (215.0, 140.0)
#: The most neighbours drawn (the most often related first).
MOST = 16


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    x: float
    y: float
    centre: bool


@dataclass(frozen=True, slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    title: str


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    width: float = WIDTH
    height: float = HEIGHT


def relation_graph(actor_id: str, actor_name: str, relations: Iterable[Mapping[str, Any]]) -> Graph:
    """The graph of ``relations`` around ``actor_id`` (those not naming it are left out)."""
    said: dict[tuple[str, str, str], int] = {}
    names: dict[str, str] = {actor_id: actor_name}
    for relation in relations:
        subject, obj, predicate = relation.get("subject"), relation.get("object"), relation.get("predicate")
        if not subject or not obj or not predicate or actor_id not in (subject, obj) or subject == obj:
            continue
        key = (str(subject), str(predicate), str(obj))
        said[key] = said.get(key, 0) + 1
        names.setdefault(str(subject), str(relation.get("subject_text") or subject))
        names.setdefault(str(obj), str(relation.get("object_text") or obj))
    weight: dict[str, int] = {}
    for (subject, _, obj), n in said.items():
        other = obj if subject == actor_id else subject
        weight[other] = weight.get(other, 0) + n
    others = sorted(weight, key=lambda o: (-weight[o], o))[:MOST]
    cx, cy = WIDTH / 2, HEIGHT / 2
    place = {actor_id: (cx, cy)}
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        place[other] = (round(cx + RING[0] * math.cos(angle), 1), round(cy + RING[1] * math.sin(angle), 1))
    nodes = [Node(node, names[node], *place[node], node == actor_id) for node in [actor_id, *others]]
    edges = []
    for (subject, predicate, obj), n in sorted(said.items()):
        if subject not in place or obj not in place:
            continue
        (x1, y1), (x2, y2) = _shorten(place[subject], place[obj], 34.0)
        times = f" ({n} sentences)" if n > 1 else ""
        edges.append(Edge(x1, y1, x2, y2, predicate, f"{names[subject]} {predicate} {names[obj]}{times}"))
    return Graph(nodes, edges)


def _shorten(a: tuple[float, float], b: tuple[float, float], by: float) -> tuple[tuple[float, float], ...]:
    """The segment a→b with ``by`` cut off each end (so arrows stop at the nodes' labels)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    cut = min(by, length / 3) / length
    return ((round(a[0] + dx * cut, 1), round(a[1] + dy * cut, 1)),
            (round(b[0] - dx * cut, 1), round(b[1] - dy * cut, 1)))  # fmt: skip
