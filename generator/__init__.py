"""A static, bilingual (Arabic/English), sourced timeline site generator."""

__version__ = "0.1.0"
