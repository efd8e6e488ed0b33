"""Files people upload and files people download: the one place for both.

Uploads: a model field that people upload to takes `upload_to=UnguessablePath(prefix)` and
`validators=[FileTypeValidator(kinds)]`. The validator reads the file's content with libmagic
(python-magic) and lets through only the kinds allowed for the field (`ALLOWED`), when the file
name's extension agrees with what was found and the file is within `settings.UPLOAD_MAX_MB`. Its
messages appear next to the field in any model form, the admin's included. The stored name is
`<prefix>/<random token>/<the file's own name>`: nobody can guess it, and the file's own name stays
for the download.

Downloads: nothing uploaded is served from MEDIA_ROOT by a web server. A view fetches the object
through the access helper of its app and returns `serve_file(...)`: an attachment (only an image
may be shown inline), with the Content-Type of the allowed kind found in the file (never the one
the uploader's browser claimed), a sandboxing CSP and nosniff, and an ETag for revalidation. The
admin links a stored file to that view (`UploadAdminMixin`), through the model's
`get_download_url()`.

tests/test_files.py walks every model of our apps and fails for an uploaded file field that
misses the validator, the path or the download view.
"""

import functools
import hashlib
import math
import posixpath
import secrets
from dataclasses import dataclass

import magic
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    """A kind of file we accept: what people call it, its MIME type, the extensions its name may end in."""

    label: str
    content_type: str
    extensions: tuple[str, ...]

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


# Keyed by the MIME type libmagic reports. No SVG: an SVG image can carry script.
KINDS = {kind.content_type: kind for kind in [
    Kind("PDF", "application/pdf", (".pdf",)),
    Kind("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    Kind("ODT", "application/vnd.oasis.opendocument.text", (".odt",)),
    Kind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    Kind("ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    Kind("PNG", "image/png", (".png",)),
    Kind("JPEG", "image/jpeg", (".jpg", ".jpeg")),
]}
# A CSV has no signature: libmagic calls it plain text. Where CSV is allowed (a table people fill in
# and upload back), text is taken for a CSV, and the table's reader refuses what does not parse. It
# is not in KINDS, so a download is never served as CSV because it happens to be text.
CSV = Kind("CSV", "text/csv", (".csv",))
TEXT_TYPES = {"text/plain", "text/csv", "application/csv"}
# What a field may take: FileTypeValidator("documents"), ("images") or ("tables").
ALLOWED = {
    "documents": ["PDF", "DOCX", "ODT", "XLSX", "ODS"],
    "images": ["PNG", "JPEG"],
    "tables": ["CSV", "XLSX"],
    "pdf": ["PDF"],
}
_BY_LABEL = {kind.label: kind for kind in [*KINDS.values(), CSV]}

# libmagic tells an OOXML file (DOCX, XLSX) from a plain zip by the names of its first few
# entries, which may lie a few kilobytes in; the first megabyte is plenty and fast to scan.
SNIFF_BYTES = 1024 * 1024
MB = 1024 * 1024


def detect(file):
    """The MIME type libmagic finds in the content of an open file; leaves the file at its start."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return magic.from_buffer(head, mime=True)


def kind_of(file):
    """The allowed Kind the file's content is, or None."""
    return KINDS.get(detect(file))


@deconstructible
class FileTypeValidator:
    """Let through only files whose content is one of the kinds allowed for the field (`ALLOWED`),
    whose name ends in that kind's extension, and which are within `settings.UPLOAD_MAX_MB`.

    A file already stored was checked when it came in, so only new uploads are read.
    """

    def __init__(self, allowed):
        if allowed not in ALLOWED:
            raise ValueError(f"Unknown kinds of files: {allowed!r}; choose from {sorted(ALLOWED)}.")
        self.allowed = allowed

    def __eq__(self, other):
        return isinstance(other, FileTypeValidator) and other.allowed == self.allowed

    def __call__(self, value):
        # A FieldFile whose file is committed is the stored one, not a new upload.
        if isinstance(value, FieldFile) and getattr(value, "_committed", True):
            return
        self.check_size(value.size)
        upload = value.file if isinstance(value, FieldFile) else value
        self.check_content(detect(upload), value.name)

    def allowed_kinds(self):
        return [_BY_LABEL[label] for label in ALLOWED[self.allowed]]

    def check_size(self, size):
        check_size(size, settings.UPLOAD_MAX_MB)

    def check_content(self, content_type, name):
        kind = KINDS.get(content_type)
        allowed = self.allowed_kinds()
        if kind is None and content_type in TEXT_TYPES and CSV in allowed:
            kind = CSV
        if kind not in allowed:
            raise ValidationError(
                _("The file is of type %(found)s, which cannot be uploaded here. Allowed types: %(allowed)s."),
                code="file_type",
                params={"found": kind.label if kind else content_type,
                        "allowed": ", ".join(allowed_kind.label for allowed_kind in allowed)},
            )
        if not name.lower().endswith(kind.extensions):
            raise ValidationError(
                _("The file is of type %(found)s, but its name does not end in %(extensions)s."),
                code="file_extension",
                params={"found": kind.label, "extensions": " / ".join(kind.extensions)},
            )

    def accept(self):
        """For the file input's `accept` attribute: the browser offers these files first."""
        return ",".join(extension for kind in self.allowed_kinds() for extension in kind.extensions)


def check_size(size, limit):
    """Refuse a file of more than `limit` MB."""
    if size > limit * MB:
        raise ValidationError(
            _("The file has %(size)s MB; at most %(limit)s MB can be uploaded."),
            code="file_too_large",
            # Rounded up, so a file just over the limit does not read as within it.
            params={"size": number_format(math.ceil(size / MB * 10) / 10, 1), "limit": _number(limit)},
        )


def _number(value):
    return number_format(int(value) if value == int(value) else value)


JSON_SNIFF_BYTES = 64 * 1024


@deconstructible
class JsonObjectValidator:
    """Let through only a file that holds a JSON object, within `settings.<limit_setting>` MB: for
    data files too large for libmagic to judge (the registry's export has ~100 MB, and libmagic
    reads its first megabyte as plain text). Its first non-blank byte must open an object; the
    reader of the file reports anything broken further on.

    For a form's FileField only: such files are imported and deleted, never stored for download.
    """

    def __init__(self, limit_setting):
        self.limit_setting = limit_setting

    def __eq__(self, other):
        return isinstance(other, JsonObjectValidator) and other.limit_setting == self.limit_setting

    def __call__(self, value):
        check_size(value.size, getattr(settings, self.limit_setting))
        value.seek(0)
        head = value.read(JSON_SNIFF_BYTES)
        value.seek(0)
        if not head.lstrip(b" \t\r\n").startswith(b"{"):
            raise ValidationError(_("The file is not a JSON file: it does not start with “{”."), code="file_type")

    @staticmethod
    def accept():
        """For the file input's `accept` attribute."""
        return ".json,application/json"


@deconstructible
class UnguessablePath:
    """`upload_to` that stores a file as `<prefix>/<random token>/<its own name, made safe>`.

    The token (128 random bits) keeps the name from being guessed; the file's own name stays for
    the download.
    """

    def __init__(self, prefix):
        self.prefix = prefix

    def __eq__(self, other):
        return isinstance(other, UnguessablePath) and other.prefix == self.prefix

    def __call__(self, instance, filename):
        return unguessable_name(self.prefix, filename)


def unguessable_name(prefix, filename):
    return f"{prefix}/{secrets.token_urlsafe(16)}/{get_valid_filename(posixpath.basename(filename))}"


def fingerprint(field_file):
    """Changes whenever another file is stored in the field (a new upload gets a new random name)."""
    return hashlib.sha256(field_file.name.encode()).hexdigest()[:16]


def serve_file(request, field_file, *, inline=False, filename=None, etag=None, public=False, max_age=0):
    """The stored file as a download: the response every view that hands out a file returns.

    - Content-Type is the allowed kind found in the file's content; anything else (a file stored
      before uploads were checked) goes out as application/octet-stream.
    - An attachment, unless `inline` is asked for an image (the logo).
    - `Content-Security-Policy: sandbox` and `nosniff`: should a browser render the file anyway,
      it runs no script on the portal's origin.
    - An ETag (`etag`, e.g. a SHA-256 the caller knows, or else the stored name's fingerprint),
      so a browser revalidates and gets 304. `public` lets shared caches keep it (for files
      anyone may read); `max_age` lets browsers keep it without asking (for an address that
      changes with the file).
    - `filename`: the name the browser saves it under; the stored file's own name by default.

    The caller has already checked that the user may read the file.
    """
    if not field_file:
        raise Http404("No file.")
    etag = f'"{etag or fingerprint(field_file)}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            handle = field_file.storage.open(field_file.name, "rb")
        except FileNotFoundError:
            raise Http404("The file is missing from storage.") from None
        kind = kind_of(handle)
        response = FileResponse(
            handle, as_attachment=not (inline and kind and kind.is_image),
            filename=filename or posixpath.basename(field_file.name),
            content_type=kind.content_type if kind else "application/octet-stream",
        )
        response["Content-Security-Policy"] = "sandbox"
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    freshness = {"max_age": max_age, "immutable": True} if max_age else {"no_cache": True}
    patch_cache_control(response, **{"public" if public else "private": True}, **freshness)
    return response


class DownloadLinkFileInput(AdminFileWidget):
    """The admin's file input, linking the stored file to the view that serves it."""

    def format_value(self, value):
        if isinstance(value, FieldFile) and value and getattr(value, "_committed", True):
            return _StoredFileLink(value.instance.get_download_url(), posixpath.basename(value.name))
        return super().format_value(value)


@dataclass(frozen=True)
class _StoredFileLink:
    url: str
    name: str

    def __str__(self):
        return self.name


class UploadAdminMixin:
    """For a ModelAdmin or inline with uploaded files: the file input offers the allowed kinds
    first and links the stored file to its download view (`/media/` is not served)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            validator = next((v for v in db_field.validators if isinstance(v, FileTypeValidator)), None)
            attrs = {"accept": validator.accept()} if validator else {}
            kwargs["widget"] = DownloadLinkFileInput(attrs=attrs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def move_to_unguessable_names(model, field_name, prefix):
    """Store each file of `model.<field_name>` again under an unguessable name, for a data migration
    (files uploaded before names were random); rows whose file is missing are left as they are.

    An old file is deleted once the new names are committed: should the migration fail, every
    row still finds its file."""
    field = model._meta.get_field(field_name)
    for obj in model._default_manager.exclude(**{field_name: ""}).iterator():
        field_file = getattr(obj, field_name)
        old_name, storage = field_file.name, field_file.storage
        if not storage.exists(old_name):
            continue
        with storage.open(old_name, "rb") as content:
            field_file.name = storage.save(unguessable_name(prefix, old_name), content, max_length=field.max_length)
        obj.save(update_fields=[field_name])
        transaction.on_commit(functools.partial(storage.delete, old_name))
