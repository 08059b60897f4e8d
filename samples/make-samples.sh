#!/usr/bin/env bash
# Regenerates the sample sessions in this folder with the openssl CLI: throwaway self-signed
# certificates, a throwaway `openssl s_server` on 127.0.0.1, one `s_client -sess_out` per sample.
# The sessions hold the master keys / resumption PSKs of these throwaway connections only.
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/rsa.key" -out "$work/rsa.crt" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -days 2 \
  -keyout "$work/ec.key" -out "$work/ec.crt" 2>/dev/null

# Port 0: the kernel picks a free port and s_server prints it ("ACCEPT 127.0.0.1:<port>").
openssl s_server -accept 127.0.0.1:0 -cert "$work/rsa.crt" -key "$work/rsa.key" \
  -dcert "$work/ec.crt" -dkey "$work/ec.key" -alpn h2,http/1.1 -www >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/server.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "make-samples.sh: s_server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# connect <output.pem> <s_client options...>: one handshake; an HTTP request is sent and -ign_eof
# keeps reading until the server closes, so a TLS 1.3 NewSessionTicket arrives before -sess_out.
connect() {
  local out=$1; shift
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect "127.0.0.1:$port" \
    -servername localhost -ign_eof -sess_out "$out" "$@" >"$work/client.log" 2>&1
  grep -q '^New, TLSv1' "$work/client.log" || { echo "make-samples.sh: handshake failed for $out" >&2; cat "$work/client.log" >&2; exit 1; }
  [ -s "$out" ] || { echo "make-samples.sh: no session written to $out" >&2; exit 1; }
}

connect tls12-session-id.pem -tls1_2 -no_ticket -alpn h2 -cipher ECDHE-RSA-AES128-GCM-SHA256
connect tls12-ticket.pem -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384
connect tls13-ticket.pem -tls1_3 -alpn http/1.1
connect tls12-ecdsa.pem -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384

cat tls12-session-id.pem tls12-ticket.pem tls13-ticket.pem tls12-ecdsa.pem > all.pem
openssl sess_id -in tls12-session-id.pem -outform DER -out tls12-session-id.der
# Keep the README's example output in step with the new tls12-session-id.pem.
{
  sed '/^<!-- sess_id-text:begin -->$/q' README.md
  printf '%s\n' '```'
  openssl sess_id -in tls12-session-id.pem -text -noout
  printf '%s\n' '```'
  sed -n '/^<!-- sess_id-text:end -->$/,$p' README.md
} > "$work/README.md"
mv "$work/README.md" README.md

echo "make-samples.sh: wrote $(ls ./*.pem ./*.der | tr '\n' ' ')with $(openssl version)"
