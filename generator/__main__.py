"""`python -m generator`: the command line (generator/cli/)."""

import sys

from generator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
