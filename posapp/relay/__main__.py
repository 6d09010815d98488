"""``python -m posapp.relay …``: the same as ``posapp relay …``."""

import sys

from posapp.relay.cli import main

sys.exit(main(sys.argv[1:]))
