"""PDF documents (certificates, referral guides and letters, minutes) rendered with WeasyPrint.

Georgian text needs a font with Mkhedruli glyphs: Noto Sans Georgian comes from the npm registry
(@fontsource/noto-sans-georgian, installed by `npm ci`) and is embedded in every PDF, so the text
renders and can be extracted. Templates extend ``pdf/base.html``.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

FONT_PACKAGE = settings.NODE_MODULES / "@fontsource" / "noto-sans-georgian"
SUBSETS = ("georgian", "latin", "latin-ext")


def font_faces_css() -> str:
    """The package's own @font-face rules (with their unicode ranges), pointing at local files."""
    files_uri = (FONT_PACKAGE / "files").as_uri()
    faces = []
    for weight in (400, 700):
        css = FONT_PACKAGE / f"{weight}.css"
        if not css.exists():
            continue
        for block in css.read_text().split("/* noto-sans-georgian-")[1:]:
            subset = block.split(f"-{weight}-normal */", 1)[0]
            if subset in SUBSETS:
                # One family per subset: WeasyPrint mixes up glyphs of two files under one family
                # name on a line that mixes scripts ("IOM საქართველო · Telavi").
                block = block.replace("url(./files/", f"url({files_uri}/")
                block = block.replace("'Noto Sans Georgian'", f"'Noto Sans Georgian {subset}'")
                faces.append("/* " + block.strip())
    families = ", ".join(f"'Noto Sans Georgian {subset}'" for subset in SUBSETS)
    faces.append(f"body {{ font-family: {families}, 'DejaVu Sans', sans-serif; }}")
    return "\n".join(faces)


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "pdf_font_faces": font_faces_css()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def pdf_text(pdf: bytes) -> str:
    """The text a reader can extract from a PDF (for tests and checks)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
