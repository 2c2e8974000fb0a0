#!/usr/bin/python3
"""Structure limits of src/ (docs/engineering.md, "Structure limits"):
- no function longer than 80 physical lines, counted from the line of its opening brace to the
  line of its closing brace (lambdas and local classes count in the function that holds them);
  the only exception is a function named default_* that returns literal data (no loop, no
  condition);
- no source file (.cpp or .h) longer than 450 lines as `wc -l` counts them.
Usage: tools/check_structure.py [SRC_DIR]   (default: src next to this script's folder)
Prints every violation and exits 1 if there is one; with --report, prints the longest functions."""
import os
import re
import sys

MAX_FUNCTION_LINES = 80
MAX_FILE_LINES = 450


def strip_code(text):
    """Blanks comments, string and character literals, keeping newlines (line numbers hold)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j - 1]))
            i = j
        elif c == "'" and i > 0 and text[i - 1].isalnum() and not re.match(r"[uUL8]", text[i - 1]):
            out.append(c)  # a digit separator (4'000'000), not a character literal
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """Yields (name, first_line, last_line, body) for each outermost function body."""
    code = strip_code(text)
    stack = []  # kinds of the open braces: "ns", "type", "func", "other"
    start = 0  # where the text before the current brace begins
    func_open = None
    for i, c in enumerate(code):
        if c == "{":
            head = code[start:i]
            kind = "other"
            inside_func = "func" in stack
            if not inside_func:
                if re.search(r"\bnamespace\b[^;{}]*$", head) or re.search(r'\bextern\s+""\s*$', head):
                    kind = "ns"
                elif re.search(r"\b(struct|class|union|enum)\b[^;(){}]*$", head):
                    kind = "type"
                elif re.search(r"\)\s*(const|noexcept|override|final|mutable|->[^;{}]*|\s)*$", head) or \
                        re.search(r"\)\s*:[^;{}]*$", head):  # constructor initializer lists
                    kind = "func"
                    m = re.findall(r"([~\w:]+)\s*\(", head)
                    func_open = (m[0] if m else "?", code.count("\n", 0, i) + 1, i)
            stack.append(kind)
            start = i + 1
        elif c == "}":
            kind = stack.pop() if stack else "other"
            if kind == "func" and "func" not in stack and func_open:
                name, line, pos = func_open
                yield name, line, code.count("\n", 0, i) + 1, code[pos:i]
                func_open = None
            start = i + 1
        elif c == ";" and "func" not in stack:
            start = i + 1


def literal_data(name, body):
    return name.split("::")[-1].startswith("default_") and not re.search(
        r"\b(for|while|if|switch)\b|\?", body)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    report = "--report" in sys.argv
    src = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    bad, lengths = [], []
    for root, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith((".cpp", ".h")):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, os.path.join(src, ".."))
            text = open(path, encoding="utf-8").read()
            nlines = text.count("\n")
            if nlines > MAX_FILE_LINES:
                bad.append(f"{rel}: {nlines} lines (at most {MAX_FILE_LINES})")
            for name, first, last, body in functions(text):
                length = last - first + 1
                lengths.append((length, f"{rel}:{first}: {name}"))
                if length > MAX_FUNCTION_LINES and not literal_data(name, body):
                    bad.append(f"{rel}:{first}: {name}: {length} lines (at most {MAX_FUNCTION_LINES})")
    if report:
        for length, where in sorted(lengths, reverse=True)[:15]:
            print(f"{length:5d}  {where}")
    for b in bad:
        print(b)
    print(f"check_structure: {len(lengths)} functions, {len(bad)} over the limits")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
