#!/usr/bin/python3
"""Ensembles on a real single-node Slurm started by this test (issue 16 item 4; docs/slurm.md):
- munged with a generated key on its own socket, slurmctld and slurmd on this host (a partition
  of its cores, its memory), each a child of this script, in a temporary folder;
- tools/slurm/ensemble.sbatch submitted with `sbatch --wait` at 2 tasks: `mpirun -n 2 minesim
  ensemble` inside the allocation gives the same datasets as the single-process ensemble;
- tools/slurm/submit.sh --array --parts 2 --wait: an array job 1-2 (`--part 1/2`, `--part 2/2`)
  and a combine job after it give the same datasets too;
- a plan minesim refuses makes the MPI job fail with its exit status 2 and message;
- SIGTERM to the MPI job's batch shell (as --signal=B:TERM@120 sends it) while its members run:
  the ranks checkpoint and exit 75, the job requeues itself, and once Slurm starts it again it
  continues to the uninterrupted ensemble's data (the cluster's cred_expire=10 holds a
  requeued job 10 s instead of the default 120);
- teardown in `finally`: the jobs cancelled, the daemons' process groups stopped, and no process
  this test started (or its daemons started) still running.
It fails (exit 1, with the reason) where it cannot start Slurm: not root, or slurmctld, slurmd,
munged, sbatch or mpirun missing (tools/setup.sh --tests installs them). It never skips.

usage: check_slurm.py MINESIM_BINARY SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "output_format"))
from checks import check, failures, plan_text, same_data  # noqa: E402

NEEDED = ["munged", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue", "scancel", "scontrol",
          "mpirun"]
SBIN_PATH = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"  # the daemons, for a PATH without sbin
DAEMON_START_S = 60  # slurmd registers within a few seconds here; a minute is a hang
JOB_WAIT_S = 240


def cannot_start(why):
    print(f"slurm_ensemble: cannot start Slurm here: {why}.\n"
          "  The test needs root and the Debian packages slurm-wlm, munge and openmpi-bin "
          "(tools/setup.sh --tests); it fails rather than skips.")
    return 1


def free_ports(n):
    """n TCP ports free on this host now (the kernel's choice), for slurmctld and slurmd."""
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def mem_total_mib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("no MemTotal in /proc/meminfo")


def slurm_conf(tmp, host, ports):
    """A one-node cluster: no cgroups, no accounting, root as SlurmUser, all paths in tmp;
    sched_interval=2: pending jobs are looked at every 2 s (default 60).
    cred_expire=10: a requeued job starts again after 10 s, not the default 120 (Slurm holds it
    until its revoked credential expires; forcing an earlier start fails with "Job credential
    revoked")."""
    cpus = len(os.sched_getaffinity(0))  # what nproc counts
    # Below what slurmd measures (MemTotal less the kernel's share), or the node is drained.
    mem = mem_total_mib() * 9 // 10
    return f"""ClusterName=minesimtest
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={ports[0]}
SlurmdPort={ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={tmp}/munge/munge.sock,cred_expire=10
StateSaveLocation={tmp}/state
SlurmdSpoolDir={tmp}/spool
SlurmctldPidFile={tmp}/slurmctld.pid
SlurmdPidFile={tmp}/slurmd.pid
SlurmctldLogFile={tmp}/slurmctld.log
SlurmdLogFile={tmp}/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=10
MinJobAge=600
NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={mem} State=UNKNOWN
PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP
"""


class Cluster:
    """munged, slurmctld and slurmd as children of this script, each in its own process group."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.host = socket.gethostname().split(".")[0]
        self.conf = os.path.join(tmp, "slurm.conf")
        # LeakSanitizer (the asan preset) reports Open MPI's own allocations at MPI_Finalize, from
        # components it has unloaded by then; they are not minesim's. Jobs inherit this (sbatch
        # exports the submitter's environment).
        self.env = dict(os.environ, SLURM_CONF=self.conf, ASAN_OPTIONS="detect_leaks=0")
        self.daemons = {}
        self.env["PATH"] = SBIN_PATH

    def start(self):
        for d in ("state", "spool", "munge"):
            os.makedirs(os.path.join(self.tmp, d), mode=0o755)
        with open(self.conf, "w") as f:
            f.write(slurm_conf(self.tmp, self.host, free_ports(2)))
        self.start_munge()
        self.spawn("slurmctld", ["slurmctld", "-D"])
        self.spawn("slurmd", ["slurmd", "-D", "-N", self.host])
        return self.wait_idle()

    def start_munge(self):
        key, m = os.path.join(self.tmp, "munge.key"), os.path.join(self.tmp, "munge")
        if shutil.which("mungekey", path=SBIN_PATH):
            subprocess.run(["mungekey", "--create", "--bits", "1024", "--keyfile", key],
                           env=self.env, check=True)
        else:
            with open(key, "wb") as f:
                f.write(os.urandom(128))
        os.chmod(key, 0o400)
        # -f: the temporary folder's parents (/tmp, sticky) are not what munged calls secure.
        self.spawn("munged", ["munged", "-F", "-f", f"--socket={m}/munge.sock",
                              f"--key-file={key}", f"--log-file={m}/munged.log",
                              f"--pid-file={m}/munged.pid", f"--seed-file={m}/munged.seed"])
        deadline = time.time() + 20
        while not os.path.exists(f"{m}/munge.sock"):
            if time.time() > deadline or self.daemons["munged"].poll() is not None:
                raise RuntimeError("munged did not create its socket\n" + self.logs())
            time.sleep(0.1)

    def spawn(self, name, args):
        out = open(os.path.join(self.tmp, name + ".out"), "w")
        self.daemons[name] = subprocess.Popen(args, env=self.env, stdout=out,
                                              stderr=subprocess.STDOUT, start_new_session=True)
        out.close()

    def wait_idle(self):
        """Seconds until sinfo shows the node idle; raises with the daemons' logs after
        DAEMON_START_S."""
        t0 = time.time()
        state = ""
        while time.time() - t0 < DAEMON_START_S:
            dead = [n for n, p in self.daemons.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(f"{dead} exited at start\n" + self.logs())
            p = self.run(["sinfo", "-h", "-N", "-o", "%T"])
            state = p.stdout.strip()
            if p.returncode == 0 and state == "idle":
                return time.time() - t0
            time.sleep(0.5)
        raise RuntimeError(f"the node is not idle after {DAEMON_START_S} s (sinfo: {state!r})\n"
                           + self.logs())

    def run(self, args, **kw):
        return subprocess.run(args, env=kw.pop("env", self.env), capture_output=True, text=True,
                              **kw)

    def logs(self, lines=15):
        out = []
        for name in ("munged.out", "slurmctld.out", "slurmd.out"):
            path = os.path.join(self.tmp, name)
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    tail = f.readlines()[-lines:]
                out.append(f"--- {name} (last {len(tail)} lines)\n" + "".join(tail))
        return "\n".join(out)

    def stop(self):
        """Cancels every job, stops the daemons (slurmd and slurmctld before munged) and returns
        what is still running of what they started."""
        if self.daemons.get("slurmctld") and self.daemons["slurmctld"].poll() is None:
            self.run(["scancel", "--full", "--user", "root"], timeout=30)
            deadline = time.time() + 30
            while time.time() < deadline and self.run(["squeue", "-h"], timeout=30).stdout.strip():
                time.sleep(0.5)
        for name in ("slurmd", "slurmctld", "munged"):
            p = self.daemons.get(name)
            if p is None:
                continue
            stop_group(p)
        return self.leftovers()

    def leftovers(self):
        """Processes whose environment names this cluster's slurm.conf or whose command line
        names its folder (slurmstepd and job steps detach from slurmd's process group)."""
        left = []
        for pid in (int(d) for d in os.listdir("/proc") if d.isdigit()):
            if pid == os.getpid():
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    env = f.read()
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ")
            except OSError:
                continue
            if f"SLURM_CONF={self.conf}".encode() in env.split(b"\0") or self.tmp.encode() in cmd:
                left.append((pid, cmd.decode(errors="replace").strip()))
        return left


def stop_group(p):
    """SIGTERM to the process group, SIGKILL after 15 s; reaps the leader."""
    for sig, wait_s in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # the rest of the group, the leader gone
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def write_plan(path, root, months=6, scale=0.01):
    """2 arms x 2 seeds; by default a few hundred persons over a few months (under a second)."""
    arms = [("base", f"{root}/scenarios/baseline.toml", None),
            ("train", f"{root}/scenarios/policies/skills_training.toml", None)]
    with open(path, "w") as f:
        f.write(plan_text(arms, months=months, scale=scale, replicates=2))


def job_logs(work, prefix):
    out = []
    for name in sorted(os.listdir(work)):
        if name.startswith(prefix) and name.endswith(".out"):
            with open(os.path.join(work, name), errors="replace") as f:
                out.append(f"--- {name}\n{f.read()[-3000:]}")
    return "\n".join(out)


def check_mpi_job(cluster, root, work, plan, ref):
    out = os.path.join(work, "mpi.h5")
    t0 = time.time()
    p = cluster.run(["sbatch", "--wait", "--ntasks=2", "--cpus-per-task=1", "--mem-per-cpu=500M",
                     "--time=5", f"--output={work}/mpi-%j.out",
                     os.path.join(root, "tools", "slurm", "ensemble.sbatch"), plan, out],
                    timeout=JOB_WAIT_S)
    logs = job_logs(work, "mpi-")
    print(f"MPI job (2 tasks): exit {p.returncode} in {time.time() - t0:.1f} s")
    check(p.returncode == 0, f"sbatch --wait ensemble.sbatch: exit 0 ({p.returncode}: "
          f"{p.stdout}{p.stderr}\n{logs})")
    check("mpirun -n 2" in logs, f"the job ran mpirun -n 2\n{logs}")
    if p.returncode == 0 and os.path.exists(out):
        same_data(ref, out, "sbatch ensemble.sbatch (mpirun -n 2) against the single process")


def check_array_jobs(cluster, root, work, plan, ref):
    out = os.path.join(work, "array.h5")
    t0 = time.time()
    p = cluster.run([os.path.join(root, "tools", "slurm", "submit.sh"), plan, out, "--array",
                     "--parts", "2", "--wait", "--", f"--output={work}/array-%x-%j.out"],
                    timeout=JOB_WAIT_S)
    logs = job_logs(work, "array-")
    print(f"array job (2 parts) and combine: exit {p.returncode} in {time.time() - t0:.1f} s")
    check(p.returncode == 0, f"submit.sh --array --parts 2 --wait: exit 0 ({p.returncode}: "
          f"{p.stderr}\n{logs})")
    # minesim's own lines: each array task ran its part, and the combine job ran after them.
    for part in ("part 1 of 2 finished", "part 2 of 2 finished", "members combined; output:"):
        check(part in logs, f"the jobs' logs say {part!r}\n{logs}")
    check("submit.sh: array, 2 tasks" in p.stderr, f"submit.sh's resources line\n{p.stderr}")
    if p.returncode == 0 and os.path.exists(out):
        same_data(ref, out, "submit.sh --array --parts 2 (+ combine) against the single process")


def job_state(cluster, job):
    p = cluster.run(["scontrol", "-o", "show", "job", job], timeout=30)
    fields = dict(kv.split("=", 1) for kv in p.stdout.split() if "=" in kv)
    return fields.get("JobState", "?"), int(fields.get("Restarts", "0"))


def wait_for(what, cond, timeout_s):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        got = cond()
        if got:
            return got
        time.sleep(0.2)
    raise RuntimeError(f"waited {timeout_s} s for {what}")


def log_text(path):
    if not os.path.exists(path):
        return ""
    with open(path, errors="replace") as f:
        return f.read()


def check_failed_job(cluster, root, work):
    """A plan that minesim refuses (exit 2 on every rank): the job fails with that status and
    the message, and writes nothing at OUT."""
    plan, out = os.path.join(work, "bad.toml"), os.path.join(work, "bad.h5")
    write_plan(plan, root)
    with open(plan) as f:
        text = f.read()
    with open(plan, "w") as f:
        f.write('variables = ["employmnt"]\n' + text)
    p = cluster.run(["sbatch", "--wait", "--ntasks=2", "--mem-per-cpu=500M", "--time=5",
                     f"--output={work}/bad-%j.out",
                     os.path.join(root, "tools", "slurm", "ensemble.sbatch"), plan, out],
                    timeout=JOB_WAIT_S)
    logs = job_logs(work, "bad-")
    print(f"MPI job with a refused plan: exit {p.returncode}")
    check(p.returncode == 2, f"a refused plan: sbatch --wait exit 2 ({p.returncode})\n{logs}")
    for part in ("'employmnt' is not an output variable", "failed with exit status 2"):
        check(part in logs, f"the failed job's log says {part!r}\n{logs}")
    check(not os.path.exists(out), "a failed job wrote its OUT")


def check_requeue(cluster, root, work):
    """SIGTERM to the batch shell (what --signal=B:TERM@120 sends before the time limit) while
    the members run: the ranks checkpoint, exit 75, the job requeues itself, and the requeued
    job continues (finished members kept, the others resumed) to the uninterrupted file."""
    plan, ref = os.path.join(work, "long.toml"), os.path.join(work, "long_single.h5")
    write_plan(plan, root, months=240, scale=1)  # about 4 s per rank here
    p = subprocess.run([cluster.env["MINESIM"], "ensemble", plan, "-o", ref, "-q"],
                       capture_output=True, text=True)
    check(p.returncode == 0, f"the single-process long ensemble: {p.stderr}")
    out = os.path.join(work, "requeued.h5")
    env = dict(cluster.env, MINESIM_CHECKPOINT_EVERY="24")
    p = cluster.run(["sbatch", "--parsable", "--ntasks=2", "--cpus-per-task=1",
                     "--mem-per-cpu=500M", "--time=5", f"--output={work}/requeue-%j.out",
                     os.path.join(root, "tools", "slurm", "ensemble.sbatch"), plan, out],
                    env=env, timeout=30)
    if p.returncode != 0:
        check(False, f"sbatch ensemble.sbatch (long plan): {p.stderr}")
        return
    job = p.stdout.strip().split(";")[0]
    log = os.path.join(work, f"requeue-{job}.out")
    t0 = time.time()
    # The first checkpoints (24 of 240 months): every member is running, none near its end.
    wait_for("both ranks to start and a member to checkpoint",
             lambda: all(f"part {k} of 2:" in log_text(log) for k in (1, 2))
             and any(".ckpt-" in f for f in os.listdir(out + ".members")
                     if os.path.isdir(out + ".members")), 60)
    cluster.run(["scancel", "--signal=TERM", "--batch", job], timeout=30)
    state = wait_for("the job to be requeued or to end",
                     lambda: (lambda s: s if s[1] > 0 or s[0] in ("COMPLETED", "FAILED")
                              else None)(job_state(cluster, job)), 90)
    check(state[1] == 1, f"the job requeued itself after SIGTERM (state {state})\n{log_text(log)}")
    state = wait_for("the requeued job to end",
                     lambda: (lambda s: s if s[0] in ("COMPLETED", "FAILED", "CANCELLED")
                              else None)(job_state(cluster, job)), JOB_WAIT_S)
    text = log_text(log)
    print(f"SIGTERM, requeue and continue: {state[0]} after {time.time() - t0:.1f} s")
    check(state[0] == "COMPLETED", f"the requeued job completed ({state})\n{text}")
    for part in ("SIGTERM to rank pid", "stopped (exit 75): requeueing", "restart 1:"):
        check(part in text, f"the job's log says {part!r}\n{text}")
    kept = re.findall(r"\((\d+) finished earlier, (\d+) resume from their checkpoints\)",
                      text.split("restart 1:")[-1])
    check(len(kept) == 2 and sum(int(a) + int(b) for a, b in kept) > 0,
          f"the requeued job kept or resumed members ({kept})\n{text}")
    if state[0] == "COMPLETED" and os.path.exists(out):
        same_data(ref, out, "a requeued MPI job against the uninterrupted single process")


def preconditions():
    if os.geteuid() != 0:
        return "not root (slurmd and munged run as root here)"
    missing = [n for n in NEEDED if not shutil.which(n, path=SBIN_PATH)]
    if missing:
        return "missing " + ", ".join(missing)
    return None


def main():
    binary, root, work = (os.path.abspath(a) for a in sys.argv[1:4])
    # ctest's timeout and Ctrl-C: the daemons are still stopped (`finally`).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    why = preconditions()
    if why:
        return cannot_start(why)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    plan, ref = os.path.join(work, "plan.toml"), os.path.join(work, "single.h5")
    write_plan(plan, root)
    p = subprocess.run([binary, "ensemble", plan, "-o", ref, "-q"], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"FAIL: the single-process ensemble: exit {p.returncode}: {p.stderr}")
        return 1
    # Short: the socket path must fit a sockaddr_un (108 bytes).
    tmp = tempfile.mkdtemp(prefix="minesim-slurm-")
    cluster = Cluster(tmp)
    cluster.env["MINESIM"] = binary
    try:
        up = cluster.start()
        print(f"munged, slurmctld and slurmd up; node idle after {up:.1f} s")
        check_mpi_job(cluster, root, work, plan, ref)
        check_array_jobs(cluster, root, work, plan, ref)
        check_failed_job(cluster, root, work)
        check_requeue(cluster, root, work)
    except (RuntimeError, subprocess.SubprocessError, OSError) as e:
        check(False, f"the Slurm cluster: {e}")
    finally:
        left = cluster.stop()
        check(not left, f"nothing this test started is still running (left: {left})")
        for pid, _ in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    if failures:
        print(f"{len(failures)} failure(s); the cluster's files are in {tmp}")
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print("slurm_ensemble: an MPI job and an array job with its combine step on a real Slurm give "
          "the single-process ensemble's data; the daemons are gone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
