"""Helpers of scripts/install-service.sh and scripts/upgrade.sh (standard library only).

  render TEMPLATE DEST NAME=VALUE …   fill @NAME@ in TEMPLATE; write DEST only when it
                                      differs; print "changed DEST" or "unchanged DEST"
  sync SOURCE TARGET                  make TARGET a copy of the checkout SOURCE (files
                                      that differ are copied, files gone are removed)
  healthz URL [SECONDS]               wait until URL answers 200
"""
import filecmp
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request

PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
# never copied from the checkout, never removed from the target
SKIP = {".git", ".venv", "instance", "__pycache__", ".pytest_cache", ".hypothesis", "build",
        "dist", "node_modules", "bench/results"}


def render(template, dest, values, mode=0o644):
    with open(template, encoding="utf-8") as fh:
        text = fh.read()
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise SystemExit(f"{template}: no value for {', '.join(missing)}")
    text = PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
    text = re.sub(r"[ \t]+\n", "\n", text)  # an empty value leaves no trailing blank
    if os.path.exists(dest):
        with open(dest, encoding="utf-8") as fh:
            if fh.read() == text:
                return False
    os.makedirs(os.path.dirname(dest) or ".", exist_ok=True)
    with open(dest + ".new", "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(dest + ".new", mode)
    os.replace(dest + ".new", dest)
    return True


def skipped(relative):
    parts = relative.split(os.sep)
    return (any(p in SKIP or p.endswith(".egg-info") for p in parts)
            or relative in SKIP or relative.endswith((".pyc", ".mo")))


def sync(source, target):
    """Copy the checkout into ``target``; return the relative paths changed."""
    changed = []
    wanted = set()
    for base, dirs, names in os.walk(source):
        rel_base = os.path.relpath(base, source)
        dirs[:] = [d for d in dirs if not skipped(os.path.normpath(os.path.join(rel_base, d)))]
        for name in names:
            rel = os.path.normpath(os.path.join(rel_base, name))
            if skipped(rel):
                continue
            wanted.add(rel)
            src, dst = os.path.join(source, rel), os.path.join(target, rel)
            if os.path.exists(dst) and filecmp.cmp(src, dst, shallow=False):
                continue
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
            changed.append(rel)
    for base, dirs, names in os.walk(target):
        rel_base = os.path.relpath(base, target)
        dirs[:] = [d for d in dirs if not skipped(os.path.normpath(os.path.join(rel_base, d)))]
        for name in names:
            rel = os.path.normpath(os.path.join(rel_base, name))
            if not skipped(rel) and rel not in wanted:
                os.remove(os.path.join(target, rel))
                changed.append(rel)
    return changed


def healthz(url, seconds=60):
    deadline = time.monotonic() + seconds
    error = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError) as exc:
            error = exc
        time.sleep(1)
    raise SystemExit(f"{url} did not answer 200 within {seconds} s: {error}")


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "render":
        values = dict(a.split("=", 1) for a in args[2:])
        changed = render(args[0], args[1], values)
        print(("changed " if changed else "unchanged ") + args[1])
    elif command == "sync":
        for rel in sync(args[0], args[1]):
            print("changed " + os.path.join(args[1], rel))
    elif command == "healthz":
        healthz(args[0], int(args[1]) if len(args) > 1 else 60)
        print("healthy " + args[0])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
