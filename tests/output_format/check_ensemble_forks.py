#!/usr/bin/python3
"""Shared histories in `minesim ensemble` (issue 15 item 4; docs/ensembles.md, "Shared
histories"): members whose arms are the same up to a month fork from their seed's baseline
member's checkpoint instead of running that history again, and the ensemble file is the same,
dataset for dataset, as with --no-fork (every member from its first month):
- new_deal_2030 forks at 2029-12 and new_deal_2026 at 2025-12, each from the baseline member of
  its seed, and the start line says how many member-months are not run again;
- an arm that changes a key from the first month (royalty rate) runs straight;
- --jobs 1 and --jobs 2 give the same file; no checkpoint or member file is left beside OUT;
- a fork refused by the trunk's saved state (a training programme renumbered) runs again from
  the start, with the same data;
- the shipped Burkina Faso new deal forked from the Burkina Faso case scenario equals its
  straight run.

usage: check_ensemble_forks.py MINESIM_BINARY WORK_DIR
"""
import os
import shutil
import subprocess
import sys

from checks import (BURKINA_ARMS, NEW_DEAL_ARMS, POL, ROOT, check, failures,  # noqa: E402
                    plan_text, same_data)



def ensemble(binary, *args):
    return subprocess.run([binary, "ensemble", *args], capture_output=True, text=True)


def check_fork_overrides(binary):
    """`fork` takes --seed, --months and --set as `run` does, and checks them like the arm."""
    base = os.path.join(ROOT, "scenarios", "baseline.toml")
    common = ["-q", "--set", "simulation.population_scale=0.1"]
    p = subprocess.run([binary, "run", base, "--months", "14", "--seed", "3", "-o", "b.h5",
                        "--checkpoint-at", "2025-12", *common], capture_output=True, text=True)
    check(p.returncode == 0, f"run with a checkpoint: exit 0 ({p.stderr[-400:]})")
    ck = "b.h5.ckpt-2025-12.h5"
    p = subprocess.run([binary, "fork", ck, base, "--seed", "3", "--months", "20", "-o", "f.h5",
                        *common], capture_output=True, text=True)
    q = subprocess.run([binary, "run", base, "--seed", "3", "--months", "20", "-o", "s.h5",
                        *common], capture_output=True, text=True)
    check(p.returncode == 0 and q.returncode == 0, f"fork --seed --months --set ({p.stderr})")
    if p.returncode == 0 and q.returncode == 0:
        same_data("f.h5", "s.h5", "fork --seed 3 --months 20 against its straight run")
    for extra, part in [(["--seed", "4"], "simulation.seed is 4 in the arm and 3 in the "
                         "checkpoint's run"),
                        (["--seed", "3", "--set", "economy.royalty_rate=0.09"],
                         "economy.royalty_rate is 0.09 in the arm and 0.04")]:
        p = subprocess.run([binary, "fork", ck, base, *extra, "-o", "no.h5", *common],
                           capture_output=True, text=True)
        check(p.returncode == 2 and part in p.stderr,
              f"fork {extra}: exit 2 naming {part!r} ({p.returncode}: {p.stderr})")
        check(not os.path.exists("no.h5"), f"fork {extra}: nothing written")


def check_burkina_new_deal(binary):
    """The shipped Burkina Faso new deal forks from the Burkina Faso case scenario (its levers start
    in 2026 and later) and gives its straight run's data."""
    with open("burkina.toml", "w") as f:
        f.write(plan_text(BURKINA_ARMS, months=96, scale=0.01, replicates=1))
    p = ensemble(binary, "burkina.toml", "-o", "bf_forked.h5", "--jobs", "2")
    check(p.returncode == 0 and "1 of 2 members fork from a history" in p.stderr,
          f"Burkina new deal: exit 0 and the deal forks ({p.stderr[-600:]})")
    p = ensemble(binary, "burkina.toml", "-o", "bf_straight.h5", "--jobs", "2", "-q", "--no-fork")
    check(p.returncode == 0, f"Burkina new deal --no-fork: exit 0 ({p.stderr[-600:]})")
    same_data("bf_forked.h5", "bf_straight.h5", "Burkina new deal forked against straight")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chdir(work)
    with open("timing.toml", "w") as f:
        f.write(plan_text(NEW_DEAL_ARMS, months=66, scale=0.1, replicates=2))
    p = ensemble(binary, "timing.toml", "-o", "forked.h5", "--jobs", "2")
    check(p.returncode == 0, f"forked ensemble: exit 0 ({p.stderr[-600:]})")
    # 4 forks of 8 members: late saves 12 + 60 months, early 12 + 12, per seed; 8 x 78 in all.
    want = ("minesim: 4 of 8 members fork from a history they share with another member "
            "(--no-fork runs each from its first month): 192 of 624 member-months, 31 %, are not "
            "run again")
    check(want in p.stderr, f"the start line says what forks\n  got: {p.stderr[:600]}")
    left = sorted(f for f in os.listdir(".") if f not in ("timing.toml", "forked.h5"))
    check(not left, f"nothing else left beside OUT ({left})")

    p = ensemble(binary, "timing.toml", "-o", "straight.h5", "--jobs", "2", "--no-fork")
    check(p.returncode == 0, f"--no-fork ensemble: exit 0 ({p.stderr[-600:]})")
    check("fork from a history" not in p.stderr, "--no-fork: no member forks")
    same_data("forked.h5", "straight.h5", "forks against --no-fork")

    p = ensemble(binary, "timing.toml", "-o", "jobs1.h5", "--jobs", "1", "-q")
    check(p.returncode == 0 and p.stderr == "", f"--jobs 1 -q: exit 0, silent ({p.stderr[-600:]})")
    same_data("jobs1.h5", "straight.h5", "forks with --jobs 1")

    # The arm's training programme 0 is not the trunk's (its own programme comes first, and
    # starts later): the trunk's trainees in programme 0 make the fork refuse, so it runs
    # straight.
    with open("renumbered.toml", "w") as f:
        f.write(f"""extends = "{POL}/new_deal_2026.toml"
[interventions.aaa_first]
type = "skills_training"
start = 2029-01-01
communities = ["kora"]
capacity = 20
duration_months = 6
""")
    with open("renumber.toml", "w") as f:
        f.write(f"""months = 54
population_scale = 0.1
replicates = 1
[arms.base]
scenario = "{POL}/new_deal_2026.toml"
[arms.renumbered]
scenario = "renumbered.toml"
""")
    p = ensemble(binary, "renumber.toml", "-o", "renumbered.h5", "--jobs", "1")
    check(p.returncode == 0, f"renumbered: exit 0 ({p.stderr[-600:]})")
    for part in ["1 of 2 members fork from a history", "member renumbered/s1/p0: its fork was refused, "
                 "running it from the start", "training programme 0 ('training_first') has "
                 "trainees at 2028-12"]:
        check(part in p.stderr, f"renumbered: stderr says {part!r}\n  got: {p.stderr[-900:]}")
    p = ensemble(binary, "renumber.toml", "-o", "renumbered_straight.h5", "-q", "--no-fork")
    check(p.returncode == 0, f"renumbered --no-fork: exit 0 ({p.stderr[-600:]})")
    same_data("renumbered.h5", "renumbered_straight.h5", "a refused fork run straight")
    check_fork_overrides(binary)
    check_burkina_new_deal(binary)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
