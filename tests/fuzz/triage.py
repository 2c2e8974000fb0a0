#!/usr/bin/env python3
"""Decides whether a libFuzzer / sanitizer report is minesim's or libhdf5's own.

    triage.py LOG            prints "minesim: REASON" (exit 1), "libhdf5: REASON" (exit 0)
                             or "none: no report" (exit 0)

libhdf5 1.10.8 itself crashes on some damaged files; such a report is shown but must not fail
CI. A report is libhdf5's only when every stack that locates the fault puts its innermost
non-runtime frame inside libhdf5: the crash stack (where the bad access, signal, timeout or
allocation happened) and the stacks that say whose memory it was ("allocated by", "freed by",
"located in stack of ... in frame"). So libhdf5 writing past a buffer minesim handed it is
minesim's (the buffer's frame or allocation is minesim's), and so is anything in minesim's code
or the headers compiled into it (toml++, fmt, the standard library's templates). Runtime frames
(sanitizers, libFuzzer, libc, libstdc++'s compiled parts) are skipped. A report without any stack
(e.g. an RSS limit) is minesim's: nothing shows that libhdf5 is to blame.
"""
import re
import sys

FRAME = re.compile(r"^\s*#(\d+) 0x[0-9a-fA-F]+\s+(.*?)\s*(\(BuildId: [0-9a-fA-F]+\))?\s*$")
REPORT_START = re.compile(
    r"(==\d+==\s*ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer|UndefinedBehaviorSanitizer)"
    r"|runtime error:|^SUMMARY: |^MS: )")
RUNTIME_FUNC = re.compile(r"^(__asan|__ubsan|__sanitizer|__lsan|__interceptor|__interception|"
                          r"fuzzer::|__libc_|_start$|__GI_|raise$|abort$|__cxa_|"
                          r"operator new|operator delete|malloc$|calloc$|realloc$|free$|"
                          r"__sanitizer_|LLVMFuzzerRunDriver|main$)")
RUNTIME_MODULE = re.compile(r"(compiler-rt/|libc\.so|libc-|libstdc\+\+|libgcc_s|ld-linux|"
                            r"libpthread|libm\.so|<unknown module>)")


def frame_owner(func, loc):
    """'hdf5', 'runtime' or 'ours' for one symbolized frame."""
    func = func or ""
    if "libhdf5" in loc:
        return "hdf5"
    if RUNTIME_FUNC.match(func) or RUNTIME_MODULE.search(loc):
        return "runtime"
    if not func and ".so" in loc:  # an unsymbolized frame of another shared library
        return "runtime"
    return "ours"  # minesim, the headers compiled into it, or an unsymbolized frame of the binary


def stacks(lines):
    """Splits the frames of a report into stacks (each starts at #0)."""
    out = []
    for line in lines:
        m = FRAME.match(line)
        if not m:
            continue
        if m.group(1) == "0" or not out:
            out.append([])
        rest = m.group(2)
        func, loc = ("", rest) if not rest.startswith("in ") else rest[3:].rpartition(" ")[::2]
        out[-1].append(frame_owner(func, loc))
    return out


def innermost(stack):
    return next((owner for owner in stack if owner != "runtime"), "runtime")


def classify(text):
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if REPORT_START.search(l)), None)
    if start is None:
        return "none", "no report"
    found = stacks(lines[start:])
    if not found:
        return "minesim", "a report without a stack"
    owners = [innermost(s) for s in found]
    if "ours" in owners:
        which = owners.index("ours")
        return "minesim", ("the fault is in minesim's code" if which == 0 else
                           f"stack {which + 1} (whose memory) is minesim's")
    if all(o == "hdf5" for o in owners if o != "runtime") and "hdf5" in owners:
        return "libhdf5", "every stack's innermost frame is inside libhdf5"
    return "minesim", "no stack points at libhdf5"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(argv[1], errors="replace") as f:
        verdict, reason = classify(f.read())
    print(f"{verdict}: {reason}")
    return 1 if verdict == "minesim" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
