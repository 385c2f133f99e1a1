"""factory_boy factories. Disputes are never built with a state: tests drive them through services."""

from __future__ import annotations

import factory
from django.utils import timezone

from accounts.models import Company, Office, Role, User

DEFAULT_PASSWORD = "Rahasia-Kuat-2026!"


def office(code: str = "32.73") -> Office:
    return Office.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    role = Role.WORKER
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkerFactory(UserFactory):
    role = Role.WORKER
    nik = factory.Sequence(lambda n: f"{3273000000000000 + n}")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"PT Contoh Sejahtera {n}")
    nib = factory.Sequence(lambda n: f"{9120000000000 + n}")
    address = "Jl. Asia Afrika No. 1, Bandung"
    regency = factory.LazyFunction(office)
    email = factory.Sequence(lambda n: f"hr{n}@company.test")
    verified_at = factory.LazyFunction(timezone.now)


class CompanyUserFactory(UserFactory):
    role = Role.COMPANY
    company = factory.SubFactory(CompanyFactory)


class OfficerFactory(UserFactory):
    role = Role.OFFICER
    office = factory.LazyFunction(office)


class MediatorFactory(UserFactory):
    role = Role.MEDIATOR
    office = factory.LazyFunction(office)
