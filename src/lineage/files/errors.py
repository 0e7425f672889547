"""Errors of the file store, each a branch of the one `LineageError` tree.

    LimitExceededError
    ├── FileTooLargeError        the bytes exceed the store's size limit    FILE_TOO_LARGE   413
    └── ImageTooLargeError       an image of more pixels than the limit     IMAGE_TOO_LARGE  413
    InvalidInputError
    ├── UnsupportedMediaError    not media the studio makes (or empty)     UNSUPPORTED_MEDIA 415
    ├── MediaMismatchError       bytes do not match the claimed type,      MEDIA_MISMATCH   422
    │                            extension or asset type, or do not decode
    ├── PathEscapeError          a ref or name that leaves its folder      PATH_ESCAPE      400
    └── DownloadError            a source URL that is not http(s), cannot  DOWNLOAD_FAILED  422
                                 be reached, times out or answers non-2xx
    ConflictError
    └── NameTakenError           the generated name already exists;        NAME_TAKEN       409
                                 the write fails rather than overwrite
    NotFoundError                a well-formed ref that names no file      NOT_FOUND        404

The HTTP statuses are applied by `lineage.files.http`; nothing here knows HTTP.
"""

from __future__ import annotations

from lineage.errors import ConflictError, InvalidInputError, LimitExceededError


class FileTooLargeError(LimitExceededError):
    code = "FILE_TOO_LARGE"


class ImageTooLargeError(LimitExceededError):
    code = "IMAGE_TOO_LARGE"


class UnsupportedMediaError(InvalidInputError):
    code = "UNSUPPORTED_MEDIA"


class MediaMismatchError(InvalidInputError):
    code = "MEDIA_MISMATCH"


class PathEscapeError(InvalidInputError):
    code = "PATH_ESCAPE"


class NameTakenError(ConflictError):
    code = "NAME_TAKEN"


class DownloadError(InvalidInputError):
    code = "DOWNLOAD_FAILED"
