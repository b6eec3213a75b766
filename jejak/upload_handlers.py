"""Stop reading an upload that is far past MAX_UPLOAD_MB, before it fills the disk.

Django streams every uploaded file to a temporary file before any view or form runs, so the
forms' size checks (with their friendly messages) come after the bytes are stored. This
handler, first in FILE_UPLOAD_HANDLERS, stops the request body at twice the limit (room for
the forms to refuse a slightly-too-big file politely); the form then finds no file. A proxy in
front should still cap request bodies (see README).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


def hard_limit() -> int:
    return 2 * settings.MAX_UPLOAD_MB * 1024 * 1024 + 1024 * 1024


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        content_length = kwargs.get("content_length", args[2] if len(args) > 2 else 0)
        self.too_big = (content_length or 0) > hard_limit()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "too_big", False):
            raise StopUpload(connection_reset=True)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > hard_limit():
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers build the file
