"""Template filters for course text."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from courses.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render trusted-format, untrusted-content Markdown (customer messages, reference
    replies): hard-wrapped lines join into paragraphs, and HTML is sanitised."""
    return mark_safe(render_markdown(text or ""))  # sanitised by nh3
