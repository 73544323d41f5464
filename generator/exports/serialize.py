"""How every JSON export is written: UTF-8 as is (Arabic stays readable), indented, one final newline."""

from __future__ import annotations

import json


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
