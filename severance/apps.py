from django.apps import AppConfig


class SeveranceConfig(AppConfig):
    """The severance calculator of PP 35/2021: no models, one public endpoint."""

    name = "severance"
    default_auto_field = "django.db.models.BigAutoField"
