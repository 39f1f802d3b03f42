"""Print every speed figure with its same-run baseline and ratio.

    python bench/run.py [--quick] [--json]

Same as ``fairdesk bench``; figures live in ``fairdesk/bench/*_bench.py``.
"""

import sys

from fairdesk.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
