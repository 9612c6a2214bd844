from django.utils.translation import get_language


def pick(ka: str, en: str) -> str:
    """The English text when the page is in English and one exists, else the Georgian."""
    if (get_language() or "ka").startswith("en") and en:
        return en
    return ka or en


class BilingualNameMixin:
    """Reference data carries ``name_ka`` and ``name_en``; ``name`` follows the page language."""

    @property
    def name(self) -> str:
        return pick(self.name_ka, self.name_en)

    def __str__(self) -> str:
        return self.name
