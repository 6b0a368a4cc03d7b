from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Fingerprinted, compressed static files; follows ES module imports in our JavaScript."""

    support_js_module_import_aggregation = True
    manifest_strict = True
