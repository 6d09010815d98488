"""Plain domain objects: no Qt, no peewee, no httpx."""
