"""System check: the documents can be signed with the configured PKCS#12 file (run by `check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.core import checks

from documents import signing


@checks.register(checks.Tags.security, deploy=True)
def signing_certificate(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problem = signing.configuration_problem()
    if problem is None:
        return []
    return [checks.Error(f"Generated documents cannot be signed: {problem}.",
                         hint="Set SIKHI_SIGNING_P12 to the office's PKCS#12 file and SIKHI_SIGNING_PASSPHRASE to "
                              "its passphrase (README.md, 'Configuration').",
                         id="documents.E001")]
