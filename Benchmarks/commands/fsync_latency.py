"""The physical bound: how long one fsync takes on this machine's disk (the folder given,
default /tmp), for a small file write + fsync, an fsync of its directory, and a rename with
both, as a crash-safe write of one file does. Prints medians and the implied ceiling.

Usage: python3 fsync_latency.py [DIR] [COUNT]
"""
import os
import sys
import tempfile
import time

folder = tempfile.mkdtemp(dir=sys.argv[1] if len(sys.argv) > 1 else "/tmp")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
payload = os.urandom(4096)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


file_sync, dir_sync, atomic = [], [], []
dfd = os.open(folder, os.O_RDONLY)
for i in range(count):
    path = os.path.join(folder, f"f{i}")
    start = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, payload)
    os.fsync(fd)
    os.close(fd)
    file_sync.append(time.perf_counter() - start)
    start = time.perf_counter()
    os.fsync(dfd)
    dir_sync.append(time.perf_counter() - start)
    start = time.perf_counter()
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, payload)
    os.fsync(fd)
    os.close(fd)
    os.rename(tmp, path + ".final")
    os.fsync(dfd)
    atomic.append(time.perf_counter() - start)
os.close(dfd)
for name in os.listdir(folder):
    os.unlink(os.path.join(folder, name))
os.rmdir(folder)
print(f"write 4 KB + fsync: median {median(file_sync) * 1e3:.3f} ms")
print(f"fsync of the directory: median {median(dir_sync) * 1e3:.3f} ms")
print(f"crash-safe file (write, fsync, rename, fsync dir): median {median(atomic) * 1e3:.3f} ms "
      f"-> at most {1 / median(atomic):.0f} such files per second, one after another")
