#!/usr/bin/env bash
# Install Lentera as a service on a Debian 12/13 or Ubuntu 24.04 server (as root):
#
#   sudo scripts/install-service.sh          (or: sudo make install-service)
#
# An account `lentera` (no login, no password), /srv/lentera/{code,venv,instance}
# (instance 0700: database, uploads, backups), the locked dependencies (hash-checked),
# compiled translations and the database (init-db); systemd runs uWSGI as that
# account on 127.0.0.1:8001 and the periodic jobs from timers; nginx serves the
# public side and the static files; logrotate rotates the uWSGI log. The files come
# from the templates in deploy/. Safe to run again: what is already right is left
# alone. Settings: deploy/settings.sh. LENTERA_RENDER_ONLY=1 LENTERA_DESTDIR=DIR only
# writes the generated files under DIR (no root needed; the tests do that).
set -euo pipefail
. "$(dirname "$0")/../deploy/settings.sh"

say() { echo "==> $*"; }
changed_units=()

if [ "$LENTERA_RENDER_ONLY" != 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Run as root: sudo $0" >&2; exit 1; fi
  need=()
  command -v python3 >/dev/null || need+=(python3)
  python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
  command -v nginx >/dev/null || need+=(nginx)
  command -v logrotate >/dev/null || need+=(logrotate)
  if [ ${#need[@]} -gt 0 ]; then
    say "apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi

  if ! id -u "$LENTERA_USER" >/dev/null 2>&1; then
    say "account $LENTERA_USER"
    useradd --system --user-group --home-dir "$LENTERA_ROOT" --no-create-home \
      --shell /usr/sbin/nologin "$LENTERA_USER"
  fi
  install -d -m 0755 "$LENTERA_ROOT" "$LENTERA_CODE"
  install -d -m 0700 -o "$LENTERA_USER" -g "$LENTERA_USER" "$LENTERA_INSTANCE"
  install -d -m 0750 -o "$LENTERA_USER" -g "$LENTERA_USER" "$LENTERA_LOG_DIR"

  if [ "$LENTERA_SOURCE" != "$(cd "$LENTERA_CODE" && pwd)" ]; then
    say "code: $LENTERA_SOURCE -> $LENTERA_CODE"
    python3 "$LENTERA_SOURCE/deploy/render.py" sync "$LENTERA_SOURCE" "$LENTERA_CODE"
  fi
  [ -x "$LENTERA_VENV/bin/python" ] || { say "venv $LENTERA_VENV"; python3 -m venv "$LENTERA_VENV"; }
  say "dependencies from requirements.lock (hash-checked)"
  "$LENTERA_VENV/bin/pip" install -q --disable-pip-version-check --require-hashes \
    -r "$LENTERA_CODE/requirements.lock"
  "$LENTERA_VENV/bin/pip" install -q --disable-pip-version-check --no-deps \
    --no-build-isolation -e "$LENTERA_CODE"
  say "translations"
  "$LENTERA_VENV/bin/pybabel" compile -d "$LENTERA_CODE/translations" -D "$LENTERA_DOMAINS" >/dev/null
  say "database (init-db)"
  lentera_as_user "$LENTERA_VENV/bin/flask" --app wsgi init-db
fi

# --- the generated files --------------------------------------------------
render() {  # render TEMPLATE DEST [NAME=VALUE ...]
  local out
  out=$(python3 "$LENTERA_CODE/deploy/render.py" render "$LENTERA_CODE/deploy/$1" "$2" \
    CODE="$LENTERA_CODE" VENV="$LENTERA_VENV" INSTANCE="$LENTERA_INSTANCE" \
    LOG_DIR="$LENTERA_LOG_DIR" USER="$LENTERA_USER" PORT="$LENTERA_PORT" \
    WORKERS="$LENTERA_WORKERS" EXTRA_PATHS="$extra_paths" "${@:3}")
  echo "    $out"
  case "$out" in changed*) changed_units+=("$(basename "$2")") ;; esac
}
extra_paths=""
[ -n "$LENTERA_BACKUP_COPY_TO" ] && extra_paths="-$LENTERA_BACKUP_COPY_TO"
static=$(cd "$LENTERA_CODE" && "$LENTERA_VENV/bin/python" -c \
  'import os, portal; print(os.path.join(os.path.dirname(os.path.abspath(portal.__file__)), "static"))')

say "systemd units in $LENTERA_SYSTEMD_DIR"
render lentera.service "$LENTERA_SYSTEMD_DIR/lentera.service"
timers=()
while IFS='|' read -r job calendar words delay; do
  render lentera-job.service "$LENTERA_SYSTEMD_DIR/lentera-$job.service" JOB="$job"
  render lentera-job.timer "$LENTERA_SYSTEMD_DIR/lentera-$job.timer" JOB="$job" \
    ON_CALENDAR="$calendar" WHEN="$words" RANDOM_DELAY="$delay"
  timers+=("lentera-$job.timer")
done <<< "$LENTERA_JOBS"
say "nginx site in $LENTERA_NGINX_DIR"
render nginx-site.conf "$LENTERA_NGINX_DIR/sites-available/lentera" LISTEN="$LENTERA_LISTEN" \
  SERVER_NAME="$LENTERA_SERVER_NAME" STATIC="$static" NGINX_LOG_DIR="$LENTERA_NGINX_LOG_DIR"
mkdir -p "$LENTERA_NGINX_DIR/sites-enabled"
[ -L "$LENTERA_NGINX_DIR/sites-enabled/lentera" ] || \
  ln -sfn ../sites-available/lentera "$LENTERA_NGINX_DIR/sites-enabled/lentera"
say "logrotate in $LENTERA_LOGROTATE_DIR"
render logrotate "$LENTERA_LOGROTATE_DIR/lentera"

if [ "$LENTERA_RENDER_ONLY" = 1 ]; then
  say "render only: nothing installed, enabled or started"
  exit 0
fi

# Debian's "Welcome to nginx" site would answer instead of the portal
if [ "$(readlink "$LENTERA_NGINX_DIR/sites-enabled/default" 2>/dev/null)" = /etc/nginx/sites-available/default ]; then
  say "nginx: the default site disabled"
  rm "$LENTERA_NGINX_DIR/sites-enabled/default"
fi
nginx -t -q
if lentera_has_systemd; then
  systemctl daemon-reload
  systemctl enable --now nginx.service lentera.service "${timers[@]}" --quiet
  systemctl reload nginx.service
  case " ${changed_units[*]} " in *" lentera.service "*)
    say "restarting lentera.service"; systemctl restart lentera.service ;; esac
  python3 "$LENTERA_CODE/deploy/render.py" healthz "http://127.0.0.1:$LENTERA_PORT/healthz" 60
  say "done: the portal answers on http://127.0.0.1:$LENTERA_PORT and through nginx"
  say "HTTPS: sudo apt-get install certbot python3-certbot-nginx && sudo certbot --nginx -d $LENTERA_SERVER_NAME"
else
  say "no systemd running here: the units are written; start them on a systemd host"
fi
