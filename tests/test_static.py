"""Vendored assets: collectstatic with hashed names succeeds, so production can serve them."""

import json

from django.core.management import call_command


def test_collectstatic_hashes_every_asset(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for asset in ["vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
                  "css/kpss.css", "img/favicon.svg"]:
        hashed = manifest[asset]
        assert hashed != asset
        assert (tmp_path / hashed).exists()
        assert (tmp_path / f"{hashed}.gz").exists()
