"""Template tags of the catalogue's downloads and printed catalogue."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_pdf(context):
    """The printed catalogue's PdfDocument (None before its first rendering), for the downloads box."""
    from catalogue.documents import catalogue_document

    return catalogue_document(context.get("site_settings"))
