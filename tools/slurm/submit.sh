#!/usr/bin/env bash
# Submits an ensemble to Slurm with the resources its plan needs (docs/slurm.md):
#
#   tools/slurm/submit.sh PLAN.toml OUT.h5 [--mpi | --array] [--parts N] [--threads T]
#       [--jobs J] [--checkpoint-every M] [--mem-margin F] [--time-margin F] [--max-time MIN]
#       [--combine-time MIN] [--wait] [--dry-run] [-- SBATCH OPTIONS...]
#
#   --mpi (default)   one MPI job of N tasks (tools/slurm/ensemble.sbatch)
#   --array           an array job 1-N, one part of the members per task
#                     (tools/slurm/array.sbatch), then a combine job that starts once every
#                     task has completed (--dependency=afterok): minesim ensemble --combine
#   --parts N         tasks (ranks) or array tasks (default: the members, at most 8)
#   --threads T       threads per member: --cpus-per-task (default 1)
#   --jobs J          members each task runs at once (default 1)
#   --checkpoint-every M   months between member checkpoints (default 12)
#   --mem-margin F    memory asked = F x the estimate (default 1.5)
#   --time-margin F   time asked = F x the estimate, plus 10 minutes (default 2)
#   --max-time MIN    cap the time limit at the partition's: a longer ensemble is checkpointed
#                     at the limit and requeued until it is done
#   --combine-time MIN the combine job's time limit (--array; default 30)
#   --wait            wait for the (last) job to end; exit with its status
#   --dry-run         print the estimate and the sbatch commands; submit nothing
#   after --           options for every sbatch call (--partition, --account, --output, ...)
#
# The resources come from `minesim ensemble PLAN --estimate --format sh` (members, the largest
# member's expected peak memory, one-thread core-hours and the longest member's one-thread
# seconds): per task, memory = J x MEMBER_MIB x mem-margin + 256 MiB, split over the T cpus;
# time = max(longest member, core-hours / N / J) / (1 + 0.5 (T - 1)) x time-margin + 10 min
# (the thread speed-up 0.5 per added thread is an assumption). The binary is $MINESIM or
# minesim on PATH; the jobs get it as MINESIM.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 64
}
die() { echo "submit.sh: $*" >&2; exit 64; }

(($# >= 2)) || usage
[[ $1 != -* && $2 != -* ]] || usage
plan=$1 out=$2
shift 2
mode=mpi parts="" threads=1 jobs=1 every=12 mem_margin=1.5 time_margin=2 max_time=""
combine_time=30 wait=0 dry=0 sbatch_extra=()
while (($#)); do
  case $1 in
    --mpi) mode=mpi ;;
    --array) mode=array ;;
    --parts | --threads | --jobs | --checkpoint-every | --mem-margin | --time-margin | \
    --max-time | --combine-time)
      (($# >= 2)) || die "$1 needs a value"
      [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || die "$1: '$2' is not a number"
      case $1 in
        --parts) parts=$2 ;; --threads) threads=$2 ;; --jobs) jobs=$2 ;;
        --checkpoint-every) every=$2 ;; --mem-margin) mem_margin=$2 ;;
        --time-margin) time_margin=$2 ;; --max-time) max_time=$2 ;;
        --combine-time) combine_time=$2 ;;
      esac
      shift ;;
    --wait) wait=1 ;;
    --dry-run) dry=1 ;;
    --) shift; sbatch_extra=("$@"); break ;;
    -h | --help) usage ;;
    *) die "unknown option '$1' (--help lists them)" ;;
  esac
  shift
done
for v in parts threads jobs every max_time combine_time; do
  [[ -z ${!v} || ${!v} =~ ^[1-9][0-9]*$ ]] ||
    die "--parts, --threads, --jobs, --checkpoint-every, --max-time and --combine-time" \
        "take a whole number >= 1"
done
[[ -z $max_time ]] || ((max_time >= 5)) ||
  die "--max-time must be at least 5 minutes: the jobs get SIGTERM 2 minutes before their limit"

here=$(dirname "$(readlink -f "$0")")
minesim=${MINESIM:-$(command -v minesim || true)}
[[ -n "$minesim" && -x "$minesim" ]] || die "no minesim binary (set MINESIM or put it on PATH)"
minesim=$(readlink -f "$minesim")
[[ -r "$plan" ]] || die "cannot read the plan $plan"
plan=$(readlink -f "$plan")
out=$(readlink -m "$out")
[[ -d $(dirname "$out") ]] || die "the folder of $out does not exist"

estimate=$("$minesim" ensemble "$plan" --estimate --format sh) ||
  { echo "submit.sh: minesim ensemble --estimate failed (messages above)" >&2; exit 2; }
declare -A est=()
while IFS= read -r line; do
  [[ $line =~ ^MINESIM_([A-Z_]+)=([0-9]+([.][0-9]+)?)$ ]] || continue
  est[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
done <<<"$estimate"
for k in MEMBERS PERSON_MONTHS MEMBER_MIB CORE_HOURS LONGEST_MEMBER_S; do
  [[ -n ${est[$k]:-} ]] || die "the estimate lacks MINESIM_$k; it printed: $estimate"
done
members=${est[MEMBERS]}
((members >= 1)) || die "the plan has no members"
[[ -n $parts ]] || parts=$((members < 8 ? members : 8))
((parts <= members)) || die "--parts $parts is more than the plan's $members members"

# Resources per task (awk: the estimate's figures are decimals).
read -r mem_per_cpu time_min <<<"$(awk -v mib="${est[MEMBER_MIB]}" -v ch="${est[CORE_HOURS]}" \
  -v longest="${est[LONGEST_MEMBER_S]}" -v n="$parts" -v j="$jobs" -v t="$threads" \
  -v mm="$mem_margin" -v tm="$time_margin" 'BEGIN {
    mem = j * mib * mm + 256; per_cpu = int((mem + t - 1) / t)
    part_s = ch * 3600 / n / j; if (longest > part_s) part_s = longest
    wall_s = part_s / (1 + 0.5 * (t - 1)) * tm + 600
    printf "%d %d\n", per_cpu + 1, int(wall_s / 60) + 1 }')"
capped=""
if [[ -n $max_time ]] && ((time_min > max_time)); then
  capped=" (capped from $time_min: checkpointed and requeued at the limit)"
  time_min=$max_time
fi
echo "submit.sh: $members members, ${est[PERSON_MONTHS]} person-months," \
     "${est[CORE_HOURS]} core-hours, largest member ${est[MEMBER_MIB]} MiB" >&2
echo "submit.sh: $mode, $parts tasks x $threads cpus, ${mem_per_cpu}M per cpu," \
     "$time_min minutes$capped" >&2

export MINESIM=$minesim MINESIM_CHECKPOINT_EVERY=$every MINESIM_JOBS=$jobs
common=(--parsable --cpus-per-task="$threads" --mem-per-cpu="${mem_per_cpu}M"
        --time="$time_min")
submit() { # prints the job id; with --wait, returns the job's exit status as sbatch does
  if ((dry)); then printf '%q ' sbatch "$@" >&2; echo >&2; echo DRYRUN; return; fi
  local id rc=0
  id=$(sbatch "$@") || rc=$?
  echo "${id%%;*}"
  return "$rc"
}
wait_opt=()
((wait)) && wait_opt=(--wait)

if [[ $mode == mpi ]]; then
  echo "submit.sh: submitting the MPI job" >&2
  set +e
  id=$(submit "${common[@]}" --ntasks="$parts" "${wait_opt[@]}" "${sbatch_extra[@]}" \
         "$here/ensemble.sbatch" "$plan" "$out")
  rc=$?
  set -e
  echo "submit.sh: job ${id:-?} (MPI, $parts tasks) -> $out$( ((wait)) && echo ": exit $rc")" >&2
  exit "$rc"
fi

export MINESIM_PARTS=$parts
array=$(submit "${common[@]}" --ntasks=1 --array="1-$parts" "${sbatch_extra[@]}" \
          "$here/array.sbatch" "$plan" "$out") || die "sbatch of the array job failed"
echo "submit.sh: array job $array (parts 1-$parts) -> $out.members" >&2
combine_mib=$(awk -v mib="${est[MEMBER_MIB]}" -v mm="$mem_margin" \
  'BEGIN { m = int(mib * mm) + 256; print (m < 512 ? 512 : m) }')
wrap="exec $(printf '%q ' "$minesim" ensemble --combine "$out.members" -o "$out")"
set +e
id=$(submit --parsable --job-name=minesim-combine --dependency="afterok:$array" --ntasks=1 \
       --cpus-per-task=1 --mem="${combine_mib}M" --time="$combine_time" "${wait_opt[@]}" \
       "${sbatch_extra[@]}" --wrap "$wrap")
rc=$?
set -e
echo "submit.sh: combine job ${id:-?} (after array $array) ->" \
     "$out$( ((wait)) && echo ": exit $rc")" >&2
exit "$rc"
