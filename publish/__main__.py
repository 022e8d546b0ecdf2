"""``python -m publish``: the same command line as the ``publish`` script."""

import sys

from publish.program import main

sys.exit(main())
