"""The registry of PDF layouts: how each kind of object becomes an archival PDF.

Kept apart from rendering (`kpss.pdf`) and queueing (`kpss.tasks`) and importing nothing of the
portal, so that the model (`PdfDocument.get_layout`) can reach it without an import circle.
Planning registers its layouts in `planning.documents`.
"""


class PdfLayout:
    """How one kind of object becomes a PDF. Subclasses set `name`, `template_name` and the hooks."""

    name = ""
    template_name = ""

    def template(self, source):
        return self.template_name

    def context(self, source):
        raise NotImplementedError

    def title(self, source):
        raise NotImplementedError

    def filename(self, source):
        """The download name without ".pdf", diacritics kept: browsers get it via filename*."""
        return self.title(source)

    def attachments(self, source):
        """(file name, description, data) for the machine-readable data embedded in the PDF."""
        return []

    def document_date(self, source):
        """When the document was published: its PDF creation date, so a re-render is identical."""
        raise NotImplementedError

    def download_url(self, source):
        raise NotImplementedError

    def may_read(self, user, source):
        """Whether `user` may download the document; the layout knows its object's rules."""
        raise NotImplementedError

    def sources(self):
        """Every object that should have a PDF in this layout (for `render_pdfs`)."""
        raise NotImplementedError


LAYOUTS = {}


def register(layout_class):
    LAYOUTS[layout_class.name] = layout_class()
    return layout_class


def get_layout(name):
    return LAYOUTS[name]
