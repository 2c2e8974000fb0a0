#!/usr/bin/python3
"""The observed facts that the case scenarios reproduce (docs/validation.md) stay reproduced.

Runs scenarios/burkina_faso.toml at its shipped 1:50 scale over 2020-2029 (the facts need those
years), scenarios/drc_copperbelt.toml over 2023, and scenarios/global_asm.toml at 1:2000 over 2020, then checks every fact that passed when
the results were recorded with tools/validate.py --expect-pass, with the committed tolerances.
Facts that fail are not asserted here; they are listed as gaps in docs/validation.md.

    check_validation.py MINESIM WORKDIR
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# B2 and B7 left the list with own-consumption (issue 13): both sat at the edge of their tolerance,
# and farm households' smaller savings draws (the cash floor falls by the produce they eat) move
# local demand, local jobs and so newcomers. B10 and D3 are not added: new verdicts are recorded by
# the ensemble validation (docs/validation.md), not by this single-seed check. B4b left it with
# the yearly compaction of the persons (issue 14), which gives every person new random streams
# from each January: women are about 15 of the 190 simulated mine workers at 1:50, so one seed's
# 2023 share spans the tolerance (seed 1: 5.0 %); the ensemble validation still passes it in 9 of
# 10 seeds, as before the change (mean 7.7 %).
PASSING = ["B1", "B4a", "B5", "B6", "B8", "B9", "B11", "G1", "G2"]


def run(minesim, scenario, out, *sets):
    cmd = [minesim, "run", os.path.join(ROOT, "scenarios", scenario), "-o", out, "-q"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)


def main():
    minesim, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    bf, ga = os.path.join(work, "burkina_faso.h5"), os.path.join(work, "global_asm.h5")
    drc = os.path.join(work, "drc_copperbelt.h5")
    run(minesim, "burkina_faso.toml", bf, "simulation.months=120")
    # The DRC facts are not asserted (docs/validation.md); measuring them keeps their code exercised.
    run(minesim, "drc_copperbelt.toml", drc, "simulation.months=12")
    run(minesim, "global_asm.toml", ga, "simulation.population_scale=0.0005", "simulation.months=12")
    r = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "validate.py"),
                        "--burkina", bf, "--drc", drc, "--global", ga,
                        "--expect-pass", ",".join(PASSING)])
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
