#!/usr/bin/env bash
# Starts local PostgreSQL and Redis when they are installed but not answering.
# Used by `pnpm start` and CI; people with Docker can use infra/compose.yaml instead.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  else
    echo "PostgreSQL is not reachable at 127.0.0.1:5432 and not installed here (try: docker compose -f infra/compose.yaml up -d)" >&2
  fi
fi
if ! redis_up; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "starting Redis…"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  else
    echo "Redis is not reachable at 127.0.0.1:6379 and not installed here (try: docker compose -f infra/compose.yaml up -d)" >&2
  fi
fi
for _ in $(seq 1 30); do
  if pg_up && redis_up; then echo "PostgreSQL and Redis are up"; exit 0; fi
  sleep 1
done
pg_up || echo "PostgreSQL still down" >&2
redis_up || echo "Redis still down" >&2
exit 1
