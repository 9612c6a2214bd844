from django.template import engines

from accounts.pdf import font_faces_css, pdf_text, render_pdf


def test_pdf_embeds_a_georgian_font_and_its_text_can_be_extracted(tmp_path, settings):
    template = tmp_path / "doc.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>{{ title }}</h1><p>Telavi</p>{% endblock %}'
    )
    settings.TEMPLATES[0]["DIRS"].append(tmp_path)
    engines._engines = {}
    try:
        assert "noto-sans-georgian-georgian-400-normal.woff" in font_faces_css()
        assert "unicode-range" in font_faces_css()
        pdf = render_pdf("doc.html", {"title": "თელავის რეინტეგრაციის ჰაბი"})
    finally:
        settings.TEMPLATES[0]["DIRS"].remove(tmp_path)
        engines._engines = {}
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "თელავის რეინტეგრაციის ჰაბი" in text
    assert "Telavi" in text
