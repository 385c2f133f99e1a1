"""One check for the NUL character (U+0000) in input: PostgreSQL cannot store it in text, so any string that
carries one is refused as bad input (400 `invalid`, or the socket's `invalid` frame) before it reaches a query."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ValidationError

NUL = "\x00"
NUL_MESSAGE = _("Null characters are not allowed.")


def nul_errors(data: Any) -> dict | list | None:
    """Where `data` (parsed JSON, nested dicts and lists) holds a string with a NUL: a tree like the data's
    (objects by key, lists by index) whose leaves are messages; None when there is none. A key with a NUL is
    named with it written as \\x00."""
    if isinstance(data, str):
        return [str(NUL_MESSAGE)] if NUL in data else None
    if isinstance(data, dict):
        items = ((str(key), value, NUL in str(key)) for key, value in data.items())
    elif isinstance(data, list | tuple):
        items = ((str(index), value, False) for index, value in enumerate(data))
    else:
        return None
    found = {}
    for name, value, bad_key in items:
        error = [str(NUL_MESSAGE)] if bad_key else nul_errors(value)
        if error:
            found[name.replace(NUL, "\\x00")] = error
    return found or None


def reject_nul(data: Any) -> Any:
    """`data` unchanged, or a ValidationError naming every place that holds a NUL."""
    errors = nul_errors(data)
    if errors:
        raise ValidationError(errors if isinstance(errors, dict) else {"body": errors})
    return data


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing a body with a NUL in any string (key or value)."""

    def parse(self, stream, media_type=None, parser_context=None):
        return reject_nul(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing a NUL in any form field or uploaded file's name."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        reject_nul({**{k: parsed.data.getlist(k) for k in parsed.data},
                    **{k: [f.name for f in parsed.files.getlist(k)] for k in parsed.files}})
        return parsed
