"""The importer's branch of the LineageError tree.

InvalidInputError
└── NotAFliGenFolderError    the path holds no FliGen legacy folder   NOT_A_FLIGEN_FOLDER
"""

from __future__ import annotations

from lineage.errors import InvalidInputError


class NotAFliGenFolderError(InvalidInputError):
    code = "NOT_A_FLIGEN_FOLDER"
