"""Reading an eFiction 3.x archive (a MySQL dump or a live database, and its stories folder) into a
scratch SQLite copy that the importer walks story by story. See source.py."""
