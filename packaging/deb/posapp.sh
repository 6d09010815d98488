#!/bin/sh
# /usr/bin/posapp: the PyInstaller folder lives in /opt/posapp; run it under its own name.
exec /opt/posapp/posapp "$@"
