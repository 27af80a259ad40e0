#!/usr/bin/env python3
"""The leave-one-out groups that scripts/train-defaults.sh trains, one line "<table> <group>..." per table.

  python3 scripts/loo_groups.py data/mix/<lang>-leave-out.json [--tables "kinds sources"] [--groups "g1 g2"]

The listing, written by scripts/build_corpora.py, maps each leave-one-out table to its groups. --tables keeps the
tables named (default: every table, in the listing's order), --groups the groups named (default: all of them).
A name that is neither a table nor a group of the listing, or a choice that leaves no group, is a usage error
(exit 64) that lists what the listing has; a listing that cannot be read exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple


class UsageError(Exception):
    pass


def choose(listing: Dict[str, List[str]], tables: Sequence[str], groups: Sequence[str]) -> List[Tuple[str, List[str]]]:
    """(table, its chosen groups) for every chosen table with at least one chosen group."""
    every_group = sorted({g for table_groups in listing.values() for g in table_groups})
    unknown_tables = [t for t in tables if t not in listing]
    if unknown_tables:
        raise UsageError(f"no table {', '.join(unknown_tables)} (tables: {' '.join(listing)})")
    unknown_groups = [g for g in groups if g not in every_group]
    if unknown_groups:
        raise UsageError(f"no group {', '.join(unknown_groups)} (groups: {' '.join(every_group)})")
    chosen = []
    for table in tables or list(listing):
        table_groups = [g for g in listing[table] if not groups or g in groups]
        if table_groups:
            chosen.append((table, table_groups))
    if not chosen:
        raise UsageError(f"no table among {' '.join(tables)} has a group among {' '.join(groups)} "
                         f"({'; '.join(f'{t}: ' + ' '.join(g) for t, g in listing.items())})")
    return chosen


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("listing", type=Path)
    parser.add_argument("--tables", default="", help="space-separated table names (default: all)")
    parser.add_argument("--groups", default="", help="space-separated group names (default: all)")
    args = parser.parse_args(argv)
    try:
        listing = json.loads(args.listing.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"loo_groups: {args.listing}: {error} (run scripts/fetch-data.sh to build it)", file=sys.stderr)
        return 1
    try:
        chosen = choose(listing, args.tables.split(), args.groups.split())
    except UsageError as error:
        print(f"loo_groups: {args.listing}: {error}", file=sys.stderr)
        return 64
    for table, groups in chosen:
        print(table, *groups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
