#!/usr/bin/python3
"""SIGKILL during a checkpoint write (issue 15, docs/checkpoints.md): a run writing a checkpoint
every month is killed while one is being written, at several points of the write. Then:
- nothing is at the path of the checkpoint being written (only its temporary,
  FILE.ckpt-YYYY-MM.h5.partial-XXXXXX, which the checkpoint glob FILE.ckpt-*.h5 does not match);
- the temporary, named by hand, is refused by `resume` (exit 74), or is whole;
- every FILE.ckpt-YYYY-MM.h5 present is a whole checkpoint (`minesim info` exit 0), one a month
  from the first, and nothing is at FILE;
- resuming the latest gives every dataset of the uninterrupted run.

The kill is aimed by watching the directory for the checkpoint's temporary (it exists from the
write's first byte until the rename) and sending SIGKILL a varying delay after it appears; an
attempt where the write finished first counts as a miss and is retried.

usage: check_checkpoint_kill.py MINESIM_BINARY SOURCE_DIR WORK_DIR
"""
import fnmatch
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from checks import check, failures, run, same_data

B, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
os.chdir(WORK)
# ~330,000 persons: a checkpoint of ~10 MB takes tens of ms to write, a month about as long.
RUN = [B, "run", os.path.join(SRC, "scenarios", "baseline.toml"), "-q", "-j", "1", "--months",
       "12", "--set", "communities.kora.population=300000"]
DELAYS = [0.0, 0.002, 0.005, 0.01, 0.02, 0.0005]  # s after the temporary appears
WANT_HITS, MAX_ATTEMPTS = 4, 24
CKPT = re.compile(r"^k\.h5\.ckpt-(\d{4})-(\d{2})\.h5$")
TEMP = re.compile(r"^(k\.h5\.ckpt-\d{4}-\d{2}\.h5)\.partial-[A-Za-z0-9]{6}$")

rc, _, err = run(RUN + ["-o", "full.h5"])
check(rc == 0, f"uninterrupted run: exit 0 ({rc}: {err[-300:]})")


def kill_during_write(nth, delay):
    """Runs with a checkpoint every month and SIGKILLs it `delay` s after the temporary of its
    `nth` checkpoint appears; returns (exit status, {temporary: size at the kill})."""
    for f in os.listdir("."):
        if f.startswith("k.h5"):
            os.remove(f)
    p = subprocess.Popen(RUN + ["-o", "k.h5", "--checkpoint-every", "1"],
                         stderr=subprocess.DEVNULL)
    seen = set()
    while p.poll() is None:
        temps = {f for f in os.listdir(".") if TEMP.match(f)}
        seen |= temps
        if len(seen) >= nth and temps:
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            break
    p.wait()
    sizes = {}
    for f in os.listdir("."):
        if TEMP.match(f):
            sizes[f] = os.path.getsize(f)
    return p.returncode, sizes


hits = 0
for attempt in range(MAX_ATTEMPTS):
    nth, delay = 2 + attempt % 5, DELAYS[attempt % len(DELAYS)]
    rc, temps = kill_during_write(nth, delay)
    if rc == 0 or not temps:
        print(f"attempt {attempt}: the write finished before the kill (exit {rc}); again")
        continue
    hits += 1
    what = f"SIGKILL {delay * 1000:g} ms into checkpoint {nth}'s write"
    check(rc == -signal.SIGKILL, f"{what}: killed (status {rc})")
    for temp, size in temps.items():
        target = TEMP.match(temp).group(1)
        check(not os.path.exists(target), f"{what}: nothing at {target} (its temporary {temp})")
        check(not fnmatch.fnmatch(temp, "k.h5.ckpt-*.h5"),
              f"{what}: the temporary {temp} does not match the checkpoint glob")
        # Named by hand, it is refused (74: not closed, so no checkpoint's attributes), or, when
        # the kill came after it was closed (in the fsync), it is whole: never a different run.
        rc, _, err = run([B, "resume", temp, "-q", "-o", "from_temp.h5"])
        temps[temp] = (size, rc)
        check(rc in (0, 74), f"{what}: resume {temp}: exit 74 or 0 ({rc}: {err.strip()[-200:]})")
        if rc == 0:
            same_data("full.h5", "from_temp.h5", f"{what}: resume of a whole temporary")
            os.remove("from_temp.h5")
    check(not os.path.exists("k.h5"), f"{what}: nothing at FILE")
    ckpts = sorted(f for f in os.listdir(".") if CKPT.match(f))
    months = [f"2025-{m:02d}" for m in range(1, len(ckpts) + 1)]
    check(ckpts == [f"k.h5.ckpt-{m}.h5" for m in months],
          f"{what}: one checkpoint a month from the first ({ckpts})")
    for c in ckpts:
        rc, _, err = run([B, "info", c])
        check(rc == 0, f"{what}: {c} is a whole checkpoint (info: {rc}, {err.strip()[-200:]})")
    print(f"attempt {attempt}: {what}: left {temps} (bytes, resume's exit) beside {len(ckpts)} "
          "checkpoints")
    if ckpts:
        rc, _, err = run([B, "resume", ckpts[-1], "-q", "-j", "2"])
        check(rc == 0, f"{what}: resume {ckpts[-1]}: exit 0 ({rc}: {err.strip()[-300:]})")
        if rc == 0:
            same_data("full.h5", "k.h5", f"{what}: resume {ckpts[-1]}")
    if hits >= WANT_HITS:
        break
check(hits > 0, f"a kill during a checkpoint write in {MAX_ATTEMPTS} attempts (hits: {hits})")

print(f"{hits} kills during a write; {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
