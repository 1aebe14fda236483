"""The default cache without Redis: files under the data folder, shared by every process on the machine.

`quire serve` runs several web processes; with a per-process (local memory) cache each counted its own
rate-limit hits, so every limit was multiplied by the number of processes. Django's file cache is shared
but its `add` and `incr` are a read followed by a write, so two processes could both start a window or
both count from the same value, and `incr` rewrote the entry with the default timeout, so a counter
outlived its window. Here both run under one lock file (fcntl, released by the system if a process
dies) and `incr` keeps the entry's expiry. Culling drops expired entries before live ones.
"""

import fcntl
import os
import pickle
import random
import tempfile
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.move import file_move_safe

LOCK_NAME = ".lock"  # not a *.djcache file, so never listed, culled or cleared as an entry


class SharedFileCache(FileBasedCache):
    @contextmanager
    def _locked(self):
        self._createdir()
        with open(os.path.join(self._dir, LOCK_NAME), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            fname = self._key_to_file(key, version)
            try:
                with open(fname, "rb") as f:
                    expiry = pickle.load(f)
                    if expiry is not None and expiry < time.time():
                        raise FileNotFoundError
                    value = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                raise ValueError(f"Key '{key}' not found") from None
            new_value = value + delta
            self._write(fname, new_value, expiry)
            return new_value

    def _write(self, fname, value, expiry):
        # As FileBasedCache.set writes, but with the expiry given: a whole new file moved into place, so a
        # reader never sees half an entry.
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                pickle.dump(expiry, f, self.pickle_protocol)
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def _cull(self):
        """Past MAX_ENTRIES, drop the expired entries first; only if still too many, a share of the rest."""
        filelist = self._list_cache_files()
        if len(filelist) < self._max_entries:
            return
        live = [fname for fname in filelist if not self._expired(fname)]
        if len(live) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()
        for fname in random.sample(live, len(live) // self._cull_frequency):
            self._delete(fname)

    def _expired(self, fname) -> bool:
        try:
            with open(fname, "rb") as f:
                return self._is_expired(f)  # deletes the file when it has expired
        except FileNotFoundError:
            return True
