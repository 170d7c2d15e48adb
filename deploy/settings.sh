# Settings of scripts/install-service.sh and scripts/upgrade.sh (sourced by both).
# Each may be given in the environment: sudo LENTERA_SERVER_NAME=lentera.example.go.id make install-service
LENTERA_SOURCE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)   # this checkout
LENTERA_ROOT=${LENTERA_ROOT:-/srv/lentera}
LENTERA_CODE=${LENTERA_CODE:-$LENTERA_ROOT/code}          # the portal's code (owned by root)
LENTERA_VENV=${LENTERA_VENV:-$LENTERA_ROOT/venv}          # its Python environment (root)
LENTERA_INSTANCE=${LENTERA_INSTANCE:-$LENTERA_ROOT/instance}  # database, uploads, backups (0700)
LENTERA_LOG_DIR=${LENTERA_LOG_DIR:-/var/log/lentera}
LENTERA_USER=${LENTERA_USER:-lentera}                     # the unprivileged account serving it
LENTERA_PORT=${LENTERA_PORT:-8001}                        # uWSGI, on 127.0.0.1 only
LENTERA_WORKERS=${LENTERA_WORKERS:-2}
LENTERA_LISTEN=${LENTERA_LISTEN:-80}                      # nginx
LENTERA_SERVER_NAME=${LENTERA_SERVER_NAME:-_}             # the portal's host name, for nginx and certbot
LENTERA_BACKUP_COPY_TO=${LENTERA_BACKUP_COPY_TO:-}        # BACKUP_COPY_TO: the jobs may write there
# Where the system files go: a prefix (a test's folder) and "render only" (no root, no
# systemd: the files are written, nothing is installed, enabled or started).
LENTERA_DESTDIR=${LENTERA_DESTDIR:-}
LENTERA_RENDER_ONLY=${LENTERA_RENDER_ONLY:-0}
# upgrade.sh: LENTERA_SKIP_LOCK=1 leaves the venv as it is (the tests share theirs)
LENTERA_SYSTEMD_DIR=$LENTERA_DESTDIR${LENTERA_SYSTEMD_UNITS:-/etc/systemd/system}
LENTERA_NGINX_DIR=$LENTERA_DESTDIR${LENTERA_NGINX_CONF:-/etc/nginx}
LENTERA_NGINX_LOG_DIR=${LENTERA_NGINX_LOG_DIR:-/var/log/nginx}
LENTERA_LOGROTATE_DIR=$LENTERA_DESTDIR/etc/logrotate.d
LENTERA_DOMAINS="messages admin wtforms"

# The periodic jobs: name|systemd OnCalendar|in words|random delay
LENTERA_JOBS="send-mail|minutely|every minute|0
remind-events|*-*-* *:05:00|hourly|60
close-complaints|*-*-* 01:30:00|daily|600
backup|*-*-* 02:15:00|daily|600
clean-held-uploads|*-*-* *:45:00|hourly|60"

lentera_as_user() {  # run a command as the portal's account, in its code folder
  if [ "$(id -u)" -eq 0 ] && [ "$LENTERA_RENDER_ONLY" != 1 ]; then
    (cd "$LENTERA_CODE" && runuser -u "$LENTERA_USER" -- env PORTAL_INSTANCE_PATH="$LENTERA_INSTANCE" "$@")
  else
    (cd "$LENTERA_CODE" && env PORTAL_INSTANCE_PATH="$LENTERA_INSTANCE" "$@")
  fi
}

lentera_has_systemd() { [ -d /run/systemd/system ] && [ "$LENTERA_RENDER_ONLY" != 1 ]; }
