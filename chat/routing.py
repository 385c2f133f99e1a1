from django.urls import path, re_path

from chat import consumers

websocket_urlpatterns = [
    path("ws/rooms/<int:room_id>/", consumers.RoomConsumer.as_asgi()),
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
    # Last: any other address names no room (the router would fail with a 500 instead).
    re_path(r"", consumers.NoRouteConsumer.as_asgi()),
]
