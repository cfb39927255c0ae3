"""Entry point for ``python -m libyabook``."""

import sys

from libyabook.cli import main

sys.exit(main())
