#!/usr/bin/env bash
# Upgrade an installed Lentera to this checkout (as root, after `git pull` or
# unpacking the new release here):
#
#   sudo scripts/upgrade.sh                  (or: sudo make upgrade)
#
# 1. a backup of the database and uploaded files; nothing else happens if it fails
# 2. the new code and the new lock (hash-checked)
# 3. `flask --app wsgi upgrade`: migrations and translations
# 4. the service restarted (where systemd runs) and /healthz checked
# It ends with the command that restores the backup. Settings: deploy/settings.sh.
set -euo pipefail
. "$(dirname "$0")/../deploy/settings.sh"
say() { echo "==> $*"; }
flask() { lentera_as_user "$LENTERA_VENV/bin/flask" --app wsgi "$@"; }

if [ "$LENTERA_RENDER_ONLY" != 1 ] && [ "$(id -u)" -ne 0 ]; then
  echo "Run as root: sudo $0" >&2; exit 1
fi
say "1/4 backup"
backup=$(flask backup --quiet) || { echo "The backup failed: nothing was upgraded." >&2; exit 1; }
say "    $backup"
rollback_hint() {  # printed at the end, also when a later step failed
  say "To roll back to the state before this upgrade:"
  say "  sudo systemctl stop lentera.service"
  say "  cd $LENTERA_CODE && sudo -u $LENTERA_USER PORTAL_INSTANCE_PATH=$LENTERA_INSTANCE $LENTERA_VENV/bin/flask --app wsgi restore $backup"
  say "  then, from the previous release's checkout: sudo scripts/install-service.sh"
}
trap rollback_hint EXIT

say "2/4 code and dependencies"
if [ "$LENTERA_SOURCE" != "$(cd "$LENTERA_CODE" && pwd)" ]; then
  python3 "$LENTERA_SOURCE/deploy/render.py" sync "$LENTERA_SOURCE" "$LENTERA_CODE"
fi
if [ "${LENTERA_SKIP_LOCK:-0}" != 1 ]; then  # 1: the venv is already right (tests)
  "$LENTERA_VENV/bin/pip" install -q --disable-pip-version-check --require-hashes \
    -r "$LENTERA_CODE/requirements.lock"
  "$LENTERA_VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
    --no-build-isolation -e "$LENTERA_CODE"
fi
if [ -w "$LENTERA_CODE/translations" ]; then
  "$LENTERA_VENV/bin/pybabel" compile -d "$LENTERA_CODE/translations" -D "$LENTERA_DOMAINS" >/dev/null
fi

say "3/4 migrations and translations"
flask upgrade --backup-taken "$backup"

say "4/4 restart"
if lentera_has_systemd; then
  systemctl restart lentera.service
  python3 "$LENTERA_CODE/deploy/render.py" healthz "http://127.0.0.1:$LENTERA_PORT/healthz" 60
else
  say "    no systemd running here: restart the portal's server yourself, then check /healthz"
fi
say "done."
