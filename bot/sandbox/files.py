"""Files known to the sandbox: uploads by the bot, files users send, and their downloads."""

from __future__ import annotations

import itertools
import mimetypes
import secrets
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.state import SFile

Files = dict[str, tuple[str, bytes, str | None]]

GETFILE_LIMIT = 20 * 1024 * 1024  # bots may download files up to 20 MB
UPLOAD_LIMIT = 50 * 1024 * 1024  # and upload documents up to 50 MB
PHOTO_LIMIT = 10 * 1024 * 1024
# Magic numbers of the image formats Telegram turns into photos.
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
# A minimal valid PNG (1x1 pixel), for tests and generated photos.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def is_image(data: bytes) -> bool:
    """Return whether the bytes look like an image format Telegram accepts as a photo."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    return any(data.startswith(magic) for magic in _IMAGE_MAGIC)


class FileStore:
    """The file index and Telegram's rules for file parameters."""

    def __init__(self) -> None:
        self.files: dict[str, SFile] = {}
        self.files_by_path: dict[str, SFile] = {}
        self._file_seq = itertools.count(1)

    def register_file(
        self,
        kind: str,
        *,
        data: bytes | None = None,
        size: int | None = None,
        mime_type: str | None = None,
        file_name: str | None = None,
    ) -> SFile:
        """Create a file (a photo gets a thumbnail size too) and index it by id and path."""
        seq = next(self._file_seq)
        size = len(data) if data is not None else (size if size is not None else 4096)
        ext = mimetypes.guess_extension(mime_type or "") or (".jpg" if kind == "photo" else ".bin")
        folder = "photos" if kind == "photo" else "documents"
        prefix = "AgACAgIAAxkBAA" if kind == "photo" else "BQACAgIAAxkBAA"
        file = SFile(
            file_id=prefix + secrets.token_urlsafe(36),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            kind=kind,
            size=size,
            file_path=f"{folder}/file_{seq}{ext}",
            mime_type=mime_type,
            file_name=file_name,
            data=data,
        )
        if kind == "photo":
            file.width, file.height = 1280, 960
            thumb = SFile(
                file_id=prefix + secrets.token_urlsafe(36),
                file_unique_id="AQAD" + secrets.token_urlsafe(9),
                kind="photo",
                size=min(size, 1500),
                file_path=f"photos/file_{seq}_s.jpg",
                width=320,
                height=240,
            )
            file.thumb = thumb
            self._index_file(thumb)
        self._index_file(file)
        return file

    def _index_file(self, file: SFile) -> None:
        self.files[file.file_id] = file
        self.files_by_path[file.file_path] = file

    def input_file(self, params: dict[str, Any], files: Files, name: str) -> SFile:
        """Resolve a file parameter (upload, attach://, URL or file_id) of a send call."""
        value = params.get(name)
        upload = files.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        if upload is not None:
            return self._uploaded(name, upload)
        if not value:
            raise bad_request(f"there is no {name} in the request")
        value = str(value)
        if value.startswith(("http://", "https://")):
            # Telegram downloads the URL; the sandbox pretends it got a small file of that type.
            mime = mimetypes.guess_type(value)[0]
            return self.register_file(name, data=TINY_PNG if name == "photo" else None, mime_type=mime)
        existing = self.files.get(value)
        if existing is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if existing.kind != name:
            raise bad_request("type of file mismatch")
        return existing

    def _uploaded(self, name: str, upload: tuple[str, bytes, str | None]) -> SFile:
        filename, data, mime = upload
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > UPLOAD_LIMIT:
            raise ApiError(413, "Request Entity Too Large")
        if name == "photo":
            if not is_image(data):
                raise bad_request("IMAGE_PROCESS_FAILED")  # Telegram cannot decode it as a picture
            if len(data) > PHOTO_LIMIT:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            return self.register_file("photo", data=data, mime_type="image/jpeg")
        mime = mime if mime and mime != "application/octet-stream" else mimetypes.guess_type(filename)[0]
        return self.register_file(name, data=data, mime_type=mime or "application/octet-stream", file_name=filename)
