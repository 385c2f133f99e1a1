from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "mediation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mediation import subscribers

        subscribers.connect()
