"""Assertions shared by the API tests."""


def assert_error(response, status: int, code: str) -> dict:
    """The response has `status` and the one error shape with `code`; returns the error's details."""
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"], body
    assert isinstance(body["error"]["details"], dict), body
    return body["error"]["details"]
