"""Reading an archive converted to the Open Doors import tables (a MySQL dump) into a scratch SQLite copy that
the importer walks story by story. See source.py."""
