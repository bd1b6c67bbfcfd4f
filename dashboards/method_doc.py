"""The method document (docs/trust-index.md) as HTML for the method page: one source for
the repository and the site.

The document is the project's own text, not user input; raw HTML in it is
still not passed through. Headings get ids (their slug), so pages can link
to a section, e.g. /method/#insufficient-data.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt

METHOD_DOC = Path(settings.BASE_DIR) / "docs" / "trust-index.md"


def _with_heading_ids(md: MarkdownIt) -> MarkdownIt:
    def heading_open(renderer, tokens, idx, options, env):
        title = tokens[idx + 1].content
        tokens[idx].attrSet("id", slugify(title))
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", heading_open)
    return md


@cache
def _render(mtime: float) -> str:
    md = _with_heading_ids(MarkdownIt("commonmark", {"html": False}).enable("table"))
    return md.render(METHOD_DOC.read_text(encoding="utf-8"))


def method_html() -> SafeString:
    """docs/trust-index.md rendered (CommonMark + tables, no raw HTML); re-read when the file changes."""
    return mark_safe(_render(METHOD_DOC.stat().st_mtime))  # markdown-it escapes text; raw HTML is off
