"""Evidence uploads: PDF, JPEG or PNG by content, at most 10 MB, by a party; stored privately with the
SHA-256 of its bytes; downloadable only by those who may see the dispute; nothing stored on failure."""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from rest_framework.test import APIClient

from disputes.models import DisputeEvent, Evidence
from tests.helpers import assert_error
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9")
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


def png_1x1() -> bytes:
    """A real 1x1 red PNG, built chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit, truecolour
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte + one RGB pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = png_1x1()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []



def assert_nothing_stored(root: Path) -> None:
    assert Evidence.objects.count() == 0
    assert DisputeEvent.objects.filter(name="evidence_uploaded").count() == 0
    assert stored_files(root) == []


@pytest.fixture(autouse=True)
def private_root(_private_media) -> Path:
    """The per-test private directory; the evidence field's storage must really write there."""
    assert Path(Evidence._meta.get_field("file").storage.location) == Path(_private_media)
    return Path(_private_media)


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def flow(cast):
    return Flow(cast).to("bipartite")


def post_evidence(flow: Flow, role: str, data: dict):
    return flow.clients[role].post(f"{flow.url}evidence/", data, format="multipart")


def download(client, evidence_id: int):
    return client.get(f"/api/v1/evidence/{evidence_id}/download/")


def body_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- accepted uploads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "name", "content", "declared", "expected"), [
    ("petitioner", "pkwt.pdf", PDF, "application/pdf", "application/pdf"),
    ("respondent", "foto.png", PNG, "image/png", "image/png"),
    ("petitioner", "slip.jpg", JPEG, "image/jpeg", "image/jpeg"),
    ("respondent", "tanpa-nama", PDF, "application/octet-stream", "application/pdf"),
])
def test_upload_evidence_by_party_answers_201_with_hash_and_sniffed_type(cast, flow, private_root, role, name,
                                                                         content, declared, expected):
    response = post_evidence(flow, role, {"title": "Bukti 1", "file": upload(name, content, declared)})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "title", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"}
    assert body["title"] == "Bukti 1"
    assert body["content_type"] == expected
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    uploader = cast.worker if role == "petitioner" else cast.company_user
    assert body["uploaded_by"] == {"id": uploader.id, "name": uploader.name}
    assert body["uploaded_at"]
    evidence = Evidence.objects.get(pk=body["id"])
    with evidence.file.open("rb") as stored:
        assert stored.read() == content
    assert [p.read_bytes() for p in stored_files(private_root)] == [content]


def test_upload_png_named_pdf_is_stored_as_image_png(flow):
    response = post_evidence(flow, "petitioner", {"title": "Foto", "file": upload("x.pdf", PNG, "application/pdf")})
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/png"
    assert Evidence.objects.get().content_type == "image/png"


def test_upload_evidence_in_draft_by_petitioner_answers_201(cast):
    flow = Flow(cast)
    response = post_evidence(flow, "petitioner", {"title": "PKWT", "file": upload("a.pdf", PDF)})
    assert response.status_code == 201, response.content
    assert Evidence.objects.get().dispute_id == flow.id


def test_upload_evidence_writes_an_audit_event_with_the_hash(flow):
    response = post_evidence(flow, "petitioner", {"title": "Slip gaji", "file": upload("s.jpg", JPEG)})
    assert response.status_code == 201, response.content
    events = [e for e in flow.clients["respondent"].get(f"{flow.url}events/").json()["results"]
              if e["name"] == "evidence_uploaded"]
    assert len(events) == 1
    assert events[0]["payload"]["sha256"] == hashlib.sha256(JPEG).hexdigest()
    assert events[0]["payload"]["evidence_id"] == response.json()["id"]


# --- refused uploads: nothing is stored -----------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "declared"), [
    ("x.pdf", HTML, "application/pdf"),
    ("x.pdf", EXE, "application/pdf"),
    ("x.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/png"),
    ("x.jpg", b"just some text pretending to be a jpeg", "image/jpeg"),
    ("x.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "application/pdf"),
    ("x.pdf", b" %PDF-1.4 with a leading space", "application/pdf"),
])
def test_upload_evidence_not_pdf_jpeg_or_png_answers_415_and_stores_nothing(flow, private_root, name, content,
                                                                            declared):
    response = post_evidence(flow, "petitioner", {"title": "Bukti", "file": upload(name, content, declared)})
    assert_error(response, 415, "unsupported_type")
    assert_nothing_stored(private_root)


def test_upload_evidence_over_the_limit_answers_413_and_stores_nothing(flow, settings, private_root):
    settings.SIKHI_EVIDENCE_MAX_BYTES = 1024
    content = PDF + b"0" * (1025 - len(PDF))
    response = post_evidence(flow, "petitioner", {"title": "Besar", "file": upload("b.pdf", content)})
    assert_error(response, 413, "too_large")
    assert_nothing_stored(private_root)


def test_upload_evidence_exactly_at_the_limit_answers_201(flow, settings):
    settings.SIKHI_EVIDENCE_MAX_BYTES = 1024
    content = PDF + b"0" * (1024 - len(PDF))
    response = post_evidence(flow, "petitioner", {"title": "Pas", "file": upload("b.pdf", content)})
    assert response.status_code == 201, response.content
    assert response.json()["size"] == 1024


def test_upload_evidence_of_ten_megabytes_and_one_byte_answers_413_and_stores_nothing(flow, private_root):
    limit = 10 * 1024 * 1024
    assert limit == settings.SIKHI_EVIDENCE_MAX_BYTES
    content = PDF + b"\x00" * (limit + 1 - len(PDF))
    response = post_evidence(flow, "respondent", {"title": "Rekaman", "file": upload("big.pdf", content)})
    assert_error(response, 413, "too_large")
    assert_nothing_stored(private_root)


@pytest.mark.parametrize(("data", "field"), [
    (lambda: {"title": "Kosong", "file": upload("e.pdf", b"")}, "file"),
    (lambda: {"title": "Tanpa berkas"}, "file"),
    (lambda: {"title": "Bukan berkas", "file": "%PDF-1.4 as a form field"}, "file"),
    (lambda: {"file": upload("a.pdf", PDF)}, "title"),
    (lambda: {"title": "", "file": upload("a.pdf", PDF)}, "title"),
    (lambda: {"title": "x" * 201, "file": upload("a.pdf", PDF)}, "title"),
])
def test_upload_evidence_with_missing_or_empty_field_answers_400_and_stores_nothing(flow, private_root, data,
                                                                                    field):
    response = post_evidence(flow, "petitioner", data())
    details = assert_error(response, 400, "invalid")
    assert details[field]
    assert_nothing_stored(private_root)


def test_upload_evidence_as_json_answers_415_and_stores_nothing(flow, private_root):
    response = flow.clients["petitioner"].post(f"{flow.url}evidence/", {"title": "x", "file": "JVBERi0="},
                                               format="json")
    assert_error(response, 415, "unsupported_type")
    assert_nothing_stored(private_root)


@pytest.mark.parametrize(("role", "status", "code"), [
    ("officer", 403, "forbidden"),
    ("mediator", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("other_company", 404, "not_found"),
    ("foreign_officer", 404, "not_found"),
])
def test_upload_evidence_by_non_party_is_refused_and_stores_nothing(flow, private_root, role, status, code):
    response = post_evidence(flow, role, {"title": "Bukti", "file": upload("a.pdf", PDF)})
    assert_error(response, status, code)
    assert_nothing_stored(private_root)


def test_upload_evidence_anonymously_answers_401_and_stores_nothing(flow, private_root):
    response = APIClient().post(f"{flow.url}evidence/", {"title": "x", "file": upload("a.pdf", PDF)},
                                format="multipart")
    assert_error(response, 401, "not_authenticated")
    assert_nothing_stored(private_root)


@pytest.mark.parametrize("state", ["withdrawn", "settled", "court_referral"])
def test_upload_evidence_in_terminal_dispute_answers_409_and_stores_nothing(cast, private_root, state):
    flow = Flow(cast).to(state)
    response = post_evidence(flow, "petitioner", {"title": "Terlambat", "file": upload("a.pdf", PDF)})
    details = assert_error(response, 409, "conflict")
    assert details["state"] == state
    assert_nothing_stored(private_root)


# --- listing and downloading ------------------------------------------------------------------------------


@pytest.fixture
def uploaded(flow):
    response = post_evidence(flow, "petitioner", {"title": "PKWT", "file": upload("../../etc/pkwt.pdf", PDF)})
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.parametrize("role", ["petitioner", "respondent", "officer", "mediator"])
def test_list_evidence_by_who_may_see_the_dispute_answers_200(flow, uploaded, role):
    response = flow.clients[role].get(f"{flow.url}evidence/")
    assert response.status_code == 200, response.content
    assert response.json() == {"results": [uploaded], "next": None}


@pytest.mark.parametrize("role", ["other_worker", "other_company", "foreign_officer", "foreign_mediator"])
def test_list_evidence_by_outsider_answers_404(flow, uploaded, role):
    assert_error(flow.clients[role].get(f"{flow.url}evidence/"), 404, "not_found")


@pytest.mark.parametrize("role", ["petitioner", "respondent", "officer", "mediator"])
def test_download_evidence_by_who_may_see_the_dispute_answers_exact_bytes_as_attachment(flow, uploaded, role):
    response = download(flow.clients[role], uploaded["id"])

    assert response.status_code == 200
    assert body_bytes(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "etc" not in response["Content-Disposition"] and ".." not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_png_evidence_answers_its_bytes_with_image_png(flow):
    created = post_evidence(flow, "respondent", {"title": "Foto", "file": upload("f.pdf", PNG)}).json()
    response = download(flow.clients["petitioner"], created["id"])
    assert response.status_code == 200
    content = body_bytes(response)
    assert content == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert hashlib.sha256(content).hexdigest() == created["sha256"]


@pytest.mark.parametrize("role", ["other_worker", "other_company", "foreign_officer", "foreign_mediator"])
def test_download_evidence_by_outsider_answers_404(flow, uploaded, role):
    assert_error(download(flow.clients[role], uploaded["id"]), 404, "not_found")


def test_download_evidence_anonymously_answers_401(uploaded):
    assert_error(download(APIClient(), uploaded["id"]), 401, "not_authenticated")


def test_download_unknown_evidence_answers_404(flow):
    assert_error(download(flow.clients["petitioner"], 987654), 404, "not_found")


@pytest.mark.parametrize("role", ["officer", "respondent"])
def test_download_evidence_of_a_draft_by_anyone_but_petitioner_answers_404(cast, role):
    flow = Flow(cast)
    created = post_evidence(flow, "petitioner", {"title": "PKWT", "file": upload("a.pdf", PDF)})
    assert created.status_code == 201, created.content
    assert_error(download(flow.clients[role], created.json()["id"]), 404, "not_found")
    assert_error(flow.clients[role].get(f"{flow.url}evidence/"), 404, "not_found")
    assert body_bytes(download(flow.clients["petitioner"], created.json()["id"])) == PDF


# --- the private store ----------------------------------------------------------------------------------------


def test_stored_evidence_lives_in_private_directory_outside_static_files(uploaded, private_root):
    evidence = Evidence.objects.get(pk=uploaded["id"])
    path = Path(evidence.file.path).resolve()

    assert path.is_relative_to(Path(private_root).resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    for static_dir in settings.STATICFILES_DIRS:
        assert not path.is_relative_to(Path(static_dir).resolve())
    assert "etc" not in evidence.file.name and ".." not in evidence.file.name
    assert path.read_bytes() == PDF


def test_stored_evidence_has_no_public_url(uploaded):
    """The storage has no base URL, so no code path can render a link to the file itself."""
    evidence = Evidence.objects.get(pk=uploaded["id"])

    assert not settings._wrapped.MEDIA_URL  # as configured (Django shows an empty MEDIA_URL as "/")
    assert not evidence.file.storage.base_url
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018


def test_stored_evidence_path_is_served_by_no_url(flow, uploaded):
    name = Evidence.objects.get(pk=uploaded["id"]).file.name
    for candidate in (f"/{name}", f"/media/{name}", f"/private/{name}", f"/static/{name}"):
        with pytest.raises(Resolver404):
            resolve(candidate)
        assert flow.clients["petitioner"].get(candidate).status_code == 404
