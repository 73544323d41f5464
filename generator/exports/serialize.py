"""How every JSON export is written: UTF-8 as is (Arabic stays readable), compact, one final newline.

Compact, without indentation or the spaces after separators: the files are
read by programs (and browsers' JSON viewers indent them for a person), and
indented they were a quarter bigger, at a thousand events a megabyte more.
"""

from __future__ import annotations

import json


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
