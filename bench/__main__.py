"""`python -m bench [AREA …] [--json]`: run benchmarks and print their figures (DESIGN §7)."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable

from sync.core import install as install_op_capture

AREAS = {
    "store": "bench.store_bench",
    "ui": "bench.ui_bench",
    "screens": "bench.screens_bench",
    "pdf": "bench.pdf_bench",
    "xlsx": "bench.xlsx_bench",
    "sync": "bench.sync_bench",
    "forget": "bench.forget_bench",
    "pg": "bench.pg_bench",
    "package": "bench.package_bench",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("areas", nargs="*", metavar="AREA", help=f"any of {', '.join(AREAS)}")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures")
    args = parser.parse_args(argv)
    unknown = [area for area in args.areas if area not in AREAS]
    if unknown:
        parser.error(f"unknown area {unknown[0]!r}: choose from {', '.join(AREAS)}")
    install_op_capture()  # the stores the benchmarks open log their changes, as in the app
    results: dict[str, dict[str, float]] = {}
    for area in args.areas or list(AREAS):
        try:
            module = importlib.import_module(AREAS[area])
        except ModuleNotFoundError as error:
            print(f"{area}: not available ({error.name})", file=sys.stderr)
            continue
        run: Callable[[], dict[str, float]] = module.run
        print(f"== {area}", file=sys.stderr)
        figures = run()
        results[area] = figures
        width = max(len(name) for name in figures)
        for name, value in figures.items():
            print(f"{area:>6}  {name:<{width}}  {value:>12.3f}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
