"""The task-first home page: each app registers counts of what waits for the user (caseload,
overdue follow-ups, referrals awaiting an answer, approvals...) in AppConfig.ready(); the home page
shows those that apply to the user, each linking to its list. Same pattern as accounts.navigation."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class HomeTask:
    key: str
    label: str
    count: Callable[[object], int]  # how many for this user
    url: Callable[[object], str]  # the list that shows them
    visible: Callable[[object], bool]
    order: int = 100
    urgent: bool = False  # a non-zero count is shown as needing attention
    icon: str = ""


_tasks: dict[str, HomeTask] = {}


def register(task: HomeTask) -> None:
    _tasks[task.key] = task


def tasks_for(user) -> list[dict]:
    shown = []
    for task in sorted(_tasks.values(), key=lambda t: t.order):
        if not task.visible(user):
            continue
        count = task.count(user)
        shown.append(
            {
                "key": task.key,
                "label": task.label,
                "count": count,
                "url": task.url(user),
                "urgent": task.urgent and count > 0,
                "icon": task.icon,
            }
        )
    return shown


def url_to(name: str, anchor: str = "", query: str = "") -> Callable[[object], str]:
    def build(user) -> str:
        return reverse(name) + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")

    return build
