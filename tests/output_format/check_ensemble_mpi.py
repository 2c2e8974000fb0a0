#!/usr/bin/python3
"""Ensembles over many processes (issue 16; docs/ensembles.md, "Many machines"), on the real MPI:
- `mpirun -n 2` and `mpirun -n 3 --oversubscribe` give the single-process ensemble file,
  dataset for dataset, and leave nothing beside OUT;
- `--part 1/2` and `--part 2/2` then `--combine DIR` give it too; combining before every part
  has finished is refused (exit 2) naming the members missing; a part of another plan text in
  the same folder is refused naming the folder;
- interrupted with SIGTERM under `--checkpoint-every` (exit 75 in one process, the MPI job
  stopped), the same command continues (at another rank count) to the same file;
- a member that fails ends every rank, with a message naming the member, and nothing at OUT;
- `--estimate` (text and sh) and bad `--part` values.

usage: check_ensemble_mpi.py MINESIM_BINARY WORK_DIR [LONG_MONTHS]
LONG_MONTHS (default 120): the months of the plan that is interrupted; the sanitizer build passes
60, which runs as long there as 120 does in Release.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from checks import (BURKINA_ARMS, NEW_DEAL_ARMS, check, failures, plan_text,  # noqa: E402
                    same_data)

# mpirun refuses root unless told; LeakSanitizer (the asan preset) reports Open MPI's own
# allocations at exit, which are not minesim's.
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               ASAN_OPTIONS="detect_leaks=0", OMPI_MCA_rmaps_base_oversubscribe="1")


def ensemble(binary, *args, mpi=0):
    cmd = ([binary] if mpi == 0 else ["mpirun", "-n", str(mpi), binary]) + ["ensemble", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=MPI_ENV, timeout=300)


def write_plans(long_months):
    small = plan_text(NEW_DEAL_ARMS, months=30, scale=0.1, replicates=2)
    with open("small.toml", "w") as f:
        f.write(small)
    with open("other.toml", "w") as f:
        f.write(small + "# another text\n")
    # Long enough (about 10 s on 2 cores at 120 months) for a SIGTERM to land while members run.
    with open("long.toml", "w") as f:
        f.write(plan_text(BURKINA_ARMS, months=long_months, scale=0.02, replicates=2))


def nothing_beside(out, what):
    left = [f for f in os.listdir(".") if f.startswith(os.path.basename(out) + ".")]
    check(not left, f"{what}: nothing left beside {out} ({left})")


def check_mpi(binary):
    for n in (2, 3):
        out = f"mpi{n}.h5"
        p = ensemble(binary, "small.toml", "-o", out, "--jobs", "1", mpi=n)
        check(p.returncode == 0, f"mpirun -n {n}: exit 0 ({p.stderr[-800:]})")
        check(f"8 members over {n} MPI ranks" in p.stderr,
              f"mpirun -n {n}: the start line counts the ranks ({p.stderr[:300]})")
        if p.returncode == 0:
            same_data("single.h5", out, f"mpirun -n {n} against one process")
        nothing_beside(out, f"mpirun -n {n}")


def check_part_under_mpi(binary):
    p = ensemble(binary, "small.toml", "-o", "mp.h5", "--part", "1/2", "-q", mpi=2)
    check(p.returncode == 2 and "--part K/N is for runs without mpirun" in p.stderr,
          f"--part under mpirun -n 2: exit 2 ({p.returncode}, {p.stderr[-300:]})")
    p = ensemble(binary, "small.toml", "-o", "mp.h5", "--part", "1/2", "-q", mpi=1)
    check(p.returncode == 0 and os.path.isdir("mp.h5.members"),
          f"--part under a launcher of one task runs the part ({p.stderr[-300:]})")


def check_parts(binary):
    p1 = ensemble(binary, "small.toml", "-o", "parts.h5", "--part", "1/2", "--jobs", "2")
    check(p1.returncode == 0, f"--part 1/2: exit 0 ({p1.stderr[-600:]})")
    check("--combine parts.h5.members -o parts.h5" in p1.stderr,
          f"--part 1/2 says how to combine ({p1.stderr[-300:]})")
    check(not os.path.exists("parts.h5"), "--part writes no OUT")
    early = ensemble(binary, "--combine", "parts.h5.members", "-o", "parts.h5")
    check(early.returncode == 2 and "have not finished" in early.stderr
          and re.search(r"\w+/s\d/p0", early.stderr),
          f"combine before every part: exit 2 naming members ({early.returncode}, {early.stderr})")
    check(not os.path.exists("parts.h5"), "a refused combine writes nothing at OUT")
    other = ensemble(binary, "other.toml", "-o", "parts.h5", "--part", "2/2")
    check(other.returncode == 2 and "holds the members of another ensemble" in other.stderr,
          f"a part of another plan: exit 2 ({other.returncode}, {other.stderr[-300:]})")
    # Temporaries a killed member left (an output's, a checkpoint's) go when it runs again.
    done = {f for f in os.listdir("parts.h5.members") if re.fullmatch(r"m\d+\.h5", f)}
    later = next(f"m{m}.h5" for m in range(8) if f"m{m}.h5" not in done)
    planted = [f"parts.h5.members/{later}.partial-Ab12Cd",
               f"parts.h5.members/{later}.ckpt-2026-01.h5.partial-Ef34Gh"]
    for path in planted:
        with open(path, "w") as f:
            f.write("left by a kill")
    p2 = ensemble(binary, "small.toml", "-o", "parts.h5", "--part", "2/2", "-q")
    check(p2.returncode == 0, f"--part 2/2: exit 0 ({p2.stderr[-600:]})")
    check(not any(os.path.exists(path) for path in planted),
          "a member run again removes the temporaries a kill left")
    again = ensemble(binary, "small.toml", "-o", "parts.h5", "--part", "1/2")
    check(again.returncode == 0 and "(4 finished earlier, 0 resume" in again.stderr,
          f"a part run again runs nothing ({again.stderr[:300]})")
    c = ensemble(binary, "--combine", "parts.h5.members", "-o", "parts.h5", "-q")
    check(c.returncode == 0, f"--combine: exit 0 ({c.stderr[-600:]})")
    if c.returncode == 0:
        same_data("single.h5", "parts.h5", "--part 1/2 + 2/2 + --combine against one process")
    nothing_beside("parts.h5", "--combine")
    for bad in ("0/2", "3/2", "1/0", "x", "1/2/3", "-1/2"):
        p = ensemble(binary, "small.toml", "-o", "bad.h5", "--part", bad)
        check(p.returncode == 2 and "--part" in p.stderr and "K/N" in p.stderr,
              f"--part {bad}: exit 2 with the expected form ({p.returncode}, {p.stderr[-200:]})")
    p = ensemble(binary, "small.toml", "-o", "new/sub/one.h5", "--part", "1/1", "-q")
    check(p.returncode == 0 and os.path.isdir("new/sub/one.h5.members"),
          f"--part into folders that do not exist yet makes them ({p.stderr[-300:]})")
    with open("file", "w") as f:
        f.write("x")
    p = ensemble(binary, "small.toml", "-o", "file/one.h5", "--part", "1/1", "-q")
    check(p.returncode == 73 and "cannot create file/one.h5.members" in p.stderr,
          f"--part under a file: exit 73 naming the folder ({p.returncode}, {p.stderr[-300:]})")
    p = ensemble(binary, "--combine", ".", "-o", "x.h5")
    check(p.returncode == 2 and "not a members folder" in p.stderr,
          f"--combine of a folder without a manifest: exit 2 ({p.stderr[-200:]})")


def stop_when_members_run(proc, out):
    """SIGTERM once some member has written a checkpoint (bounded wait)."""
    folder = out + ".members"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if os.path.isdir(folder) and any(".ckpt-" in f for f in os.listdir(folder)):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=120)


def check_interrupted(binary):
    ref = ensemble(binary, "long.toml", "-o", "long.h5", "--jobs", "2", "-q")
    check(ref.returncode == 0, f"long plan, one process: exit 0 ({ref.stderr[-400:]})")
    args = ["long.toml", "-o", "ck1.h5", "--jobs", "2", "--checkpoint-every", "6"]
    proc = subprocess.Popen([binary, "ensemble", *args, "-q"], env=MPI_ENV)
    status = stop_when_members_run(proc, "ck1.h5")
    check(status == 75, f"SIGTERM with --checkpoint-every: exit 75 (got {status})")
    check(not os.path.exists("ck1.h5"), "an interrupted ensemble writes nothing at OUT")
    p = ensemble(binary, *args)
    check(p.returncode == 0 and re.search(r"[1-9]\d* resume from their checkpoints", p.stderr),
          f"continued: exit 0, members resumed ({p.stderr[:400]})")
    if p.returncode == 0:
        same_data("long.h5", "ck1.h5", "interrupted and continued against uninterrupted")
    nothing_beside("ck1.h5", "continued")
    # Under MPI: stopped at 2 ranks, continued at 3.
    mpi = ["mpirun", "-n", "2", binary, "ensemble", "long.toml", "-o", "ck2.h5", "--jobs", "1",
           "--checkpoint-every", "6", "-q"]
    proc = subprocess.Popen(mpi, env=MPI_ENV, stderr=subprocess.DEVNULL)
    status = stop_when_members_run(proc, "ck2.h5")
    check(status != 0 and not os.path.exists("ck2.h5"),
          f"mpirun stopped by SIGTERM: non-zero, nothing at OUT (got {status})")
    p = ensemble(binary, "long.toml", "-o", "ck2.h5", "--jobs", "1", "--checkpoint-every", "6",
                 mpi=3)
    check(p.returncode == 0, f"continued under mpirun -n 3: exit 0 ({p.stderr[-500:]})")
    if p.returncode == 0:
        same_data("long.h5", "ck2.h5", "MPI interrupted at 2 ranks, continued at 3")


def check_failed_member(binary):
    proc = subprocess.Popen(["mpirun", "-n", "2", binary, "ensemble", "long.toml", "-o",
                             "fail.h5", "--jobs", "1", "-q"], env=MPI_ENV,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    killed = False
    while time.time() < deadline and not killed and proc.poll() is None:
        killed = subprocess.run(["pkill", "-KILL", "-f", "minesim run .*fail.h5.members/m1.h5"],
                                capture_output=True).returncode == 0
        time.sleep(0.05)
    err = proc.communicate(timeout=120)[1]
    check(killed, "a member of the MPI job was killed")
    check(proc.returncode != 0, f"a failed member fails the MPI job (exit {proc.returncode})")
    check("member base/s2/p0 failed" in err, f"the message names the member ({err[-600:]})")
    check(not os.path.exists("fail.h5"), "a failed MPI ensemble writes nothing at OUT")


def check_estimate(binary):
    p = ensemble(binary, "small.toml", "--estimate")
    check(p.returncode == 0 and "members              8" in p.stdout
          and "core-hours" in p.stdout and "memory per member" in p.stdout,
          f"--estimate: members, memory, core-hours ({p.stdout})")
    p = ensemble(binary, "small.toml", "--estimate", "--format", "sh")
    keys = dict(line.split("=", 1) for line in p.stdout.split())
    check(set(keys) == {"MINESIM_MEMBERS", "MINESIM_PERSON_MONTHS", "MINESIM_MEMBER_MIB",
                        "MINESIM_CORE_HOURS", "MINESIM_LONGEST_MEMBER_S"}
          and keys.get("MINESIM_MEMBERS") == "8" and float(keys["MINESIM_MEMBER_MIB"]) > 0,
          f"--estimate --format sh: the five keys ({p.stdout})")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    long_months = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    if shutil.which("mpirun") is None:
        print("mpirun is missing (openmpi-bin: tools/setup.sh installs it)")
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chdir(work)
    write_plans(long_months)
    p = ensemble(binary, "small.toml", "-o", "single.h5", "--jobs", "2", "-q")
    check(p.returncode == 0, f"one process: exit 0 ({p.stderr[-400:]})")
    check_estimate(binary)
    check_mpi(binary)
    check_parts(binary)
    check_part_under_mpi(binary)
    check_interrupted(binary)
    check_failed_member(binary)
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)
    print("ensemble over MPI and parts: all checks passed")


if __name__ == "__main__":
    main()
