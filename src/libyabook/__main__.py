"""Entry point for ``python -m libyabook``."""

import sys

try:
    from libyabook.cli import main

    sys.exit(main())
except KeyboardInterrupt:  # Ctrl-C before main set its handlers: the same one line
    print("libyabook: error: interrupted by SIGINT; the output folder keeps the tables it had", file=sys.stderr)
    sys.exit(2)
