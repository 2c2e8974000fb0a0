#!/usr/bin/env python3
"""The compile-time checks of the categorical axes (src/core/categories.h) and of the ledger's flows
(src/world/ledger.h): the headers as they are compile, and each kind of mistake fails to compile.

usage: check_axis_declarations.py CXX SRC_DIR
"""
import subprocess
import sys
import tempfile
from pathlib import Path

CXX, SRC = sys.argv[1], Path(sys.argv[2])

GOOD = '#include "core/categories.h"\n#include "world/ledger.h"\nint main() { return 0; }\n'

# Each: (what, snippet). Every snippet declares an axis the way categories.h does, with one mistake.
BAD = [
    ("a missing label", """
enum class E : unsigned char { kA, kB, kC };
inline constexpr auto kL = std::to_array<std::string_view>({"a", "b"});
static_assert(labels_cover(E::kC, kL));"""),
    ("an empty label", """
enum class E : unsigned char { kA, kB, kC };
inline constexpr auto kL = std::to_array<std::string_view>({"a", "", "c"});
static_assert(labels_cover(E::kC, kL));"""),
    ("a label given twice", """
enum class E : unsigned char { kA, kB, kC };
inline constexpr auto kL = std::to_array<std::string_view>({"a", "b", "a"});
static_assert(labels_cover(E::kC, kL));"""),
    ("an extra label", """
enum class E : unsigned char { kA, kB };
inline constexpr auto kL = std::to_array<std::string_view>({"a", "b", "c"});
static_assert(labels_cover(E::kB, kL));"""),
    ("a fixed-size array with an entry left out", """
enum class E : unsigned char { kA, kB, kC };
inline constexpr std::array<std::string_view, 3> kL{"a", "b"};
static_assert(labels_cover(E::kC, kL));"""),
    ("a 31st ledger flow without its label", """
static_assert(labels_cover(static_cast<Flow>(30), kFlowLabels));"""),
]


def compiles(code: str, tmp: Path) -> tuple[bool, str]:
    f = tmp / "axis_check.cpp"
    f.write_text(code)
    r = subprocess.run([CXX, "-std=c++20", "-fsyntax-only", f"-I{SRC}", str(f)],
                       capture_output=True, text=True)
    return r.returncode == 0, r.stderr


def main() -> int:
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        ok, err = compiles(GOOD, tmp)
        if not ok:
            print("FAIL: the headers do not compile:\n" + err)
            return 1
        for what, body in BAD:
            code = ('#include "core/categories.h"\n#include "world/ledger.h"\n'
                    "namespace minesim {\n" + body + "\n}\nint main() { return 0; }\n")
            ok, err = compiles(code, tmp)
            if ok:
                print(f"FAIL: {what} compiles")
                failures += 1
            elif "static assertion failed" not in err and "static_assert" not in err:
                print(f"FAIL: {what} fails to compile, but not at the check:\n{err}")
                failures += 1
            else:
                print(f"ok: {what} fails to compile")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
