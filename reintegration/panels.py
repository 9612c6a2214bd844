"""Panels other apps add to the case page, without reintegration importing them.

In its AppConfig.ready() an app calls::

    register_case_panel("referrals/case_panel.html", get_context=referral_panel_context, order=40)

``get_context(case, user) -> dict`` is called once per view of the panel's tab (``tab``, by default
"referrals": the case page's "Referrals and support"), never for the other tabs; return ``None`` (or
an empty dict) to hide the panel for this user. The template is included with that context plus
``case``. Referrals are at order 40, the sustainability survey at 50, grant applications at 60.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class CasePanel:
    template_name: str
    get_context: Callable[[object, object], dict | None]
    order: int = 100
    tab: str = "referrals"  # the case page's tab that shows the panel (reintegration.selectors.CASE_TABS)


_panels: list[CasePanel] = []


def register_case_panel(
    template_name: str,
    *,
    get_context: Callable[[object, object], dict | None],
    order: int = 100,
    tab: str = "referrals",
):
    """Register a panel once (a second registration of the same template replaces the first)."""
    global _panels
    _panels = [p for p in _panels if p.template_name != template_name]
    _panels.append(CasePanel(template_name=template_name, get_context=get_context, order=order, tab=tab))
    _panels.sort(key=lambda p: p.order)


def unregister_case_panel(template_name: str) -> None:
    global _panels
    _panels = [p for p in _panels if p.template_name != template_name]


def registered_panels() -> list[CasePanel]:
    return list(_panels)


def read_once(case, key: str, load: Callable[[], object]):
    """What ``load()`` returns, read once for this case object (one page view): the case page, a
    panel and a timeline source that need the same rows share one query. ``key`` names what is read
    (prefix it with the app's label); put only what does not depend on the user under it."""
    reads = case.__dict__.setdefault("_page_reads", {})
    if key not in reads:
        reads[key] = load()
    return reads[key]


def render_case_panels(case, user, request=None, *, tab: str = "referrals") -> list[dict]:
    """The HTML of each panel of ``tab`` this user may see, in order (the other tabs' panels read nothing)."""
    rendered = []
    for panel in _panels:
        if panel.tab != tab:
            continue
        context = panel.get_context(case, user)
        if not context:
            continue
        html = render_to_string(panel.template_name, {"case": case, **context}, request=request)
        rendered.append({"template_name": panel.template_name, "order": panel.order, "html": html})
    return rendered


# Timeline sources -----------------------------------------------------------------------------
# Another app adds entries to the case timeline with ``register_timeline_source(callable)``;
# ``callable(case, user) -> list[TimelineEntry-like dicts]`` with keys ``at`` (date or datetime),
# ``kind`` (short label), ``title``, ``detail`` (optional), ``url`` (optional), ``icon`` (optional).
_timeline_sources: list = []


def register_timeline_source(source) -> None:
    if source not in _timeline_sources:
        _timeline_sources.append(source)


def unregister_timeline_source(source) -> None:
    if source in _timeline_sources:
        _timeline_sources.remove(source)


def external_timeline_entries(case, user) -> list[dict]:
    return [entry for source in _timeline_sources for entry in (source(case, user) or [])]


# "My work" sources -------------------------------------------------------------------------------
# Another app adds tasks to a counsellor's "my work" page with ``register_work_source(callable)``;
# ``callable(user, today, limit) -> list of dicts`` (at most ``limit``, the first by due date) with
# keys ``due_on`` (date), ``overdue`` (bool), ``title``, ``case`` (a Case, for its number and
# person) and ``url`` (where the task is done).
_work_sources: list = []


def register_work_source(source) -> None:
    if source not in _work_sources:
        _work_sources.append(source)


def unregister_work_source(source) -> None:
    if source in _work_sources:
        _work_sources.remove(source)


def work_items_for(user, today, limit: int) -> list[dict]:
    """The first ``limit`` tasks of every source, by due date."""
    items = [item for source in _work_sources for item in (source(user, today, limit) or [])]
    return sorted(items, key=lambda item: item["due_on"])[:limit]
