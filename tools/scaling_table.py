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
min(migration_in, migration_out)).

The partition: the labour market's independent parts (communities joined by a mine's catchment,
src/world/labour_parts.cpp) are kept whole and balanced over the ranks, largest first onto the
least loaded rank; a part above one rank's share of the persons is split, and so are its
communities above that share. For comparison the table also gives contiguous blocks of
latitude-sorted communities (the best such cut) and the catchments they cut.
Python 3.11 (tomllib), h5py and numpy (Debian packages).
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
PER_COMMUNITY = 8 * 8  # vacancies by skill, working age, births, deaths, moves in and out
BLOCK = 1 << 14  # par::kBlock: persons per id block
EXAMINED_PER_HIRE = (1.0, 3.0)  # assumption: candidates a post reads per hire (refusals)


def read_run(path):
    with h5py.File(path, "r") as f:
        run = {k: f[k][:] for k in ("population", "migration_in", "migration_out", "households",
                                    "employment", "mine_employment")}
        text = lambda n: n.decode() if isinstance(n, bytes) else str(n)
        run["names"] = [text(n) for n in f["community"][:]]
        run["mines"] = [text(n) for n in f["mine"][:]]
        months = f["time"].shape[0]
        run["per_month_output"] = sum(
            d.size // months * d.dtype.itemsize for d in f.values()
            if isinstance(d, h5py.Dataset) and d.ndim >= 1 and d.shape[0] == months
            and d.name != "/time")
        run["scale"] = float(f.attrs["population_scale"])
        run["scenario"] = tomllib.loads(bytes(f.attrs["scenario"]).decode())
    return run


def flows(run, internal_run):
    """Mean monthly real flows by community over the run's recorded months."""
    sc = run["scenario"]
    quit = sc.get("labour", {}).get("quit_rate", 0.01)
    non_farm = run["employment"][:, :, :4].sum(axis=(2, 3, 4))  # time, community
    growth = np.maximum(np.diff(non_farm, axis=0), 0).mean(axis=0) if len(non_farm) > 1 else 0
    if internal_run is not None:
        moves = internal_run["migration_out"].sum(axis=1).mean()
    elif sc.get("demography", {}).get("internal_migration_rate", 0.02) == 0:
        moves = 0.0
    else:
        moves = min(run["migration_in"].sum(axis=1).mean(), run["migration_out"].sum(axis=1).mean())
    mine_jobs = run["mine_employment"].sum(axis=2).mean(axis=0) if run["mine_employment"].size else []
    return {"pop": run["population"].sum(axis=(2, 3)).mean(axis=0),
            "pop_end": run["population"][-1].sum(), "households": run["households"].mean(axis=0),
            "hires": quit * non_farm.mean(axis=0) + growth, "mine_hires": quit * np.asarray(mine_jobs),
            "moves": moves, "newcomers": run["migration_in"].sum(axis=1).mean()}


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def catchments(sc, names, mines):
    """Each mine's catchment as community indices (world/init.cpp, set_catchment), mines in the
    file's order."""
    comms = [sc["communities"][n] for n in names]
    radius = sc.get("mining", {}).get("hiring_radius_km", 50.0)
    out = []
    for name in mines:
        mine = sc["mines"][name]
        host = names.index(mine["community"])
        out.append([c for c in range(len(names))
                    if c == host or haversine_km(comms[host], comms[c]) < radius])
    return out


def parts_of(n, catch):
    """The labour market's independent parts: union-find over communities joined by catchments."""
    up = list(range(n))

    def root(c):
        while up[c] != c:
            up[c] = up[up[c]]
            c = up[c]
        return c
    for m in catch:
        for c in m[1:]:
            a, b = root(m[0]), root(c)
            up[max(a, b)] = min(a, b)
    return [root(c) for c in range(n)]


def latitude_blocks(lat, pop, ranks):
    """Contiguous blocks of latitude-sorted communities minimising the largest block's persons
    (bisection on the bound, greedy filling); returns each community's block."""
    order = sorted(range(len(pop)), key=lambda c: (lat[c], c))

    def fill(bound):
        owner, rank, acc = [0] * len(pop), 0, 0.0
        for c in order:
            if acc + pop[c] > bound and acc > 0:
                rank, acc = rank + 1, 0.0
            owner[c], acc = rank, acc + pop[c]
        return owner, rank + 1
    lo, hi = max(pop), sum(pop)
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if fill(mid)[1] <= ranks else (mid, hi)
    return fill(hi)[0]


def balanced_parts(part, pop, ranks):
    """Whole parts to ranks, largest first onto the least loaded: the largest rank's persons."""
    sizes = {}
    for c, p in enumerate(part):
        sizes[p] = sizes.get(p, 0.0) + pop[c]
    load = [0.0] * ranks
    for p in sorted(sizes, key=lambda p: (-sizes[p], p)):
        r = min(range(ranks), key=lambda r: (load[r], r))
        load[r] += sizes[p]
    return max(load), sizes


def hiring_bytes(sc, names, fl, split_parts, pieces, catch, part):
    """Cross-rank hiring a month: (low, high) bytes and the messages. Mines of a split part may
    hire from another rank (upper bound: every hire); each split community's posts are filled by
    one rank, in order, each other piece sending its N lowest keys per post (N = vacancies x
    candidates examined), the takes going back."""
    out = []
    cut = [m for m, cm in enumerate(catch) if part[cm[0]] in split_parts]
    for e in EXAMINED_PER_HIRE:
        b = sum(fl["mine_hires"][m] * (e * CANDIDATE + ACCEPTANCE) for m in cut)
        b += sum(fl["hires"][c] * (e * CANDIDATE * (k - 1) + ACCEPTANCE) for c, k in pieces.items())
        out.append(b)
    sites = [a["community"] for a in sc.get("asm_sites", {}).values()]
    msgs = sum(2 * (3 * sites.count(names[c]) + 4) * (k - 1) for c, k in pieces.items())
    msgs += sum(2 * 18 * (len(catch[m]) - 1) for m in cut)
    return out, msgs, len(cut)


def collective(bytes_, ranks):
    """An allreduce (recursive doubling): total bytes over all ranks and messages."""
    return 2 * bytes_ * (ranks - 1), ranks * math.ceil(math.log2(ranks)) if ranks > 1 else 0


def totals(sc, names, fl, ranks):
    posts = 18 * len(sc.get("mines", {})) + 4 * len(names) + 3 * len(sc.get("asm_sites", {}))
    small = LEDGER + len(names) * PER_COMMUNITY + 8 * 2 * posts
    ids = math.ceil(fl["pop_end"] / BLOCK) * 2 * 4
    (b1, m1), (b2, m2) = collective(small, ranks), collective(ids, ranks)
    return b1 + b2, m1 + m2


def row(run, fl, ranks, args):
    sc, names, pop = run["scenario"], run["names"], fl["pop"]
    catch = catchments(sc, names, run["mines"])
    part = parts_of(len(names), catch)
    lat = [sc["communities"][n]["lat"] for n in names]
    blocks = latitude_blocks(lat, pop, ranks)
    lat_load = np.bincount(blocks, weights=pop, minlength=ranks).max()
    lat_cut = sum(1 for cm in catch if len({blocks[c] for c in cm}) > 1)
    whole_max, sizes = balanced_parts(part, pop, ranks)
    share = pop.sum() / ranks
    split_parts = {p for p, s in sizes.items() if s > share * (1 + 1e-9) and ranks > 1}
    pieces = {c: math.ceil(pop[c] / share - 1e-9) for c in range(len(names))
              if part[c] in split_parts and pop[c] > share * (1 + 1e-9)}
    hiring, hire_msgs, cut = hiring_bytes(sc, names, fl, split_parts, pieces, catch, part)
    tot_b, tot_m = totals(sc, names, fl, ranks)
    many = ranks > 1
    migrants = fl["moves"] * MIGRANT if many else 0  # upper bound: every move crosses ranks
    gini = sum(fl["households"][c] for c in pieces) * GINI_VALUE
    out_b = run["per_month_output"] if many else 0
    msgs = tot_m + (ranks - 1) + (ranks - 1 if fl["moves"] and many else 0) + hire_msgs \
        + sum(k - 1 for k in pieces.values())
    split_max = share if split_parts else whole_max
    # Upper bound: as if one rank received every byte and every message in turn.
    comm = msgs * args.latency_us * 1e-6 + \
        (migrants + hiring[1] + gini + tot_b + out_b) / (args.bandwidth_gbs * 1e9)
    return {"ranks": ranks, "lat_max": lat_load, "lat_cut": lat_cut, "whole_max": whole_max,
            "speedup": pop.sum() / whole_max, "split": [names[c] for c in pieces],
            "cut": cut, "migrants": migrants, "hiring": hiring, "gini": gini, "totals": tot_b,
            "output": out_b, "messages": msgs,
            "compute_s": (whole_max / args.throughput, split_max / args.throughput), "comm_s": comm}


def fmt(x):
    return f"{x:.3g}" if x else "0"


HEADER = ("| ranks | largest rank, latitude blocks (persons) | catchments cut by latitude blocks | "
          "largest rank, whole parts | speed-up bound, whole parts | communities split | "
          "catchments cut | migrants B | hiring B | Gini gather B | totals B | output B | messages | "
          "compute s/month, whole / split | communication s/month, bound |")


def print_table(run, fl, args):
    print(HEADER)
    print("|---" * HEADER.count(" | ") + "|---|")
    for r in args.ranks:
        x = row(run, fl, r, args)
        print(f"| {r} | {x['lat_max']:.3g} | {x['lat_cut']} | {x['whole_max']:.3g} | "
              f"{x['speedup']:.2f} | {len(x['split'])} | {x['cut']} | {fmt(x['migrants'])} | "
              f"{fmt(x['hiring'][0])}–{fmt(x['hiring'][1])} | {fmt(x['gini'])} | "
              f"{fmt(x['totals'])} | {fmt(x['output'])} | {x['messages']} | "
              f"{x['compute_s'][0]:.3g} / {x['compute_s'][1]:.3g} | {x['comm_s']:.2g} |")
        print(f"<!-- {r} ranks, communities split: {', '.join(x['split']) or 'none'} -->")


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
          f"hires (estimate) {fl['hires'].sum():.4g}/month\n")
    print_table(run, fl, args)


if __name__ == "__main__":
    main()
