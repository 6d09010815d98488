"""The local cache: every order and event in SQLite (peewee), so nothing is lost across restarts."""
