"""Account writes: registration, sign-in with lock-out, tokens, staff accounts, company verification."""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts import permissions as perms
from accounts.models import STAFF_ROLES, Company, Office, Role, Union, User, language_of
from accounts.signals import InvitationPresented, UserLoggedOut
from sikhi.api import Conflict, Forbidden, Invalid, RateLimited
from sikhi.client import client_key
from sikhi.events import emit


def password_check(*, password: str, user: User) -> None:
    """Raise Invalid with the password validators' messages (in the active language) under `password`."""
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise Invalid(details={"password": list(exc.messages)}) from None


def _username_taken() -> Conflict:
    message = _("This username is already taken.")
    return Conflict(message, details={"username": [message]})


def _nib_taken() -> Conflict:
    message = _("A company with this NIB is already registered.")
    return Conflict(message, details={"company": {"nib": [message]}})


def _ensure_username_free(username: str) -> None:
    # Case-insensitive, so that "Budi" cannot be registered next to "budi" and pass for them.
    if User.objects.filter(username__iexact=username).exists():
        raise _username_taken()


def _save_new_user(user: User) -> None:
    """Insert `user`; a concurrent registration of the same username becomes a Conflict, not a 500."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise _username_taken() from None


@transaction.atomic
def user_register_worker(
    *, username: str, password: str, name: str, nik: str, phone: str, email: str, language: str | None = None,
    address: str = "",
) -> User:
    """A worker signs up; the account is usable at once. `language` (default: the active one, i.e. the
    request's) is the language of the user's e-mails. Publishes nothing."""
    user = User(username=username, role=Role.WORKER, name=name, nik=nik, phone=phone, email=email,
                address=address.strip(), language=language_of(language or get_language()))
    password_check(password=password, user=user)
    _ensure_username_free(username)
    user.set_password(password)
    _save_new_user(user)
    return user


@transaction.atomic
def user_register_company(
    *,
    username: str,
    password: str,
    name: str,
    phone: str,
    email: str,
    company_name: str,
    nib: str,
    address: str,
    regency: Office,
    invitation: str | None = None,
    language: str | None = None,
) -> User:
    """A company representative signs up with the company (unverified) and, given an invitation token,
    claims the invitation in the same transaction (emits `InvitationPresented`, on which disputes calls
    `invitation_claim`). `language` as for workers. Publishes nothing itself."""
    user = User(username=username, role=Role.COMPANY, name=name, phone=phone, email=email,
                language=language_of(language or get_language()))
    password_check(password=password, user=user)
    _ensure_username_free(username)
    if Company.objects.filter(nib=nib).exists():
        raise _nib_taken()
    company = Company(name=company_name, nib=nib, address=address, regency=regency, email=email, phone=phone)
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        raise _nib_taken() from None
    user.company = company
    user.set_password(password)
    _save_new_user(user)
    if invitation:
        emit(InvitationPresented(token=invitation, user=user))  # disputes claims it (invitation_claim)
    return user


def staff_check(*, username: str, role: str, office_code: str) -> Office:
    """The office of a staff account about to be created; Invalid or Conflict when it cannot be."""
    if role not in STAFF_ROLES:
        raise Invalid(details={"role": [_("A staff account is an officer or a mediator.")]})
    office = Office.objects.filter(code=office_code).first()
    if office is None:
        raise Invalid(details={"office": [_("No office has the code %(code)s.") % {"code": office_code}]})
    _ensure_username_free(username)
    return office


@transaction.atomic
def staff_create(
    *, username: str, role: str, office_code: str, name: str, password: str, email: str = "", nip: str = "",
    grade: str = "",
) -> User:
    """An administrator creates an officer or mediator account of one office. Publishes nothing."""
    office = staff_check(username=username, role=role, office_code=office_code)
    if not name.strip():
        raise Invalid(details={"name": [_("This field is required.")]})
    user = User(username=username, role=role, office=office, name=name.strip(), email=email, nip=nip.strip(),
                grade=grade.strip())
    try:
        user.clean_fields(exclude=["password", "role", "office", "company"])
    except DjangoValidationError as exc:
        raise Invalid(details={k: list(v) for k, v in exc.message_dict.items()}) from None
    password_check(password=password, user=user)
    user.set_password(password)
    _save_new_user(user)
    return user


# Sign-in lock-out. Failures are counted in the cache, whether or not the account exists (so that the answers do
# not reveal which usernames exist), under two keys:
# - per (username, client address): SIKHI_LOGIN_FAILURES failures (5) lock that username FROM THAT ADDRESS for
#   SIKHI_LOGIN_LOCK_SECONDS (15 minutes). A stranger guessing from elsewhere therefore cannot lock the real user
#   out; the address is sikhi.client.client_key (IPv6 counts per /64, X-Forwarded-For per TRUSTED_PROXY_COUNT).
# - per username: a ceiling of SIKHI_LOGIN_ACCOUNT_FAILURES failures (100) within SIKHI_LOGIN_LOCK_SECONDS, from
#   any number of addresses, pauses the username's sign-ins for SIKHI_LOGIN_LOCK_SECONDS. It stops a guessing
#   attack spread over many addresses; to trip it, an attacker needs at least 100 / 5 = 20 addresses (or IPv6
#   /64s) within the window. Addresses from which the account signed in successfully in the last
#   KNOWN_ADDRESS_SECONDS are exempt, so that the real user can usually still sign in from home or office, and the
#   others are told to wait and to tell their Disnaker office if the attempts were not theirs.
# A success clears the failures of its (username, address) only: it does not lift the ceiling an attack earned.
# Both locks answer RateLimited (429 rate_limited with Retry-After, api.md); attempts refused by a lock are not
# counted. The per-address rate limit (AuthRateThrottle, SIKHI_AUTH_RATE) applies before all this.

KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _pair_keys(username: str, address: str) -> tuple[str, str]:
    digest = f"{_digest(username)}:{_digest(address)}"
    return f"sikhi:login-failures:{digest}", f"sikhi:login-locked:{digest}"


def _account_keys(username: str) -> tuple[str, str]:
    digest = _digest(username)
    return f"sikhi:login-account-failures:{digest}", f"sikhi:login-account-locked:{digest}"


def _known_key(username: str, address: str) -> str:
    return f"sikhi:login-known:{_digest(username)}:{_digest(address)}"


def _lock_seconds() -> int:
    return int(getattr(settings, "SIKHI_LOGIN_LOCK_SECONDS", 900))


def _count_failure(*, failures_key: str, locked_key: str, limit: int) -> None:
    """One more failure in the window (which starts at the first one); at `limit`, lock for the lock time."""
    lock_seconds = _lock_seconds()
    cache.add(failures_key, 0, timeout=lock_seconds)
    try:
        failures = cache.incr(failures_key)
    except ValueError:  # expired between add() and incr()
        cache.set(failures_key, 1, timeout=lock_seconds)
        failures = 1
    if failures >= limit:
        cache.set(locked_key, time.time() + lock_seconds, timeout=lock_seconds)
        cache.delete(failures_key)


def _seconds_left(locked_key: str, now: float) -> int | None:
    locked_until = cache.get(locked_key)
    if locked_until is None or locked_until <= now:
        return None
    return math.ceil(locked_until - now)


def _minutes(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def login_attempt(*, request: Any, username: str, password: str) -> User:
    """Check credentials: the user, or Invalid (generic), or RateLimited while this username is locked for the
    client's address (SIKHI_LOGIN_FAILURES failures from it) or, for addresses it has not signed in from before,
    paused for everyone (SIKHI_LOGIN_ACCOUNT_FAILURES failures). Success resets the address's count.
    Publishes nothing."""
    address = client_key(request)
    failures_key, locked_key = _pair_keys(username, address)
    account_failures_key, account_locked_key = _account_keys(username)
    now = time.time()
    wait = _seconds_left(locked_key, now)
    if wait is not None:
        raise RateLimited(
            retry_after=wait,
            message=_("Too many failed sign-in attempts; try again in %(wait)s.") % {"wait": _minutes(wait)},
        )
    wait = _seconds_left(account_locked_key, now)
    if wait is not None and not cache.get(_known_key(username, address)):
        raise RateLimited(
            retry_after=wait,
            message=_(
                "Signing in to this account is paused because of very many failed attempts from different places. "
                "Try again in %(wait)s. If you did not make these attempts, tell your Disnaker office."
            ) % {"wait": _minutes(wait)},
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        _count_failure(
            failures_key=failures_key, locked_key=locked_key, limit=int(getattr(settings, "SIKHI_LOGIN_FAILURES", 5))
        )
        _count_failure(
            failures_key=account_failures_key,
            locked_key=account_locked_key,
            limit=int(getattr(settings, "SIKHI_LOGIN_ACCOUNT_FAILURES", 100)),
        )
        raise Invalid(_("The username or password is incorrect."))
    cache.delete(failures_key)
    cache.set(_known_key(username, address), 1, timeout=KNOWN_ADDRESS_SECONDS)
    user_language_remember(user=user, language=get_language())
    return user


def user_language_remember(*, user: User, language: str | None) -> None:
    """Keep the language the user signs in with as the language of their e-mails. Publishes nothing."""
    code = language_of(language)
    if user.language != code:
        user.language = code
        User.objects.filter(pk=user.pk).update(language=code)


def token_obtain(*, user: User) -> Token:
    """The API token of `user`, created on first use. Publishes nothing."""
    token, _created = Token.objects.get_or_create(user=user)
    return token


def token_revoke(*, token: Token) -> None:
    """Delete an API token (sign-out of a token client). Publishes nothing."""
    Token.objects.filter(pk=token.pk).delete()


@transaction.atomic
def company_verify(*, company: Company, by: Any) -> Company:
    """An officer of the company's office verifies it; repeating keeps the first verification.
    Publishes nothing."""
    if not perms.can_verify_company(by, company):
        raise Forbidden(_("Only an officer of the company's office may verify it."))
    return _verified(Company.objects.select_related("regency"), company.pk, by)


@transaction.atomic
def union_verify(*, union: Union, by: Any) -> Union:
    """An officer of the office where the union is recorded verifies its nomor bukti pencatatan; repeating keeps
    the first verification. Publishes nothing."""
    if not perms.can_verify_union(by, union):
        raise Forbidden(_("Only an officer of the office where the union is recorded may verify it."))
    return _verified(Union.objects.all(), union.pk, by)


def _verified(queryset: Any, pk: int, by: Any) -> Any:
    """Lock the row and record its first verification (a repeat keeps it); inside the caller's transaction."""
    locked = queryset.select_for_update().get(pk=pk)
    if locked.verified_at is None:
        locked.verified_at = timezone.now()
        locked.verified_by = by
        locked.save(update_fields=["verified_at", "verified_by"])
    return locked


def user_logout(*, request: HttpRequest, user: Any, token: Token | None = None) -> None:
    """End the session (and revoke the token used); the user's open sockets are closed after commit,
    since a socket's session is checked only at its handshake (emits `UserLoggedOut`; chat publishes
    `user.logged_out`)."""
    with transaction.atomic():
        if token is not None:
            token_revoke(token=token)
        auth_logout(request)
        emit(UserLoggedOut(user_id=user.pk))


@transaction.atomic
def union_register(*, by: Any, name: str, registration_number: str, address: str, regency: str, email: str = "",
                   phone: str = "", company_nib: str = "") -> Union:
    """A worker records their union (serikat pekerja/serikat buruh) with its nomor bukti pencatatan and becomes
    its officer (pengurus), who may file and answer disputes for it."""
    if getattr(by, "role", None) != Role.WORKER:
        raise Forbidden(_("Only a worker account can register a union and act as its officer."))
    if by.union_id is not None:
        raise Conflict(_("You are already an officer of a union."))
    office = Office.objects.filter(code=regency).first()
    if office is None:
        raise Invalid(details={"regency": [_("Unknown regency code.")]})
    company = None
    if company_nib:
        company = Company.objects.filter(nib=company_nib, verified_at__isnull=False).first()
        if company is None:
            raise Invalid(details={"company_nib": [_("No verified company has this NIB.")]})
    if Union.objects.filter(registration_number=registration_number).exists():
        raise Conflict(_("A union with this registration number is already on SIKHI."))
    union = Union.objects.create(name=name, registration_number=registration_number, address=address,
                                 regency=office, company=company, email=email, phone=phone)
    by.union = union
    by.save(update_fields=["union"])
    return union
