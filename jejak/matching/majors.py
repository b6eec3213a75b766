"""The Spektrum Keahlian as a tree in memory (about 190 rows), for the major conditions.

Alumni and seekers carry a konsentrasi (sometimes a program or bidang); a vacancy accepts
majors at any level. A person fits when their major lies under one the vacancy accepts. The
2018 -> 2022 conversion happens when a name is read (reference.MajorAlias, kind kk2018, maps a
2018 Kompetensi Keahlian to its 2022 konsentrasi), so every stored major is already a 2022 node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jejak.reference.models import Major


@dataclass(frozen=True)
class Node:
    pk: int
    parent: int | None
    level: str
    name: str


class MajorTree:
    def __init__(self, nodes: Iterable[Node]) -> None:
        self.nodes = {node.pk: node for node in nodes}
        self.children: dict[int, list[int]] = {}
        for node in self.nodes.values():
            if node.parent is not None:
                self.children.setdefault(node.parent, []).append(node.pk)

    @classmethod
    def load(cls) -> MajorTree:
        rows = Major.objects.values_list("pk", "parent_id", "level", "name")
        return cls(Node(*row) for row in rows)

    def ancestors(self, pk: int | None) -> list[int]:
        """`pk` and the nodes above it, nearest first."""
        found: list[int] = []
        while pk is not None and pk in self.nodes and pk not in found:
            found.append(pk)
            pk = self.nodes[pk].parent
        return found

    def accepted(self, majors: Iterable[int]) -> set[int]:
        """The majors named and every node under them: who may apply."""
        found: set[int] = set()
        stack = list(majors)
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(self.children.get(pk, ()))
        return found

    def relation(self, major: int | None, wanted: set[int]) -> tuple[str, int] | None:
        """How a person's major meets a vacancy's list: ("exact"|"program"|"field", node) with
        the node the vacancy named; ("any", 0) when it names none; None when it does not fit."""
        if not wanted:
            return ("any", 0)
        for pk in self.ancestors(major):
            if pk in wanted:
                if pk == major:
                    return ("exact", pk)
                level = self.nodes[pk].level
                return ("program" if level == Major.Level.PROGRAM else "field", pk)
        return None

    def name(self, pk: int) -> str:
        return self.nodes[pk].name if pk in self.nodes else ""
