"""A stage's job aid or manager's guide as a one-page PDF (fpdf2: pure Python, no
system fonts or libraries). Pure: sections in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fpdf import FPDF

# The PDF core fonts speak Latin-1: typographic punctuation is folded to its plain form.
PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "→": "->", "·": "-"}
)


def _plain(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def handout_pdf(
    *, course: str, stage: str, title: str, sections: Sequence[dict[str, Any]]
) -> bytes:
    """The handout as PDF bytes: a title block, then each section's heading and points."""
    pdf = FPDF(format="A4")
    pdf.set_title(_plain(f"{title}: {stage}"))
    pdf.set_author("Attune")
    pdf.set_lang("en")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 5, _plain(course), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.multi_cell(0, 9, _plain(f"{title}: {stage}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for section in sections:
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.multi_cell(0, 7, _plain(section["heading"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10.5)
        for point in section["points"]:
            pdf.cell(6, 5.5, "-")
            pdf.multi_cell(0, 5.5, _plain(point), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    return bytes(pdf.output())
