"""`python -m matching.bench`: the engine at province scale, against scoring every pair.

Generates a synthetic databank, then times in one run: match_all through the index for the top k
of every vacancy; the brute-force baseline (every profile scored by the same scorer) on every
vacancy, or on a random sample extrapolated to all of them; the recall of the indexed top k
against the brute-force top k; and the peak memory of the process. The records come with their
keys, computed once as a system computes them when it stores a record (timed apart, in neither
run). Both runs need the profiles mapped and laid out, counted in both; only the indexed run
needs the inverted lists, counted in it alone.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import resource
import sys
import time
from collections.abc import Sequence

from matching import plans, reasons
from matching.engine import Engine
from matching.lexicon import load_lexicon
from matching.similarity import Similarities
from matching.stored import keyed
from matching.synthetic import Databank, make_databank


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m matching.bench", description=__doc__)
    parser.add_argument("--graduates", type=int, default=100_000, help="profiles to generate")
    parser.add_argument("--vacancies", type=int, default=5_000, help="vacancies to generate")
    parser.add_argument("--top", type=int, default=20, help="proposals per vacancy")
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="vacancies scored by brute force, a random sample whose time is "
                             "extrapolated (default 0: all of them, about a minute at the "
                             "default size)")
    parser.add_argument("--seed", type=int, default=1, help="of the synthetic databank")
    return parser.parse_args(argv)


def _forget_sentences_and_plans() -> None:
    """Empty the memos only the indexed run filled (the vacancies' field and job relations,
    the reasons' sentences), so that the baseline plans and explains as cold as it did. The
    keys and lexicon mappings stay: the build filled most of them for both runs."""
    for module in (plans, reasons):
        for value in vars(module).values():
            own = getattr(value, "__module__", None) == module.__name__
            if own and callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    # the module, not the function of the same name that the package exports
    importlib.import_module("matching.normalize")._tidy.cache_clear()


def _recall(indexed: dict, exhaustive: dict) -> float:
    """Share of the brute-force top k that the indexed run also proposes."""
    found = total = 0
    for vacancy_id, expected in exhaustive.items():
        wanted = {p.profile_id for p in expected}
        found += len(wanted & {p.profile_id for p in indexed[vacancy_id]})
        total += len(wanted)
    return found / total if total else 1.0


def run(argv: Sequence[str] | None = None) -> dict[str, float]:
    args = _arguments(argv)
    load = os.getloadavg()[0]
    lexicon = load_lexicon()
    started = time.perf_counter()
    bank = make_databank(lexicon, args.graduates, args.vacancies, args.seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    bank = Databank([keyed(p) for p in bank.profiles], [keyed(v) for v in bank.vacancies])
    stored = time.perf_counter() - started

    started = time.perf_counter()
    engine = Engine(bank.profiles, lexicon=lexicon)
    built = time.perf_counter() - started
    listed = engine.build_timings["index"]  # the inverted lists: the indexed run's alone
    built -= listed
    started = time.perf_counter()
    indexed = engine.match_all(bank.vacancies, args.top)
    matched = time.perf_counter() - started

    sample_size = args.baseline_sample
    if sample_size <= 0 or sample_size >= len(bank.vacancies):
        sample = list(bank.vacancies)
    else:
        sample = random.Random(args.seed).sample(bank.vacancies, sample_size)
    indexed_parts = dict(engine.timings)
    engine.similarities = Similarities(engine.table)  # no help from the indexed run's caches
    _forget_sentences_and_plans()
    engine.timings = dict.fromkeys(engine.timings, 0.0)
    started = time.perf_counter()
    exhaustive = engine.match_all(sample, args.top, exhaustive=True)
    brute_sample = time.perf_counter() - started
    scale = len(bank.vacancies) / max(1, len(sample))
    brute = brute_sample * scale
    brute_parts = {part: seconds * scale for part, seconds in engine.timings.items()}
    # What the indexed run would take if finding the candidates took no time at all: the
    # highest speed-up any index could give while both runs plan and explain.
    unsearched = built + matched - indexed_parts["search"]
    indexed_total = built + listed + matched

    figures = {
        "generated": generated, "stored": stored, "built": built, "listed": listed,
        "matched": matched, "indexed": indexed_total,
        "brute": built + brute, "brute_matching": brute, "sample": len(sample),
        "speedup": (built + brute) / indexed_total,
        "ceiling": (built + brute) / unsearched if unsearched else float("inf"),
        "search_speedup": (brute_parts["search"] / indexed_parts["search"]
                           if indexed_parts["search"] else float("inf")),
        **{f"indexed_{part}": seconds for part, seconds in indexed_parts.items()},
        **{f"brute_{part}": seconds for part, seconds in brute_parts.items()},
        "matching_speedup": brute / matched if matched else float("inf"),
        "recall": _recall(indexed, exhaustive),
        "pairs_scored": engine.index.scored / max(1, len(bank.vacancies)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": load,
    }
    _report(args, figures, len(bank.profiles), len(bank.vacancies))
    return figures


def _parts(f: dict[str, float], run: str) -> str:
    return " + ".join(f"{f[f'{run}_{part}']:.1f} s" for part in ("prepare", "search", "explain"))


def _report(args: argparse.Namespace, f: dict[str, float], graduates: int,
            vacancies: int) -> None:
    whole = f["sample"] == vacancies
    basis = ("all vacancies" if whole else
             f"extrapolated from {int(f['sample']):,} sampled vacancies × all {graduates:,} "
             "graduates")
    rows = [
        ("synthetic databank generated", f"{f['generated']:8.1f} s", "not part of the timings"),
        ("keys stored with the records", f"{f['stored']:8.1f} s",
         "key() of each text once, when a record is written; not part of the timings"),
        ("engine build: map the profiles", f"{f['built']:8.1f} s", "counted in both runs below"),
        (f"match_all, indexed, top {args.top}", f"{f['indexed']:8.1f} s",
         f"inverted lists {f['listed']:.1f} s, matching {f['matched']:.1f} s; "
         f"{f['pairs_scored']:,.0f} pairs scored per vacancy"),
        ("  of which planning, search, reasons", "", _parts(f, "indexed")),
        (f"match_all, brute force, top {args.top}", f"{f['brute']:8.1f} s",
         f"matching {f['brute_matching']:.1f} s; {basis}"),
        ("  of which planning, search, reasons", "", _parts(f, "brute")),
        ("speed-up", f"{f['speedup']:8.1f} ×",
         f"matching alone {f['matching_speedup']:.1f} ×; search alone {f['search_speedup']:.1f} ×"),
        ("speed-up if the search took no time", f"{f['ceiling']:8.1f} ×",
         "both runs still build, plan and explain"),
        (f"recall@{args.top} against brute force", f"{f['recall']:10.4f}",
         "all vacancies" if whole else f"on the {int(f['sample']):,} sampled vacancies"),
        ("peak memory (RSS)", f"{f['peak_mb']:8.0f} MB", ""),
    ]
    print(f"matching benchmark: {graduates:,} graduates × {vacancies:,} vacancies, "
          f"top {args.top}, seed {args.seed}, {os.cpu_count()} cores "
          f"(load average {f['load']:.1f} at the start)")
    for label, value, note in rows:
        print(f"  {label:<36}{value:>12}   {note}".rstrip())
    sys.stdout.flush()


if __name__ == "__main__":
    run()
