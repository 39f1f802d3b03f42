"""The frozen app's entry point: the same ``fairdesk`` command (tools/fairdesk.spec)."""

import multiprocessing
import sys

from fairdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
