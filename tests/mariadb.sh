#!/usr/bin/env bash
# tests/mariadb.sh start|stop|spec - a throw-away MariaDB server for the
# store tests: data directory under /tmp, listening on 127.0.0.1 only
# (not "localhost", which libmariadb takes to mean the Unix socket), a
# large max_allowed_packet (Redland's mysql module sends a transaction's
# inserts at commit), stopped by its PID.  Run as root (it starts mariadbd
# as the mysql user).  Needs mariadb-server and librdf-storage-mysql.
set -euo pipefail
DIR=${RK_MY_DIR:-/tmp/reviewkg-mariadb}
PORT=${RK_MY_PORT:-53307}
DB=kg USER_=kg PASS=kgpass
SOCK=$DIR/mysqld.sock

spec() { echo "mysql:host=127.0.0.1,port=$PORT,database=$DB,user=$USER_,password=$PASS"; }

start() {
  mkdir -p "$DIR"
  chown mysql:mysql "$DIR"
  if [ ! -d "$DIR/data/mysql" ]; then
    mariadb-install-db --no-defaults --user=mysql --datadir="$DIR/data" \
      --auth-root-authentication-method=socket --skip-test-db >"$DIR/install.log" 2>&1
  fi
  if ! { [ -f "$DIR/mysqld.pid" ] && kill -0 "$(cat "$DIR/mysqld.pid")" 2>/dev/null; }; then
    nohup mariadbd --no-defaults --user=mysql --datadir="$DIR/data" \
      --bind-address=127.0.0.1 --port="$PORT" --socket="$SOCK" \
      --pid-file="$DIR/mysqld.pid" --log-error="$DIR/error.log" \
      --skip-name-resolve --innodb-buffer-pool-size=128M --max-allowed-packet=1G \
      --innodb-flush-log-at-trx-commit=2 >/dev/null 2>&1 &
    for _ in $(seq 1 60); do
      mariadb --no-defaults -S "$SOCK" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  mariadb --no-defaults -S "$SOCK" -u root <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$USER_'@'127.0.0.1' IDENTIFIED BY '$PASS';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$USER_'@'127.0.0.1';
SQL
  echo "mariadb: pid $(cat "$DIR/mysqld.pid") on 127.0.0.1:$PORT; store spec: $(spec)" >&2
}

stop() {
  [ -f "$DIR/mysqld.pid" ] || return 0
  local pid
  pid=$(cat "$DIR/mysqld.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  spec) spec ;;
  *) echo "usage: $0 start|stop|spec" >&2; exit 2 ;;
esac
