"""Generate ``bot/sandbox/api_spec.json`` from the official Bot API spec as data.

Usage: ``python scripts/gen_sandbox_spec.py /path/to/api.json [output.json]``

The sandbox must not depend on the full spec at runtime, so this keeps only what it
validates against: per method the field names, their types and whether they are
required (plus the return types), and per type its fields and subtypes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "bot" / "sandbox" / "api_spec.json"


def _fields(entry: dict[str, Any]) -> list[list[Any]]:
    """Return ``[name, types, required]`` triples of a method's or a type's fields."""
    return [[f["name"], list(f["types"]), bool(f.get("required", False))] for f in entry.get("fields", [])]


def trim(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the trimmed copy of the full spec that the sandbox loads."""
    methods = {
        name: {"fields": _fields(m), "returns": list(m.get("returns", []))}
        for name, m in sorted(spec["methods"].items())
    }
    types: dict[str, Any] = {}
    for name, t in sorted(spec["types"].items()):
        entry: dict[str, Any] = {"fields": _fields(t)}
        if t.get("subtypes"):
            entry["subtypes"] = list(t["subtypes"])
        types[name] = entry
    return {"version": spec.get("version", ""), "methods": methods, "types": types}


def main(argv: list[str]) -> int:
    """Read the spec named on the command line and write the trimmed copy."""
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[1])
    output = Path(argv[2]) if len(argv) == 3 else DEFAULT_OUTPUT
    trimmed = trim(json.loads(source.read_text(encoding="utf-8")))
    # One method/type per line keeps diffs readable when the spec is regenerated.
    lines = ["{", f'  "version": {json.dumps(trimmed["version"])},']
    for key in ("methods", "types"):
        lines.append(f'  "{key}": {{')
        items = list(trimmed[key].items())
        for i, (name, entry) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f"    {json.dumps(name)}: {json.dumps(entry, ensure_ascii=False)}{comma}")
        lines.append("  }," if key == "methods" else "  }")
    lines.append("}")
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {output} ({len(trimmed['methods'])} methods, {len(trimmed['types'])} types)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
