"""Uploads are checked by content and size and stored under names nobody can guess; uploaded files
are handed out only by views that check access, as sandboxed attachments (kpss.files)."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from kpss.files import FileTypeValidator, UnguessablePath, UploadAdminMixin, move_to_unguessable_names
from kpss.models import PdfDocument, SiteSettings
from kpss.tasks import request_rendering
from planning.documents import PlanVersionLayout
from planning.models import AnalysisDocument, Plan
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

# --- files as people upload them ------------------------------------------------------------


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts:
            # An OpenDocument's first part, `mimetype`, is stored uncompressed.
            archive.writestr(name, content, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
         'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
         '+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
         'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Analýza potřeb</w:t></w:r></w:p></w:body>'
         "</w:document>"),
    ])


def opendocument_bytes(kind, body):
    media_type = f"application/vnd.oasis.opendocument.{kind}"
    return zip_bytes([
        ("mimetype", media_type),
        ("META-INF/manifest.xml",
         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
         f'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
         f'manifest:media-type="{media_type}"/><manifest:file-entry manifest:full-path="content.xml" '
         'manifest:media-type="text/xml"/></manifest:manifest>'),
        ("content.xml",
         '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
         'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
         'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body>'
         f"{body}</office:body></office:document-content>"),
    ])


def odt_bytes():
    return opendocument_bytes("text", "<office:text><text:p>Analýza potřeb</text:p></office:text>")


def ods_bytes():
    return opendocument_bytes(
        "spreadsheet",
        "<office:spreadsheet><table:table table:name=\"List1\"><table:table-row><table:table-cell>"
        "<text:p>Počet obyvatel</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>",
    )


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Obec", "Počet obyvatel"])
    workbook.active.append(["Lipovec", 16210])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def image_bytes(format_):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b4f6c").save(buffer, format_)
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><head><script src=\"/media/analyses/x.js\"></script></head><body>Hi</body></html>"
JAVASCRIPT = b"document.body.innerHTML = 'pwned';\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(240)

DOCUMENTS = {
    "PDF": ("analyza.pdf", pdf_bytes, "application/pdf"),
    "DOCX": ("analyza.docx", docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ODT": ("analyza.odt", odt_bytes, "application/vnd.oasis.opendocument.text"),
    "XLSX": ("data.xlsx", xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ODS": ("data.ods", ods_bytes, "application/vnd.oasis.opendocument.spreadsheet"),
}
NOT_ALLOWED = "Soubor je typu {found}, takový sem nahrát nelze. Povolené typy: PDF, DOCX, ODT, XLSX, ODS."
REFUSED_DOCUMENTS = {
    "html": ("analyza.html", HTML, NOT_ALLOWED.format(found="text/html")),
    "javascript": ("skript.js", JAVASCRIPT, NOT_ALLOWED.format(found="text/plain")),
    "svg": ("obrazek.svg", SVG, NOT_ALLOWED.format(found="image/svg+xml")),
    "exe": ("program.exe", EXE, NOT_ALLOWED.format(found="application/x-dosexec")),
    "html renamed to .pdf": ("analyza.pdf", HTML, NOT_ALLOWED.format(found="text/html")),
    "pdf renamed to .docx": ("analyza.docx", pdf_bytes(), "Soubor je typu PDF, ale jeho název nekončí na .pdf."),
}


def stored_files(settings):
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def analysis(plan, name="analyza.pdf", content=None, **fields):
    """An analysis document as the admin stores it."""
    return AnalysisDocument.objects.create(
        plan=plan, kind=AnalysisDocument.Kind.OTHER, title=fields.pop("title", "Analýza poskytovatelů"),
        file=ContentFile(pdf_bytes() if content is None else content, name=name), **fields,
    )


# --- the rule for every upload, now and in the issues to come --------------------------------

# Files the portal makes itself rather than people uploading them.
GENERATED = {(PdfDocument, "file")}


def file_fields():
    for label in ("kpss", "planning", "groups", "catalogue"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField):
                    yield model, field


UPLOADED = [(model, field) for model, field in file_fields() if (model, field.name) not in GENERATED]


def test_the_walk_finds_the_uploads_and_the_generated_files_it_leaves_out():
    assert {(model, field.name) for model, field in UPLOADED} >= {(SiteSettings, "logo"), (AnalysisDocument, "file")}
    assert {(model, field.name) for model, field in file_fields()} >= GENERATED


@pytest.mark.parametrize(("model", "field"), [
    pytest.param(model, field, id=f"{model.__name__}.{field.name}") for model, field in UPLOADED
])
def test_every_uploaded_file_is_checked_stored_unguessably_and_handed_out_by_a_view(model, field):
    assert [v for v in field.validators if isinstance(v, FileTypeValidator)], (
        f"{model.__name__}.{field.name} takes uploads unchecked: add validators=[FileTypeValidator(...)] (kpss.files)"
    )
    assert isinstance(field.upload_to, UnguessablePath), f"{model.__name__}.{field.name}: use UnguessablePath(...)"
    assert callable(getattr(model, "get_download_url", None)), (
        f"{model.__name__} needs get_download_url(): a view that checks access and returns kpss.files.serve_file"
    )
    editors = [type(admin.site._registry[model])] if model in admin.site._registry else []
    editors += [inline for model_admin in admin.site._registry.values() for inline in model_admin.inlines
                if inline.model is model]
    for editor in editors:
        assert issubclass(editor, UploadAdminMixin), (
            f"{editor.__name__} edits {model.__name__}.{field.name}: mix in kpss.files.UploadAdminMixin"
        )


# --- analysis documents uploaded in the admin ------------------------------------------------


def inline_management(prefix, total=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


def post_plan_with_analysis(client, name, content):
    open_form(client, reverse("admin:planning_plan_add"),
              fields=["title", "analyses-TOTAL_FORMS", "analyses-__prefix__-file"])
    return client.post(reverse("admin:planning_plan_add"), {
        "kind": "midterm", "title": "Střednědobý plán 2028–2030", "slug": "sp-2028-2030",
        "year_from": 2028, "year_to": 2030, "phase": "preparatory", "summary": "Plán na tři roky.",
        **inline_management("phases"), **inline_management("chapters"), **inline_management("priorities"),
        **inline_management("analyses", 1), **inline_management("approving_bodies"),
        "analyses-0-kind": "user_needs", "analyses-0-title": "Šetření potřeb uživatelů 2027",
        "analyses-0-summary": "Odpovědělo 612 lidí.", "analyses-0-position": 1,
        "analyses-0-file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    })


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_an_allowed_document_is_stored_under_an_unguessable_name_and_served_as_its_kind(
    kind, client_as, coordinator, settings,
):
    name, make, content_type = DOCUMENTS[kind]
    content = make()
    client = client_as(coordinator)
    response = post_plan_with_analysis(client, name, content)
    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    document = AnalysisDocument.objects.get()
    assert re.fullmatch(rf"analyses/[\w-]{{22}}/{re.escape(name)}", document.file.name)
    download = client.get(document.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize("case", REFUSED_DOCUMENTS)
def test_a_refused_document_shows_why_next_to_the_field_keeps_what_was_typed_and_saves_nothing(
    case, client_as, coordinator, settings,
):
    name, content, message = REFUSED_DOCUMENTS[case]
    response = post_plan_with_analysis(client_as(coordinator), name, content)
    assert response.status_code == 200
    [analyses] = [f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "analyses"]
    assert analyses.forms[0].errors == {"file": [message]}
    page = page_text(response)
    assert message in page
    assert 'value="Šetření potřeb uživatelů 2027"' in page
    assert "Odpovědělo 612 lidí." in page
    assert 'value="Střednědobý plán 2028–2030"' in page
    assert not Plan.objects.filter(slug="sp-2028-2030").exists()
    assert not AnalysisDocument.objects.exists()
    assert stored_files(settings) == []


def test_a_document_over_the_size_limit_is_refused_with_the_limit(client_as, coordinator, settings):
    settings.UPLOAD_MAX_MB = 1
    pdf = pdf_bytes()
    content = pdf + b"%" * (int(1.45 * 1024 * 1024) - len(pdf))  # a PDF may end in comments
    response = post_plan_with_analysis(client_as(coordinator), "velka-analyza.pdf", content)
    assert response.status_code == 200
    assert "Soubor má 1,5 MB, nahrát lze nejvýše 1 MB." in page_text(response)
    assert not AnalysisDocument.objects.exists()
    assert stored_files(settings) == []


def test_the_admin_links_a_stored_file_to_its_download_view(client_as, coordinator, plan):
    document = analysis(plan)
    page = client_as(coordinator).get(reverse("admin:planning_plan_change", args=[plan.pk])).content.decode()
    assert f'href="{document.get_download_url()}">analyza.pdf</a>' in page
    assert 'accept=".pdf,.docx,.odt,.xlsx,.ods"' in page
    assert "/media/" not in page


# --- downloads ------------------------------------------------------------------------------


def test_a_drafts_analysis_is_hidden_from_the_public_and_served_to_planning_staff(
    plan, client, client_as, member_a, coordinator,
):
    url = analysis(plan).get_download_url()
    assert client.get(url).status_code == 404
    assert client_as(member_a).get(url).status_code == 200
    assert client_as(coordinator).get(url).status_code == 200


def test_an_analysis_of_a_published_plan_is_public_and_linked_from_the_plan_page(plan, client):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.COMMENTS)
    document = analysis(plan)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f'href="{document.get_download_url()}"' in page
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_the_plan_page_links_the_analyses_without_a_query_per_document(plan, client):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.COMMENTS)
    assert_queries_do_not_grow(lambda: client.get(plan.get_absolute_url()),
                               lambda count: [analysis(plan) for _ in range(count)], few=1, many=4)


def test_an_analysis_is_found_only_within_its_own_plan(plan, client_as, coordinator):
    other = Plan.objects.create(kind=Plan.Kind.MIDTERM, slug="jiny-plan", title="Jiný plán", year_from=2025,
                                year_to=2027)
    document = analysis(other)
    url = reverse("planning:analysis_download", args=[plan.slug, document.pk])
    assert client_as(coordinator).get(url).status_code == 404


def test_uploaded_files_are_not_served_from_media(plan, client, settings):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.COMMENTS)
    document = analysis(plan)
    assert (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_a_download_is_a_sandboxed_attachment_of_the_kind_found_in_it(plan, client_as, member_a):
    document = analysis(plan, name="Analýza potřeb 2027.pdf")
    response = client_as(member_a).get(document.get_download_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Anal%C3%BDza_pot%C5%99eb_2027.pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-cache"  # a draft's file stays out of shared caches
    revalidated = client_as(member_a).get(document.get_download_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert revalidated.status_code == 304


def test_a_file_stored_before_uploads_were_checked_is_served_as_opaque_bytes(plan, client_as, member_a):
    document = analysis(plan, name="stranka.html", content=HTML)
    response = client_as(member_a).get(document.get_download_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_file_missing_from_storage_is_not_found(plan, client_as, member_a):
    document = analysis(plan)
    document.file.storage.delete(document.file.name)
    assert client_as(member_a).get(document.get_download_url()).status_code == 404


def test_archival_pdfs_are_served_the_same_way(plan, coordinator, client, client_as):
    version = plan.transition("open_for_comments", coordinator)
    document = request_rendering(version, PlanVersionLayout.name)
    document.file.save("plan.pdf", ContentFile(pdf_bytes()), save=False)
    document.sha256 = "ab" * 32
    document.save()
    response = client.get(reverse("planning:version_pdf", args=[plan.slug, version.number]))
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{"ab" * 32}"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    admin_page = client_as(coordinator).get(reverse("admin:kpss_pdfdocument_change", args=[document.pk]))
    assert f'href="{document.get_absolute_url()}"' in admin_page.content.decode()
    assert "/media/" not in admin_page.content.decode()


# --- the town's logo ------------------------------------------------------------------------


def post_logo(client, name, content):
    open_form(client, "/admin/kpss/sitesettings/", fields=["site_name", "logo"])
    return client.post("/admin/kpss/sitesettings/", {
        "country": "CZ", "site_name": "Město Lipovec", "accessibility_compliance": "partial",
        "logo": SimpleUploadedFile(name, content, content_type="image/png"),
    })


@pytest.mark.parametrize(("name", "format_", "content_type"), [("znak.png", "PNG", "image/png"),
                                                               ("znak.jpg", "JPEG", "image/jpeg")])
def test_the_logo_is_shown_inline_and_kept_by_browsers_at_its_versioned_address(
    name, format_, content_type, client_as, coordinator, client,
):
    content = image_bytes(format_)
    assert post_logo(client_as(coordinator), name, content).status_code == 302
    client.logout()
    [src] = re.findall(r'<img src="([^"]+)" alt=""', client.get("/").content.decode())
    response = client.get(src)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == content
    assert client.get("/logo/")["Cache-Control"] == "public, no-cache"  # an address that may change file


def test_a_new_logo_gets_a_new_address(client_as, coordinator):
    client = client_as(coordinator)
    post_logo(client, "znak.png", image_bytes("PNG"))
    first = SiteSettings.get_solo().get_download_url()
    post_logo(client, "znak.png", image_bytes("PNG"))
    assert SiteSettings.get_solo().get_download_url() != first


def test_a_logo_of_another_image_type_is_refused(client_as, coordinator, settings):
    response = post_logo(client_as(coordinator), "znak.gif", image_bytes("GIF"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "logo": ["Soubor je typu image/gif, takový sem nahrát nelze. Povolené typy: PNG, JPEG."],
    }
    assert not SiteSettings.get_solo().logo
    assert stored_files(settings) == []


def test_a_removed_logo_leaves_the_header_and_its_address(client_as, coordinator, client):
    admin_client = client_as(coordinator)
    post_logo(admin_client, "znak.png", image_bytes("PNG"))
    url = SiteSettings.get_solo().get_download_url()
    assert admin_client.get(url).status_code == 200
    open_form(admin_client, "/admin/kpss/sitesettings/", fields=["logo-clear"])
    admin_client.post("/admin/kpss/sitesettings/", {
        "country": "CZ", "site_name": "Město Lipovec", "accessibility_compliance": "partial", "logo-clear": "on",
    })
    client.logout()
    assert "<img" not in client.get("/").content.decode()
    assert client.get(url).status_code == 404


# --- files stored before names were unguessable ----------------------------------------------


def test_stored_files_move_to_unguessable_names_and_rows_without_a_file_are_left_alone(
    plan, settings, django_capture_on_commit_callbacks,
):
    storage = AnalysisDocument._meta.get_field("file").storage
    old_name = storage.save("analyses/2024/analyza-2024.pdf", ContentFile(b"%PDF-1.4 stored"))
    stored = AnalysisDocument.objects.create(plan=plan, kind="other", title="Uložená", file=old_name)
    missing = AnalysisDocument.objects.create(plan=plan, kind="other", title="Chybí", file="analyses/2024/chybi.pdf")
    site = SiteSettings.get_solo()
    site.logo = storage.save("site/znak.png", ContentFile(image_bytes("PNG")))
    site.save()

    with django_capture_on_commit_callbacks(execute=True):
        move_to_unguessable_names(AnalysisDocument, "file", "analyses")
        move_to_unguessable_names(SiteSettings, "logo", "site")

    stored.refresh_from_db()
    assert re.fullmatch(r"analyses/[\w-]{22}/analyza-2024\.pdf", stored.file.name)
    assert stored.file.read() == b"%PDF-1.4 stored"
    assert not storage.exists(old_name)
    missing.refresh_from_db()
    assert missing.file.name == "analyses/2024/chybi.pdf"
    assert re.fullmatch(r"site/[\w-]{22}/znak\.png", SiteSettings.get_solo().logo.name)
    assert not storage.exists("site/znak.png")


def test_the_validator_can_be_written_into_migrations():
    path, args, kwargs = FileTypeValidator("documents").deconstruct()
    assert (path, args, kwargs) == ("kpss.files.FileTypeValidator", ("documents",), {})
    assert UnguessablePath("analyses").deconstruct() == ("kpss.files.UnguessablePath", ("analyses",), {})
    with pytest.raises(ValueError, match="Unknown kinds"):
        FileTypeValidator("scripts")
