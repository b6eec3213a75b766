"""The list at the top of a form page that failed: one link per field in error.

GOV.UK's error summary, as the no-JavaScript survey pages need it: focus lands on the list
(the template's autofocus), each entry names its field and what is wrong, and its link jumps
to the field, whose id is the anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    anchor: str  # the id of the field (or of a group's first option) to jump to
    label: str
    message: str


def problems(
    errors: dict[str, str], fields: Iterable[tuple[str, str]], prefix: str = "f-"
) -> list[Problem]:
    """`errors` (field key -> message) in the order of `fields` (key, label pairs, as the page
    shows them); each anchor is `prefix` + key. Errors for keys not in `fields` come last,
    under their key, so none is dropped."""
    labels = dict(fields)
    ordered = [key for key in labels if key in errors]
    ordered += [key for key in errors if key not in labels]
    return [Problem(f"{prefix}{key}", labels.get(key, key), errors[key]) for key in ordered]
