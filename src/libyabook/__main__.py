"""Entry point for ``python -m libyabook``."""
import sys

from .cli import main

sys.exit(main())
