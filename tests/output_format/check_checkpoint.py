#!/usr/bin/python3
"""Checkpoints (issue 15, docs/checkpoints.md):
- `run --checkpoint-at/--checkpoint-every` writes FILE.ckpt-YYYY-MM.h5; `resume` from each of
  several checkpoints gives every dataset of the uninterrupted run bit for bit, at 1 and 3 threads
  on either side, after the original output was deleted, with interventions in force;
- `fork CHECKPOINT ARM.toml` equals a straight run of the arm; an arm that changes what happens
  before the checkpoint is refused (exit 2) with a message naming the key and the month;
- `info CHECKPOINT`; damaged, truncated, other-version and hash-mismatch checkpoints are refused
  with 74 or 2 and a message, never a crash;
- SIGTERM with checkpoints: exit 75, a checkpoint, and resuming it gives the uninterrupted run.

usage: check_checkpoint.py MINESIM_BINARY SOURCE_DIR WORK_DIR
"""
import os
import shutil
import signal
import subprocess
import sys
import time

import h5py

from checks import check, failures, run, same_data

B, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
os.chdir(WORK)
POL = os.path.join(SRC, "scenarios", "policies")


def ok(args, what):
    rc, out, err = run(args)
    check(rc == 0, f"{what}: exit 0 (got {rc}: {err[-400:]})")
    return out, err


# Resume equals the uninterrupted run: new_deal_2026 (interventions from 2026-01), 18 months.
nd = os.path.join(POL, "new_deal_2026.toml")
ok([B, "run", nd, "--months", "18", "-q", "-j", "1", "-o", "full.h5"], "uninterrupted run")
ok([B, "run", nd, "--months", "18", "-q", "-j", "3", "-o", "c.h5", "--checkpoint-at", "2025-01",
    "--checkpoint-at", "2025-12-01", "--checkpoint-every", "7"], "run with checkpoints")
same_data("full.h5", "c.h5", "a run with checkpoints")
names = sorted(f for f in os.listdir(".") if f.startswith("c.h5.ckpt-"))
check(names == ["c.h5.ckpt-2025-01.h5", "c.h5.ckpt-2025-07.h5", "c.h5.ckpt-2025-12.h5",
                "c.h5.ckpt-2026-02.h5"], f"checkpoint names ({names})")
os.remove("c.h5")
for name, threads in zip(names, ["1", "3", "1", "2"]):
    ok([B, "resume", name, "-q", "-j", threads], f"resume {name}")
    same_data("full.h5", "c.h5", f"resume {name} at {threads} threads")
    os.remove("c.h5")
ok([B, "resume", names[1], "-q", "-o", "other.h5"], "resume -o")
same_data("full.h5", "other.h5", "resume -o other.h5")

out, _ = ok([B, "info", names[2]], "info CHECKPOINT")
for part in ["minesim checkpoint", "last month      2025-12", "seed            1", "persons",
             "new_deal_2026.toml"]:
    check(part in out, f"info CHECKPOINT shows {part!r}")

# Fork: a baseline checkpoint at 2029-12 continued under new_deal_2030 (all interventions from
# 2030-01) equals a straight run of new_deal_2030.
base = os.path.join(SRC, "scenarios", "baseline.toml")
arm30 = os.path.join(POL, "new_deal_2030.toml")
ok([B, "run", base, "-q", "--months", "66", "-o", "b.h5", "--checkpoint-at", "2029-12"],
   "baseline with a checkpoint")
with open("arm30.toml", "w") as f:
    f.write(f'extends = "{arm30}"\n[simulation]\nmonths = 66\n')
ok([B, "run", "arm30.toml", "-q", "-o", "straight30.h5"], "straight run of the arm")
ok([B, "fork", "b.h5.ckpt-2029-12.h5", "arm30.toml", "-q", "-j", "3", "-o", "fork30.h5"], "fork")
same_data("straight30.h5", "fork30.h5", "fork equals the arm's straight run")

# Refused forks, with exact messages.
with open("arm26.toml", "w") as f:
    f.write(f'extends = "{nd}"\n[simulation]\nmonths = 66\n')
with open("arm_rate.toml", "w") as f:
    f.write(f'extends = "{base}"\n[simulation]\nmonths = 66\n[economy]\nroyalty_rate = 0.09\n')
tail = ("; a fork may change only what happens after its checkpoint's last month, 2029-12 "
        "(docs/checkpoints.md)")
for arm, msg in [
        ("arm26.toml", "minesim: error: fork arm26.toml: interventions.buy_local starts "
         "2026-01, in force by 2029-12: the arm adds it" + tail),
        ("arm_rate.toml", "minesim: error: fork arm_rate.toml: economy.royalty_rate is 0.09 in "
         "the arm and 0.04 in the checkpoint's run; it applies from the first month, 2024-01"
         + tail)]:
    rc, _, err = run([B, "fork", "b.h5.ckpt-2029-12.h5", arm, "-q", "-o", "no.h5"])
    check(rc == 2, f"fork {arm}: exit 2 (got {rc})")
    check(err.strip() == msg, f"fork {arm}: message\n  got:  {err.strip()}\n  want: {msg}")
    check(not os.path.exists("no.h5"), f"fork {arm}: nothing written")

# Damaged checkpoints: 74 (or 2 for another version), a message, never a crash, nothing written.
good = names[2]


def damaged(name, change):
    shutil.copy(good, name)
    change(name)
    return name


def truncate(p):
    with open(p, "r+b") as f:
        f.truncate(os.path.getsize(p) // 2)


def flip_data(p):  # a byte inside the persons' ages: only the state hash can see it
    with h5py.File(p, "r") as f:
        off = f["world/persons/age_months"].id.get_offset()
    with open(p, "r+b") as f:
        f.seek(off + 10)
        b = f.read(1)
        f.seek(off + 10)
        f.write(bytes([b[0] ^ 0x5A]))


def set_attr(name, value):
    def change(p):
        with h5py.File(p, "r+") as f:
            f.attrs[name] = value
    return change


def huge_dataset(p):  # a shape of 2**40 rows, no data stored: refused before any allocation
    with h5py.File(p, "r+") as f:
        dtype = f["world/persons/age_months"].dtype
        del f["world/persons/age_months"]
        f.create_dataset("world/persons/age_months", shape=(2**40, 1), dtype=dtype)


cases = [
    (damaged("trunc.h5", truncate), 74, "trunc.h5"),
    (damaged("huge.h5", huge_dataset), 74, "holds more than the file's"),
    (damaged("flip.h5", flip_data), 74, "state_hash"),
    (damaged("version.h5", set_attr("minesim", "0.0.1 (abc, Release)")), 2,
     "a run continues only with the minesim that began it"),
    (damaged("hash.h5", set_attr("scenario", "[simulation]\nmonths = 3\n")), 74,
     "does not match its hash"),
    (damaged("format.h5", set_attr("checkpoint_version", "99")), 2, "checkpoint format 99"),
]
with open("text.h5", "w") as f:
    f.write("not a checkpoint\n")
cases.append(("text.h5", 74, "not an HDF5 file"))
for name, want, part in cases:
    rc, _, err = run([B, "resume", name, "-q", "-o", "r.h5"])
    check(rc == want, f"resume {name}: exit {want} (got {rc}: {err.strip()[-300:]})")
    check(part in err, f"resume {name}: message names {part!r} ({err.strip()[-300:]})")
    check(not os.path.exists("r.h5"), f"resume {name}: nothing at the output")

# SIGTERM with checkpoints: the month finishes, a checkpoint is written, exit 75; resuming it
# gives the uninterrupted run.
ok([B, "run", base, "-q", "-j", "1", "--months", "240", "-o", "long_full.h5"], "long run")
for attempt in range(3):
    for f in os.listdir("."):
        if f.startswith("long.h5"):
            os.remove(f)
    p = subprocess.Popen([B, "run", base, "-q", "-j", "1", "--months", "240", "-o", "long.h5",
                          "--checkpoint-every", "1000"], stderr=subprocess.PIPE, text=True)
    time.sleep(0.6 + 0.3 * attempt)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate()
    if p.returncode == 0:
        continue  # finished first: try again, later
    check(p.returncode == 75, f"SIGTERM with checkpoints: exit 75 (got {p.returncode}: {err})")
    ck = [f for f in os.listdir(".") if f.startswith("long.h5.ckpt-")]
    check(len(ck) == 1 and "minesim resume" in err, f"SIGTERM: one checkpoint ({ck}, {err})")
    check(not os.path.exists("long.h5"), "SIGTERM: nothing at FILE")
    if ck:
        ok([B, "resume", ck[0], "-q", "-j", "2"], "resume after SIGTERM")
        same_data("long_full.h5", "long.h5", "resume after SIGTERM")
    break
else:
    check(False, "SIGTERM: the run always finished before the signal")

# A date outside the recorded months is refused.
rc, _, err = run([B, "run", base, "-q", "--months", "3", "-o", "x.h5", "--checkpoint-at",
                  "2024-06"])
check(rc == 2 and "--checkpoint-at 2024-06: not a recorded month of this run (2025-01 to "
      "2025-03)" in err, f"--checkpoint-at outside the run: exit 2 ({rc}, {err})")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
