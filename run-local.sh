#!/usr/bin/env bash
# Runs the whole system on this machine, no Docker needed: a real Kafka broker (KRaft, from Maven Central jars),
# PostgreSQL (the local server on 127.0.0.1:5432, else an embedded one), the three services and the ops console.
# Ctrl-C (or SIGTERM) stops everything this script started. The services run in the prod profile, as deployed.
# Twilio runs dry (FOLLOWUP_DRY_RUN=true) unless TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are both set.
# Keys: API_ADMIN_KEYS, API_VIEWER_KEYS, WINDOW_TRACKER_API_KEY and (without Twilio credentials) the webhook token
# TWILIO_AUTH_TOKEN, and the console's CONSOLE_API_KEY, CONSOLE_ADMIN_PASSWORD and CONSOLE_SESSION_KEY are generated once into .local/secrets.env (mode 600) and reused; any of them set in the
# environment wins. Use them in another shell with: set -a; . .local/secrets.env; set +a
# INSTANCES=2 (up to 9) starts that many of each service on the same broker and database, instance k's ports 10 x k
# above the first's (8081/8082/8083, then 8091/8092/8093, ...); logs .local/logs/<service>.log, then <service>-2.log, ...
# SERVICE_JAVA_OPTS: the services' JVM flags (default -Xmx160m -Xss512k -XX:+UseSerialGC, as ./bench.sh measures them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"
local_dir="$root/.local"
logs="$local_dir/logs"
mkdir -p "$logs"

: "${KAFKA_PORT:=9092}"
: "${INGEST_PORT:=8081}"
: "${TRACKER_PORT:=8082}"
: "${SENDER_PORT:=8083}"
: "${CONSOLE_PORT:=8080}"
: "${INSTANCES:=1}"
: "${LOCAL_DATABASE:=wawindow}"
: "${WINDOW_DURATION:=PT24H}"
: "${TWILIO_WHATSAPP_FROM:=whatsapp:+14155238886}"
: "${FOLLOWUP_CONTENT_SID:=HXb5b62575e6e4ff6129ad7c8efe1f983e}"
if [ -n "${TWILIO_ACCOUNT_SID:-}" ] && [ -n "${TWILIO_AUTH_TOKEN:-}" ]; then twilio_live=true; else twilio_live=false; fi
if $twilio_live; then twilio_mode="LIVE (account ${TWILIO_ACCOUNT_SID:0:6}...)"; else twilio_mode="DRY RUN (no Twilio credentials: FOLLOWUP_DRY_RUN=true, requests are logged, not sent)"; fi

# generated once, reused, the environment wins (see scripts/local-secrets.sh)
bash scripts/local-secrets.sh "$local_dir"
set -a
# shellcheck disable=SC1091
. "$local_dir/secrets.env"
set +a
# Without Twilio credentials the token only signs requests to ingest; it is never given to the sender then.
webhook_token="$TWILIO_AUTH_TOKEN"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped."
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

case "$INSTANCES" in [1-9]) ;; *) echo "INSTANCES must be a number from 1 to 9, was '$INSTANCES'" >&2; exit 1 ;; esac
# instance k (0 = the first) of a service listens 10 x k above its base port
port_of() { echo $(( $1 + 10 * $2 )); }
log_of() { if [ "$2" -eq 0 ]; then echo "$logs/$1.log"; else echo "$logs/$1-$(( $2 + 1 )).log"; fi; }
all_ports=("$CONSOLE_PORT")
for (( k=0; k<INSTANCES; k++ )); do
  all_ports+=("$(port_of "$INGEST_PORT" $k)" "$(port_of "$TRACKER_PORT" $k)" "$(port_of "$SENDER_PORT" $k)")
done
for port in "${all_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop what runs there or set INGEST_PORT/TRACKER_PORT/SENDER_PORT/CONSOLE_PORT" >&2; exit 1
  fi
done

started=$(date +%s)
echo "building (tests skipped)..."
./mvnw -q -DskipTests package > "$logs/build.log" 2>&1 || { tail -50 "$logs/build.log"; echo "build failed: $logs/build.log" >&2; exit 1; }

echo "starting Kafka and PostgreSQL..."
rm -f "$local_dir/infra.env"
java -cp "local-infra/target/classes:$(cat local-infra/target/local-infra.classpath)" \
  com.wawindow.infra.LocalInfra "$local_dir" "$KAFKA_PORT" "$LOCAL_DATABASE" > "$logs/infra.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  [ -f "$local_dir/infra.env" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { tail -40 "$logs/infra.log"; echo "infrastructure failed: $logs/infra.log" >&2; exit 1; }
  sleep 0.5
done
[ -f "$local_dir/infra.env" ] || { echo "infrastructure not ready after 120 s: $logs/infra.log" >&2; exit 1; }
# shellcheck disable=SC1091
. "$local_dir/infra.env"
export KAFKA_BOOTSTRAP_SERVERS QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD

start_service() { # name instance env...
  local name=$1 k=$2 port; shift 2
  case "$name" in
    ingest-service) port=$(port_of "$INGEST_PORT" "$k") ;; window-tracker) port=$(port_of "$TRACKER_PORT" "$k") ;;
    followup-sender) port=$(port_of "$SENDER_PORT" "$k") ;; *) port=$CONSOLE_PORT ;;
  esac
  env "$@" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST="${QUARKUS_HTTP_HOST:-127.0.0.1}" java ${SERVICE_JAVA_OPTS:--Xmx160m -Xss512k -XX:+UseSerialGC} -jar "$name/target/quarkus-app/quarkus-run.jar" \
    > "$(log_of "$name" "$k")" 2>&1 &
  pids+=($!)
}

# Twilio's connection overrides (URL fragment): retry a webhook on 5xx, connect failure and read timeout, not only on a
# connect failure as by default; the fragment is neither sent nor signed (ingest-service/README.md, "Twilio's retries")
twilio_overrides='#rc=5&rp=5xx,ct,rt&rt=7000&tt=15000'
public_base="${INGEST_PUBLIC_URL:-http://127.0.0.1:$INGEST_PORT}"
public_base="${public_base%%#*}"; public_base="${public_base%/}"

# the sender's own key is one of the tracker's viewer keys; the console's key is an admin key of both
for (( k=0; k<INSTANCES; k++ )); do
  start_service window-tracker $k WINDOW_DURATION="$WINDOW_DURATION" \
    API_ADMIN_KEYS="$API_ADMIN_KEYS,$CONSOLE_API_KEY" API_VIEWER_KEYS="$API_VIEWER_KEYS,$WINDOW_TRACKER_API_KEY"
done
sender_env=(TWILIO_WHATSAPP_FROM="$TWILIO_WHATSAPP_FROM" FOLLOWUP_CONTENT_SID="$FOLLOWUP_CONTENT_SID"
  API_ADMIN_KEYS="$API_ADMIN_KEYS,$CONSOLE_API_KEY" API_VIEWER_KEYS="$API_VIEWER_KEYS"
  WINDOW_TRACKER_API_KEY="$WINDOW_TRACKER_API_KEY"
  TWILIO_STATUS_CALLBACK_URL="${TWILIO_STATUS_CALLBACK_URL:-$public_base/webhooks/twilio/status$twilio_overrides}")
if $twilio_live; then
  sender_env+=(TWILIO_ACCOUNT_SID="$TWILIO_ACCOUNT_SID" TWILIO_AUTH_TOKEN="$TWILIO_AUTH_TOKEN")
else
  sender_env+=(TWILIO_ACCOUNT_SID= TWILIO_AUTH_TOKEN= FOLLOWUP_DRY_RUN=true)
fi
# a Twilio stand-in on plain http (e.g. a fake on loopback) has to be allowed explicitly, and only then
for base in "${TWILIO_API_BASE_URL:-}" "${TWILIO_CONTENT_BASE_URL:-}"; do
  case "$base" in http://*) sender_env+=(TWILIO_ALLOW_INSECURE_BASE_URL=true); break ;; esac
done
# sender k asks tracker k: every instance answers the same from the shared database
for (( k=0; k<INSTANCES; k++ )); do
  start_service followup-sender $k "${sender_env[@]}" WINDOW_TRACKER_URL="http://127.0.0.1:$(port_of "$TRACKER_PORT" $k)"
  start_service ingest-service $k TWILIO_AUTH_TOKEN="$webhook_token"
done
start_service ops-console 0 WINDOW_TRACKER_URL="http://127.0.0.1:$TRACKER_PORT" \
  FOLLOWUP_SENDER_URL="http://127.0.0.1:$SENDER_PORT" INGEST_SERVICE_URL="http://127.0.0.1:$INGEST_PORT" \
  CONSOLE_API_KEY="$CONSOLE_API_KEY" CONSOLE_ADMIN_PASSWORD="$CONSOLE_ADMIN_PASSWORD" \
  CONSOLE_SESSION_KEY="$CONSOLE_SESSION_KEY" CONSOLE_EXPIRING_SOON_LEAD="${WINDOW_EXPIRING_SOON_LEAD:-PT1H}"

echo "waiting for the services to be ready..."
entries=()
for (( k=0; k<INSTANCES; k++ )); do
  entries+=("ingest-service:$k:$(port_of "$INGEST_PORT" $k)" "window-tracker:$k:$(port_of "$TRACKER_PORT" $k)"
    "followup-sender:$k:$(port_of "$SENDER_PORT" $k)")
done
entries+=("ops-console:0:$CONSOLE_PORT")
for entry in "${entries[@]}"; do
  IFS=: read -r name k port <<< "$entry"
  log=$(log_of "$name" "$k")
  for i in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    if [ "$i" -eq 240 ]; then tail -40 "$log"; echo "$name not ready after 120 s: $log" >&2; exit 1; fi
    sleep 0.5
  done
done
further=""
for (( k=1; k<INSTANCES; k++ )); do
  further+="  instance $(( k + 1 )):      ingest http://127.0.0.1:$(port_of "$INGEST_PORT" $k), tracker http://127.0.0.1:$(port_of "$TRACKER_PORT" $k), sender http://127.0.0.1:$(port_of "$SENDER_PORT" $k)"$'\n'
done
elapsed=$(( $(date +%s) - started ))

examples=$(INGEST_URL="${INGEST_PUBLIC_URL:-http://127.0.0.1:$INGEST_PORT}" TRACKER_URL="http://127.0.0.1:$TRACKER_PORT" \
  SENDER_URL="http://127.0.0.1:$SENDER_PORT" TWILIO_AUTH_TOKEN="$webhook_token" API_VIEWER_KEYS="$API_VIEWER_KEYS" \
  TWILIO_WHATSAPP_FROM="$TWILIO_WHATSAPP_FROM" bash scripts/local-examples.sh)

cat <<EOT

All up in ${elapsed}s. ${INFRA_DESCRIPTION}
  ingest-service   http://127.0.0.1:$INGEST_PORT   (webhooks: /webhooks/twilio/whatsapp, /webhooks/twilio/status)
  window-tracker   http://127.0.0.1:$TRACKER_PORT   (GET /contacts/{contactId}/window, /contacts, /contacts/stats)
  followup-sender  http://127.0.0.1:$SENDER_PORT   (/templates, /followups, /messages, /campaigns)
  ops-console      http://127.0.0.1:$CONSOLE_PORT   (sign in as admin / $CONSOLE_ADMIN_PASSWORD)
${further}  health, metrics, OpenAPI: /q/health/ready, /q/metrics, /q/openapi, Swagger UI /q/swagger-ui on each
  Twilio: $twilio_mode; window: $WINDOW_DURATION; logs: $logs

Webhook URLs to configure at Twilio (the fragment makes Twilio retry on 5xx and timeouts):
  A message comes in: $public_base/webhooks/twilio/whatsapp$twilio_overrides
  Status callback:    $public_base/webhooks/twilio/status$twilio_overrides

Keys (from $local_dir/secrets.env unless set in the environment; in another shell: set -a; . .local/secrets.env; set +a):
  API_ADMIN_KEYS=$API_ADMIN_KEYS
  API_VIEWER_KEYS=$API_VIEWER_KEYS
  WINDOW_TRACKER_API_KEY=$WINDOW_TRACKER_API_KEY (followup-sender's key to window-tracker)
  CONSOLE_API_KEY=$CONSOLE_API_KEY (ops-console's admin key to window-tracker and followup-sender)
  TWILIO_AUTH_TOKEN (webhook token): $( $twilio_live && echo "your Twilio account's" || echo "$webhook_token")

$examples

Ctrl-C stops everything.
EOT

while :; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "a process stopped unexpectedly (pid $pid); see $logs" >&2; exit 1; fi
  done
  sleep 2
done
