"""axe-core (vendored from npm, see vendor/README.txt) run inside Playwright pages.

`assert_accessible(page)` injects axe into the page as it stands, runs the WCAG 2.0 and 2.1
level A and AA rules, and fails listing every violation (rule, impact, elements, help), so a
failing walk says what to fix without opening a browser.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_SOURCE = Path(__file__).parent / "vendor" / f"axe-{AXE_VERSION}.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe files these under best practice, not WCAG; they keep the structure checked by hand in
# the accessibility issue (headings in order, one main landmark, a working skip link).
STRUCTURE_RULES = [
    "heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique",
    "empty-table-header", "skip-link", "region",
]  # fmt: skip


@functools.cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The WCAG 2.0/2.1 A and AA violations axe finds in `page` now, and breaches of the
    structure rules above."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not a <script> tag, so a Content Security
        # Policy that forbids inline scripts does not stop it.
        page.evaluate(_axe_source())
    result = page.evaluate(
        """([tags, extra]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(extra.map(rule => [rule, {enabled: true}])),
            resultTypes: ['violations'],
        })""",
        [WCAG_AA_TAGS, STRUCTURE_RULES],
    )
    return list(result["violations"])


# axe passes aria-describedby when any one of its ids exists; a screen reader then misses the
# others. This lists every reference to an id the page does not have.
DANGLING_IDREFS = """() => {
  const dangling = [];
  for (const el of document.querySelectorAll('[aria-describedby],[aria-labelledby],label[for]')) {
    for (const name of ['aria-describedby', 'aria-labelledby', 'for']) {
      for (const ref of (el.getAttribute(name) || '').split(/\\s+/)) {
        if (ref && !document.getElementById(ref)) {
          dangling.push(`${el.tagName.toLowerCase()}[${name}=${ref}]`);
        }
      }
    }
  }
  return dangling;
}"""


def dangling_idrefs(page: Any) -> list[str]:
    """Each `attribute=id` on the page that names an id no element has."""
    return list(page.evaluate(DANGLING_IDREFS))


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violating element: rule id, impact, CSS target, axe's help text."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(
                f"  {violation['id']} ({violation['impact']}) at {target}: {violation['help']}"
            )
    return "\n".join(lines)


def assert_accessible(page: Any, where: str = "") -> None:
    """Fail unless axe finds no WCAG 2.1 A/AA violation on the page as it stands."""
    violations = axe_violations(page)
    assert not violations, f"axe violations on {where or page.url}:\n{describe(violations)}"
    assert not (dangling := dangling_idrefs(page)), (
        f"ids missing on {where or page.url}: {dangling}"
    )
