#!/usr/bin/env bash
# Prints the ready-to-paste curl commands that ./run-local.sh shows once everything is up: a signed inbound WhatsApp
# webhook to ingest, and a call with an API key to each of window-tracker and followup-sender.
# Reads INGEST_URL (the base URL Twilio calls, as ingest sees it), TRACKER_URL, SENDER_URL, TWILIO_AUTH_TOKEN (the
# webhook token), API_VIEWER_KEYS (the first key is shown) and TWILIO_WHATSAPP_FROM.
# The system tests run what this prints, as printed, against running services.
set -euo pipefail
: "${INGEST_URL:?}" "${TRACKER_URL:?}" "${SENDER_URL:?}" "${TWILIO_AUTH_TOKEN:?}" "${API_VIEWER_KEYS:?}"
: "${TWILIO_WHATSAPP_FROM:=whatsapp:+14155238886}"
viewer_key=${API_VIEWER_KEYS%%,*}

url="$INGEST_URL/webhooks/twilio/whatsapp"
sid="SM$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
params=(AccountSid=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx Body=Halo From=whatsapp:+6281234567890 MessageSid="$sid"
  NumMedia=0 ProfileName=Budi To="$TWILIO_WHATSAPP_FROM" WaId=6281234567890)
# what Twilio signs: the URL, then each parameter name and its value, names sorted (the list above is sorted)
payload="$url"; for p in "${params[@]}"; do payload+="${p%%=*}${p#*=}"; done
signature=$(printf '%s' "$payload" | openssl dgst -sha1 -hmac "$TWILIO_AUTH_TOKEN" -binary | base64)
curl_args=""; for p in "${params[@]}"; do curl_args+=" --data-urlencode '$p'"; done

cat <<EOT
A signed inbound WhatsApp message (paste it in another terminal):
  curl -i -H 'X-Twilio-Signature: $signature'$curl_args \\
    '$url'
Then the window (window-tracker, a viewer key):
  curl -s -H 'Authorization: Bearer $viewer_key' '$TRACKER_URL/contacts/%2B6281234567890/window'
Follow-up counts (followup-sender, a viewer key):
  curl -s -H 'Authorization: Bearer $viewer_key' '$SENDER_URL/followups/stats'
EOT
