"""KBLI 2020: divisions mapped to sections, and the codes companies carry (OSS/NIB)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jejak.reference import kbli, loading


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("47111", "G"),  # Perdagangan eceran minimarket, as an NIB lists it
        ("47", "G"),
        ("G", "G"),
        ("g", "G"),
        (" 62019 ", "J"),
        ("62.019", "J"),
        ("01111", "A"),
        ("10792", "C"),
        ("35101", "D"),
        ("4711", "G"),
        ("85", "P"),
        ("99000", "U"),
    ],
)
def test_a_code_maps_to_its_section(code: str, section: str) -> None:
    assert kbli.kbli_section(code) == section


@pytest.mark.parametrize(
    "code",
    ["04111", "34000", "40", "57", "76000", "83", "471111", "4", "", "V", "GG", "abc",
     "\uff14\uff17\uff11\uff11\uff11", "47-11"],  # fullwidth digits
)  # fmt: skip
def test_codes_outside_kbli_2020_have_no_section(code: str) -> None:
    assert kbli.kbli_section(code) is None
    assert kbli.kbli_problem(code)


def test_the_problem_names_the_missing_division() -> None:
    problem = kbli.kbli_problem("04111")
    assert problem is not None and "04" in problem and "04111" in problem


def test_validator_raises_with_the_reason() -> None:
    kbli.validate_kbli("47111")
    with pytest.raises(ValidationError) as raised:
        kbli.validate_kbli("34000")
    assert "34" in raised.value.messages[0]


def test_division_carries_its_name() -> None:
    division = kbli.kbli_division("47111")
    assert division is not None
    assert (division.code, division.section) == ("47", "G")
    assert division.name.startswith("Perdagangan Eceran")
    assert kbli.kbli_division("G") is None


def test_divisions_agree_with_the_sections_file() -> None:
    """Each section's range in kbli_2020_sections.csv covers exactly its divisions."""
    by_section: dict[str, list[str]] = {}
    for division in kbli.divisions().values():
        by_section.setdefault(division.section, []).append(division.code)
    assert len(kbli.divisions()) == 88
    for row in loading.read_data_file("kbli_2020_sections.csv"):
        first, _, last = row["divisions"].partition("-")
        codes = by_section.pop(row["code"])
        assert (codes[0], codes[-1]) == (first, last or first), row["code"]
        assert all(first <= code <= (last or first) for code in codes)
    assert by_section == {}
