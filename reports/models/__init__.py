"""The document register: the Conference's official documents the portal renders as PDF and
Word, how each is composed, and the files frozen when the secretariat issues one."""

from .composition import DocumentPart, DocumentWording
from .documents import Document, DocumentQuerySet, symbol_validator
from .issued import IssuedFile

__all__ = [
    "Document",
    "DocumentPart",
    "DocumentQuerySet",
    "DocumentWording",
    "IssuedFile",
    "symbol_validator",
]
