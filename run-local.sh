#!/usr/bin/env bash
# Runs the whole system on this machine, no Docker needed: a real Kafka broker (KRaft, from Maven Central jars),
# PostgreSQL (the local server on 127.0.0.1:5432, else an embedded one), and the three services.
# Ctrl-C (or SIGTERM) stops everything this script started. Twilio runs dry unless TWILIO_ACCOUNT_SID and
# TWILIO_AUTH_TOKEN are both set.
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
: "${LOCAL_DATABASE:=wawindow}"
: "${WINDOW_DURATION:=PT24H}"
: "${TWILIO_WHATSAPP_FROM:=whatsapp:+14155238886}"
: "${FOLLOWUP_CONTENT_SID:=HXb5b62575e6e4ff6129ad7c8efe1f983e}"
# The webhook token only signs requests to ingest here; it is never given to the sender unless you set it.
webhook_token="${TWILIO_AUTH_TOKEN:-local-dev-webhook-token}"
if [ -n "${TWILIO_ACCOUNT_SID:-}" ] && [ -n "${TWILIO_AUTH_TOKEN:-}" ]; then twilio_mode="LIVE (account ${TWILIO_ACCOUNT_SID:0:6}...)"; else twilio_mode="DRY RUN (no Twilio credentials: requests are logged, not sent)"; fi

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

for port in "$INGEST_PORT" "$TRACKER_PORT" "$SENDER_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop what runs there or set INGEST_PORT/TRACKER_PORT/SENDER_PORT" >&2; exit 1
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

start_service() { # name port env...
  local name=$1 port=$2; shift 2
  env "$@" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST="${QUARKUS_HTTP_HOST:-127.0.0.1}" java ${SERVICE_JAVA_OPTS:--Xmx384m} -jar "$name/target/quarkus-app/quarkus-run.jar" \
    > "$logs/$name.log" 2>&1 &
  pids+=($!)
}

start_service window-tracker "$TRACKER_PORT" WINDOW_DURATION="$WINDOW_DURATION"
sender_env=(TWILIO_WHATSAPP_FROM="$TWILIO_WHATSAPP_FROM" FOLLOWUP_CONTENT_SID="$FOLLOWUP_CONTENT_SID"
  WINDOW_TRACKER_URL="http://127.0.0.1:$TRACKER_PORT"
  TWILIO_STATUS_CALLBACK_URL="${TWILIO_STATUS_CALLBACK_URL:-${INGEST_PUBLIC_URL:-http://127.0.0.1:$INGEST_PORT}/webhooks/twilio/status}")
if [ -n "${TWILIO_ACCOUNT_SID:-}" ] && [ -n "${TWILIO_AUTH_TOKEN:-}" ]; then
  sender_env+=(TWILIO_ACCOUNT_SID="$TWILIO_ACCOUNT_SID" TWILIO_AUTH_TOKEN="$TWILIO_AUTH_TOKEN")
else
  sender_env+=(TWILIO_ACCOUNT_SID= TWILIO_AUTH_TOKEN=)
fi
start_service followup-sender "$SENDER_PORT" "${sender_env[@]}"
start_service ingest-service "$INGEST_PORT" TWILIO_AUTH_TOKEN="$webhook_token"

echo "waiting for the services to be ready..."
for entry in "ingest-service:$INGEST_PORT" "window-tracker:$TRACKER_PORT" "followup-sender:$SENDER_PORT"; do
  name=${entry%%:*}; port=${entry##*:}
  for i in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    if [ "$i" -eq 240 ]; then tail -40 "$logs/$name.log"; echo "$name not ready after 120 s: $logs/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
done
elapsed=$(( $(date +%s) - started ))

url="${INGEST_PUBLIC_URL:-http://127.0.0.1:$INGEST_PORT}/webhooks/twilio/whatsapp"
sid="SM$(date +%s)0000000000000000000000"
sid="${sid:0:34}"
params=(AccountSid=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx Body=Halo From=whatsapp:+6281234567890 MessageSid="$sid"
  NumMedia=0 ProfileName=Budi To="$TWILIO_WHATSAPP_FROM" WaId=6281234567890)
payload="$url"; for p in "${params[@]}"; do payload+="${p%%=*}${p#*=}"; done
signature=$(printf '%s' "$payload" | openssl dgst -sha1 -hmac "$webhook_token" -binary | base64)
curl_args=""; for p in "${params[@]}"; do curl_args+=" --data-urlencode '$p'"; done

cat <<EOT

All up in ${elapsed}s. ${INFRA_DESCRIPTION}
  ingest-service   http://127.0.0.1:$INGEST_PORT   (webhooks: /webhooks/twilio/whatsapp, /webhooks/twilio/status)
  window-tracker   http://127.0.0.1:$TRACKER_PORT   (GET /contacts/{contactId}/window, /contacts, /contacts/stats)
  followup-sender  http://127.0.0.1:$SENDER_PORT   (/templates, /followups, /messages, /campaigns)
  health, metrics, OpenAPI: /q/health/ready, /q/metrics, /q/openapi on each
  Twilio: $twilio_mode; window: $WINDOW_DURATION; logs: $logs

A signed inbound WhatsApp message (paste it in another terminal):
  curl -i -H 'X-Twilio-Signature: $signature'$curl_args \\
    '$url'
Then the window:
  curl -s http://127.0.0.1:$TRACKER_PORT/contacts/%2B6281234567890/window

Ctrl-C stops everything.
EOT

while :; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "a process stopped unexpectedly (pid $pid); see $logs" >&2; exit 1; fi
  done
  sleep 2
done
