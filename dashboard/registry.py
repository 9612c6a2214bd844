"""Per-app hooks the top-level commands call, lowest app first.

- ``<app>.services.reference_load() -> dict[str, int]``: idempotent reference data (rows created).
- ``<app>.demo.seed() -> None``: idempotent demo data for a local run.
"""

from importlib import import_module

from django.conf import settings


def app_hooks(module_name: str, function_name: str):
    for app in settings.LOCAL_APPS:
        name = f"{app}.{module_name}"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        hook = getattr(module, function_name, None)
        if hook is not None:
            yield app, hook
