"""Room pages: one room at /ruang/{id}/ (members only; everyone else gets 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chat import services
from chat.selectors import room_get_for
from sikhi.pages import found_or_404


def room_widget(room, user) -> dict:
    """What chat/_room.html needs of one room for this user."""
    return {"room": room, "state": services.room_state(room), "title": room.get_kind_display()}


@login_required
def room_page(request: HttpRequest, pk: int) -> HttpResponse:
    room = found_or_404(room_get_for, user=request.user, pk=pk)
    return render(request, "chat/room.html", {"w": room_widget(room, request.user), "room": room})
