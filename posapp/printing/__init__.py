"""Printed tickets: a small ticket model, layouts, ESC/POS and PDF back ends, and a durable print queue."""

import os

import platformdirs

from posapp.paths import APP_AUTHOR, APP_NAME

# python-escpos parses its 300 KB YAML printer database at import (a third of a second) unless it finds
# a pickle of it, and by default looks for one in a new temporary folder each time: so it never finds
# it and leaves a folder behind per start. A fixed cache folder makes later starts read the pickle.
_ESCPOS_CACHE = os.path.join(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR), "escpos")
if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
    try:
        os.makedirs(_ESCPOS_CACHE, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = _ESCPOS_CACHE
    except OSError:
        pass  # a read-only home: python-escpos falls back to its temporary folder
