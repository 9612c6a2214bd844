"""What every page a journey visits must pass: axe-core (from node_modules, pinned in package.json)
with no serious or critical violation, no horizontal overflow at laptop, tablet and phone widths,
no Mtavruli letter, no "---------" empty choice and no native date picker (dates are typed in the
page language's format, accounts/dates.py); a screenshot of each kept in test-output/.

`audit(page, "name")` checks the page the browser is on and remembers its address;
`audit.again_in("en")` switches the interface language and checks every remembered GET page again.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = {"laptop": (1366, 768), "tablet": (768, 1024), "phone": (390, 844)}
MTAVRULI = re.compile("[\u1c90-\u1cbf]")

# axe runs through the DevTools protocol (page.evaluate), which the page's CSP does not govern.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + n.failureSummary)}));
}"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The widest culprits, to say in the failure what overflows.
WIDE = """() => [...document.querySelectorAll("main *, nav *")]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 6).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))"""


@dataclass
class Audit:
    page: object
    prefix: str
    visited: list = field(default_factory=list)
    csp_errors: list = field(default_factory=list)

    def __call__(self, name: str, widths=("laptop", "tablet", "phone"), remember: bool = True) -> None:
        page = self.page
        if remember and page.url not in [url for url, _ in self.visited]:
            self.visited.append((page.url, name))
        lang = page.locator("html").get_attribute("lang")
        html = page.content()
        assert not MTAVRULI.search(html), f"{name}: Mtavruli {MTAVRULI.findall(html)[:5]}"
        assert "---------" not in html, f"{name}: a '---------' empty choice"
        pickers = page.locator("input[type=date], input[type=datetime-local]").count()
        assert pickers == 0, f"{name}: {pickers} native date picker(s)"
        if page.evaluate("() => typeof window.axe") == "undefined":
            page.evaluate(AXE_SOURCE.read_text())
        page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["laptop"], strict=True)))
        violations = page.evaluate(AXE_RUN)
        assert violations == [], f"{name} ({lang}): {violations}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width in widths:
            page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
            if width != "tablet":
                page.screenshot(path=str(SCREENSHOTS / f"{self.prefix}-{name}-{lang}-{width}.png"), full_page=True)
            overflow = page.evaluate(OVERFLOW)
            assert overflow <= 0, (
                f"{name} ({lang}) overflows by {overflow}px at {WIDTHS[width][0]}px: {page.evaluate(WIDE)}"
            )
        page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["laptop"], strict=True)))
        assert self.csp_errors == [], f"{name}: the CSP blocked {self.csp_errors}"

    def again_in(self, language: str) -> None:
        """Switch the interface language through the menu, then check every remembered page."""
        self.page.get_by_test_id(f"lang-{language}").first.click()
        self.page.wait_for_load_state()
        for url, name in self.visited:
            self.page.goto(url)
            assert self.page.locator("html").get_attribute("lang") == language
            self(name, widths=("laptop", "phone"), remember=False)


def make_audit(page, prefix: str) -> Audit:
    audit = Audit(page=page, prefix=prefix)
    page.on(
        "console",
        lambda message: (
            audit.csp_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return audit
