#!/usr/bin/env python3
"""Build seed inputs for the `vectors` fuzz target from the bundled vectors/.

Each seed is one selector byte (the index of the file name in NAMES of
fuzz_targets/vectors.rs) followed by the head of a real vector file, cut
after at most MAX bytes at a record boundary (a blank line).

    python3 fuzz/seed_vectors.py OUT_DIR [MAX]

The committed fuzz/seeds/vectors/ was made with MAX=1500; a local corpus
can use a larger MAX (e.g. fuzz/corpus/vectors with 4000).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = (ROOT / "fuzz" / "fuzz_targets" / "vectors.rs").read_text()
NAMES = re.findall(r'^\s+"([^"]+)",$', TARGET.split("const NAMES")[1].split("];")[0], re.M)


def head(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut + 2] if cut > 0 else text[:limit]


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    out.mkdir(parents=True, exist_ok=True)
    files = {p.name: p for p in (ROOT / "vectors").rglob("*") if p.is_file()}
    n = 0
    for i, name in enumerate(NAMES):
        src = files.get(name)
        if src is None:
            continue
        data = bytes([i]) + head(src.read_text(), limit).encode()
        (out / f"{i:02}-{name}").write_bytes(data)
        n += 1
    print(f"wrote {n} seeds to {out}")


if __name__ == "__main__":
    main()
