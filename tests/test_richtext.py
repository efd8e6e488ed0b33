"""Chapter Markdown: headings fit under the chapter's <h2>, table headers say what they head."""

from kpss.richtext import render_markdown


def test_the_highest_heading_of_a_chapter_becomes_h3_whatever_level_it_was_written_at():
    assert render_markdown("## Vize\n\n### Principy").split("\n") == ["<h3>Vize</h3>", "<h4>Principy</h4>"]
    assert render_markdown("# Vize\n\n## Principy").split("\n") == ["<h3>Vize</h3>", "<h4>Principy</h4>"]


def test_table_header_cells_have_a_scope():
    html = render_markdown("| Fáze | Období |\n|---|---|\n| návrhová | 2024 |")
    assert '<th scope="col">Fáze</th>' in html
    assert "<td>návrhová</td>" in html


def test_a_table_scrolls_in_its_own_box_reachable_by_keyboard():
    html = render_markdown("| Fáze | Období |\n|---|---|\n| návrhová | 2024 |")
    assert html.startswith('<div class="table-responsive" tabindex="0"><table>')
    assert html.endswith("</table></div>")


def test_a_box_cannot_be_written_into_the_text():
    html = render_markdown('<div class="table-responsive" tabindex="0" onclick="x()">text</div>')
    assert "<div" not in html
    assert "tabindex" not in html
