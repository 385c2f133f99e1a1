from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from documents import (  # noqa: F401 - checks registers the signing check
            checks,
            links,
            subscribers,
        )

        subscribers.connect()
        links.connect()  # a party without an account gets its e-mailed link when a notice document is stored
