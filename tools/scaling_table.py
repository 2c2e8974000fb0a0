#!/usr/bin/python3
"""Communication a single run would need if it were split over MPI ranks by community
(docs/scaling.md), computed from a run file's own flows.

Usage: tools/scaling_table.py RUN.h5 [--internal-run RUN2.h5] [--ranks 4 16 64]
                              [--throughput PM_PER_S] [--latency-us US] [--bandwidth-gbs GBS]

RUN.h5 is any `minesim run` output; its counts are already real persons (divided by
population_scale), so the flows it reports are taken as the 1:1 flows (the scaling assumption,
docs/scaling.md). The resolved scenario stored in the file gives the communities, their
coordinates, the mines and the hiring radius. --internal-run is a run of the same scenario with
demography.out_migration_rate = 0: its migration_out is then the moves between communities alone
(without it, the moves are 0 when the scenario's internal_migration_rate is 0, else bounded by
min(migration_in, migration_out)). Python 3.11 (tomllib), h5py and numpy (Debian packages).
"""
import argparse
import math
import tomllib

import h5py
import numpy as np

# Bytes of the things ranks would send (src/agents/persons.h, households.h, world/ledger.h).
PERSON_COLUMNS = 22  # Persons::bytes_per_person()
MIGRANT = PERSON_COLUMNS + 4 + 4  # the columns, the global person id, the new household's id
CANDIDATE = 8 + 2  # hiring key (priority << 32 | id), gender and in-farming bytes
ACCEPTANCE = 4 + 4  # person id, post index
GINI_VALUE = 8  # a household's income per person (double)
LEDGER = (6 + 38 + 6) * 8  # account nets, flow totals, account stocks (int64 cents)
BLOCK = 1 << 14  # par::kBlock: persons per id block
EXAMINED_PER_HIRE = (1.0, 3.0)  # assumption: candidates a post reads per hire (refusals)


def read_run(path):
    with h5py.File(path, "r") as f:
        sc = tomllib.loads(bytes(f.attrs["scenario"]).decode())
        run = {k: f[k][:] for k in ("population", "migration_in", "migration_out", "households",
                                    "employment", "mine_employment")}
        run["names"] = [n.decode() if isinstance(n, bytes) else str(n) for n in f["community"][:]]
        run["per_month_output"] = sum(
            d.size // d.shape[0] * d.dtype.itemsize for d in f.values()
            if isinstance(d, h5py.Dataset) and d.ndim >= 1 and d.shape[0] == f["time"].shape[0]
            and d.name != "/time")
        run["scale"] = float(f.attrs["population_scale"])
    run["scenario"] = sc
    return run


def flows(run, internal_run):
    """Mean monthly real flows by community over the run's recorded months."""
    sc = run["scenario"]
    pop = run["population"].sum(axis=(2, 3))
    emp = run["employment"]  # time, community, sector, gender, skill
    non_farm = emp[:, :, :4].sum(axis=(2, 3, 4))
    quit = sc.get("labour", {}).get("quit_rate", 0.01)
    growth = np.maximum(np.diff(non_farm, axis=0), 0).mean(axis=0) if len(non_farm) > 1 else 0
    if internal_run is not None:
        moves = internal_run["migration_out"].sum(axis=1).mean()
    elif sc.get("demography", {}).get("internal_migration_rate", 0.02) == 0:
        moves = 0.0
    else:
        moves = min(run["migration_in"].sum(axis=1).mean(), run["migration_out"].sum(axis=1).mean())
    return {"pop": pop.mean(axis=0), "pop_end": pop[-1], "households": run["households"].mean(axis=0),
            "hires": quit * non_farm.mean(axis=0) + growth, "moves": moves,
            "newcomers": run["migration_in"].sum(axis=1).mean()}


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def catchments(sc, names):
    """Each mine's catchment as community indices (world/init.cpp, set_catchment)."""
    comms = [sc["communities"][n] for n in names]
    radius = sc.get("mining", {}).get("hiring_radius_km", 50.0)
    out = []
    for mine in sc.get("mines", {}).values():
        host = names.index(mine["community"])
        out.append([c for c in range(len(names))
                    if c == host or haversine_km(comms[host], comms[c]) < radius])
    return out


def latitude_blocks(sc, names, pop, ranks):
    """Whole communities in latitude order, cut into `ranks` contiguous blocks of about equal
    population (a block never empty while communities remain)."""
    order = sorted(range(len(names)), key=lambda c: (sc["communities"][names[c]]["lat"], c))
    total, owner, rank, acc = pop.sum(), [0] * len(names), 0, 0.0
    for i, c in enumerate(order):
        left = len(order) - i
        if acc >= total * (rank + 1) / ranks and rank < ranks - 1 and left > 0:
            rank += 1
        owner[c] = rank
        acc += pop[c]
    return owner


def balanced(pop, ranks):
    """Whole communities (countries) to ranks, largest first onto the least loaded rank: the best
    balance whole communities allow when no catchment joins them."""
    load, owner = [0.0] * ranks, [0] * len(pop)
    for c in sorted(range(len(pop)), key=lambda c: (-pop[c], c)):
        r = min(range(ranks), key=lambda r: (load[r], r))
        owner[c], load[r] = r, load[r] + pop[c]
    return owner


def split_communities(pop, ranks):
    """Communities above one rank's share of the population must be split: how many ranks each
    needs (1: kept whole)."""
    share = pop.sum() / ranks
    return [max(1, math.ceil(p / share - 1e-9)) for p in pop]


def collective(bytes_, ranks):
    """An allreduce (recursive doubling): total bytes over all ranks and messages."""
    steps = math.ceil(math.log2(ranks))
    return 2 * bytes_ * (ranks - 1), ranks * steps


def row(run, fl, ranks, args):
    sc, names, pop = run["scenario"], run["names"], fl["pop"]
    owner = latitude_blocks(sc, names, pop, ranks)
    load = np.bincount(owner, weights=pop, minlength=ranks)
    load_bal = np.bincount(balanced(pop, ranks), weights=pop, minlength=ranks)
    parts = split_communities(pop, ranks)
    split = [c for c, k in enumerate(parts) if k > 1]
    cut = [m for m in catchments(sc, names) if len({owner[c] for c in m}) > 1]
    mine_hires = run["mine_employment"].sum(axis=2).mean(axis=0) if cut else []
    quit = sc.get("labour", {}).get("quit_rate", 0.01)
    hiring_cut = sum(quit * e for e in mine_hires)  # upper bound: every hire from another rank
    migrants = fl["moves"] * MIGRANT  # upper bound: every move crosses ranks
    lo, hi = EXAMINED_PER_HIRE
    # A split community's posts are filled by one rank, in order: per post, each other part of
    # the community sends its N lowest keys (N = vacancies x examined), then the takes go back.
    hiring = [hiring_cut * (e * CANDIDATE + ACCEPTANCE)
              + sum(fl["hires"][c] * (e * CANDIDATE * (parts[c] - 1) + ACCEPTANCE) for c in split)
              for e in (lo, hi)]
    sites = [a["community"] for a in sc.get("asm_sites", {}).values()]
    hire_msgs = sum(2 * (3 * sites.count(names[c]) + 4) * (parts[c] - 1) for c in split)
    gini = sum(fl["households"][c] for c in split) * GINI_VALUE
    rows_ = fl["pop_end"].sum()
    small = LEDGER + len(names) * 8 * 8 + 8 * 2 * (18 * len(sc.get("mines", {})) + 4 * len(names)
                                                   + 3 * len(sc.get("asm_sites", {})))
    ids = math.ceil(rows_ / BLOCK) * 2 * 4
    tot_b, tot_m = 0, 0
    for b in (small, ids):
        x, m = collective(b, ranks)
        tot_b, tot_m = tot_b + x, tot_m + m
    out_b, out_m = run["per_month_output"], ranks - 1
    moves_m = ranks - 1 if fl["moves"] else 0
    msgs = tot_m + out_m + moves_m + hire_msgs + (len(split) * (max(parts) - 1) if split else 0)
    whole_max = min(load.max(), load_bal.max())
    compute = [whole_max / args.throughput, pop.sum() / ranks / args.throughput]
    # Upper bound: as if one rank received every byte and every message in turn.
    comm = msgs * args.latency_us * 1e-6 + \
        (migrants + hiring[1] + gini + tot_b + out_b) / (args.bandwidth_gbs * 1e9)
    return {"ranks": ranks, "lat_max": load.max(), "whole_max": whole_max,
            "speedup_whole": pop.sum() / whole_max,
            "split": [names[c] for c in split], "cut_mines": len(cut), "migrants": migrants,
            "hiring": hiring, "gini": gini, "totals": tot_b, "output": out_b, "messages": msgs,
            "compute_s": compute, "comm_s": comm}


def fmt(x):
    return f"{x:.3g}" if x else "0"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run")
    ap.add_argument("--internal-run")
    ap.add_argument("--ranks", type=int, nargs="+", default=[4, 16, 64])
    ap.add_argument("--throughput", type=float, default=1.07e7,
                    help="person-months/s of one rank (default: 1 thread, docs/scaling.md)")
    ap.add_argument("--latency-us", type=float, default=2.0, help="per message (assumption)")
    ap.add_argument("--bandwidth-gbs", type=float, default=10.0, help="per rank (assumption)")
    args = ap.parse_args()
    run = read_run(args.run)
    fl = flows(run, read_run(args.internal_run) if args.internal_run else None)
    print(f"run: {args.run} (population_scale {run['scale']}), {len(run['names'])} communities, "
          f"{len(run['scenario'].get('mines', {}))} mines; mean real population {fl['pop'].sum():.4g}; "
          f"moves between communities {fl['moves']:.4g}/month; newcomers and arrivals "
          f"{fl['newcomers']:.4g}/month (created on their own community's rank: no transfer); "
          f"hires (estimate) {fl['hires'].sum():.4g}/month")
    print("\n| ranks | largest rank, latitude blocks | largest rank, balanced countries | speed-up "
          "bound, whole communities | communities split | cut catchments | migrants B | hiring B | "
          "Gini gather B | totals B | output B | messages | compute s/month, whole / split | "
          "communication s/month, bound |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in args.ranks:
        x = row(run, fl, r, args)
        print(f"| {r} | {x['lat_max']:.3g} | {x['whole_max']:.3g} | {x['speedup_whole']:.2f} | "
              f"{len(x['split'])} | {x['cut_mines']} | {fmt(x['migrants'])} | "
              f"{fmt(x['hiring'][0])}–{fmt(x['hiring'][1])} | {fmt(x['gini'])} | "
              f"{fmt(x['totals'])} | {fmt(x['output'])} | {x['messages']} | "
              f"{x['compute_s'][0]:.3g} / {x['compute_s'][1]:.3g} | {x['comm_s']:.2g} |")
        print(f"<!-- {r} ranks, split: {', '.join(x['split']) or 'none'} -->")


if __name__ == "__main__":
    main()
