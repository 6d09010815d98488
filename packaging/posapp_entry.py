"""PyInstaller's entry script: the frozen ``posapp`` executable is exactly the ``posapp`` command."""

import sys

from posapp.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
