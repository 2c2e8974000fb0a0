#!/usr/bin/env python3
"""Checks triage.py on reports in the exact formats ASan, LSan, UBSan and libFuzzer print."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import triage  # noqa: E402

HDF5 = "/lib/x86_64-linux-gnu/libhdf5_serial.so.103"
RT = "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.asan-x86_64.a"

# libhdf5 reads its own freed memory (a damaged B-tree): not minesim's.
HDF5_SEGV = f"""INFO: Seed: 1
==77==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000010 (pc 0x7f00 T0)
==77==The signal is caused by a READ memory access.
    #0 0x7f01 in H5C_protect ({HDF5}+0x8a1b2) (BuildId: e923ff058f7cfc1a31cc68764211396ffb3aeb91)
    #1 0x7f02  ({HDF5}+0x1234) (BuildId: e923ff058f7cfc1a31cc68764211396ffb3aeb91)
    #2 0x7f03 in H5Dopen2 ({HDF5}+0x9e0)
    #3 0x5501 in minesim::print_info(std::string const&, std::ostream&, bool) /w/src/io/info.cpp:57:15
    #4 0x5502 in LLVMFuzzerTestOneInput /w/tests/fuzz/output_fuzz.cpp:80:3
    #5 0x5503 in fuzzer::Fuzzer::ExecuteCallback(unsigned char const*, unsigned long) (/w/build/fuzz/fuzz_output+0x4)
    #6 0x7f09 in __libc_start_main (/lib/x86_64-linux-gnu/libc.so.6+0x271c9)
SUMMARY: AddressSanitizer: SEGV ({HDF5}+0x8a1b2) in H5C_protect
"""

# libhdf5 writes a 4,000-element attribute into minesim's one-element buffer: minesim's.
STACK_WRITE = f"""==78==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ffd at pc 0x55 bp 0x7ff sp 0x7ff
WRITE of size 32000 at 0x7ffd thread T0
    #0 0x5500 in __asan_memcpy ({RT}+0x1)
    #1 0x7f01 ({HDF5}+0x2a1b2)
    #2 0x7f03 in H5Aread ({HDF5}+0x9e0)
    #3 0x5501 in minesim::h5::read_attr_text(long, char const*) /w/src/io/h5.cpp:80:7
    #4 0x5502 in LLVMFuzzerTestOneInput /w/tests/fuzz/output_fuzz.cpp:80:3

Address 0x7ffd is located in stack of thread T0 at offset 32 in frame
    #0 0x5501 in minesim::h5::read_attr_text(long, char const*) /w/src/io/h5.cpp:60

SUMMARY: AddressSanitizer: stack-buffer-overflow ({HDF5}+0x2a1b2)
"""

# A read past a vector minesim allocated, in minesim's own loop.
HEAP_READ = """==79==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020 at pc 0x55 bp 0x7f sp 0x7f
READ of size 8 at 0x6020 thread T0
    #0 0x5501 in minesim::(anonymous namespace)::collapse(Var const&) /w/src/app/compare.cpp:190:20
    #1 0x5502 in LLVMFuzzerTestOneInput /w/tests/fuzz/output_fuzz.cpp:80:3
0x6020 is located 0 bytes to the right of 16-byte region [0x6010,0x6020)
allocated by thread T0 here:
    #0 0x5500 in operator new(unsigned long) (/w/build/fuzz/fuzz_output+0x1)
    #1 0x5503 in std::vector<double>::vector(unsigned long) /usr/include/c++/12/bits/stl_vector.h:557:9
    #2 0x5501 in minesim::(anonymous namespace)::read_var /w/src/app/compare.cpp:166:7
"""

# Leaks of libhdf5's own allocations (not suppressed here) versus a leak of minesim's.
HDF5_LEAK = f"""==80==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 96 byte(s) in 1 object(s) allocated from:
    #0 0x5500 in malloc ({RT}+0x2)
    #1 0x7f01 in H5FL_reg_malloc ({HDF5}+0x11)
    #2 0x7f02 in H5F_open ({HDF5}+0x12)
    #3 0x5501 in minesim::h5::open_readonly(std::string const&) /w/src/io/h5.cpp:105:17

SUMMARY: AddressSanitizer: 96 byte(s) leaked in 1 allocation(s).
"""
OUR_LEAK = HDF5_LEAK + """
Indirect leak of 24 byte(s) in 1 object(s) allocated from:
    #0 0x5500 in operator new(unsigned long) (/w/build/fuzz/fuzz_output+0x1)
    #1 0x5501 in minesim::load_run(std::string const&) /w/src/app/compare.cpp:392:3
"""

# The target's own abort on an unexpected exception (deadly signal through libc).
ABORT = """output_fuzz: info: basic_string::substr: __pos (which is 1) > this->size() (which is 0)
==81== ERROR: libFuzzer: deadly signal
    #0 0x5500 in __sanitizer_print_stack_trace (/w/build/fuzz/fuzz_output+0x1)
    #1 0x5501 in fuzzer::PrintStackTrace() (/w/build/fuzz/fuzz_output+0x2)
    #2 0x7f00 (/lib/x86_64-linux-gnu/libc.so.6+0x3bf8f)
    #3 0x7f01 in raise (/lib/x86_64-linux-gnu/libc.so.6+0x3c0ff)
    #4 0x7f02 in abort (/lib/x86_64-linux-gnu/libc.so.6+0x26471)
    #5 0x5502 in (anonymous namespace)::finding(char const*, char const*) /w/tests/fuzz/output_fuzz.cpp:24:3
"""

UBSAN = """/w/src/scenario/load.cpp:310:22: runtime error: 1e+308 is outside the range of representable values of type 'long'
    #0 0x5501 in minesim::to_cents(double) /w/src/core/money.h:20:22
    #1 0x5502 in LLVMFuzzerTestOneInput /w/tests/fuzz/scenario_fuzz.cpp:50:11
SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /w/src/core/money.h:20:22
"""

RSS = """==82== ERROR: libFuzzer: out-of-memory (used: 2100Mb; exceeds: 2048Mb)
To change the out-of-memory limit use -rss_limit_mb=<N>
SUMMARY: libFuzzer: out-of-memory
"""

# No symbols for the binary's own frame (a build without debug information): minesim's.
UNSYMBOLIZED = f"""==83==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000010 (pc 0x5500 T0)
    #0 0x5500  (/w/build/fuzz/tests/fuzz/fuzz_output+0x1234) (BuildId: b148b49477ec6789ef5ff5429dda91ca005af310)
    #1 0x7f03 in H5Dopen2 ({HDF5}+0x9e0)
"""

CLEAN = """INFO: Seed: 3
#100000 DONE   cov: 2104 ft: 9000 corp: 200/30Kb lim: 4096 exec/s: 2000 rss: 80Mb
Done 100000 runs in 50 second(s)
"""

CASES = [(HDF5_SEGV, "libhdf5"), (STACK_WRITE, "minesim"), (HEAP_READ, "minesim"),
         (HDF5_LEAK, "libhdf5"), (OUR_LEAK, "minesim"), (ABORT, "minesim"), (UBSAN, "minesim"),
         (RSS, "minesim"), (UNSYMBOLIZED, "minesim"), (CLEAN, "none")]


def main():
    failed = 0
    for i, (text, want) in enumerate(CASES):
        got, reason = triage.classify(text)
        if got != want:
            print(f"case {i}: expected {want}, got {got} ({reason})")
            failed += 1
    # The command line: exit 1 only for minesim's reports.
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write(HDF5_SEGV)
    if triage.main(["triage.py", f.name]) != 0:
        print("command line: a libhdf5 report must exit 0")
        failed += 1
    with open(f.name, "w") as g:
        g.write(STACK_WRITE)
    if triage.main(["triage.py", f.name]) != 1:
        print("command line: a minesim report must exit 1")
        failed += 1
    os.unlink(f.name)
    print(f"{len(CASES)} reports triaged, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
