"""`python -m appbuild [--dist FOLDER] [--no-archive]`: build the app for this platform."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m appbuild", description=__doc__)
    parser.add_argument("--dist", type=Path, help="output folder (default: ./dist)")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('error: PyInstaller is not installed: pip install -e ".[package]"', file=sys.stderr)
        return 2
    from appbuild.build import build

    result = build(args.dist, archive=not args.no_archive)
    return 0 if result.executable.exists() else 1


if __name__ == "__main__":
    sys.exit(main())
