"""SQLite storage through sqlite-utils: connection, numbered migrations, one repository per aggregate."""
